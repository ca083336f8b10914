package dev.exposure.connector.testkit;

import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.model.FindingType;
import dev.exposure.connector.model.QdsSource;
import java.time.Instant;
import java.util.Objects;

/**
 * Fixture builders for target-model {@link Finding}s: a CVE vulnerability as Defender for
 * Endpoint reports it and a misconfiguration as Defender for Cloud reports it, pre-filled with
 * consistent severity, QDS and status, so a test sets only the fields it is about. Deterministic.
 *
 * <pre>{@code
 * Finding critical = TestFindings.vulnerability("finding-1").severity(5).vendorSeverity("Critical").build();
 * Finding failedPolicy = TestFindings.misconfiguration("assessment-1").build();
 * }</pre>
 *
 * @since 0.1
 */
public final class TestFindings {

    private TestFindings() { }

    /**
     * A High CVE vulnerability (severity 4, QDS 88 from CVSS 8.8) in Chrome on {@code machine-1}.
     *
     * @param externalFindingId the finding id
     * @return a pre-filled builder; change any field before {@code build()}
     */
    public static Finding.Builder vulnerability(String externalFindingId) {
        Objects.requireNonNull(externalFindingId, "externalFindingId must not be null");
        int n = 1000 + TestRecords.number(externalFindingId, 9000);
        Finding.Builder b = Finding.builder();
        b.externalFindingId(externalFindingId)
                .externalAssetId("machine-1")
                .findingType(FindingType.VULNERABILITY)
                .findingName("CVE-2025-" + n)
                .findingDescription("Heap buffer overflow in the browser's rendering engine")
                .addCveIds("CVE-2025-" + n)
                .severity(4)
                .vendorSeverity("High")
                .cvssScore(8.8)
                .qds(88)
                .qdsSource(QdsSource.CVE_DATA)
                .findingStatus(FindingStatus.OPEN)
                .firstFoundOn(Instant.parse("2025-12-01T10:00:00Z"))
                .lastFoundOn(Instant.parse("2026-01-01T06:00:00Z"))
                .updatedOn(Instant.parse("2026-01-01T06:00:00Z"))
                .recommendation("Update Google Chrome to version 121 or later")
                .fixingKbId("chrome-121")
                .exploitability("ExploitIsPublic")
                .productVendor("google")
                .productName("chrome")
                .productVersion("120.0.6099.110")
                .vendorProductName("Defender");
        return b;
    }

    /**
     * A Medium misconfiguration (severity 3, QDS 55 from the severity mapping) of an Azure VM:
     * an unhealthy security assessment with its policy fields.
     *
     * @param externalFindingId the finding id
     * @return a pre-filled builder
     */
    public static Finding.Builder misconfiguration(String externalFindingId) {
        Objects.requireNonNull(externalFindingId, "externalFindingId must not be null");
        Finding.Builder b = Finding.builder();
        b.externalFindingId(externalFindingId)
                .externalAssetId("vm-1")
                .findingType(FindingType.MISCONFIGURATION)
                .findingName("Machines should have a vulnerability assessment solution")
                .findingDescription("Install a vulnerability assessment solution on your virtual machines")
                .findingSubType("BuiltIn")
                .severity(3)
                .vendorSeverity("Medium")
                .qds(55)
                .qdsSource(QdsSource.SEVERITY_MAPPING)
                .findingStatus(FindingStatus.ACTIVE)
                .vendorStatus("Unhealthy")
                .firstFoundOn(Instant.parse("2025-11-15T00:00:00Z"))
                .lastFoundOn(Instant.parse("2026-01-01T00:00:00Z"))
                .updatedOn(Instant.parse("2026-01-01T00:00:00Z"))
                .remediationStrategy("Deploy the integrated vulnerability scanner to the machine")
                .productVendor("microsoft.compute/virtualmachines")
                .productName("Microsoft.Compute")
                .vendorProductName("Defender for Cloud")
                .policyId("6a1f2e3d-4c5b-4a69-8d7e-0f1a2b3c4d5e")
                .policyTitle("Machines should have a vulnerability assessment solution")
                .policyDescription("Checks that a vulnerability assessment solution is deployed")
                .policyType("BuiltIn")
                .policyFindingUrl("https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade");
        return b;
    }
}
