package dev.exposure.connector.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MdeDeltaAndFileExportTest {
    static SimulatedMdeTenant t;
    static String token;
    final SimClient client = new SimClient();

    @BeforeAll
    static void start() {
        t = SimulatedMdeTenant.builder().seed(21).machines(100).vulnerabilitiesPerMachine(103).changeShare(0.07)
                .duplicateShare(0.02).filePartRows(2_500).sasValidity(Duration.ofMinutes(10)).build().start();
        token = new SimClient().mdeToken(t);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private String deltaUrl(Instant since, int pageSize) {
        return t.baseUrl() + "/api/machines/SoftwareVulnerabilityChangesByMachine?sinceTime=" + SimClient.enc(since.toString())
                + "&pageSize=" + pageSize;
    }

    @Test
    void shouldServeDeltaRowsWithExactCountsPerStatus() {
        Map<SimulatedMdeTenant.DeltaStatus, Long> counts = new EnumMap<>(SimulatedMdeTenant.DeltaStatus.class);
        Set<String> current = new HashSet<>();
        client.walk(t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesByMachine", token,
                r -> current.add(MdeFindingsTest.identity(r)));
        int pages = client.walk(deltaUrl(Instant.now().minus(Duration.ofDays(3)), 150), token, r -> {
            SimulatedMdeTenant.DeltaStatus s = SimulatedMdeTenant.DeltaStatus.valueOf(((String) r.get("status"))
                    .toUpperCase());
            counts.merge(s, 1L, Long::sum);
            assertThat(current.contains(MdeFindingsTest.identity(r))).isEqualTo(s != SimulatedMdeTenant.DeltaStatus.FIXED);
            assertThat((String) r.get("eventTimestamp")).matches("\\d{4}-\\d\\d-\\d\\d (00|06|12|18):00:00");
        });
        assertThat(t.expectedDeltaRows()).isEqualTo(721);
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(t.expectedDeltaRows());
        for (SimulatedMdeTenant.DeltaStatus s : SimulatedMdeTenant.DeltaStatus.values()) {
            assertThat(counts.get(s)).as(s.name()).isEqualTo(t.expectedDeltaRows(s)).isPositive();
        }
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void shouldRefuseDeltaSinceTimeOlderThan14DaysOrMissing() {
        HttpResponse<String> old = client.get(deltaUrl(Instant.now().minus(Duration.ofDays(15)), 100), token);
        assertThat(old.statusCode()).isEqualTo(400);
        assertThat(old.body()).contains("14 days");
        assertThat(client.get(t.baseUrl() + "/api/machines/SoftwareVulnerabilityChangesByMachine", token).body())
                .contains("MissingRequiredParameter");
        assertThat(client.mdePage(deltaUrl(Instant.now().plus(Duration.ofDays(1)), 100), token).rows).isEmpty();
    }

    @Test
    void shouldServeFileExportAsGzipJsonLinesWithPascalCaseKeys() throws IOException {
        HttpResponse<String> r = client.get(t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesExport", token);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> files = exportFiles(r.body());
        assertThat(files).hasSize(t.expectedExportFiles()).hasSize(5);
        assertThat(r.body()).contains("\"generatedTime\":\"" + t.snapshotTime());
        long lines = 0;
        Set<String> identities = new HashSet<>();
        for (String f : files) {
            assertThat(f).startsWith(t.baseUrl() + "/tvm-export/").contains("sig=", "se=");
            HttpResponse<InputStream> blob = client.getStream(f, null);
            assertThat(blob.statusCode()).isEqualTo(200);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(blob.body()),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines++;
                    try (JsonParser p = SimClient.JSON.createParser(line)) {
                        p.nextToken();
                        Map<String, Object> row = SimClient.readObject(p);
                        assertThat(row).containsKeys("DeviceId", "CveId", "OSPlatform", "SoftwareVendor", "IsOnboarded")
                                .doesNotContainKeys("deviceId", "Id");
                        identities.add(row.get("DeviceId") + "|" + row.get("SoftwareVendor") + "|" + row.get("SoftwareName")
                                + "|" + row.get("SoftwareVersion") + "|" + row.get("CveId"));
                    }
                }
            }
        }
        assertThat(lines).isEqualTo(t.expectedRawFindingRows());
        assertThat((long) identities.size()).isEqualTo(t.expectedDistinctFindings());
        assertThat(t.stats().requests()).filteredOn(q -> q.endpoint() == Endpoint.BLOB)
                .noneMatch(SimClient_noAuth -> SimClient_noAuth.authorization());
    }

    @Test
    void shouldAnswerAzureStorage403OnceTheSasLinkExpiredOrWasTampered() {
        List<String> files = exportFiles(client.get(t.baseUrl() + "/api/machines/SoftwareVulnerabilitiesExport", token)
                .body());
        t.advanceClock(Duration.ofMinutes(11));
        try {
            HttpResponse<String> r = client.get(files.get(0), null);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("<Code>AuthenticationFailed</Code>", "Signature not valid in the specified time frame");
            assertThat(r.headers().firstValue("x-ms-error-code")).hasValue("AuthenticationFailed");
        } finally {
            t.advanceClock(Duration.ofMinutes(-11));
        }
        HttpResponse<String> tampered = client.get(files.get(0).replace("sig=", "sig=x"), null);
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("Signature did not match");
    }

    static List<String> exportFiles(String body) {
        List<String> l = new ArrayList<>();
        try (JsonParser p = SimClient.JSON.createParser(body)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "exportFiles".equals(p.currentName())) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        l.add(p.getText());
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return l;
    }
}
