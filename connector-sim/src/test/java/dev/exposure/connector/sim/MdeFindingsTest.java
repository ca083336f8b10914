package dev.exposure.connector.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MdeFindingsTest {
    final SimClient client = new SimClient();

    static String identity(Map<String, Object> r) {
        return r.get("deviceId") + "|" + r.get("softwareVendor") + "|" + r.get("softwareName") + "|"
                + r.get("softwareVersion") + "|" + r.get("cveId");
    }

    @ParameterizedTest(name = "{0} machines x {1}, pageSize {2}, duplicates {3}")
    @CsvSource({"50, 40, 700, 0.01", "37, 13, 100, 0.05", "120, 100, 5000, 0.0", "10, 10, 200000, 0.2"})
    void shouldServeExactlyTheExpectedRawAndDistinctRowsAcrossPages(int machines, int perMachine, int pageSize,
            double dups) {
        try (SimulatedMdeTenant t = SimulatedMdeTenant.builder().seed(machines).machines(machines)
                .vulnerabilitiesPerMachine(perMachine).duplicateShare(dups).build().start()) {
            String token = client.mdeToken(t);
            Set<String> identities = new HashSet<>();
            Set<Object> ids = new HashSet<>();
            Map<String, Long> bySeverity = new HashMap<>();
            long[] raw = {0};
            int pages = client.walk(t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=" + pageSize,
                    token, r -> {
                        raw[0]++;
                        if (identities.add(identity(r))) {
                            Object sev = r.get("vulnerabilitySeverityLevel");
                            bySeverity.merge(sev == null ? "None" : capitalize((String) sev), 1L, Long::sum);
                        }
                        ids.add(r.get("id"));
                    });
            assertThat(raw[0]).isEqualTo(t.expectedRawFindingRows());
            assertThat((long) identities.size()).isEqualTo(t.expectedDistinctFindings()).isEqualTo(
                    (long) machines * perMachine);
            assertThat(ids).hasSameSizeAs(identities);
            assertThat(raw[0] - identities.size()).isEqualTo(t.expectedDuplicateRows());
            assertThat(pages).isEqualTo(t.expectedFindingPages(pageSize));
            assertThat(bySeverity).isEqualTo(t.expectedDistinctFindingsBySeverity().entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        }
    }

    private static String capitalize(String s) {
        return s.substring(0, 1).toUpperCase() + s.substring(1).toLowerCase();
    }

    @Test
    void shouldPlaceDuplicatesBothWithinAndAcrossPages() {
        try (SimulatedMdeTenant t = SimulatedMdeTenant.builder().seed(5).machines(200).vulnerabilitiesPerMachine(50)
                .duplicateShare(0.05).build().start()) {
            String token = client.mdeToken(t);
            Map<String, Integer> pageOf = new HashMap<>();
            int within = 0;
            int across = 0;
            String url = t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=2000";
            for (int page = 0; url != null; page++) {
                SimClient.Page p = client.mdePage(url, token);
                for (Map<String, Object> r : p.rows) {
                    Integer seen = pageOf.putIfAbsent(identity(r), page);
                    if (seen != null) {
                        if (seen == page) {
                            within++;
                        } else {
                            across++;
                        }
                    }
                }
                url = p.next;
            }
            assertThat(within + across).isEqualTo(t.expectedDuplicateRows()).isEqualTo(500);
            assertThat(within).isPositive();
            assertThat(across).isPositive();
        }
    }

    @Test
    void shouldWriteLowerCasePagesizeOpaqueSkiptokenZonelessTimestampsAndNonCveIds() {
        try (SimulatedMdeTenant t = SimulatedMdeTenant.builder().seed(8).machines(30).vulnerabilitiesPerMachine(100)
                .nonCveShare(0.1).inventoryRowShare(0.05).build().start()) {
            String token = client.mdeToken(t);
            SimClient.Page p = client.mdePage(t.baseUrl()
                    + "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=1000", token);
            assertThat(p.next).startsWith(t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine?pagesize=1000&$skiptoken=ey");
            assertThat(p.top.get("@odata.context")).asString().endsWith(
                    "$metadata#Collection(microsoft.windowsDefenderATP.api.AssetVulnerability)");
            assertThat(p.rows).allSatisfy(r -> {
                assertThat((String) r.get("lastSeenTimestamp")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,7})?");
                assertThat((String) r.get("firstSeenTimestamp")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,7})?");
            });
            assertThat(p.rows).extracting(r -> (String) r.get("lastSeenTimestamp")).anyMatch(s -> !s.contains("."))
                    .anyMatch(s -> s.matches(".*\\.\\d{7}"));
            assertThat(p.rows).extracting(r -> (String) r.get("cveId")).anyMatch(s -> s != null && s.startsWith("TVM-"))
                    .anyMatch(s -> s != null && s.startsWith("CVE-")).containsNull();
            long nonCve = 0;
            long inventory = 0;
            for (String url = t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine"; url != null; ) {
                SimClient.Page q = client.mdePage(url, token);
                Set<String> seen = new HashSet<>();
                for (Map<String, Object> r : q.rows) {
                    if (!seen.add(identity(r))) {
                        continue;
                    }
                    String cve = (String) r.get("cveId");
                    nonCve += cve != null && cve.startsWith("TVM-") ? 1 : 0;
                    inventory += cve == null ? 1 : 0;
                }
                url = q.next;
            }
            assertThat(nonCve).isEqualTo(t.expectedNonCveFindings()).isPositive();
            assertThat(inventory).isEqualTo(t.expectedInventoryRows()).isPositive();
        }
    }

    @Test
    void shouldHonourTopWithoutNextLinkAndRefuseOversizedPages() {
        try (SimulatedMdeTenant t = SimulatedMdeTenant.builder().machines(20).vulnerabilitiesPerMachine(20).build()
                .start()) {
            String token = client.mdeToken(t);
            SimClient.Page p = client.mdePage(t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine?$top=7", token);
            assertThat(p.rows).hasSize(7);
            assertThat(p.next).isNull();
            assertThat(client.get(t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=200001", token)
                    .body()).contains("\"code\":\"InvalidInput\"", "200000");
            assertThat(client.get(t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine?$skiptoken=garbage",
                    token).statusCode()).isEqualTo(400);
            assertThat(client.mdePage(t.baseUrl() + "/api/v1.0/machines/SoftwareVulnerabilitiesByMachine", token).rows)
                    .hasSize((int) t.expectedRawFindingRows());
        }
    }

    @Test
    void shouldGenerateTheSameBytesForTheSameSeed() {
        try (SimulatedMdeTenant a = SimulatedMdeTenant.builder().seed(42).machines(5).snapshotTime(
                java.time.Instant.parse("2026-11-22T12:00:00Z")).build().start();
             SimulatedMdeTenant b = SimulatedMdeTenant.builder().seed(42).machines(5).snapshotTime(
                java.time.Instant.parse("2026-11-22T12:00:00Z")).build().start()) {
            List<Map<String, Object>> ra = client.mdePage(a.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine",
                    client.mdeToken(a)).rows;
            List<Map<String, Object>> rb = client.mdePage(b.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine",
                    client.mdeToken(b)).rows;
            assertThat(ra).isEqualTo(rb).isNotEmpty();
        }
    }
}
