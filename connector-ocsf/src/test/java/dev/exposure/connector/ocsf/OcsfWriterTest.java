package dev.exposure.connector.ocsf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.CloudMetadata;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.model.FindingType;
import dev.exposure.connector.model.QdsSource;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OcsfWriterTest {
    static final Instant T = Instant.parse("2026-11-22T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    private final OcsfWriter writer = OcsfWriter.builder().productName("Microsoft Defender for Endpoint V2")
            .vendorName("Microsoft").productVersion("1.0.0").logProvider("mde-v2").time(T).build();

    static Finding.Builder vulnerability() {
        return Finding.builder().externalFindingId("dev1_microsoft_edge_120_CVE-2024-0519").externalAssetId("dev1")
                .findingType(FindingType.VULNERABILITY).findingName("CVE-2024-0519").addCveIds("CVE-2024-0519")
                .severity(4).vendorSeverity("High").qds(88).qdsSource(QdsSource.CVE_DATA).cvssScore(8.8)
                .findingStatus(FindingStatus.OPEN).vendorProductName("Defender")
                .productVendor("microsoft").productName("edge").productVersion("120.0.2210.91")
                .firstFoundOn(Instant.parse("2024-01-17T08:12:44Z")).lastFoundOn(Instant.parse("2024-02-01T06:00:00Z"))
                .putAttributes("vendorFindingId", "cve-2024-0519").putAttributes("deviceName", "fin-lt-0042.corp.example")
                .putAttributes("osPlatform", "Windows11").recommendation("Update Microsoft Edge to 120.0.2210.133")
                .remediationStrategy("https://example.com/kb/5034123").fixingKbId("KB5034123");
    }

    static Finding.Builder misconfiguration() {
        return Finding.builder().externalFindingId("/subscriptions/s/assessments/a1").externalAssetId("vm-1")
                .findingType(FindingType.MISCONFIGURATION).findingName("JIT")
                .severity(4).vendorSeverity("High").qds(80).qdsSource(QdsSource.SEVERITY_MAPPING)
                .findingStatus(FindingStatus.OPEN).vendorStatus("Unhealthy").vendorProductName("Defender for Cloud")
                .policyId("/providers/Microsoft.Authorization/policyDefinitions/p1").policyTitle("Use JIT")
                .remediationStrategy("Enable JIT.").putAttributes("complianceResult", "FAIL");
    }

    private JsonNode write(Finding f) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            assertThat(writer.writeFinding(f, g)).isTrue();
        }
        JsonNode event = JSON.readTree(out.toString());
        assertThat(OcsfSchemas.problems(event)).as(out.toString()).isEmpty();
        return event;
    }

    private JsonNode write(Asset a) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writer.writeAsset(a, g);
        }
        JsonNode event = JSON.readTree(out.toString());
        assertThat(OcsfSchemas.problems(event)).as(out.toString()).isEmpty();
        return event;
    }

    @Test
    void shouldWriteACveFindingAsAValidVulnerabilityFindingWithOneCvePerVulnerability() throws IOException {
        JsonNode e = write(vulnerability().addCveIds("CVE-2024-0520").putAttributes("cvssVersion", "3.1")
                .putAttributes("cvssVector", "CVSS:3.1/AV:N").build());

        assertThat(e.get("class_uid").asInt()).isEqualTo(2002);
        assertThat(e.get("type_uid").asLong()).isEqualTo(200201);
        assertThat(e.get("severity_id").asInt()).isEqualTo(4);
        assertThat(e.get("time").asLong()).isEqualTo(T.toEpochMilli());
        assertThat(e.at("/finding_info/uid").asText()).isEqualTo("dev1_microsoft_edge_120_CVE-2024-0519");
        assertThat(e.get("vulnerabilities")).hasSize(2);
        assertThat(e.at("/vulnerabilities/1/cve/uid").asText()).isEqualTo("CVE-2024-0520");
        assertThat(e.at("/vulnerabilities/0/cve/cvss/0/base_score").asDouble()).isEqualTo(8.8);
        assertThat(e.at("/vulnerabilities/0/cve/cvss/0/version").asText()).isEqualTo("3.1");
        assertThat(e.at("/vulnerabilities/0/cve/cvss/0/vector_string").asText()).isEqualTo("CVSS:3.1/AV:N");
        assertThat(e.at("/vulnerabilities/0/affected_packages/0/name").asText()).isEqualTo("edge");
        assertThat(e.at("/vulnerabilities/0/remediation/desc").asText()).isEqualTo("Update Microsoft Edge to 120.0.2210.133");
        assertThat(e.at("/vulnerabilities/0/remediation/references/0").asText()).isEqualTo("https://example.com/kb/5034123");
        assertThat(e.at("/vulnerabilities/0/kb_articles/0").asText()).isEqualTo("KB5034123");
        assertThat(e.at("/vulnerabilities/0/is_fix_available").asBoolean()).isTrue();
        assertThat(e.at("/device/hostname").asText()).isEqualTo("fin-lt-0042.corp.example");
        assertThat(e.at("/device/os/type_id").asInt()).isEqualTo(100);
        assertThat(e.at("/device/type_id").asInt()).isEqualTo(2);
        assertThat(e.at("/resources/0/uid").asText()).isEqualTo("dev1");
        assertThat(e.at("/metadata/version").asText()).isEqualTo("1.8.0");
        assertThat(e.at("/metadata/log_provider").asText()).isEqualTo("mde-v2");
    }

    @Test
    void shouldKeepTheCvssScoreUnderUnmappedWhenItsVersionIsNotKnown() throws IOException {
        JsonNode e = write(vulnerability().build());

        assertThat(e.at("/vulnerabilities/0/cve/cvss").isMissingNode()).isTrue();
        assertThat(e.at("/unmapped/cvssScore").asDouble()).isEqualTo(8.8);
    }

    @Test
    void shouldWriteAVendorVulnerabilityIdAsAnAdvisoryNotACve() throws IOException {
        JsonNode e = write(vulnerability().cveIds(java.util.List.of()).findingName("TVM-2020-0002")
                .putAttributes("vendorFindingId", "TVM-2020-0002").build());

        assertThat(e.get("vulnerabilities")).hasSize(1);
        assertThat(e.at("/vulnerabilities/0/advisory/uid").asText()).isEqualTo("TVM-2020-0002");
        assertThat(e.at("/vulnerabilities/0/cve").isMissingNode()).isTrue();
    }

    @Test
    void shouldWriteNothingAndCountAVulnerabilityWithoutAnyId() throws IOException {
        Finding f = vulnerability().cveIds(java.util.List.of()).putAttributes("vendorFindingId", " ").build();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            assertThat(writer.writeFinding(f, g)).isFalse();
        }

        assertThat(out.toString()).isEmpty();
        assertThat(OcsfWriter.classOf(f)).isEmpty();
        assertThat(writer.counts().withoutVulnerabilityId()).isEqualTo(1);
        assertThat(writer.counts().written()).isZero();
    }

    @Test
    void shouldTurnDeltaStatusesIntoCreateUpdateAndClose() throws IOException {
        assertThat(write(vulnerability().vendorStatus("New").build()).get("type_uid").asLong()).isEqualTo(200201);
        JsonNode updated = write(vulnerability().vendorStatus("Updated").findingStatus(FindingStatus.ACTIVE).build());
        assertThat(updated.get("activity_id").asInt()).isEqualTo(2);
        assertThat(updated.get("type_uid").asLong()).isEqualTo(200202);
        assertThat(updated.get("status_id").asInt()).isEqualTo(2);
        JsonNode fixed = write(vulnerability().vendorStatus("Fixed").findingStatus(FindingStatus.RESOLVED).build());
        assertThat(fixed.get("activity_id").asInt()).isEqualTo(3);
        assertThat(fixed.get("status_id").asInt()).isEqualTo(4);
        assertThat(fixed.get("status_code").asText()).isEqualTo("Fixed");
    }

    @Test
    void shouldMapEverySeverityLevelToTheSameOcsfSeverityId() throws IOException {
        String[] captions = {"", "Informational", "Low", "Medium", "High", "Critical"};
        for (int level = 1; level <= 5; level++) {
            JsonNode e = write(vulnerability().severity(level).build());
            assertThat(e.get("severity_id").asInt()).isEqualTo(level);
            assertThat(e.get("severity").asText()).isEqualTo(captions[level]);
        }
    }

    @Test
    void shouldPutEveryAttributeItDoesNotMapUnderUnmapped() throws IOException {
        JsonNode e = write(vulnerability().putAttributes("registryPaths", "HKLM\\x").putAttributes("someNewAttribute", "v")
                .build());

        assertThat(e.at("/unmapped/registryPaths").asText()).isEqualTo("HKLM\\x");
        assertThat(e.at("/unmapped/someNewAttribute").asText()).isEqualTo("v");
        assertThat(e.at("/unmapped/deviceName").isMissingNode()).isTrue();
        assertThat(e.at("/unmapped/qds").asInt()).isEqualTo(88);
    }

    @Test
    void shouldWriteAMisconfigurationAsAValidComplianceFindingWithPassOrFail() throws IOException {
        JsonNode fail = write(misconfiguration().build());
        assertThat(fail.get("class_uid").asInt()).isEqualTo(2003);
        assertThat(fail.get("type_uid").asLong()).isEqualTo(200301);
        assertThat(fail.at("/compliance/status_id").asInt()).isEqualTo(3);
        assertThat(fail.at("/compliance/control").asText()).isEqualTo("Use JIT");
        assertThat(fail.at("/policy/uid").asText()).isEqualTo("/providers/Microsoft.Authorization/policyDefinitions/p1");
        assertThat(fail.at("/metadata/profiles/0").asText()).isEqualTo("security_control");
        assertThat(fail.at("/remediation/desc").asText()).isEqualTo("Enable JIT.");

        JsonNode pass = write(misconfiguration().findingStatus(FindingStatus.RESOLVED).vendorStatus("Healthy")
                .putAttributes("complianceResult", "PASS").build());
        assertThat(pass.at("/compliance/status_id").asInt()).isEqualTo(1);
        assertThat(pass.get("status_id").asInt()).isEqualTo(4);
        assertThat(pass.get("activity_id").asInt()).isEqualTo(1);
        assertThat(writer.counts().complianceFindings()).isEqualTo(2);
    }

    @Test
    void shouldWriteAnAssetAsAValidDeviceInventoryInfoWithTheWholeDevice() throws IOException {
        Asset a = Asset.builder().externalAssetId("6f1a9c2e").source("Defender for Cloud").assetName("web-01")
                .hostName("web-01").operatingSystemName("UbuntuServer").operatingSystemVersion("22.04")
                .ipAddress("10.0.0.4").addIpAddresses("10.0.0.4", "fe80::1").addPublicIpAddresses("20.1.2.3")
                .macAddress("00:0d:3a:aa:bb:cc").addMacAddresses("00:0d:3a:aa:bb:cc").riskLevel("High").riskScore(420)
                .criticality(4).addTags("prod")
                .cloud(CloudMetadata.builder().provider("Azure").accountId("sub-1").region("westeurope")
                        .resourceId("/subscriptions/sub-1/vm/web-01").instanceId("6f1a9c2e").resourceGroup("rg").build())
                .putAttributes("vmSize", "Standard_D2s_v5").build();

        JsonNode e = write(a);

        assertThat(e.get("class_uid").asInt()).isEqualTo(5001);
        assertThat(e.get("type_uid").asLong()).isEqualTo(500102);
        assertThat(e.at("/device/type_id").asInt()).isEqualTo(6);
        assertThat(e.at("/device/os/type_id").asInt()).isEqualTo(200);
        assertThat(e.at("/device/instance_uid").asText()).isEqualTo("6f1a9c2e");
        assertThat(e.at("/device/region").asText()).isEqualTo("westeurope");
        assertThat(e.at("/device/risk_level_id").asInt()).isEqualTo(3);
        assertThat(e.at("/device/network_interfaces")).hasSize(4);
        assertThat(e.at("/cloud/account/uid").asText()).isEqualTo("sub-1");
        assertThat(e.at("/metadata/profiles/0").asText()).isEqualTo("cloud");
        assertThat(e.at("/unmapped/criticality").asInt()).isEqualTo(4);
        assertThat(e.at("/unmapped/vmSize").asText()).isEqualTo("Standard_D2s_v5");
        assertThat(e.at("/unmapped/cloud.resourceGroup").asText()).isEqualTo("rg");
    }

    @Test
    void shouldCountAFindingOfUnknownTypeAndWriteNothing() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            assertThat(writer.writeFinding(misconfiguration().findingType(FindingType.UNKNOWN).build(), g)).isFalse();
        }
        assertThat(writer.counts().ofUnknownType()).isEqualTo(1);
        assertThat(out.toString()).as("nothing written").isEmpty();
        assertThat(writer.counts().written()).isZero();
    }

    @Test
    void shouldRefuseToBuildWithoutMetadataAndTime() {
        assertThatIllegalStateException().isThrownBy(() -> OcsfWriter.builder().productName("p").build())
                .withMessageContaining("vendorName").withMessageContaining("logProvider").withMessageContaining("time");
    }

    @Test
    void shouldHaveASchemaThatRejectsTwoIdsInOneVulnerabilityAndAWrongTypeUid() throws IOException {
        ObjectNode e = (ObjectNode) write(vulnerability().build());
        ObjectNode v = (ObjectNode) e.get("vulnerabilities").get(0);
        v.putObject("advisory").put("uid", "TVM-2020-0002");
        assertThat(OcsfSchemas.problems(e)).isNotEmpty();
        v.remove("advisory");
        e.put("type_uid", 200202);
        assertThat(OcsfSchemas.problems(e)).isNotEmpty();
        e.put("type_uid", 200201);
        e.remove("finding_info");
        assertThat(OcsfSchemas.problems(e)).anyMatch(m -> m.contains("finding_info"));
        e.remove("vulnerabilities");
        e.put("severity_id", 7);
        assertThat(OcsfSchemas.problems(e)).anyMatch(m -> m.contains("severity_id"));
    }
}
