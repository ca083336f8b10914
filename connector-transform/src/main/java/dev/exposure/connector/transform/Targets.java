package dev.exposure.connector.transform;

import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.CloudMetadata;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.model.FindingType;
import dev.exposure.connector.model.QdsSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The target fields a map may name, per kind: each declared once, as a constant of
 * {@link AssetField} or {@link FindingField} (its name, aliases, and whether it takes one value,
 * several, or is required), with its setter (the coercion and normalization it applies) as its case
 * in {@link #setAsset} or {@link #setFinding}. A target's index is its ordinal; nothing is numbered by
 * hand. How a map's target name is matched (exactly, as written; aliases resolved) is decided in one
 * place, {@link #resolve}. A compiled rule holds its target's index and applies it through one
 * switch (no megamorphic call, no reflection, no look-up by name per record); an
 * {@code attributes.<name>} target is one lambda call.
 */
final class Targets {
    private Targets() {}

    /** Prefix of free-form attribute targets ({@code attributes.rbacGroupName}). */
    static final String ATTRIBUTES = "attributes.";

    /** Attribute names that look like secrets; a map may not copy them. */
    static final Pattern SECRET_LIKE = Pattern.compile(
            "(?i).*(secret|password|passwd|token|credential|apikey|api_key|authorization|private_?key|sas).*");

    /**
     * The mutable state one model object is built in: a fresh one per record. (Reusing one per
     * stream was measured slower under G1: every young reference stored into the long-lived draft
     * took the post-write barrier's slow path, which cost more than the allocation it saved.)
     */
    interface Draft {
        /** @return which target slots have a value (a scalar target takes the first rule that gives one) */
        boolean[] filled();
    }

    /**
     * A target field.
     *
     * @param name its canonical name
     * @param index its place in its kind's declaration ({@code -1} for an {@code attributes.<name>} target)
     * @param list whether it takes several values (they accumulate) rather than one (the first rule with a value wins)
     * @param required whether every map of the kind must set it
     * @param setter coerces, normalizes and stores a value in a draft; throws on a value it cannot take
     */
    record Target<D>(String name, int index, boolean list, boolean required, BiConsumer<D, Object> setter) {
        Target {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(setter, () -> "target '" + name + "' has no setter");
        }
    }

    // ------------------------------------------------------------------ assets

    /** The mutable state one asset is built in. One per record; never shared. */
    static final class AssetDraft implements Draft {
        final Asset.Builder b = Asset.builder();
        final boolean[] filled;
        final CriticalityMapping criticality;
        @Nullable String externalAssetId;
        @Nullable String source;
        @Nullable String ip;
        final List<String> ips = new ArrayList<>(4);
        final List<String> publicIps = new ArrayList<>(2);
        @Nullable String mac;
        final List<String> macs = new ArrayList<>(4);
        final List<String> tags = new ArrayList<>(4);
        CloudMetadata.@Nullable Builder cloud;
        @Nullable String deviceValue;
        boolean criticalitySet;

        AssetDraft(int slots, CriticalityMapping criticality) {
            this.filled = new boolean[slots];
            this.criticality = criticality;
        }

        @Override
        public boolean[] filled() {
            return filled;
        }

        CloudMetadata.Builder cloud() {
            if (cloud == null) {
                cloud = CloudMetadata.builder();
            }
            return cloud;
        }

        Asset build() {
            b.externalAssetId(present(externalAssetId));   // required: the compiled map checked it was set
            b.source(present(source));
            List<String> allIps = identityIps(ip, ips);
            if (!allIps.isEmpty()) {
                b.ipAddress(allIps.get(0)).ipAddresses(allIps);
            }
            List<String> pub = identityIps(null, publicIps);
            b.publicIpAddresses(pub);
            List<String> allMacs = distinct(mac, macs);
            if (!allMacs.isEmpty()) {
                b.macAddress(allMacs.get(0)).macAddresses(allMacs);
            }
            b.tags(Normalize.tags(tags));
            if (cloud != null) {
                b.cloud(cloud.build());
            }
            if (!criticalitySet && deviceValue != null) {
                OptionalInt acs = criticality.resolve(deviceValue);
                if (acs.isPresent()) {
                    b.criticality(acs.getAsInt());
                }
            }
            return b.build();
        }
    }

    private static List<String> identityIps(@Nullable String first, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        if (first != null && Normalize.isIdentityIp(first)) {
            out.add(first);
        }
        for (String s : rest) {
            if (!out.contains(s) && Normalize.isIdentityIp(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<String> distinct(@Nullable String first, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        if (first != null) {
            out.add(first);
        }
        for (String s : rest) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static String present(@Nullable String v) {
        if (v == null) {
            throw new IllegalStateException("a required target was not checked");
        }
        return v;
    }

    /**
     * The asset targets, in declaration order: name, shape (a single value, a list, or a required
     * single value) and aliases. A target's index is its ordinal; its setter is its case in
     * {@link #setAsset}.
     */
    enum AssetField implements Field {
        EXTERNAL_ASSET_ID("externalAssetId", Shape.REQUIRED),
        SOURCE("source", Shape.REQUIRED),
        ASSET_NAME("assetName", Shape.SCALAR),
        HOST_NAME("hostName", Shape.SCALAR),
        OPERATING_SYSTEM_NAME("operatingSystemName", Shape.SCALAR),
        OPERATING_SYSTEM_VERSION("operatingSystemVersion", Shape.SCALAR),
        IP_ADDRESS("ipAddress", Shape.SCALAR),
        IP_ADDRESSES("ipAddresses", Shape.LIST),
        PUBLIC_IP_ADDRESSES("publicIpAddresses", Shape.LIST),
        MAC_ADDRESS("macAddress", Shape.SCALAR),
        MAC_ADDRESSES("macAddresses", Shape.LIST),
        TAGS("tags", Shape.LIST),
        FIRST_SEEN("firstSeen", Shape.SCALAR),
        LAST_SEEN("lastSeen", Shape.SCALAR),
        HEALTH_STATUS("healthStatus", Shape.SCALAR),
        ONBOARDING_STATUS("onboardingStatus", Shape.SCALAR),
        EXPOSURE_LEVEL("exposureLevel", Shape.SCALAR),
        RISK_LEVEL("riskLevel", Shape.SCALAR),
        DEVICE_VALUE("deviceValue", Shape.SCALAR),
        POWER_STATE("powerState", Shape.SCALAR),
        CRITICALITY("criticality", Shape.SCALAR),
        CLOUD_PROVIDER("cloud.provider", Shape.SCALAR),
        CLOUD_ACCOUNT_ID("cloud.accountId", Shape.SCALAR),
        CLOUD_RESOURCE_GROUP("cloud.resourceGroup", Shape.SCALAR),
        CLOUD_REGION("cloud.region", Shape.SCALAR),
        CLOUD_RESOURCE_ID("cloud.resourceId", Shape.SCALAR),
        CLOUD_INSTANCE_ID("cloud.instanceId", Shape.SCALAR),
        CLOUD_RESOURCE_TYPE("cloud.resourceType", Shape.SCALAR);

        private static final AssetField[] VALUES = values();
        private final String targetName;
        private final Shape shape;
        private final List<String> aliases;

        AssetField(String targetName, Shape shape, String... aliases) {
            this.targetName = targetName;
            this.shape = shape;
            this.aliases = List.of(aliases);
        }

        @Override public String targetName() { return targetName; }
        @Override public Shape shape() { return shape; }
        @Override public List<String> aliases() { return aliases; }
    }

    /**
     * The setter of every asset target (its coercion and normalization): one switch, so that the
     * rule loop makes no megamorphic call. A target without a case here fails {@code TargetsTest}.
     *
     * @param op the target's index ({@link AssetField} ordinal)
     */
    static void setAsset(AssetDraft d, int op, Object v) {
        switch (AssetField.VALUES[op]) {
            case EXTERNAL_ASSET_ID -> d.externalAssetId = str(v);
            case SOURCE -> d.source = str(v);
            case ASSET_NAME -> d.b.assetName(str(v));
            case HOST_NAME -> setHostName(d, v);
            case OPERATING_SYSTEM_NAME -> d.b.operatingSystemName(str(v));
            case OPERATING_SYSTEM_VERSION -> d.b.operatingSystemVersion(str(v));
            case IP_ADDRESS -> d.ip = Normalize.ip(str(v));
            case IP_ADDRESSES -> forEach(v, d, (x, s) -> add(x.ips, Normalize.ip(s)));
            case PUBLIC_IP_ADDRESSES -> forEach(v, d, (x, s) -> add(x.publicIps, Normalize.ip(s)));
            case MAC_ADDRESS -> d.mac = Normalize.mac(str(v));
            case MAC_ADDRESSES -> forEach(v, d, (x, s) -> add(x.macs, Normalize.mac(s)));
            case TAGS -> forEach(v, d, (x, s) -> x.tags.add(s));
            case FIRST_SEEN -> d.b.firstSeen(instant(v));
            case LAST_SEEN -> d.b.lastSeen(instant(v));
            case HEALTH_STATUS -> d.b.healthStatus(str(v));
            case ONBOARDING_STATUS -> d.b.onboardingStatus(str(v));
            case EXPOSURE_LEVEL -> d.b.exposureLevel(str(v));
            case RISK_LEVEL -> d.b.riskLevel(str(v));
            case DEVICE_VALUE -> {
                d.deviceValue = str(v);
                d.b.deviceValue(d.deviceValue);
            }
            case POWER_STATE -> d.b.powerState(str(v));
            case CRITICALITY -> setCriticality(d, v);
            case CLOUD_PROVIDER -> d.cloud().provider(str(v));
            case CLOUD_ACCOUNT_ID -> d.cloud().accountId(str(v));
            case CLOUD_RESOURCE_GROUP -> d.cloud().resourceGroup(str(v));
            case CLOUD_REGION -> d.cloud().region(str(v));
            case CLOUD_RESOURCE_ID -> d.cloud().resourceId(str(v).toLowerCase(Locale.ROOT));
            case CLOUD_INSTANCE_ID -> d.cloud().instanceId(str(v));
            case CLOUD_RESOURCE_TYPE -> d.cloud().resourceType(str(v));
            default -> throw new IllegalStateException("no setter for the asset target " + AssetField.VALUES[op]);
        }
    }

    /** The asset targets, by name. */
    static final Table<AssetDraft> ASSET = new Table<>(TargetKind.ASSET, AssetField.VALUES, Targets::setAsset,
            key -> (d, v) -> d.b.putAttributes(key, str(v)));

    private static void setHostName(AssetDraft d, Object v) {
        String h = Normalize.hostName(str(v));
        if (h != null) {
            d.b.hostName(h);
            String a = Normalize.hostNameAscii(h);
            if (a != null) {
                d.b.hostNameAscii(a);
            }
        }
    }

    private static void setCriticality(AssetDraft d, Object v) {
        int c = integer(v);
        if (c < 1 || c > 5) {
            throw new IllegalArgumentException("criticality must be 1-5, was " + c);
        }
        d.b.criticality(c);
        d.criticalitySet = true;
    }

    // ------------------------------------------------------------------ findings

    /** The mutable state one finding is built in. One per record; never shared. */
    static final class FindingDraft implements Draft {
        final Finding.Builder b = Finding.builder();
        final boolean[] filled;
        final RiskSeverityMapping severities;
        @Nullable String externalFindingId;
        @Nullable String externalAssetId;
        @Nullable String vendorProductName;
        @Nullable String vendorSeverity;
        RiskSeverityMapping.@Nullable Row row;
        @Nullable Double cvss;
        /** The first CVE id; further distinct ones in {@link #moreCves}. All go straight into the builder. */
        @Nullable String firstCve;
        @Nullable List<String> moreCves;
        @Nullable FindingStatus status;
        @Nullable FindingType type;

        FindingDraft(int slots, RiskSeverityMapping severities) {
            this.filled = new boolean[slots];
            this.severities = severities;
        }

        @Override
        public boolean[] filled() {
            return filled;
        }

        /** @return true if the CVE id is new for this finding */
        boolean addCve(String c) {
            if (firstCve == null) {
                firstCve = c;
                return true;
            }
            if (c.equals(firstCve) || moreCves != null && moreCves.contains(c)) {
                return false;
            }
            if (moreCves == null) {
                moreCves = new ArrayList<>(2);
            }
            moreCves.add(c);
            return true;
        }

        Finding build() {
            b.externalFindingId(present(externalFindingId));   // required: the compiled map checked they were set
            b.externalAssetId(present(externalAssetId));
            b.vendorProductName(present(vendorProductName));
            RiskSeverityMapping.Row r = row != null ? row : severities.resolve(vendorSeverity);
            b.severity(r.level());
            if (vendorSeverity != null) {
                b.vendorSeverity(vendorSeverity);
            }
            if (cvss != null) {
                b.cvssScore(Optional.of(cvss));   // keeps the Double: the double overload would box it again
            }
            if (firstCve != null && cvss != null) {
                b.qds((int) Math.max(0, Math.min(100, Math.round(cvss * 10))));
                b.qdsSource(QdsSource.CVE_DATA);
            } else {
                b.qds(r.qds());
                b.qdsSource(QdsSource.SEVERITY_MAPPING);
            }
            b.findingStatus(status != null ? status : FindingStatus.OPEN);
            b.findingType(type != null ? type : firstCve == null ? FindingType.UNKNOWN : FindingType.VULNERABILITY);
            return b.build();
        }
    }

    /**
     * The finding targets, in declaration order: name, shape and aliases. A target's index is its
     * ordinal; its setter is its case in {@link #setFinding}.
     */
    enum FindingField implements Field {
        EXTERNAL_FINDING_ID("externalFindingId", Shape.REQUIRED),
        EXTERNAL_ASSET_ID("externalAssetId", Shape.REQUIRED),
        FINDING_TYPE("findingType", Shape.SCALAR),
        FINDING_NAME("findingName", Shape.SCALAR),
        FINDING_DESCRIPTION("findingDescription", Shape.SCALAR),
        FINDING_SUB_TYPE("findingSubType", Shape.SCALAR),
        CVE_IDS("cveIds", Shape.LIST),
        SEVERITY("severity", Shape.SCALAR, "findingSeverity"),
        VENDOR_SEVERITY("vendorSeverity", Shape.SCALAR),
        CVSS_SCORE("cvssScore", Shape.SCALAR),
        FINDING_STATUS("findingStatus", Shape.SCALAR),
        VENDOR_STATUS("vendorStatus", Shape.SCALAR),
        FIRST_FOUND_ON("firstFoundOn", Shape.SCALAR, "findingFirstFoundOn"),
        LAST_FOUND_ON("lastFoundOn", Shape.SCALAR, "findingLastFoundOn"),
        UPDATED_ON("updatedOn", Shape.SCALAR),
        RECOMMENDATION("recommendation", Shape.SCALAR),
        REMEDIATION_STRATEGY("remediationStrategy", Shape.SCALAR),
        FIXING_KB_ID("fixingKbId", Shape.SCALAR),
        EXPLOITABILITY("exploitability", Shape.SCALAR),
        IMPACT("impact", Shape.SCALAR),
        PRODUCT_VENDOR("productVendor", Shape.SCALAR),
        PRODUCT_NAME("productName", Shape.SCALAR),
        PRODUCT_VERSION("productVersion", Shape.SCALAR),
        VENDOR_PRODUCT_NAME("vendorProductName", Shape.REQUIRED),
        POLICY_ID("policyId", Shape.SCALAR),
        POLICY_TITLE("policyTitle", Shape.SCALAR),
        POLICY_DESCRIPTION("policyDescription", Shape.SCALAR),
        POLICY_TYPE("policyType", Shape.SCALAR),
        POLICY_FINDING_URL("policyFindingUrl", Shape.SCALAR),
        CREATED_BY("createdBy", Shape.SCALAR),
        UPDATED_BY("updatedBy", Shape.SCALAR);

        private static final FindingField[] VALUES = values();
        private final String targetName;
        private final Shape shape;
        private final List<String> aliases;

        FindingField(String targetName, Shape shape, String... aliases) {
            this.targetName = targetName;
            this.shape = shape;
            this.aliases = List.of(aliases);
        }

        @Override public String targetName() { return targetName; }
        @Override public Shape shape() { return shape; }
        @Override public List<String> aliases() { return aliases; }
    }

    /**
     * The setter of every finding target: one switch, no megamorphic call. A target without a case
     * here fails {@code TargetsTest}.
     *
     * @param op the target's index ({@link FindingField} ordinal)
     */
    static void setFinding(FindingDraft d, int op, Object v) {
        switch (FindingField.VALUES[op]) {
            case EXTERNAL_FINDING_ID -> d.externalFindingId = str(v);
            case EXTERNAL_ASSET_ID -> d.externalAssetId = str(v);
            case FINDING_TYPE -> d.type = FindingType.parse(str(v));
            case FINDING_NAME -> d.b.findingName(str(v));
            case FINDING_DESCRIPTION -> d.b.findingDescription(str(v));
            case FINDING_SUB_TYPE -> d.b.findingSubType(str(v));
            case CVE_IDS -> forEach(v, d, (x, s) -> {
                String c = Normalize.cveId(s);
                if (c != null && x.addCve(c)) {
                    x.b.addCveIds(c);
                }
            });
            case SEVERITY -> setSeverity(d, v);
            case VENDOR_SEVERITY -> d.vendorSeverity = str(v);
            case CVSS_SCORE -> setCvss(d, v);
            case FINDING_STATUS -> d.status = FindingStatus.parse(str(v));
            case VENDOR_STATUS -> d.b.vendorStatus(str(v));
            case FIRST_FOUND_ON -> d.b.firstFoundOn(instant(v));
            case LAST_FOUND_ON -> d.b.lastFoundOn(instant(v));
            case UPDATED_ON -> d.b.updatedOn(instant(v));
            case RECOMMENDATION -> d.b.recommendation(str(v));
            case REMEDIATION_STRATEGY -> d.b.remediationStrategy(str(v));
            case FIXING_KB_ID -> d.b.fixingKbId(str(v));
            case EXPLOITABILITY -> d.b.exploitability(str(v));
            case IMPACT -> d.b.impact(str(v));
            case PRODUCT_VENDOR -> d.b.productVendor(str(v));
            case PRODUCT_NAME -> d.b.productName(str(v));
            case PRODUCT_VERSION -> d.b.productVersion(str(v));
            case VENDOR_PRODUCT_NAME -> d.vendorProductName = str(v);
            case POLICY_ID -> d.b.policyId(str(v));
            case POLICY_TITLE -> d.b.policyTitle(str(v));
            case POLICY_DESCRIPTION -> d.b.policyDescription(str(v));
            case POLICY_TYPE -> d.b.policyType(str(v));
            case POLICY_FINDING_URL -> d.b.policyFindingUrl(Normalize.urlWithScheme(str(v), "https://"));
            case CREATED_BY -> d.b.createdBy(str(v));
            case UPDATED_BY -> d.b.updatedBy(str(v));
            default -> throw new IllegalStateException("no setter for the finding target " + FindingField.VALUES[op]);
        }
    }

    /** The finding targets, by name. */
    static final Table<FindingDraft> FINDING = new Table<>(TargetKind.FINDING, FindingField.VALUES, Targets::setFinding,
            key -> (d, v) -> d.b.putAttributes(key, str(v)));

    private static void setCvss(FindingDraft d, Object v) {
        Double c = Values.number(v);
        if (c != null && (c < 0 || c > 10 || c.isNaN())) {
            throw new IllegalArgumentException("CVSS score must be 0-10, was " + c);
        }
        d.cvss = c;
    }

    // ------------------------------------------------------------------ names

    /** @return the declared targets of a kind */
    static Table<?> of(TargetKind kind) {
        return kind == TargetKind.ASSET ? ASSET : FINDING;
    }

    /**
     * How a map's target name is matched; the only place that decides it. A name is matched
     * exactly as written (case-sensitive): a declared name or one of its aliases, or
     * {@code attributes.} followed by any attribute name.
     *
     * @param table the declared targets of the map's kind
     * @param name the target name as the rule writes it
     * @return the target (an alias gives its field's target; each call gives a new attribute
     *     target), or null if the kind has no such target
     */
    static <D> @Nullable Target<D> resolve(Table<D> table, String name) {
        if (name.startsWith(ATTRIBUTES)) {
            return new Target<>(name, -1, false, false, table.attribute.apply(name.substring(ATTRIBUTES.length())));
        }
        return table.byName.get(name);
    }

    /** @see #resolve(Table, String) */
    static @Nullable Target<?> resolve(TargetKind kind, String name) {
        return resolve(of(kind), name);
    }

    /**
     * @param kind the map's kind, or null while it is not known (names are then compared as written)
     * @param name a target name as a rule writes it
     * @return the name that identifies its target: the canonical name of a declared target or alias,
     *     else the name itself
     */
    static String key(@Nullable TargetKind kind, String name) {
        Target<?> t = kind == null || name.startsWith(ATTRIBUTES) ? null : of(kind).byName.get(name);
        return t == null ? name : t.name();
    }

    /** @return the target names of a kind (aliases included), sorted */
    static Set<String> names(TargetKind kind) {
        return new TreeSet<>(of(kind).byName.keySet());
    }

    /** @return the targets a map of the kind must set, in declaration order */
    static List<String> required(TargetKind kind) {
        return of(kind).required;
    }

    /** Whether a target takes one value (the first rule with a value wins) or several (they accumulate), and whether a map must set it. */
    enum Shape { SCALAR, LIST, REQUIRED }

    /** A declared target field: an {@link AssetField} or a {@link FindingField}. */
    interface Field {
        /** @return the canonical name a map uses */
        String targetName();

        /** @return single, list or required */
        Shape shape();

        /** @return other names a map may use for it */
        List<String> aliases();
    }

    /** Sets a declared target by its index: {@link #setAsset} or {@link #setFinding}. */
    private interface Dispatch<D> {
        void set(D draft, int op, Object v);
    }

    /**
     * The declared targets of one kind, in declaration order, and their names. Built once;
     * read only while maps are checked and compiled.
     *
     * @param <D> the draft the setters write
     */
    static final class Table<D> {
        final TargetKind kind;
        private final Function<String, BiConsumer<D, Object>> attribute;
        private final List<Target<D>> targets = new ArrayList<>();
        private final Map<String, Target<D>> byName = new LinkedHashMap<>();
        private final List<String> required;

        private Table(TargetKind kind, Field[] fields, Dispatch<D> dispatch,
                Function<String, BiConsumer<D, Object>> attribute) {
            this.kind = kind;
            this.attribute = attribute;
            for (Field f : fields) {
                int op = targets.size();
                Target<D> t = new Target<>(f.targetName(), op, f.shape() == Shape.LIST, f.shape() == Shape.REQUIRED,
                        (d, v) -> dispatch.set(d, op, v));
                targets.add(t);
                name(f.targetName(), t);
                f.aliases().forEach(a -> name(a, t));
            }
            this.required = targets.stream().filter(Target::required).map(Target::name).toList();
        }

        /** @return every declared target, in declaration order; a target's {@code index} is its place here */
        List<Target<D>> targets() {
            return Collections.unmodifiableList(targets);
        }

        /** @return every name a map may use for a declared target, aliases included, with its target */
        Map<String, Target<D>> byName() {
            return Collections.unmodifiableMap(byName);
        }

        private void name(String name, Target<D> t) {
            if (name.startsWith(ATTRIBUTES) || byName.putIfAbsent(name, t) != null) {
                throw new IllegalStateException(kind + " target name '" + name + "' is declared twice or reserved");
            }
        }
    }

    // ------------------------------------------------------------------ coercions

    private static int checkLevel(double v) {
        if (v != Math.rint(v) || v < 1 || v > 5) {
            throw new IllegalArgumentException("severity level must be a whole number 1-5, was " + v);
        }
        return (int) v;
    }

    /** A level 1-5 as a number, or a vendor value resolved by the risk severity mapping (and kept as the vendor's value). */
    private static void setSeverity(FindingDraft d, Object v) {
        if (v instanceof Number n) {
            d.row = d.severities.row(checkLevel(n.doubleValue()));
        } else {
            String s = str(v);
            d.row = d.severities.resolve(s);
            if (d.vendorSeverity == null) {
                d.vendorSeverity = s;
            }
        }
    }

    static String str(Object v) {
        String s = Values.text(v);
        if (s == null) {
            throw new IllegalArgumentException("value is blank");
        }
        return s;
    }

    private static Instant instant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        Instant i = Normalize.instant(str(v));
        if (i == null) {
            throw new IllegalArgumentException("value is blank");
        }
        return i;
    }

    private static int integer(Object v) {
        Double d = Values.number(v);
        if (d == null || d != Math.rint(d)) {
            throw new IllegalArgumentException("not a whole number: " + v);
        }
        return d.intValue();
    }

    /** Takes one value of a list target; captures nothing, so that applying a list target allocates no sink. */
    private interface StringSink<D> {
        void accept(D draft, String s);
    }

    private static <D> void forEach(Object v, D draft, StringSink<D> sink) {
        if (v instanceof List<?> l) {
            for (Object e : l) {
                if (e != null) {
                    forEach(e, draft, sink);
                }
            }
            return;
        }
        String s = Values.text(v);
        if (s != null) {
            sink.accept(draft, s);
        }
    }

    private static void add(List<String> list, @Nullable String v) {
        if (v != null) {
            list.add(v);
        }
    }
}
