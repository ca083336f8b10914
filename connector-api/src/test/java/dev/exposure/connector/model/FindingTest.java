package dev.exposure.connector.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FindingTest {
    private final ObjectMapper mapper = ModelJson.mapper();

    static Finding.Builder vulnerability() {
        Finding.Builder b = Finding.builder();
        b.externalFindingId("m-1_google_chrome_120.0_CVE-2025-1234").externalAssetId("m-1")
                .findingType(FindingType.VULNERABILITY).findingName("CVE-2025-1234")
                .findingDescription("Heap overflow").addCveIds("CVE-2025-1234").severity(4).vendorSeverity("High")
                .qds(88).qdsSource(QdsSource.CVE_DATA).cvssScore(8.8).findingStatus(FindingStatus.OPEN)
                .firstFoundOn(Instant.parse("2025-12-01T10:00:00Z")).lastFoundOn(Instant.parse("2026-01-01T06:00:00Z"))
                .updatedOn(Instant.parse("2026-01-01T06:00:00Z")).recommendation("Update Chrome")
                .fixingKbId("chrome-121").exploitability("ExploitIsPublic").productVendor("google")
                .productName("chrome").productVersion("120.0").vendorProductName("Defender");
        return b;
    }

    static Finding misconfiguration() {
        Finding.Builder b = Finding.builder();
        return b.externalFindingId("/subscriptions/s/assessments/a").externalAssetId("vm-1")
                .findingType(FindingType.MISCONFIGURATION).findingName("Enable disk encryption")
                .findingSubType("BuiltIn").severity(3).vendorSeverity("Medium").qds(55)
                .qdsSource(QdsSource.SEVERITY_MAPPING).findingStatus(FindingStatus.ACTIVE).vendorStatus("Unhealthy")
                .remediationStrategy("Enable encryption at host").vendorProductName("Defender for Cloud")
                .policyId("p-1").policyTitle("Disks should be encrypted").policyDescription("Checks encryption")
                .policyType("BuiltIn").policyFindingUrl("https://portal.azure.com/#blade/x").createdBy("MDC")
                .updatedBy("MDC").putAttributes("assessmentType", "BuiltIn").build();
    }

    @Test
    void shouldRoundTripAVulnerabilityThroughJson() throws Exception {
        Finding finding = vulnerability().build();

        assertThat(mapper.readValue(mapper.writeValueAsString(finding), Finding.class)).isEqualTo(finding);
    }

    @Test
    void shouldRoundTripAMisconfigurationThroughJson() throws Exception {
        Finding finding = misconfiguration();

        assertThat(mapper.readValue(mapper.writeValueAsString(finding), Finding.class)).isEqualTo(finding);
    }

    @Test
    void shouldReadAFindingDocument() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/model/finding-mde-vulnerability.json")) {
            Finding finding = mapper.readValue(in, Finding.class);

            assertThat(finding.findingType()).isEqualTo(FindingType.VULNERABILITY);
            assertThat(finding.severity()).isEqualTo(5);
            assertThat(finding.vendorSeverity()).contains("Critical");
            assertThat(finding.cvssScore()).contains(9.8);
            assertThat(finding.cveIds()).containsExactly("CVE-2025-20001");
            assertThat(finding.lastFoundOn()).contains(Instant.parse("2026-01-02T03:04:05Z"));
        }
    }

    @Test
    void shouldReadEnumValuesWrittenByANewerVersionAsUnknown() throws Exception {
        String json = mapper.writeValueAsString(vulnerability().build())
                .replace("\"VULNERABILITY\"", "\"SUPPLY_CHAIN\"").replace("\"OPEN\"", "\"SNOOZED\"");

        Finding finding = mapper.readValue(json, Finding.class);

        assertThat(finding.findingType()).isEqualTo(FindingType.UNKNOWN);
        assertThat(finding.findingStatus()).isEqualTo(FindingStatus.UNKNOWN);
        assertThat(FindingType.parse("misconfiguration")).isEqualTo(FindingType.MISCONFIGURATION);
    }

    @Test
    void shouldKeepAnUnknownVendorStatusNextToUnknown() {
        assertThat(FindingStatus.parse(" resolved ")).isEqualTo(FindingStatus.RESOLVED);
        assertThat(FindingStatus.parse("Mitigated")).isEqualTo(FindingStatus.UNKNOWN);
        Finding finding = vulnerability().findingStatus(FindingStatus.parse("Mitigated")).vendorStatus("Mitigated")
                .build();
        assertThat(finding.vendorStatus()).contains("Mitigated");
    }

    @Test
    void shouldRefuseValuesOutsideTheirRangeNamingTheField() {
        assertThatIllegalStateException().isThrownBy(() -> vulnerability().severity(0).build())
                .withMessageContaining("severity");
        assertThatIllegalStateException().isThrownBy(() -> vulnerability().severity(6).build())
                .withMessageContaining("severity");
        assertThatIllegalStateException().isThrownBy(() -> vulnerability().qds(101).build())
                .withMessageContaining("qds");
        assertThatIllegalStateException().isThrownBy(() -> vulnerability().externalAssetId("").build())
                .withMessageContaining("externalAssetId");
        assertThatIllegalStateException().isThrownBy(() -> vulnerability().externalFindingId(" ").build())
                .withMessageContaining("externalFindingId");
    }
}
