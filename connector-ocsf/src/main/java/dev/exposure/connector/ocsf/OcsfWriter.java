package dev.exposure.connector.ocsf;

import static dev.exposure.connector.ocsf.OcsfEnums.ACTIVITY_COLLECT;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
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

    // Attribute names, encoded once (writing a pre-encoded name is cheaper than a String one).
    private static final SerializableString N_ACCOUNT = new SerializedString("account");
    private static final SerializableString N_ACTIVITY_ID = new SerializedString("activity_id");
    private static final SerializableString N_ACTIVITY_NAME = new SerializedString("activity_name");
    private static final SerializableString N_ADVISORY = new SerializedString("advisory");
    private static final SerializableString N_AFFECTED_PACKAGES = new SerializedString("affected_packages");
    private static final SerializableString N_BASE_SCORE = new SerializedString("base_score");
    private static final SerializableString N_BUILD = new SerializedString("build");
    private static final SerializableString N_CATEGORY = new SerializedString("category");
    private static final SerializableString N_CATEGORY_NAME = new SerializedString("category_name");
    private static final SerializableString N_CATEGORY_UID = new SerializedString("category_uid");
    private static final SerializableString N_CLASS_NAME = new SerializedString("class_name");
    private static final SerializableString N_CLASS_UID = new SerializedString("class_uid");
    private static final SerializableString N_CLOUD = new SerializedString("cloud");
    private static final SerializableString N_COMPLIANCE = new SerializedString("compliance");
    private static final SerializableString N_CONTROL = new SerializedString("control");
    private static final SerializableString N_CRITICALITY = new SerializedString("criticality");
    private static final SerializableString N_CVE = new SerializedString("cve");
    private static final SerializableString N_CVSS = new SerializedString("cvss");
    private static final SerializableString N_CVSSSCORE = new SerializedString("cvssScore");
    private static final SerializableString N_DESC = new SerializedString("desc");
    private static final SerializableString N_DEVICE = new SerializedString("device");
    private static final SerializableString N_FINDING_INFO = new SerializedString("finding_info");
    private static final SerializableString N_FIRST_SEEN_TIME = new SerializedString("first_seen_time");
    private static final SerializableString N_GROUPS = new SerializedString("groups");
    private static final SerializableString N_HOSTNAME = new SerializedString("hostname");
    private static final SerializableString N_INSTANCE_UID = new SerializedString("instance_uid");
    private static final SerializableString N_IP = new SerializedString("ip");
    private static final SerializableString N_IS_EXPLOIT_AVAILABLE = new SerializedString("is_exploit_available");
    private static final SerializableString N_IS_FIX_AVAILABLE = new SerializedString("is_fix_available");
    private static final SerializableString N_KB_ARTICLES = new SerializedString("kb_articles");
    private static final SerializableString N_LAST_SEEN_TIME = new SerializedString("last_seen_time");
    private static final SerializableString N_LOG_PROVIDER = new SerializedString("log_provider");
    private static final SerializableString N_LOG_SOURCE = new SerializedString("log_source");
    private static final SerializableString N_MAC = new SerializedString("mac");
    private static final SerializableString N_METADATA = new SerializedString("metadata");
    private static final SerializableString N_MODIFIED_TIME = new SerializedString("modified_time");
    private static final SerializableString N_NAME = new SerializedString("name");
    private static final SerializableString N_NETWORK_INTERFACES = new SerializedString("network_interfaces");
    private static final SerializableString N_OS = new SerializedString("os");
    private static final SerializableString N_POLICY = new SerializedString("policy");
    private static final SerializableString N_PRODUCT = new SerializedString("product");
    private static final SerializableString N_PROFILES = new SerializedString("profiles");
    private static final SerializableString N_PROVIDER = new SerializedString("provider");
    private static final SerializableString N_QDS = new SerializedString("qds");
    private static final SerializableString N_QDSSOURCE = new SerializedString("qdsSource");
    private static final SerializableString N_REFERENCES = new SerializedString("references");
    private static final SerializableString N_REGION = new SerializedString("region");
    private static final SerializableString N_REMEDIATION = new SerializedString("remediation");
    private static final SerializableString N_RESOURCES = new SerializedString("resources");
    private static final SerializableString N_RISK_LEVEL = new SerializedString("risk_level");
    private static final SerializableString N_RISK_LEVEL_ID = new SerializedString("risk_level_id");
    private static final SerializableString N_RISK_SCORE = new SerializedString("risk_score");
    private static final SerializableString N_SEVERITY = new SerializedString("severity");
    private static final SerializableString N_SEVERITY_ID = new SerializedString("severity_id");
    private static final SerializableString N_SRC_URL = new SerializedString("src_url");
    private static final SerializableString N_STANDARDS = new SerializedString("standards");
    private static final SerializableString N_STATUS = new SerializedString("status");
    private static final SerializableString N_STATUS_CODE = new SerializedString("status_code");
    private static final SerializableString N_STATUS_DETAILS = new SerializedString("status_details");
    private static final SerializableString N_STATUS_ID = new SerializedString("status_id");
    private static final SerializableString N_TIME = new SerializedString("time");
    private static final SerializableString N_TITLE = new SerializedString("title");
    private static final SerializableString N_TYPE = new SerializedString("type");
    private static final SerializableString N_TYPE_ID = new SerializedString("type_id");
    private static final SerializableString N_TYPE_NAME = new SerializedString("type_name");
    private static final SerializableString N_TYPE_UID = new SerializedString("type_uid");
    private static final SerializableString N_TYPES = new SerializedString("types");
    private static final SerializableString N_UID = new SerializedString("uid");
    private static final SerializableString N_UID_ALT = new SerializedString("uid_alt");
    private static final SerializableString N_UNMAPPED = new SerializedString("unmapped");
    private static final SerializableString N_VECTOR_STRING = new SerializedString("vector_string");
    private static final SerializableString N_VENDOR_NAME = new SerializedString("vendor_name");
    private static final SerializableString N_VERSION = new SerializedString("version");
    private static final SerializableString N_VULNERABILITIES = new SerializedString("vulnerabilities");

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
        num(g, N_SEVERITY_ID, 1);
        field(g, N_SEVERITY, "Informational");
        num(g, N_TIME, time);
        Optional<CloudMetadata> cloud = asset.cloud();
        boolean cloudProfile = cloud.flatMap(CloudMetadata::provider).isPresent();
        metadata(g, cloudProfile ? "cloud" : null, asset.source());
        if (cloudProfile) {
            CloudMetadata c = cloud.get();
            obj(g, N_CLOUD);
            field(g, N_PROVIDER, c.provider().get());
            str(g, N_REGION, c.region());
            if (c.accountId().isPresent()) {
                obj(g, N_ACCOUNT);
                field(g, N_UID, c.accountId().get());
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
        arr(g, N_VULNERABILITIES);
        if (vendorId != null) {
            g.writeStartObject();
            obj(g, N_ADVISORY);
            field(g, N_UID, vendorId);
            str(g, N_TITLE, f.findingName());
            g.writeEndObject();
            vulnerabilityBody(f, g);
            g.writeEndObject();
        } else {
            String version = attrs.get(CVSS_VERSION);
            for (String cve : f.cveIds()) {
                g.writeStartObject();
                obj(g, N_CVE);
                field(g, N_UID, cve);
                if (f.cvssScore().isPresent() && version != null && !version.isBlank()) {
                    arr(g, N_CVSS);
                    g.writeStartObject();
                    num(g, N_BASE_SCORE, f.cvssScore().get());
                    field(g, N_VERSION, version);
                    String vector = attrs.get(CVSS_VECTOR);
                    if (vector != null && !vector.isBlank()) {
                        field(g, N_VECTOR_STRING, vector);
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
        str(g, N_TITLE, f.findingName());
        str(g, N_DESC, f.findingDescription());
        str(g, N_SEVERITY, f.vendorSeverity());
        time(g, N_FIRST_SEEN_TIME, f.firstFoundOn());
        time(g, N_LAST_SEEN_TIME, f.lastFoundOn());
        if (f.productName().isPresent() && f.productVersion().isPresent()) {
            arr(g, N_AFFECTED_PACKAGES);
            g.writeStartObject();
            field(g, N_NAME, f.productName().get());
            field(g, N_VERSION, f.productVersion().get());
            str(g, N_VENDOR_NAME, f.productVendor());
            g.writeEndObject();
            g.writeEndArray();
        }
        String fix = f.attributes().get(SECURITY_UPDATE_AVAILABLE);
        if (fix != null && (fix.equalsIgnoreCase("true") || fix.equalsIgnoreCase("false"))) {
            bool(g, N_IS_FIX_AVAILABLE, Boolean.parseBoolean(fix));
        } else if (f.fixingKbId().isPresent()) {
            bool(g, N_IS_FIX_AVAILABLE, true);
        }
        if (f.fixingKbId().isPresent()) {
            arr(g, N_KB_ARTICLES);
            g.writeString(f.fixingKbId().get());
            g.writeEndArray();
        }
        if (f.exploitability().isPresent()) {
            String e = f.exploitability().get();
            if (!e.isBlank() && !e.equalsIgnoreCase("Unknown")) {
                bool(g, N_IS_EXPLOIT_AVAILABLE, !e.equalsIgnoreCase("NoExploit"));
            }
        }
        Optional<String> desc = remediationDesc(f);
        if (desc.isPresent()) {
            obj(g, N_REMEDIATION);
            field(g, N_DESC, desc.get());
            remediationRefs(f, g);
            g.writeEndObject();
        }
        field(g, N_VENDOR_NAME, vendorName);
    }

    private void writeCompliance(Finding f, JsonGenerator g) throws IOException {
        Map<String, String> attrs = f.attributes();
        boolean policy = f.policyId().isPresent() || f.policyTitle().isPresent();
        g.writeStartObject();
        findingHeader(f, COMPLIANCE_FINDING, "Compliance Finding", g);
        metadata(g, policy ? "security_control" : null, null);
        findingInfo(f, g);
        obj(g, N_COMPLIANCE);
        Optional<String> control = f.policyTitle().or(f::findingName);
        str(g, N_CONTROL, control);
        str(g, N_DESC, f.policyDescription());
        str(g, N_CATEGORY, f.recommendation());
        String standards = attrs.get(STANDARDS);
        if (standards != null && !standards.isBlank()) {
            arr(g, N_STANDARDS);
            for (String s : standards.split("[;,]")) {
                if (!s.isBlank()) {
                    g.writeString(s.trim());
                }
            }
            g.writeEndArray();
        }
        int status = OcsfEnums.complianceStatusId(attrs.get(COMPLIANCE_RESULT), f.findingStatus());
        if (status != 0) {
            num(g, N_STATUS_ID, status);
            field(g, N_STATUS, status == OcsfEnums.COMPLIANCE_PASS ? "Pass" : "Fail");
        }
        str(g, N_STATUS_CODE, f.vendorStatus());
        String cause = attrs.get(STATUS_CAUSE);
        String detail = attrs.get(STATUS_DESCRIPTION);
        boolean hasCause = cause != null && !cause.isBlank();
        boolean hasDetail = detail != null && !detail.isBlank();
        if (hasCause || hasDetail) {
            arr(g, N_STATUS_DETAILS);
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
            obj(g, N_POLICY);
            str(g, N_UID, f.policyId());
            str(g, N_NAME, f.policyTitle());
            str(g, N_DESC, f.policyDescription());
            str(g, N_TYPE, f.policyType());
            g.writeEndObject();
        }
        findingDevice(f, g);
        resources(f, g);
        Optional<String> desc = f.remediationStrategy();
        if (desc.isPresent() && !desc.get().isBlank()) {
            obj(g, N_REMEDIATION);
            field(g, N_DESC, desc.get());
            if (f.fixingKbId().isPresent()) {
                arr(g, N_KB_ARTICLES);
                g.writeString(f.fixingKbId().get());
                g.writeEndArray();
            }
            if (f.policyFindingUrl().isPresent()) {
                arr(g, N_REFERENCES);
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
        num(g, N_CLASS_UID, classUid);
        field(g, N_CLASS_NAME, className);
        num(g, N_CATEGORY_UID, categoryUid);
        field(g, N_CATEGORY_NAME, categoryName);
        num(g, N_ACTIVITY_ID, activityId);
        field(g, N_ACTIVITY_NAME, activityName);
        num(g, N_TYPE_UID, classUid * 100L + activityId);
        field(g, N_TYPE_NAME, className + ": " + activityName);
    }

    private void findingHeader(Finding f, int classUid, String className, JsonGenerator g) throws IOException {
        int activity = OcsfEnums.findingActivityId(f.vendorStatus().orElse(null));
        header(g, classUid, 2, "Findings", className, activity, OcsfEnums.findingActivityCaption(activity));
        int severity = OcsfEnums.severityId(f.severity());
        num(g, N_SEVERITY_ID, severity);
        field(g, N_SEVERITY, OcsfEnums.SEVERITY_CAPTIONS[severity]);
        int status = OcsfEnums.findingStatusId(f.findingStatus());
        num(g, N_STATUS_ID, status);
        field(g, N_STATUS, OcsfEnums.findingStatusCaption(status));
        str(g, N_STATUS_CODE, f.vendorStatus());
        num(g, N_TIME, time);
    }

    private void metadata(JsonGenerator g, @Nullable String profile, @Nullable String logSource) throws IOException {
        obj(g, N_METADATA);
        field(g, N_VERSION, OCSF_VERSION);
        obj(g, N_PRODUCT);
        field(g, N_NAME, productName);
        field(g, N_VENDOR_NAME, vendorName);
        if (productVersion != null) {
            field(g, N_VERSION, productVersion);
        }
        g.writeEndObject();
        field(g, N_LOG_PROVIDER, logProvider);
        if (logSource != null) {
            field(g, N_LOG_SOURCE, logSource);
        }
        if (profile != null) {
            arr(g, N_PROFILES);
            g.writeString(profile);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private void findingInfo(Finding f, JsonGenerator g) throws IOException {
        obj(g, N_FINDING_INFO);
        field(g, N_UID, f.externalFindingId());
        str(g, N_TITLE, f.findingName());
        str(g, N_DESC, f.findingDescription());
        time(g, N_FIRST_SEEN_TIME, f.firstFoundOn());
        time(g, N_LAST_SEEN_TIME, f.lastFoundOn());
        time(g, N_MODIFIED_TIME, f.updatedOn());
        str(g, N_SRC_URL, f.policyFindingUrl());
        if (f.findingSubType().isPresent()) {
            arr(g, N_TYPES);
            g.writeString(f.findingSubType().get());
            g.writeEndArray();
        }
        obj(g, N_PRODUCT);
        field(g, N_NAME, f.vendorProductName());
        field(g, N_VENDOR_NAME, vendorName);
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
            arr(g, N_KB_ARTICLES);
            g.writeString(f.fixingKbId().get());
            g.writeEndArray();
        }
        Optional<String> url = f.remediationStrategy().filter(OcsfWriter::isUrl);
        if (url.isPresent()) {
            arr(g, N_REFERENCES);
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
        obj(g, N_DEVICE);
        field(g, N_UID, f.externalAssetId());
        String resourceId = a.get(RESOURCE_ID);
        boolean vm = resourceId != null && resourceId.toLowerCase(Locale.ROOT).contains("/virtualmachines/");
        int type = OcsfEnums.deviceTypeId(a.get(DEVICE_TYPE), vm, os);
        num(g, N_TYPE_ID, type);
        field(g, N_TYPE, OcsfEnums.deviceTypeCaption(type));
        if (host != null) {
            field(g, N_HOSTNAME, host);
        }
        if (name != null) {
            field(g, N_NAME, name);
        }
        if (resourceId != null) {
            field(g, N_UID_ALT, resourceId);
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
        arr(g, N_RESOURCES);
        g.writeStartObject();
        field(g, N_UID, f.externalAssetId());
        String resourceId = a.get(RESOURCE_ID);
        if (resourceId != null) {
            field(g, N_UID_ALT, resourceId);
        }
        if (name != null) {
            field(g, N_NAME, name);
        }
        if (host != null) {
            field(g, N_HOSTNAME, host);
        }
        if (f.findingType() == FindingType.MISCONFIGURATION && f.productVendor().isPresent()) {
            field(g, N_TYPE, f.productVendor().get());
        } else {
            field(g, N_TYPE, "Device");
        }
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void os(JsonGenerator g, String name, @Nullable String version, @Nullable String build,
                           @Nullable String typeHint) throws IOException {
        obj(g, N_OS);
        field(g, N_NAME, name);
        int type = OcsfEnums.osTypeId(typeHint);
        if (type == 99 || type == 0) {
            int byName = OcsfEnums.osTypeId(name);
            type = byName != 0 ? byName : type;
        }
        num(g, N_TYPE_ID, type);
        field(g, N_TYPE, OcsfEnums.osTypeCaption(type));
        if (version != null) {
            field(g, N_VERSION, version);
        }
        if (build != null) {
            field(g, N_BUILD, build);
        }
        g.writeEndObject();
    }

    private static void groups(JsonGenerator g, @Nullable String uid, @Nullable String name) throws IOException {
        if (uid == null && name == null) {
            return;
        }
        arr(g, N_GROUPS);
        g.writeStartObject();
        if (name != null) {
            field(g, N_NAME, name);
        }
        if (uid != null) {
            field(g, N_UID, uid);
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
        obj(g, N_DEVICE);
        field(g, N_UID, a.externalAssetId());
        int type = OcsfEnums.deviceTypeId(attrs.get(DEVICE_TYPE), vm, a.operatingSystemName().orElse(null));
        num(g, N_TYPE_ID, type);
        field(g, N_TYPE, OcsfEnums.deviceTypeCaption(type));
        str(g, N_HOSTNAME, a.hostName());
        str(g, N_NAME, a.assetName());
        str(g, N_IP, a.ipAddress());
        Optional<String> mac = a.macAddress().or(() -> a.macAddresses().stream().findFirst());
        str(g, N_MAC, mac);
        if (cloud.isPresent()) {
            CloudMetadata c = cloud.get();
            str(g, N_INSTANCE_UID, c.instanceId());
            str(g, N_REGION, c.region());
            str(g, N_UID_ALT, c.resourceId());
        }
        if (a.operatingSystemName().isPresent()) {
            os(g, a.operatingSystemName().get(), a.operatingSystemVersion().orElse(null), attrs.get(OS_BUILD),
                    attrs.getOrDefault(OS_TYPE, a.operatingSystemName().get()));
        }
        networkInterfaces(a, g);
        time(g, N_FIRST_SEEN_TIME, a.firstSeen());
        time(g, N_LAST_SEEN_TIME, a.lastSeen());
        if (a.riskLevel().isPresent()) {
            field(g, N_RISK_LEVEL, a.riskLevel().get());
            num(g, N_RISK_LEVEL_ID, OcsfEnums.riskLevelId(a.riskLevel().get()));
        }
        if (a.riskScore().isPresent()) {
            num(g, N_RISK_SCORE, a.riskScore().get());
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
        arr(g, N_NETWORK_INTERFACES);
        for (String ip : ips) {
            g.writeStartObject();
            field(g, N_IP, ip);
            g.writeEndObject();
        }
        for (String ip : publicIps) {
            if (!ips.contains(ip)) {
                g.writeStartObject();
                field(g, N_IP, ip);
                field(g, N_NAME, "public");
                g.writeEndObject();
            }
        }
        for (String m : macs) {
            g.writeStartObject();
            field(g, N_MAC, m);
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
            num(g, N_CRITICALITY, a.criticality().get());
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
        num(g, N_QDS, f.qds());
        field(g, N_QDSSOURCE, f.qdsSource().name());
        if (vulnerability) {
            String version = f.attributes().get(CVSS_VERSION);
            if (f.cvssScore().isPresent() && (version == null || version.isBlank() || f.cveIds().isEmpty())) {
                num(g, N_CVSSSCORE, f.cvssScore().get());
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
                obj(g, N_UNMAPPED);
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

    private static void str(JsonGenerator g, SerializableString name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            field(g, name, value.get());
        }
    }

    private static void time(JsonGenerator g, SerializableString name, Optional<Instant> value) throws IOException {
        if (value.isPresent()) {
            num(g, name, value.get().toEpochMilli());
        }
    }

    private static void field(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    private static void num(JsonGenerator g, SerializableString name, long value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void num(JsonGenerator g, SerializableString name, double value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void bool(JsonGenerator g, SerializableString name, boolean value) throws IOException {
        g.writeFieldName(name);
        g.writeBoolean(value);
    }

    private static void obj(JsonGenerator g, SerializableString name) throws IOException {
        g.writeFieldName(name);
        g.writeStartObject();
    }

    private static void arr(JsonGenerator g, SerializableString name) throws IOException {
        g.writeFieldName(name);
        g.writeStartArray();
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
