package dev.exposure.connector.ocsf;

/**
 * What an {@link OcsfWriter} wrote and what it could not write.
 *
 * @param deviceInventoryInfo assets written as Device Inventory Info (5001) events
 * @param vulnerabilityFindings findings written as Vulnerability Finding (2002) events
 * @param complianceFindings findings written as Compliance Finding (2003) events
 * @param withoutVulnerabilityId vulnerability findings not written because they carry no CVE and no
 *     vendor vulnerability id (a Vulnerability Finding needs exactly one of advisory, cve, cwe)
 * @param ofUnknownType findings not written because their type is {@link
 *     dev.exposure.connector.model.FindingType#UNKNOWN}
 * @since 0.1
 */
public record OcsfCounts(long deviceInventoryInfo, long vulnerabilityFindings, long complianceFindings,
                         long withoutVulnerabilityId, long ofUnknownType) {

    /** @return the events written */
    public long written() {
        return deviceInventoryInfo + vulnerabilityFindings + complianceFindings;
    }

    /** @return the findings not written, for either reason */
    public long notWritten() {
        return withoutVulnerabilityId + ofUnknownType;
    }
}
