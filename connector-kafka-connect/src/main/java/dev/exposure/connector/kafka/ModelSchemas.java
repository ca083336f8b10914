package dev.exposure.connector.kafka;

import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.CloudMetadata;
import dev.exposure.connector.model.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The SDK's {@link Asset} and {@link Finding} as Connect {@link Struct}s, so that every converter
 * (JSON with schemas, Avro, Protobuf) can write them. One field per model field, same names;
 * absent optional values are null, lists are empty rather than null; instants are ISO-8601 text
 * (UTC, full precision, as the SDK's JSON output writes them); enums are their names.
 *
 * <p>Schema names {@value #ASSET_NAME} and {@value #FINDING_NAME}, version 1. A later SDK version
 * only adds optional fields, so the schemas stay backward compatible.
 *
 * @since 0.1
 */
public final class ModelSchemas {
    /** The asset schema's name. */
    public static final String ASSET_NAME = "dev.exposure.connector.Asset";
    /** The finding schema's name. */
    public static final String FINDING_NAME = "dev.exposure.connector.Finding";
    /** The cloud metadata schema's name. */
    public static final String CLOUD_NAME = "dev.exposure.connector.CloudMetadata";

    private static final Schema OPT_STRING = Schema.OPTIONAL_STRING_SCHEMA;
    private static final Schema STRINGS = SchemaBuilder.array(Schema.STRING_SCHEMA).build();
    private static final Schema ATTRIBUTES = SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build();

    /** The schema of {@link CloudMetadata} (optional inside an asset). */
    public static final Schema CLOUD = SchemaBuilder.struct().name(CLOUD_NAME).version(1).optional()
            .field("provider", OPT_STRING).field("accountId", OPT_STRING).field("resourceGroup", OPT_STRING)
            .field("region", OPT_STRING).field("resourceId", OPT_STRING).field("instanceId", OPT_STRING)
            .field("resourceType", OPT_STRING).build();

    /** The schema of {@link Asset}. */
    public static final Schema ASSET = SchemaBuilder.struct().name(ASSET_NAME).version(1)
            .doc("A host asset of the Exposure connector SDK")
            .field("externalAssetId", Schema.STRING_SCHEMA).field("source", Schema.STRING_SCHEMA)
            .field("assetName", OPT_STRING).field("hostName", OPT_STRING).field("hostNameAscii", OPT_STRING)
            .field("operatingSystemName", OPT_STRING).field("operatingSystemVersion", OPT_STRING)
            .field("ipAddress", OPT_STRING).field("ipAddresses", STRINGS).field("publicIpAddresses", STRINGS)
            .field("macAddress", OPT_STRING).field("macAddresses", STRINGS).field("cloud", CLOUD)
            .field("tags", STRINGS).field("firstSeen", OPT_STRING).field("lastSeen", OPT_STRING)
            .field("healthStatus", OPT_STRING).field("onboardingStatus", OPT_STRING)
            .field("exposureLevel", OPT_STRING).field("riskLevel", OPT_STRING).field("deviceValue", OPT_STRING)
            .field("powerState", OPT_STRING).field("criticality", Schema.OPTIONAL_INT32_SCHEMA)
            .field("riskScore", Schema.OPTIONAL_INT32_SCHEMA).field("attributes", ATTRIBUTES).build();

    /** The schema of {@link Finding}. */
    public static final Schema FINDING = SchemaBuilder.struct().name(FINDING_NAME).version(1)
            .doc("A security finding of the Exposure connector SDK")
            .field("externalFindingId", Schema.STRING_SCHEMA).field("externalAssetId", Schema.STRING_SCHEMA)
            .field("findingType", Schema.STRING_SCHEMA).field("findingName", OPT_STRING)
            .field("findingDescription", OPT_STRING).field("findingSubType", OPT_STRING).field("cveIds", STRINGS)
            .field("severity", Schema.INT32_SCHEMA).field("vendorSeverity", OPT_STRING)
            .field("qds", Schema.INT32_SCHEMA).field("qdsSource", Schema.STRING_SCHEMA)
            .field("cvssScore", Schema.OPTIONAL_FLOAT64_SCHEMA).field("findingStatus", Schema.STRING_SCHEMA)
            .field("vendorStatus", OPT_STRING).field("firstFoundOn", OPT_STRING).field("lastFoundOn", OPT_STRING)
            .field("updatedOn", OPT_STRING).field("recommendation", OPT_STRING)
            .field("remediationStrategy", OPT_STRING).field("fixingKbId", OPT_STRING)
            .field("exploitability", OPT_STRING).field("impact", OPT_STRING).field("productVendor", OPT_STRING)
            .field("productName", OPT_STRING).field("productVersion", OPT_STRING)
            .field("vendorProductName", Schema.STRING_SCHEMA).field("policyId", OPT_STRING)
            .field("policyTitle", OPT_STRING).field("policyDescription", OPT_STRING).field("policyType", OPT_STRING)
            .field("policyFindingUrl", OPT_STRING).field("createdBy", OPT_STRING).field("updatedBy", OPT_STRING)
            .field("attributes", ATTRIBUTES).build();

    private ModelSchemas() { }

    /**
     * @param a an asset
     * @return it as a valid {@link #ASSET} struct
     */
    public static Struct asset(Asset a) {
        Struct s = new Struct(ASSET)
                .put("externalAssetId", a.externalAssetId()).put("source", a.source())
                .put("assetName", a.assetName().orElse(null)).put("hostName", a.hostName().orElse(null))
                .put("hostNameAscii", a.hostNameAscii().orElse(null))
                .put("operatingSystemName", a.operatingSystemName().orElse(null))
                .put("operatingSystemVersion", a.operatingSystemVersion().orElse(null))
                .put("ipAddress", a.ipAddress().orElse(null)).put("ipAddresses", List.copyOf(a.ipAddresses()))
                .put("publicIpAddresses", List.copyOf(a.publicIpAddresses()))
                .put("macAddress", a.macAddress().orElse(null)).put("macAddresses", List.copyOf(a.macAddresses()))
                .put("cloud", a.cloud().map(ModelSchemas::cloud).orElse(null)).put("tags", List.copyOf(a.tags()))
                .put("firstSeen", text(a.firstSeen())).put("lastSeen", text(a.lastSeen()))
                .put("healthStatus", a.healthStatus().orElse(null))
                .put("onboardingStatus", a.onboardingStatus().orElse(null))
                .put("exposureLevel", a.exposureLevel().orElse(null)).put("riskLevel", a.riskLevel().orElse(null))
                .put("deviceValue", a.deviceValue().orElse(null)).put("powerState", a.powerState().orElse(null))
                .put("criticality", a.criticality().orElse(null)).put("riskScore", a.riskScore().orElse(null))
                .put("attributes", Map.copyOf(a.attributes()));
        s.validate();
        return s;
    }

    /**
     * @param f a finding
     * @return it as a valid {@link #FINDING} struct
     */
    public static Struct finding(Finding f) {
        Struct s = new Struct(FINDING)
                .put("externalFindingId", f.externalFindingId()).put("externalAssetId", f.externalAssetId())
                .put("findingType", f.findingType().name()).put("findingName", f.findingName().orElse(null))
                .put("findingDescription", f.findingDescription().orElse(null))
                .put("findingSubType", f.findingSubType().orElse(null)).put("cveIds", List.copyOf(f.cveIds()))
                .put("severity", f.severity()).put("vendorSeverity", f.vendorSeverity().orElse(null))
                .put("qds", f.qds()).put("qdsSource", f.qdsSource().name())
                .put("cvssScore", f.cvssScore().orElse(null)).put("findingStatus", f.findingStatus().name())
                .put("vendorStatus", f.vendorStatus().orElse(null)).put("firstFoundOn", text(f.firstFoundOn()))
                .put("lastFoundOn", text(f.lastFoundOn())).put("updatedOn", text(f.updatedOn()))
                .put("recommendation", f.recommendation().orElse(null))
                .put("remediationStrategy", f.remediationStrategy().orElse(null))
                .put("fixingKbId", f.fixingKbId().orElse(null)).put("exploitability", f.exploitability().orElse(null))
                .put("impact", f.impact().orElse(null)).put("productVendor", f.productVendor().orElse(null))
                .put("productName", f.productName().orElse(null)).put("productVersion", f.productVersion().orElse(null))
                .put("vendorProductName", f.vendorProductName()).put("policyId", f.policyId().orElse(null))
                .put("policyTitle", f.policyTitle().orElse(null))
                .put("policyDescription", f.policyDescription().orElse(null))
                .put("policyType", f.policyType().orElse(null))
                .put("policyFindingUrl", f.policyFindingUrl().orElse(null))
                .put("createdBy", f.createdBy().orElse(null)).put("updatedBy", f.updatedBy().orElse(null))
                .put("attributes", Map.copyOf(f.attributes()));
        s.validate();
        return s;
    }

    private static Struct cloud(CloudMetadata c) {
        return new Struct(CLOUD).put("provider", c.provider().orElse(null)).put("accountId", c.accountId().orElse(null))
                .put("resourceGroup", c.resourceGroup().orElse(null)).put("region", c.region().orElse(null))
                .put("resourceId", c.resourceId().orElse(null)).put("instanceId", c.instanceId().orElse(null))
                .put("resourceType", c.resourceType().orElse(null));
    }

    private static String text(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }
}
