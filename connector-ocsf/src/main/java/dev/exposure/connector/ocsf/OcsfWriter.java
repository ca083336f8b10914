package dev.exposure.connector.ocsf;

import static dev.exposure.connector.ocsf.OcsfEnums.ACTIVITY_COLLECT;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.CloudMetadata;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingType;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes the model as OCSF 1.8.0 events, one JSON object per record, straight to a Jackson
 * {@link JsonGenerator} (no tree per record):
 *
 * <ul>
 *   <li>an {@link Asset} as a Device Inventory Info event (class 5001, activity Collect);
 *   <li>a {@link Finding} of type {@link FindingType#VULNERABILITY} as a Vulnerability Finding
 *       (2002), one entry in {@code vulnerabilities} per CVE, or one advisory for a vendor id such
 *       as {@code TVM-2020-0002};
 *   <li>a {@link Finding} of type {@link FindingType#MISCONFIGURATION} as a Compliance Finding (2003).
 * </ul>
 *
 * <p>A vulnerability finding with no CVE and no vendor vulnerability id, and a finding of type
 * {@link FindingType#UNKNOWN}, cannot be a valid event: {@link #writeFinding} writes nothing for it,
 * returns {@code false} and counts it ({@link #counts()}). Model fields and vendor attributes with
 * no OCSF attribute go under {@code unmapped}; the module README has the full table.
 *
 * <p>{@code time} is the observation time given to the builder (the sync's start), the same for every
 * event of a run; the vendor's own times are in {@code finding_info} and {@code device}.
 *
 * <p>Not thread-safe (it counts what it writes): use one writer per output stream. It never closes
 * or flushes the generator.
 *
 * <pre>{@code
 * OcsfWriter ocsf = OcsfWriter.builder(provider.descriptor()).time(clock.instant()).build();
 * try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
 *     g.setRootValueSeparator(new SerializedString("\n"));
 *     for (Finding f : findings) {
 *         ocsf.writeFinding(f, g);
 *     }
 * }
 * log.info("{}", ocsf.counts());
 * }</pre>
 *
 * @since 0.1
 */
public final class OcsfWriter {
    /** The OCSF version written in every event's {@code metadata.version}. */
    public static final String OCSF_VERSION = "1.8.0";
    /** class_uid of Vulnerability Finding. */
    public static final int VULNERABILITY_FINDING = 2002;
    /** class_uid of Compliance Finding. */
    public static final int COMPLIANCE_FINDING = 2003;
    /** class_uid of Device Inventory Info. */
    public static final int DEVICE_INVENTORY_INFO = 5001;

    // Finding attributes the shipped maps write (or may write) that have an OCSF place; the others go to unmapped.
    static final String DEVICE_NAME = "deviceName";
    static final String ASSET_NAME = "assetName";
    static final String OS_PLATFORM = "osPlatform";
    static final String OS_VERSION = "osVersion";
    static final String OS_BUILD = "osBuild";
    static final String OS_TYPE = "osType";
    static final String RBAC_GROUP_ID = "rbacGroupId";
    static final String RBAC_GROUP_NAME = "rbacGroupName";
    static final String VENDOR_FINDING_ID = "vendorFindingId";
    static final String SECURITY_UPDATE_AVAILABLE = "securityUpdateAvailable";
    static final String CVSS_VERSION = "cvssVersion";
    static final String CVSS_VECTOR = "cvssVector";
    static final String RESOURCE_ID = "resourceId";
    static final String COMPLIANCE_RESULT = "complianceResult";
    static final String STATUS_CAUSE = "statusCause";
    static final String STATUS_DESCRIPTION = "statusDescription";
    static final String STANDARDS = "standards";
    static final String DEVICE_TYPE = "deviceType";

    static final Set<String> VULNERABILITY_MAPPED = Set.of(DEVICE_NAME, ASSET_NAME, OS_PLATFORM, OS_VERSION, OS_BUILD,
            RBAC_GROUP_ID, RBAC_GROUP_NAME, VENDOR_FINDING_ID, SECURITY_UPDATE_AVAILABLE, CVSS_VERSION, CVSS_VECTOR,
            RESOURCE_ID, DEVICE_TYPE);
    static final Set<String> COMPLIANCE_MAPPED = Set.of(DEVICE_NAME, ASSET_NAME, OS_PLATFORM, OS_VERSION, OS_BUILD,
            RBAC_GROUP_ID, RBAC_GROUP_NAME, RESOURCE_ID, COMPLIANCE_RESULT, STATUS_CAUSE, STATUS_DESCRIPTION, STANDARDS,
            DEVICE_TYPE);
    static final Set<String> ASSET_MAPPED = Set.of(RBAC_GROUP_ID, RBAC_GROUP_NAME, OS_BUILD, OS_TYPE, DEVICE_TYPE);

    private final String productName;
    private final String vendorName;
    private final @Nullable String productVersion;
    private final String logProvider;
    private final long time;

    private long assets;
    private long vulnerabilities;
    private long compliance;
    private long withoutId;
    private long unknownType;

    private OcsfWriter(Builder b) {
        this.productName = Objects.requireNonNull(b.productName);
        this.vendorName = Objects.requireNonNull(b.vendorName);
        this.productVersion = b.productVersion;
        this.logProvider = Objects.requireNonNull(b.logProvider);
        this.time = b.time;
    }

    /** @return a builder; product name, vendor, log provider and time are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with {@code metadata} taken from a connector: product = its display name and
     * version, vendor = its vendor, log provider = its id.
     *
     * @param connector the connector whose records are written
     * @return a builder; set {@link Builder#time(Instant)} before building
     */
    public static Builder builder(ConnectorDescriptor connector) {
        return new Builder().productName(connector.displayName()).vendorName(connector.vendor())
                .productVersion(connector.version()).logProvider(connector.id());
    }

    /** @return what this writer wrote and left out so far */
    public OcsfCounts counts() {
        return new OcsfCounts(assets, vulnerabilities, compliance, withoutId, unknownType);
    }

    /**
     * The OCSF class a finding becomes.
     *
     * @param finding a finding
     * @return 2002 or 2003; empty when the finding cannot be an OCSF event (type unknown, or a
     *     vulnerability with no CVE and no vendor id)
     */
    public static Optional<Integer> classOf(Finding finding) {
        return switch (finding.findingType()) {
            case VULNERABILITY -> !finding.cveIds().isEmpty() || vendorVulnerabilityId(finding) != null
                    ? Optional.of(VULNERABILITY_FINDING) : Optional.empty();
            case MISCONFIGURATION -> Optional.of(COMPLIANCE_FINDING);
            case UNKNOWN -> Optional.empty();
        };
    }

    /**
     * Writes an asset as one Device Inventory Info (5001) event.
     *
     * @param asset the asset
     * @param g where the event goes (a root-level value; not flushed or closed)
     * @throws IOException when the generator cannot write
     */
    public void writeAsset(Asset asset, JsonGenerator g) throws IOException {
        g.writeStartObject();
        header(g, DEVICE_INVENTORY_INFO, 5, "Discovery", "Device Inventory Info", ACTIVITY_COLLECT, "Collect");
        g.writeNumberField("severity_id", 1);
        g.writeStringField("severity", "Informational");
        g.writeNumberField("time", time);
        Optional<CloudMetadata> cloud = asset.cloud();
        boolean cloudProfile = cloud.flatMap(CloudMetadata::provider).isPresent();
        metadata(g, cloudProfile ? "cloud" : null, asset.source());
        if (cloudProfile) {
            CloudMetadata c = cloud.get();
            g.writeObjectFieldStart("cloud");
            g.writeStringField("provider", c.provider().get());
            str(g, "region", c.region());
            if (c.accountId().isPresent()) {
                g.writeObjectFieldStart("account");
                g.writeStringField("uid", c.accountId().get());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        assetDevice(asset, g);
        assetUnmapped(asset, g);
        g.writeEndObject();
        assets++;
    }

    /**
     * Writes a finding as one Vulnerability Finding (2002) or Compliance Finding (2003) event, or
     * nothing when it cannot be one (see {@link #classOf(Finding)}); those are counted.
     *
     * @param finding the finding
     * @param g where the event goes (a root-level value; not flushed or closed)
     * @return whether an event was written
     * @throws IOException when the generator cannot write
     */
    public boolean writeFinding(Finding finding, JsonGenerator g) throws IOException {
        switch (finding.findingType()) {
            case VULNERABILITY -> {
                String vendorId = finding.cveIds().isEmpty() ? vendorVulnerabilityId(finding) : null;
                if (finding.cveIds().isEmpty() && vendorId == null) {
                    withoutId++;
                    return false;
                }
                writeVulnerability(finding, vendorId, g);
                vulnerabilities++;
                return true;
            }
            case MISCONFIGURATION -> {
                writeCompliance(finding, g);
                compliance++;
                return true;
            }
            default -> {
                unknownType++;
                return false;
            }
        }
    }

    private static @Nullable String vendorVulnerabilityId(Finding f) {
        String id = f.attributes().get(VENDOR_FINDING_ID);
        return id == null || id.isBlank() ? null : id.trim().toUpperCase(Locale.ROOT);
    }

    // ---- events ----

    private void writeVulnerability(Finding f, @Nullable String vendorId, JsonGenerator g) throws IOException {
        Map<String, String> attrs = f.attributes();
        g.writeStartObject();
        findingHeader(f, VULNERABILITY_FINDING, "Vulnerability Finding", g);
        metadata(g, null, null);
        findingInfo(f, g);
        g.writeArrayFieldStart("vulnerabilities");
        if (vendorId != null) {
            g.writeStartObject();
            g.writeObjectFieldStart("advisory");
            g.writeStringField("uid", vendorId);
            str(g, "title", f.findingName());
            g.writeEndObject();
            vulnerabilityBody(f, g);
            g.writeEndObject();
        } else {
            String version = attrs.get(CVSS_VERSION);
            for (String cve : f.cveIds()) {
                g.writeStartObject();
                g.writeObjectFieldStart("cve");
                g.writeStringField("uid", cve);
                if (f.cvssScore().isPresent() && version != null && !version.isBlank()) {
                    g.writeArrayFieldStart("cvss");
                    g.writeStartObject();
                    g.writeNumberField("base_score", f.cvssScore().get());
                    g.writeStringField("version", version);
                    String vector = attrs.get(CVSS_VECTOR);
                    if (vector != null && !vector.isBlank()) {
                        g.writeStringField("vector_string", vector);
                    }
                    g.writeEndObject();
                    g.writeEndArray();
                }
                g.writeEndObject();
                vulnerabilityBody(f, g);
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        findingDevice(f, g);
        resources(f, g);
        findingUnmapped(f, g, VULNERABILITY_MAPPED, true);
        g.writeEndObject();
    }

    private void vulnerabilityBody(Finding f, JsonGenerator g) throws IOException {
        str(g, "title", f.findingName());
        str(g, "desc", f.findingDescription());
        str(g, "severity", f.vendorSeverity());
        time(g, "first_seen_time", f.firstFoundOn());
        time(g, "last_seen_time", f.lastFoundOn());
        if (f.productName().isPresent() && f.productVersion().isPresent()) {
            g.writeArrayFieldStart("affected_packages");
            g.writeStartObject();
            g.writeStringField("name", f.productName().get());
            g.writeStringField("version", f.productVersion().get());
            str(g, "vendor_name", f.productVendor());
            g.writeEndObject();
            g.writeEndArray();
        }
        String fix = f.attributes().get(SECURITY_UPDATE_AVAILABLE);
        if (fix != null && (fix.equalsIgnoreCase("true") || fix.equalsIgnoreCase("false"))) {
            g.writeBooleanField("is_fix_available", Boolean.parseBoolean(fix));
        } else if (f.fixingKbId().isPresent()) {
            g.writeBooleanField("is_fix_available", true);
        }
        if (f.fixingKbId().isPresent()) {
            g.writeArrayFieldStart("kb_articles");
            g.writeString(f.fixingKbId().get());
            g.writeEndArray();
        }
        if (f.exploitability().isPresent()) {
            String e = f.exploitability().get();
            if (!e.isBlank() && !e.equalsIgnoreCase("Unknown")) {
                g.writeBooleanField("is_exploit_available", !e.equalsIgnoreCase("NoExploit"));
            }
        }
        Optional<String> desc = remediationDesc(f);
        if (desc.isPresent()) {
            g.writeObjectFieldStart("remediation");
            g.writeStringField("desc", desc.get());
            remediationRefs(f, g);
            g.writeEndObject();
        }
        g.writeStringField("vendor_name", vendorName);
    }

    private void writeCompliance(Finding f, JsonGenerator g) throws IOException {
        Map<String, String> attrs = f.attributes();
        boolean policy = f.policyId().isPresent() || f.policyTitle().isPresent();
        g.writeStartObject();
        findingHeader(f, COMPLIANCE_FINDING, "Compliance Finding", g);
        metadata(g, policy ? "security_control" : null, null);
        findingInfo(f, g);
        g.writeObjectFieldStart("compliance");
        Optional<String> control = f.policyTitle().or(f::findingName);
        str(g, "control", control);
        str(g, "desc", f.policyDescription());
        str(g, "category", f.recommendation());
        String standards = attrs.get(STANDARDS);
        if (standards != null && !standards.isBlank()) {
            g.writeArrayFieldStart("standards");
            for (String s : standards.split("[;,]")) {
                if (!s.isBlank()) {
                    g.writeString(s.trim());
                }
            }
            g.writeEndArray();
        }
        int status = OcsfEnums.complianceStatusId(attrs.get(COMPLIANCE_RESULT), f.findingStatus());
        if (status != 0) {
            g.writeNumberField("status_id", status);
            g.writeStringField("status", status == OcsfEnums.COMPLIANCE_PASS ? "Pass" : "Fail");
        }
        str(g, "status_code", f.vendorStatus());
        String cause = attrs.get(STATUS_CAUSE);
        String detail = attrs.get(STATUS_DESCRIPTION);
        boolean hasCause = cause != null && !cause.isBlank();
        boolean hasDetail = detail != null && !detail.isBlank();
        if (hasCause || hasDetail) {
            g.writeArrayFieldStart("status_details");
            if (hasCause) {
                g.writeString(cause);
            }
            if (hasDetail) {
                g.writeString(detail);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        if (policy) {
            g.writeObjectFieldStart("policy");
            str(g, "uid", f.policyId());
            str(g, "name", f.policyTitle());
            str(g, "desc", f.policyDescription());
            str(g, "type", f.policyType());
            g.writeEndObject();
        }
        findingDevice(f, g);
        resources(f, g);
        Optional<String> desc = f.remediationStrategy();
        if (desc.isPresent() && !desc.get().isBlank()) {
            g.writeObjectFieldStart("remediation");
            g.writeStringField("desc", desc.get());
            if (f.fixingKbId().isPresent()) {
                g.writeArrayFieldStart("kb_articles");
                g.writeString(f.fixingKbId().get());
                g.writeEndArray();
            }
            if (f.policyFindingUrl().isPresent()) {
                g.writeArrayFieldStart("references");
                g.writeString(f.policyFindingUrl().get());
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        findingUnmapped(f, g, COMPLIANCE_MAPPED, false);
        g.writeEndObject();
    }

    // ---- shared parts ----

    private static void header(JsonGenerator g, int classUid, int categoryUid, String categoryName, String className,
                               int activityId, String activityName) throws IOException {
        g.writeNumberField("class_uid", classUid);
        g.writeStringField("class_name", className);
        g.writeNumberField("category_uid", categoryUid);
        g.writeStringField("category_name", categoryName);
        g.writeNumberField("activity_id", activityId);
        g.writeStringField("activity_name", activityName);
        g.writeNumberField("type_uid", classUid * 100L + activityId);
        g.writeStringField("type_name", className + ": " + activityName);
    }

    private void findingHeader(Finding f, int classUid, String className, JsonGenerator g) throws IOException {
        int activity = OcsfEnums.findingActivityId(f.vendorStatus().orElse(null));
        header(g, classUid, 2, "Findings", className, activity, OcsfEnums.findingActivityCaption(activity));
        int severity = OcsfEnums.severityId(f.severity());
        g.writeNumberField("severity_id", severity);
        g.writeStringField("severity", OcsfEnums.SEVERITY_CAPTIONS[severity]);
        int status = OcsfEnums.findingStatusId(f.findingStatus());
        g.writeNumberField("status_id", status);
        g.writeStringField("status", OcsfEnums.findingStatusCaption(status));
        str(g, "status_code", f.vendorStatus());
        g.writeNumberField("time", time);
    }

    private void metadata(JsonGenerator g, @Nullable String profile, @Nullable String logSource) throws IOException {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("version", OCSF_VERSION);
        g.writeObjectFieldStart("product");
        g.writeStringField("name", productName);
        g.writeStringField("vendor_name", vendorName);
        if (productVersion != null) {
            g.writeStringField("version", productVersion);
        }
        g.writeEndObject();
        g.writeStringField("log_provider", logProvider);
        if (logSource != null) {
            g.writeStringField("log_source", logSource);
        }
        if (profile != null) {
            g.writeArrayFieldStart("profiles");
            g.writeString(profile);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void findingInfo(Finding f, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("finding_info");
        g.writeStringField("uid", f.externalFindingId());
        str(g, "title", f.findingName());
        str(g, "desc", f.findingDescription());
        time(g, "first_seen_time", f.firstFoundOn());
        time(g, "last_seen_time", f.lastFoundOn());
        time(g, "modified_time", f.updatedOn());
        str(g, "src_url", f.policyFindingUrl());
        if (f.findingSubType().isPresent()) {
            g.writeArrayFieldStart("types");
            g.writeString(f.findingSubType().get());
            g.writeEndArray();
        }
        g.writeObjectFieldStart("product");
        g.writeStringField("name", f.vendorProductName());
        g.writeStringField("vendor_name", vendorName);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static Optional<String> remediationDesc(Finding f) {
        if (f.recommendation().isPresent() && !f.recommendation().get().isBlank()) {
            return f.recommendation();
        }
        return f.remediationStrategy().filter(s -> !s.isBlank() && !isUrl(s));
    }

    private static void remediationRefs(Finding f, JsonGenerator g) throws IOException {
        if (f.fixingKbId().isPresent()) {
            g.writeArrayFieldStart("kb_articles");
            g.writeString(f.fixingKbId().get());
            g.writeEndArray();
        }
        Optional<String> url = f.remediationStrategy().filter(OcsfWriter::isUrl);
        if (url.isPresent()) {
            g.writeArrayFieldStart("references");
            g.writeString(url.get());
            g.writeEndArray();
        }
    }

    private static boolean isUrl(String s) {
        return s.regionMatches(true, 0, "https://", 0, 8) || s.regionMatches(true, 0, "http://", 0, 7);
    }

    /** The device a finding is on: its asset id and what the finding's attributes tell of the host. */
    private static void findingDevice(Finding f, JsonGenerator g) throws IOException {
        Map<String, String> a = f.attributes();
        String host = a.get(DEVICE_NAME);
        String name = host != null ? host : a.get(ASSET_NAME);
        String os = a.get(OS_PLATFORM);
        g.writeObjectFieldStart("device");
        g.writeStringField("uid", f.externalAssetId());
        String resourceId = a.get(RESOURCE_ID);
        boolean vm = resourceId != null && resourceId.toLowerCase(Locale.ROOT).contains("/virtualmachines/");
        int type = OcsfEnums.deviceTypeId(a.get(DEVICE_TYPE), vm, os);
        g.writeNumberField("type_id", type);
        g.writeStringField("type", OcsfEnums.deviceTypeCaption(type));
        if (host != null) {
            g.writeStringField("hostname", host);
        }
        if (name != null) {
            g.writeStringField("name", name);
        }
        if (resourceId != null) {
            g.writeStringField("uid_alt", resourceId);
        }
        if (os != null) {
            os(g, os, a.get(OS_VERSION), a.get(OS_BUILD), os);
        }
        groups(g, a.get(RBAC_GROUP_ID), a.get(RBAC_GROUP_NAME));
        g.writeEndObject();
    }

    private static void resources(Finding f, JsonGenerator g) throws IOException {
        Map<String, String> a = f.attributes();
        String host = a.get(DEVICE_NAME);
        String name = host != null ? host : a.get(ASSET_NAME);
        g.writeArrayFieldStart("resources");
        g.writeStartObject();
        g.writeStringField("uid", f.externalAssetId());
        String resourceId = a.get(RESOURCE_ID);
        if (resourceId != null) {
            g.writeStringField("uid_alt", resourceId);
        }
        if (name != null) {
            g.writeStringField("name", name);
        }
        if (host != null) {
            g.writeStringField("hostname", host);
        }
        if (f.findingType() == FindingType.MISCONFIGURATION && f.productVendor().isPresent()) {
            g.writeStringField("type", f.productVendor().get());
        } else {
            g.writeStringField("type", "Device");
        }
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void os(JsonGenerator g, String name, @Nullable String version, @Nullable String build,
                           @Nullable String typeHint) throws IOException {
        g.writeObjectFieldStart("os");
        g.writeStringField("name", name);
        int type = OcsfEnums.osTypeId(typeHint);
        if (type == 99 || type == 0) {
            int byName = OcsfEnums.osTypeId(name);
            type = byName != 0 ? byName : type;
        }
        g.writeNumberField("type_id", type);
        g.writeStringField("type", OcsfEnums.osTypeCaption(type));
        if (version != null) {
            g.writeStringField("version", version);
        }
        if (build != null) {
            g.writeStringField("build", build);
        }
        g.writeEndObject();
    }

    private static void groups(JsonGenerator g, @Nullable String uid, @Nullable String name) throws IOException {
        if (uid == null && name == null) {
            return;
        }
        g.writeArrayFieldStart("groups");
        g.writeStartObject();
        if (name != null) {
            g.writeStringField("name", name);
        }
        if (uid != null) {
            g.writeStringField("uid", uid);
        }
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void assetDevice(Asset a, JsonGenerator g) throws IOException {
        Map<String, String> attrs = a.attributes();
        Optional<CloudMetadata> cloud = a.cloud();
        boolean vm = cloud.flatMap(CloudMetadata::instanceId).isPresent()
                || cloud.flatMap(CloudMetadata::resourceType).map(t -> t.toLowerCase(Locale.ROOT).contains("virtualmachine"))
                        .orElse(false);
        g.writeObjectFieldStart("device");
        g.writeStringField("uid", a.externalAssetId());
        int type = OcsfEnums.deviceTypeId(attrs.get(DEVICE_TYPE), vm, a.operatingSystemName().orElse(null));
        g.writeNumberField("type_id", type);
        g.writeStringField("type", OcsfEnums.deviceTypeCaption(type));
        str(g, "hostname", a.hostName());
        str(g, "name", a.assetName());
        str(g, "ip", a.ipAddress());
        Optional<String> mac = a.macAddress().or(() -> a.macAddresses().stream().findFirst());
        str(g, "mac", mac);
        if (cloud.isPresent()) {
            CloudMetadata c = cloud.get();
            str(g, "instance_uid", c.instanceId());
            str(g, "region", c.region());
            str(g, "uid_alt", c.resourceId());
        }
        if (a.operatingSystemName().isPresent()) {
            os(g, a.operatingSystemName().get(), a.operatingSystemVersion().orElse(null), attrs.get(OS_BUILD),
                    attrs.getOrDefault(OS_TYPE, a.operatingSystemName().get()));
        }
        networkInterfaces(a, g);
        time(g, "first_seen_time", a.firstSeen());
        time(g, "last_seen_time", a.lastSeen());
        if (a.riskLevel().isPresent()) {
            g.writeStringField("risk_level", a.riskLevel().get());
            g.writeNumberField("risk_level_id", OcsfEnums.riskLevelId(a.riskLevel().get()));
        }
        if (a.riskScore().isPresent()) {
            g.writeNumberField("risk_score", a.riskScore().get());
        }
        groups(g, attrs.get(RBAC_GROUP_ID), attrs.get(RBAC_GROUP_NAME));
        g.writeEndObject();
    }

    /**
     * One interface per known address: the model keeps IPs and MACs apart (it does not pair them),
     * so each IP (private, then public) and each MAC is an interface of its own.
     */
    private static void networkInterfaces(Asset a, JsonGenerator g) throws IOException {
        List<String> ips = a.ipAddresses();
        List<String> publicIps = a.publicIpAddresses();
        List<String> macs = a.macAddresses();
        if (ips.isEmpty() && publicIps.isEmpty() && macs.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("network_interfaces");
        for (String ip : ips) {
            g.writeStartObject();
            g.writeStringField("ip", ip);
            g.writeEndObject();
        }
        for (String ip : publicIps) {
            if (!ips.contains(ip)) {
                g.writeStartObject();
                g.writeStringField("ip", ip);
                g.writeStringField("name", "public");
                g.writeEndObject();
            }
        }
        for (String m : macs) {
            g.writeStartObject();
            g.writeStringField("mac", m);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    // ---- unmapped ----

    private static void assetUnmapped(Asset a, JsonGenerator g) throws IOException {
        Unmapped u = new Unmapped(g);
        u.put("hostNameAscii", a.hostNameAscii());
        u.list("tags", a.tags());
        u.put("healthStatus", a.healthStatus());
        u.put("onboardingStatus", a.onboardingStatus());
        u.put("exposureLevel", a.exposureLevel());
        u.put("deviceValue", a.deviceValue());
        u.put("powerState", a.powerState());
        if (a.criticality().isPresent()) {
            u.open();
            g.writeNumberField("criticality", a.criticality().get());
        }
        if (a.cloud().isPresent()) {
            CloudMetadata c = a.cloud().get();
            u.put("cloud.resourceGroup", c.resourceGroup());
            u.put("cloud.resourceType", c.resourceType());
            if (c.provider().isEmpty()) {
                u.put("cloud.accountId", c.accountId());
            }
        }
        u.rest(a.attributes(), ASSET_MAPPED);
        u.close();
    }

    private static void findingUnmapped(Finding f, JsonGenerator g, Set<String> mapped, boolean vulnerability)
            throws IOException {
        Unmapped u = new Unmapped(g);
        u.open();
        g.writeNumberField("qds", f.qds());
        g.writeStringField("qdsSource", f.qdsSource().name());
        if (vulnerability) {
            String version = f.attributes().get(CVSS_VERSION);
            if (f.cvssScore().isPresent() && (version == null || version.isBlank() || f.cveIds().isEmpty())) {
                g.writeNumberField("cvssScore", f.cvssScore().get());
            }
            u.put("exploitability", f.exploitability());
            if (remediationDesc(f).isPresent() && f.recommendation().isPresent()) {
                // recommendation is the remediation text; a non-URL strategy next to it has no other place
                u.put("remediationStrategy", f.remediationStrategy().filter(s -> !isUrl(s)));
            }
            u.put("policyId", f.policyId());
            u.put("policyTitle", f.policyTitle());
            u.put("policyDescription", f.policyDescription());
            u.put("policyType", f.policyType());
        } else {
            u.list("cveIds", f.cveIds());
            u.put("vendorSeverity", f.vendorSeverity());
            u.put("cvssScore", f.cvssScore().map(String::valueOf));
            u.put("exploitability", f.exploitability());
            u.put("productName", f.productName());
            u.put("productVersion", f.productVersion());
        }
        u.put("impact", f.impact());
        u.put("createdBy", f.createdBy());
        u.put("updatedBy", f.updatedBy());
        u.rest(f.attributes(), mapped);
        u.close();
    }

    /** Opens {@code unmapped} at its first entry, so that an event with nothing unmapped has none. */
    private static final class Unmapped {
        private final JsonGenerator g;
        private boolean open;

        Unmapped(JsonGenerator g) {
            this.g = g;
        }

        void open() throws IOException {
            if (!open) {
                g.writeObjectFieldStart("unmapped");
                open = true;
            }
        }

        void put(String name, Optional<String> value) throws IOException {
            if (value.isPresent()) {
                open();
                g.writeStringField(name, value.get());
            }
        }

        void list(String name, List<String> values) throws IOException {
            if (!values.isEmpty()) {
                open();
                g.writeArrayFieldStart(name);
                for (String v : values) {
                    g.writeString(v);
                }
                g.writeEndArray();
            }
        }

        void rest(Map<String, String> attributes, Set<String> mapped) throws IOException {
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                if (!mapped.contains(e.getKey())) {
                    open();
                    g.writeStringField(e.getKey(), e.getValue());
                }
            }
        }

        void close() throws IOException {
            if (open) {
                g.writeEndObject();
            }
        }
    }

    // ---- small writers ----

    private static void str(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }

    private static void time(JsonGenerator g, String name, Optional<Instant> value) throws IOException {
        if (value.isPresent()) {
            g.writeNumberField(name, value.get().toEpochMilli());
        }
    }

    /** Builds an {@link OcsfWriter}. */
    public static final class Builder {
        private @Nullable String productName;
        private @Nullable String vendorName;
        private @Nullable String productVersion;
        private @Nullable String logProvider;
        private long time = Long.MIN_VALUE;

        private Builder() {}

        /**
         * @param name {@code metadata.product.name}, e.g. {@code Microsoft Defender for Endpoint V2}
         * @return this builder
         */
        public Builder productName(String name) {
            this.productName = Objects.requireNonNull(name, "name must not be null");
            return this;
        }

        /**
         * @param name {@code metadata.product.vendor_name} (and the vulnerabilities' vendor), e.g. {@code Microsoft}
         * @return this builder
         */
        public Builder vendorName(String name) {
            this.vendorName = Objects.requireNonNull(name, "name must not be null");
            return this;
        }

        /**
         * @param version {@code metadata.product.version}, optional
         * @return this builder
         */
        public Builder productVersion(String version) {
            this.productVersion = Objects.requireNonNull(version, "version must not be null");
            return this;
        }

        /**
         * @param provider {@code metadata.log_provider}: the connector id, e.g. {@code mde-v2}
         * @return this builder
         */
        public Builder logProvider(String provider) {
            this.logProvider = Objects.requireNonNull(provider, "provider must not be null");
            return this;
        }

        /**
         * @param observedAt every event's {@code time}: when the records were observed (the sync's start)
         * @return this builder
         */
        public Builder time(Instant observedAt) {
            this.time = Objects.requireNonNull(observedAt, "observedAt must not be null").toEpochMilli();
            return this;
        }

        /**
         * @return the writer
         * @throws IllegalStateException listing what is missing
         */
        public OcsfWriter build() {
            StringBuilder missing = new StringBuilder();
            if (productName == null) {
                missing.append(" productName");
            }
            if (vendorName == null) {
                missing.append(" vendorName");
            }
            if (logProvider == null) {
                missing.append(" logProvider");
            }
            if (time == Long.MIN_VALUE) {
                missing.append(" time");
            }
            if (missing.length() > 0) {
                throw new IllegalStateException("OcsfWriter needs" + missing);
            }
            return new OcsfWriter(this);
        }
    }
}
