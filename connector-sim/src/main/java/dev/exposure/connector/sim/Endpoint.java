package dev.exposure.connector.sim;

/**
 * The endpoint families a simulated tenant serves. Requests are counted, rate-measured and
 * fault-scripted per family.
 *
 * @since 0.1
 */
public enum Endpoint {
    /** {@code POST /{tenant}/oauth2/v2.0/token} (both tenants). */
    TOKEN,
    /** MDE {@code GET /api/machines}. */
    MACHINES,
    /** MDE {@code GET /api/machines/SoftwareVulnerabilitiesByMachine} (the JSON export). */
    VULNERABILITIES,
    /** MDE {@code GET /api/machines/SoftwareVulnerabilityChangesByMachine} (the delta). */
    VULNERABILITY_CHANGES,
    /** MDE {@code GET /api/machines/SoftwareVulnerabilitiesExport} (the file export's link list). */
    FILE_EXPORT,
    /** The file export's gzip parts behind SAS links ({@code GET /tvm-export/...}). */
    BLOB,
    /** ARM {@code POST /providers/Microsoft.ResourceGraph/resources}. */
    RESOURCE_GRAPH,
    /** ARM {@code GET /subscriptions/{id}} (the authorization probe). */
    SUBSCRIPTION,
    /** Anything else (answered 404). */
    OTHER
}
