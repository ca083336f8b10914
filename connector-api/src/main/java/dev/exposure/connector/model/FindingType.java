package dev.exposure.connector.model;

/**
 * The kind of a finding.
 *
 * @since 0.1
 */
public enum FindingType {
    /** A software vulnerability (CVE or vendor id), e.g. from Defender for Endpoint. */
    VULNERABILITY,
    /** A failed or passed configuration assessment, e.g. from Defender for Cloud. */
    MISCONFIGURATION,
    /** A type this SDK version does not know; the vendor's value is kept next to it. */
    UNKNOWN
}
