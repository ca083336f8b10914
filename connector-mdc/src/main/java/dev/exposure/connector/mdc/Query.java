package dev.exposure.connector.mdc;

/**
 * The Resource Graph queries of the connector. Each projects {@code id} and orders by it, which
 * paging with {@code $skipToken} needs and which keeps pages stable across requests.
 */
enum Query {
    /** Virtual machines (the spec's "Fetch Asset"). */
    VIRTUAL_MACHINES("virtual machines", """
            Resources
            | where type =~ 'microsoft.compute/virtualmachines'
            | project id, name, type, tenantId, location, resourceGroup, subscriptionId, tags, zones, properties
            | order by id asc"""),
    /** Network interfaces: MAC, private IPs, public IP references, owning VM. */
    NETWORK_INTERFACES("network interfaces", """
            Resources
            | where type =~ 'microsoft.network/networkinterfaces'
            | project id, name, subscriptionId, properties
            | order by id asc"""),
    /** Public IP addresses. */
    PUBLIC_IP_ADDRESSES("public IP addresses", """
            Resources
            | where type =~ 'microsoft.network/publicipaddresses'
            | project id, name, subscriptionId, properties
            | order by id asc"""),
    /** Security assessments of virtual machines (the spec's "Fetch Resources and Assessments"). */
    ASSESSMENTS("assessments", """
            securityresources
            | where type == "microsoft.security/assessments"
            | extend assessedResourceId = tolower(extract(@"(?i)^(.+)/providers/microsoft\\.security/assessments/[^/]+$", 1, id))
            | where assessedResourceId contains "/providers/microsoft.compute/virtualmachines/"
            | project id, name, type, tenantId, subscriptionId, resourceGroup, managedBy, assessedResourceId, properties
            | order by id asc"""),
    /**
     * Vulnerability assessment findings of virtual machines: the sub-assessments of the parent
     * assessments (e.g. 1195afff-c881-495e-9bc5-1486211ae03f, "Machines should have vulnerability
     * findings resolved"), one per vulnerability found on a machine.
     */
    SUB_ASSESSMENTS("sub-assessments", """
            securityresources
            | where type == "microsoft.security/assessments/subassessments"
            | extend assessedResourceId = tolower(extract(@"(?i)^(.+)/providers/microsoft\\.security/assessments/[^/]+/subassessments/[^/]+$", 1, id))
            | where assessedResourceId contains "/providers/microsoft.compute/virtualmachines/"
            | project id, name, type, tenantId, subscriptionId, resourceGroup, assessedResourceId, properties
            | order by id asc"""),
    /** The connection test's one-row query. */
    PROBE("connection test", """
            Resources
            | where type =~ 'microsoft.compute/virtualmachines'
            | project id
            | order by id asc""");

    private final String label;
    private final String kql;

    Query(String label, String kql) {
        this.label = label;
        this.kql = kql;
    }

    String label() {
        return label;
    }

    String kql() {
        return kql;
    }
}
