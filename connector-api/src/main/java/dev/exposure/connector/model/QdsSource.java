package dev.exposure.connector.model;

/**
 * Where a finding's detection score (QDS, 0-100) came from.
 *
 * <p>The rule (from the product documentation): CVE-based vulnerabilities get their QDS from CVE
 * threat data (here: the vendor's CVSS score scaled to 0-100 when the vendor sends one; the
 * platform's threat database may replace it later), and are not affected by the risk severity
 * mapping. Every other finding (non-CVE ids, misconfigurations, CVEs without a score) gets the QDS
 * of its row in the risk severity mapping.
 *
 * @since 0.1
 */
public enum QdsSource {
    /** The risk severity mapping's row for the vendor severity (or its default). */
    SEVERITY_MAPPING,
    /** CVE data: the vendor's CVSS score, scaled to 0-100. */
    CVE_DATA
}
