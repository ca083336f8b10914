package dev.exposure.connector.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.exposure.connector.DataException;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.model.FindingType;
import dev.exposure.connector.model.QdsSource;
import java.net.IDN;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TransformerTest {
    private final Transformer mde = Fixtures.transformer(ErrorPolicy.FAIL);

    /** A finding map with the required rules plus {@code extra}. */
    private static Transformer findingsWith(TransformRule... extra) {
        TransformMap.Builder b = TransformMap.builder().name("test").version("1").target(TargetKind.FINDING)
                .addRule(TransformRule.of("externalFindingId", "id"))
                .addRule(TransformRule.of("externalAssetId", "asset"))
                .addRule(TransformRule.constant("vendorProductName", "Test"));
        for (TransformRule r : extra) {
            b.addRule(r);
        }
        return Transformer.builder().findingMap(b.build()).severityMapping(RiskSeverityMapping.mdeDefault())
                .clock(Fixtures.CLOCK).build();
    }

    private static SourceRecord record(Object... keyValues) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", "f-1");
        a.put("asset", "a-1");
        for (int i = 0; i < keyValues.length; i += 2) {
            a.put((String) keyValues[i], keyValues[i + 1]);
        }
        return SourceRecord.of(SourceRecord.Kind.FINDING, "test", "f-1", a);
    }

    @Test
    void shouldMapARealisticMdeVulnerabilityRow() {
        Finding f = mde.toFinding(Fixtures.mdeFinding());

        assertThat(f.externalFindingId()).startsWith("4a1e2b3c").endsWith("_CVE-2024-0519");
        assertThat(f.externalAssetId()).isEqualTo("4a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c");
        assertThat(f.vendorProductName()).isEqualTo("Defender");
        assertThat(f.findingType()).isEqualTo(FindingType.VULNERABILITY);
        assertThat(f.cveIds()).containsExactly("CVE-2024-0519");
        assertThat(f.severity()).isEqualTo(4);
        assertThat(f.vendorSeverity()).contains("high");
        assertThat(f.cvssScore()).contains(8.8);
        assertThat(f.qds()).isEqualTo(88);
        assertThat(f.qdsSource()).isEqualTo(QdsSource.CVE_DATA);
        assertThat(f.findingStatus()).isEqualTo(FindingStatus.OPEN);
        assertThat(f.vendorStatus()).isEmpty();
        assertThat(f.firstFoundOn()).contains(Instant.parse("2024-01-17T08:12:44Z"));
        assertThat(f.lastFoundOn()).contains(Instant.parse("2024-02-01T06:00:00.1234567Z"));
        assertThat(f.updatedOn()).isEmpty();
        assertThat(f.fixingKbId()).isEmpty();
        assertThat(f.recommendation()).contains("Microsoft Edge 120.0.2210.133");
        assertThat(f.exploitability()).contains("ExploitIsVerified");
        assertThat(f.productVendor()).contains("microsoft");
        assertThat(f.productName()).contains("edge_chromium-based");
        assertThat(f.productVersion()).contains("120.0.2210.91");
        assertThat(f.attributes()).containsEntry("deviceName", "fin-lt-0042.corp.example")
                .containsEntry("osPlatform", "Windows11")
                .containsEntry("diskPaths", "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe")
                .doesNotContainKey("rbacGroupId");
    }

    @Test
    void shouldScoreNonCveIdsAndCvesWithoutCvssFromTheSeverityMapping() {
        Finding tvm = mde.toFinding(Fixtures.mdeFinding(a -> a.put("cveId", "TVM-2020-0002")));
        assertThat(tvm.cveIds()).isEmpty();
        assertThat(tvm.findingName()).contains("TVM-2020-0002");
        assertThat(tvm.qdsSource()).isEqualTo(QdsSource.SEVERITY_MAPPING);
        assertThat(tvm.qds()).isEqualTo(80);

        Finding noCvss = mde.toFinding(Fixtures.mdeFinding(a -> a.put("cvssScore", null)));
        assertThat(noCvss.cveIds()).containsExactly("CVE-2024-0519");
        assertThat(noCvss.qdsSource()).isEqualTo(QdsSource.SEVERITY_MAPPING);
        assertThat(noCvss.qds()).isEqualTo(80);

        Finding cvssAsText = mde.toFinding(Fixtures.mdeFinding(a -> a.put("cvssScore", "9.84")));
        assertThat(cvssAsText.qds()).isEqualTo(98);
    }

    @Test
    void shouldUseTheDefaultSeverityForAbsentOrUnknownValuesAndKeepTheRawValue() {
        Finding absent = mde.toFinding(Fixtures.mdeFinding(a -> {
            a.remove("vulnerabilitySeverityLevel");
            a.put("cveId", null);
        }));
        assertThat(absent.severity()).isEqualTo(3);
        assertThat(absent.qds()).isEqualTo(55);
        assertThat(absent.vendorSeverity()).isEmpty();
        assertThat(absent.findingName()).contains("Edge_Chromium-Based");

        Finding unknown = mde.toFinding(Fixtures.mdeFinding(a -> a.put("vulnerabilitySeverityLevel", " Severe ")));
        assertThat(unknown.severity()).isEqualTo(3);
        assertThat(unknown.vendorSeverity()).contains("Severe");

        Finding crit = mde.toFinding(Fixtures.mdeFinding(a -> a.put("vulnerabilitySeverityLevel", "CRITICAL")));
        assertThat(crit.severity()).isEqualTo(5);
    }

    @Test
    void shouldMapDeltaStatusesThroughTheValueTable() {
        assertThat(mde.toFinding(Fixtures.mdeFinding(a -> a.put("status", "Fixed"))).findingStatus())
                .isEqualTo(FindingStatus.RESOLVED);
        assertThat(mde.toFinding(Fixtures.mdeFinding(a -> a.put("status", "new"))).findingStatus())
                .isEqualTo(FindingStatus.OPEN);
        Finding updated = mde.toFinding(Fixtures.mdeFinding(a -> {
            a.put("status", "Updated");
            a.put("eventTimestamp", "2025-10-06 12:00:00");
        }));
        assertThat(updated.findingStatus()).isEqualTo(FindingStatus.ACTIVE);
        assertThat(updated.vendorStatus()).contains("Updated");
        assertThat(updated.updatedOn()).contains(Instant.parse("2025-10-06T12:00:00Z"));
        assertThat(mde.toFinding(Fixtures.mdeFinding(a -> a.put("status", "Reopened"))).findingStatus())
                .isEqualTo(FindingStatus.UNKNOWN);
    }

    @Test
    void shouldReadPascalCaseKeysOfTheFileExport() {
        Map<String, Object> pascal = new LinkedHashMap<>();
        Fixtures.mdeFinding().attributes().forEach((k, v) ->
                pascal.put(Character.toUpperCase(k.charAt(0)) + k.substring(1), v));
        Finding f = mde.toFinding(SourceRecord.of(SourceRecord.Kind.FINDING, "vulnerability", "x", pascal));
        assertThat(f).isEqualTo(mde.toFinding(Fixtures.mdeFinding()));
    }

    @Test
    void shouldNameTheRecordAndRuleWhenAValueIsMalformed() {
        SourceRecord bad = Fixtures.mdeFinding(a -> a.put("firstSeenTimestamp", "17/01/2024 08:12"));
        assertThatExceptionOfType(RecordTransformException.class)
                .isThrownBy(() -> mde.toFinding(bad))
                .isInstanceOf(DataException.class)
                .satisfies(e -> {
                    assertThat(e.recordId()).isEqualTo(bad.sourceId());
                    assertThat(e.mapName()).isEqualTo("MDE V2 Vulnerability Transformation Map");
                    assertThat(e.rule()).contains("findingFirstFoundOn <- firstSeenTimestamp + timestamp");
                    assertThat(e.problem()).contains("not a timestamp: '17/01/2024 08:12'");
                    assertThat(e.source()).contains("record " + bad.sourceId());
                });
    }

    @Test
    void shouldNameTheRuleOfAMissingRequiredTarget() {
        assertThatExceptionOfType(RecordTransformException.class)
                .isThrownBy(() -> mde.toFinding(Fixtures.mdeFinding(a -> a.put("deviceId", "  "))))
                .satisfies(e -> {
                    assertThat(e.rule()).contains("externalAssetId <- deviceId");
                    assertThat(e.problem()).contains("required target 'externalAssetId'");
                });
    }

    @Test
    void shouldMapAnMdcAssessment() {
        Transformer mdc = Transformer.builder().findingMap(TransformMapTest.load("mdc-assessment-map.json"))
                .severityMapping(RiskSeverityMapping.mdcDefault()).clock(Fixtures.CLOCK).build();
        Finding f = mdc.toFinding(Fixtures.mdcFinding(a -> { }));
        assertThat(f.externalFindingId()).isEqualTo(f.externalFindingId().toLowerCase()).contains("/assessments/d1db3318");
        assertThat(f.externalAssetId())
                .isEqualTo("/subscriptions/54505ff6-e254-4e01-a964-d0ce78bf87a9/resourcegroups/rg-web/providers/microsoft.compute/virtualmachines/web-01");
        assertThat(f.findingType()).isEqualTo(FindingType.MISCONFIGURATION);
        assertThat(f.findingStatus()).isEqualTo(FindingStatus.OPEN);
        assertThat(f.vendorStatus()).contains("Unhealthy");
        assertThat(f.severity()).isEqualTo(4);
        assertThat(f.qdsSource()).isEqualTo(QdsSource.SEVERITY_MAPPING);
        assertThat(f.qds()).isEqualTo(80);
        assertThat(f.policyFindingUrl()).hasValueSatisfying(u -> assertThat(u).startsWith("https://portal.azure.com/#blade/"));
        assertThat(f.recommendation()).contains("Compute, Data");
        assertThat(f.firstFoundOn()).contains(Instant.parse("2025-08-26T07:29:51.8002401Z"));
        assertThat(f.createdBy()).contains("Azure");
        assertThat(f.attributes()).doesNotContainKey("statusCause");

        assertThat(mdc.toFinding(Fixtures.mdcFinding(a -> status(a).put("code", "Healthy"))).findingStatus())
                .isEqualTo(FindingStatus.RESOLVED);
        assertThat(mdc.toFinding(Fixtures.mdcFinding(a -> status(a).put("code", "NotApplicable"))).findingStatus())
                .isEqualTo(FindingStatus.CLOSED);
        Finding risk = mdc.toFinding(Fixtures.mdcFinding(a -> {
            metadata(a).remove("severity");
            props(a).put("risk", new LinkedHashMap<>(Map.of("level", "Critical")));
        }));
        assertThat(risk.severity()).isEqualTo(5);
        Finding none = mdc.toFinding(Fixtures.mdcFinding(a -> props(a).remove("metadata")));
        assertThat(none.severity()).isEqualTo(3);
        assertThat(none.policyTitle()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> a) {
        return (Map<String, Object>) a.get("properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(Map<String, Object> a) {
        return (Map<String, Object>) props(a).get("status");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> a) {
        return (Map<String, Object>) props(a).get("metadata");
    }

    @Test
    void shouldNormalizeAnMdeMachine() {
        Asset a = mde.toAsset(Fixtures.mdeMachine(m -> { }));
        assertThat(a.externalAssetId()).isEqualTo("4a1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c");
        assertThat(a.source()).isEqualTo("MS Defender");
        assertThat(a.assetName()).contains("Büro-PC.corp.example.");
        assertThat(a.hostName()).contains("büro-pc.corp.example");
        assertThat(a.hostNameAscii()).contains(IDN.toASCII("büro-pc.corp.example"));
        assertThat(a.hostNameAscii().orElseThrow()).startsWith("xn--");
        assertThat(a.ipAddress()).contains("10.1.2.3");
        assertThat(a.ipAddresses()).as("link-local addresses identify no host")
                .containsExactly("10.1.2.3", "192.168.56.1");
        assertThat(a.publicIpAddresses()).containsExactly("203.0.113.7");
        assertThat(a.macAddress()).contains("00:15:5d:3a:4b:12");
        assertThat(a.macAddresses()).containsExactly("00:15:5d:3a:4b:12");
        assertThat(a.tags()).containsExactly("VIP", "Finance");
        assertThat(a.healthStatus()).contains("Active");
        assertThat(a.onboardingStatus()).contains("Onboarded");
        assertThat(a.operatingSystemVersion()).contains("23H2");
        assertThat(a.riskLevel()).contains("Medium");
        assertThat(a.firstSeen()).contains(Instant.parse("2023-03-14T09:26:53Z"));
        assertThat(a.lastSeen()).contains(Instant.parse("2024-02-01T05:59:59.9999999Z"));
        assertThat(a.criticality()).contains(5);
        assertThat(a.cloud()).hasValueSatisfying(c -> {
            assertThat(c.provider()).contains("Azure");
            assertThat(c.resourceId()).contains("/subscriptions/x/resourcegroups/rg/providers/microsoft.compute/virtualmachines/buero");
            assertThat(c.instanceId()).contains("0b1c2d3e-aaaa-bbbb-cccc-0123456789ab");
        });
        assertThat(a.attributes()).containsEntry("rbacGroupName", "Finance Laptops");
    }

    @Test
    void shouldDeriveCriticalityFromDeviceValueUnlessAMapOrTheHostSetsIt() {
        assertThat(mde.toAsset(Fixtures.mdeMachine(m -> m.put("deviceValue", "normal"))).criticality()).contains(3);
        assertThat(mde.toAsset(Fixtures.mdeMachine(m -> m.put("deviceValue", "Low"))).criticality()).contains(2);
        assertThat(mde.toAsset(Fixtures.mdeMachine(m -> m.remove("deviceValue"))).criticality()).isEmpty();

        TransformMap fixed = TransformMapTest.load("mde-machine-map.json")
                .withRule(TransformRule.of("criticality", "acs"));
        Transformer t = Transformer.builder().assetMap(fixed).severityMapping(RiskSeverityMapping.mdeDefault())
                .criticalityMapping(CriticalityMapping.of(Map.of("High", 4))).clock(Fixtures.CLOCK).build();
        assertThat(t.toAsset(Fixtures.mdeMachine(m -> m.put("acs", 1))).criticality()).contains(1);
        assertThat(t.toAsset(Fixtures.mdeMachine(m -> { })).criticality()).contains(4);
        assertThatExceptionOfType(RecordTransformException.class)
                .isThrownBy(() -> t.toAsset(Fixtures.mdeMachine(m -> m.put("acs", "7"))))
                .withMessageContaining("criticality must be 1-5");
    }

    @Test
    void shouldTakeThePrimaryAddressFromTheListWhenNoneIsMapped() {
        Asset a = mde.toAsset(Fixtures.mdeMachine(m -> m.put("lastIpAddress", "127.0.0.1")));
        assertThat(a.ipAddress()).contains("10.1.2.3");
        Asset none = mde.toAsset(Fixtures.mdeMachine(m -> {
            m.remove("lastIpAddress");
            m.put("ipAddresses", List.of());
        }));
        assertThat(none.ipAddress()).isEmpty();
        assertThat(none.ipAddresses()).isEmpty();
        assertThat(none.macAddress()).isEmpty();
    }

    @Test
    void shouldRefuseAMalformedAddress() {
        assertThatExceptionOfType(RecordTransformException.class)
                .isThrownBy(() -> mde.toAsset(Fixtures.mdeMachine(m -> m.put("lastIpAddress", "10.1.2.300"))))
                .satisfies(e -> assertThat(e.rule()).contains("ipAddress <- lastIpAddress"));
    }

    @Test
    void shouldResolveTheSeverityConverterAlikeForAValueAndAOneElementArray() {
        Transformer t = findingsWith(TransformRule.of("findingSeverity", "sev").withConverter("severity"));
        for (Object sent : List.of("Critical", List.of("Critical"))) {
            Finding f = t.toFinding(record("sev", sent));
            assertThat(f.severity()).as("%s", sent).isEqualTo(5);
            assertThat(f.vendorSeverity()).as("%s", sent).contains("Critical");
        }
    }

    @Test
    void shouldApplyEachConverter() {
        Transformer t = findingsWith(
                TransformRule.of("findingName", "name").withConverter("uppercase"),
                TransformRule.of("findingDescription", List.of("empty", "desc1", "desc2"), "firstNonEmpty", Map.of()),
                TransformRule.of("findingSubType", List.of("a", "list[]", "b"), "join", Map.of("separator", "/")),
                TransformRule.of("policyFindingUrl", "link").withConverter("urlPrefix", Map.of("prefix", "https://")),
                TransformRule.of("policyId", "link2").withConverter("urlPrefix"),
                TransformRule.of("recommendation", "link").withConverter("urlPrefix"),
                TransformRule.of("fixingKbId", "link").withConverter("urlPrefix", Map.of("prefix", "https://kb.example/")),
                TransformRule.of("cveIds", "text").withConverter("cveId"),
                TransformRule.of("policyTitle", "mac").withConverter("mac"),
                TransformRule.of("policyType", "ip").withConverter("ip"),
                TransformRule.of("impact", "host").withConverter("hostName"),
                TransformRule.of("createdBy", "when").withConverter("timestamp"),
                TransformRule.of("updatedBy", "state").withConverter("enum", Map.of("values", "Active,Inactive")),
                TransformRule.of("productName", "vendor").withConverter("lowercase"),
                TransformRule.of("findingSeverity", "level"),
                TransformRule.of("remediationStrategy", "remedy").withConverter("valueTable", Map.of("x", ""))
        );
        Finding f = t.toFinding(record("name", "weak cipher", "empty", " ", "desc1", "first", "desc2", "second",
                "a", "A", "list", List.of("l1", "", "l2"), "b", 7, "link", "portal.azure.com/x", "link2",
                "http://already", "text", "fixes cve-2023-12345, CVE-2021-44228 and TVM-2020-0002",
                "mac", "00-0D-3A-1B-C7-21", "ip", "2001:DB8:0:0:0:0:0:1", "host", "HOST.Example.", "when",
                "2024-05-01 10:11:12.1234567", "state", "INACTIVE", "vendor", "Red_Hat", "level", 5, "remedy", "X"));
        assertThat(f.findingName()).contains("WEAK CIPHER");
        assertThat(f.findingDescription()).contains("first");
        assertThat(f.findingSubType()).contains("A/l1/l2/7");
        assertThat(f.policyFindingUrl()).contains("https://portal.azure.com/x");
        assertThat(f.policyId()).contains("http://already");
        assertThat(f.recommendation()).as("the default prefix, on a target that adds none itself")
                .contains("https://portal.azure.com/x");
        assertThat(f.fixingKbId()).contains("https://kb.example/portal.azure.com/x");
        assertThat(f.cveIds()).containsExactly("CVE-2023-12345");
        assertThat(f.policyTitle()).contains("00:0d:3a:1b:c7:21");
        assertThat(f.policyType()).contains("2001:db8::1");
        assertThat(f.impact()).contains("host.example");
        assertThat(f.createdBy()).contains("2024-05-01T10:11:12.123456700Z");
        assertThat(f.updatedBy()).contains("Inactive");
        assertThat(f.productName()).contains("red_hat");
        assertThat(f.severity()).isEqualTo(5);
        assertThat(f.qds()).isEqualTo(95);
        assertThat(f.remediationStrategy()).as("an empty table value means no value").isEmpty();
    }

    @Test
    void shouldKeepANestedStructureWholeAsJsonTextInOneAttribute() {
        Transformer t = findingsWith(TransformRule.of("attributes.interfaces", "nics").withConverter("json"),
                TransformRule.of("attributes.none", "empty").withConverter("json"));
        Map<String, Object> nic = new java.util.LinkedHashMap<>();
        nic.put("ipAddress", "10.1.2.3");
        nic.put("type", "Ethernet");
        nic.put("operationalStatus", "Down");
        Finding f = t.toFinding(record("nics", List.of(nic, Map.of("ipAddress", "::1")), "empty", List.of()));
        assertThat(f.attributes()).containsEntry("interfaces",
                "[{\"ipAddress\":\"10.1.2.3\",\"type\":\"Ethernet\",\"operationalStatus\":\"Down\"},{\"ipAddress\":\"::1\"}]")
                .doesNotContainKey("none");
    }

    @Test
    void shouldLeaveTargetsEmptyWhenSourcesAreMissingAndLetLaterRulesFillIn() {
        Transformer t = findingsWith(
                TransformRule.of("findingName", "missing.deep.path"),
                TransformRule.of("findingName", "fallback"),
                TransformRule.of("findingName", "never"),
                TransformRule.of("findingDescription", "nested[1].v"),
                TransformRule.of("findingSubType", "nested[5].v"),
                TransformRule.of("cveIds", "nested[].cve"),
                TransformRule.of("cveIds", "more"),
                TransformRule.of("cveIds", "again"));
        List<Object> nested = List.of(Map.of("v", "zero", "cve", "CVE-2020-0001"), Map.of("v", "one"),
                Map.of("cve", "CVE-2020-0002"));
        Finding f = t.toFinding(record("fallback", "second", "never", "third", "nested", nested,
                "more", "CVE-2020-0001", "again", "cve-2020-0002"));
        assertThat(f.findingName()).contains("second");
        assertThat(f.findingDescription()).contains("one");
        assertThat(f.findingSubType()).isEmpty();
        assertThat(f.cveIds()).containsExactly("CVE-2020-0001", "CVE-2020-0002");
        assertThat(f.findingType()).isEqualTo(FindingType.VULNERABILITY);
    }

    @Test
    void shouldRefuseAnObjectWhereTextIsExpected() {
        Transformer t = findingsWith(TransformRule.of("findingName", "obj"));
        assertThatExceptionOfType(RecordTransformException.class)
                .isThrownBy(() -> t.toFinding(record("obj", Map.of("a", 1))))
                .withMessageContaining("expected a single value, found an object");
        assertThatExceptionOfType(RecordTransformException.class)
                .isThrownBy(() -> findingsWith(TransformRule.of("cvssScore", "c")).toFinding(record("c", "high")))
                .withMessageContaining("not a number");
        assertThatExceptionOfType(RecordTransformException.class)
                .isThrownBy(() -> findingsWith(TransformRule.of("cvssScore", "c")).toFinding(record("c", 11)))
                .withMessageContaining("CVSS score must be 0-10");
        assertThatExceptionOfType(RecordTransformException.class)
                .isThrownBy(() -> findingsWith(TransformRule.of("severity", "s")).toFinding(record("s", 6)))
                .withMessageContaining("severity level must be a whole number 1-5");
    }

    @Test
    void shouldGiveTheSameResultsFromManyThreadsAtOnce() {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int n = i;
            records.add(Fixtures.mdeFinding(a -> a.put("id", "row-" + n)));
        }
        List<Finding> sequential = records.stream().map(mde::toFinding).toList();
        List<Finding> parallel = IntStream.range(0, records.size()).parallel()
                .mapToObj(i -> mde.toFinding(records.get(i))).toList();
        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void shouldRefuseToBuildWithoutClockMappingOrMaps() {
        assertThatIllegalStateException().isThrownBy(() -> Transformer.builder().build())
                .withMessageContaining("clock(..)").withMessageContaining("severityMapping(..)")
                .withMessageContaining("assetMap(..) or findingMap(..)");
        Transformer onlyFindings = findingsWith();
        assertThatIllegalStateException().isThrownBy(() -> onlyFindings.toAsset(Fixtures.mdeMachine(m -> { })))
                .withMessageContaining("no asset map");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Transformer.builder().assetMap(TransformMapTest.load("mdc-assessment-map.json")))
                .withMessageContaining("needs an ASSET map");
    }
}
