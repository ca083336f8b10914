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
 * The target fields a map may name, per kind: each declared once, in {@link #ASSET} and
 * {@link #FINDING}, with its name (and aliases), whether it takes several values, whether a map must
 * set it, and its setter (the coercion and normalization it applies). A target's index is its place
 * in the declaration; nothing is numbered by hand. How a map's target name is matched (exactly, as
 * written; aliases resolved) is decided in one place, {@link #resolve}. Compiled rules hold the
 * setter directly, so applying a rule is one lambda call, never reflection or a look-up by name.
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

    /** The asset targets, in declaration order. */
    static final Table<AssetDraft> ASSET = new Table<AssetDraft>(TargetKind.ASSET,
                    key -> (d, v) -> d.b.putAttributes(key, str(v)))
            .scalar("externalAssetId", (d, v) -> d.externalAssetId = str(v)).required()
            .scalar("source", (d, v) -> d.source = str(v)).required()
            .scalar("assetName", (d, v) -> d.b.assetName(str(v)))
            .scalar("hostName", Targets::setHostName)
            .scalar("operatingSystemName", (d, v) -> d.b.operatingSystemName(str(v)))
            .scalar("operatingSystemVersion", (d, v) -> d.b.operatingSystemVersion(str(v)))
            .scalar("ipAddress", (d, v) -> d.ip = Normalize.ip(str(v)))
            .list("ipAddresses", (d, v) -> forEach(v, s -> add(d.ips, Normalize.ip(s))))
            .list("publicIpAddresses", (d, v) -> forEach(v, s -> add(d.publicIps, Normalize.ip(s))))
            .scalar("macAddress", (d, v) -> d.mac = Normalize.mac(str(v)))
            .list("macAddresses", (d, v) -> forEach(v, s -> add(d.macs, Normalize.mac(s))))
            .list("tags", (d, v) -> forEach(v, d.tags::add))
            .scalar("firstSeen", (d, v) -> d.b.firstSeen(instant(v)))
            .scalar("lastSeen", (d, v) -> d.b.lastSeen(instant(v)))
            .scalar("healthStatus", (d, v) -> d.b.healthStatus(str(v)))
            .scalar("onboardingStatus", (d, v) -> d.b.onboardingStatus(str(v)))
            .scalar("exposureLevel", (d, v) -> d.b.exposureLevel(str(v)))
            .scalar("riskLevel", (d, v) -> d.b.riskLevel(str(v)))
            .scalar("deviceValue", (d, v) -> {
                d.deviceValue = str(v);
                d.b.deviceValue(d.deviceValue);
            })
            .scalar("powerState", (d, v) -> d.b.powerState(str(v)))
            .scalar("criticality", Targets::setCriticality)
            .scalar("cloud.provider", (d, v) -> d.cloud().provider(str(v)))
            .scalar("cloud.accountId", (d, v) -> d.cloud().accountId(str(v)))
            .scalar("cloud.resourceGroup", (d, v) -> d.cloud().resourceGroup(str(v)))
            .scalar("cloud.region", (d, v) -> d.cloud().region(str(v)))
            .scalar("cloud.resourceId", (d, v) -> d.cloud().resourceId(str(v).toLowerCase(Locale.ROOT)))
            .scalar("cloud.instanceId", (d, v) -> d.cloud().instanceId(str(v)))
            .scalar("cloud.resourceType", (d, v) -> d.cloud().resourceType(str(v)))
            .done();

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

    /** The finding targets, in declaration order. */
    static final Table<FindingDraft> FINDING = new Table<FindingDraft>(TargetKind.FINDING,
                    key -> (d, v) -> d.b.putAttributes(key, str(v)))
            .scalar("externalFindingId", (d, v) -> d.externalFindingId = str(v)).required()
            .scalar("externalAssetId", (d, v) -> d.externalAssetId = str(v)).required()
            .scalar("findingType", (d, v) -> d.type = FindingType.parse(str(v)))
            .scalar("findingName", (d, v) -> d.b.findingName(str(v)))
            .scalar("findingDescription", (d, v) -> d.b.findingDescription(str(v)))
            .scalar("findingSubType", (d, v) -> d.b.findingSubType(str(v)))
            .list("cveIds", (d, v) -> forEach(v, s -> {
                String c = Normalize.cveId(s);
                if (c != null && d.addCve(c)) {
                    d.b.addCveIds(c);
                }
            }))
            .scalar("severity", Targets::setSeverity).alias("findingSeverity")
            .scalar("vendorSeverity", (d, v) -> d.vendorSeverity = str(v))
            .scalar("cvssScore", Targets::setCvss)
            .scalar("findingStatus", (d, v) -> d.status = FindingStatus.parse(str(v)))
            .scalar("vendorStatus", (d, v) -> d.b.vendorStatus(str(v)))
            .scalar("firstFoundOn", (d, v) -> d.b.firstFoundOn(instant(v))).alias("findingFirstFoundOn")
            .scalar("lastFoundOn", (d, v) -> d.b.lastFoundOn(instant(v))).alias("findingLastFoundOn")
            .scalar("updatedOn", (d, v) -> d.b.updatedOn(instant(v)))
            .scalar("recommendation", (d, v) -> d.b.recommendation(str(v)))
            .scalar("remediationStrategy", (d, v) -> d.b.remediationStrategy(str(v)))
            .scalar("fixingKbId", (d, v) -> d.b.fixingKbId(str(v)))
            .scalar("exploitability", (d, v) -> d.b.exploitability(str(v)))
            .scalar("impact", (d, v) -> d.b.impact(str(v)))
            .scalar("productVendor", (d, v) -> d.b.productVendor(str(v)))
            .scalar("productName", (d, v) -> d.b.productName(str(v)))
            .scalar("productVersion", (d, v) -> d.b.productVersion(str(v)))
            .scalar("vendorProductName", (d, v) -> d.vendorProductName = str(v)).required()
            .scalar("policyId", (d, v) -> d.b.policyId(str(v)))
            .scalar("policyTitle", (d, v) -> d.b.policyTitle(str(v)))
            .scalar("policyDescription", (d, v) -> d.b.policyDescription(str(v)))
            .scalar("policyType", (d, v) -> d.b.policyType(str(v)))
            .scalar("policyFindingUrl", (d, v) -> d.b.policyFindingUrl(Normalize.urlWithScheme(str(v), "https://")))
            .scalar("createdBy", (d, v) -> d.b.createdBy(str(v)))
            .scalar("updatedBy", (d, v) -> d.b.updatedBy(str(v)))
            .done();

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
        private List<String> required = List.of();

        private Table(TargetKind kind, Function<String, BiConsumer<D, Object>> attribute) {
            this.kind = kind;
            this.attribute = attribute;
        }

        /** @return every declared target, in declaration order; a target's {@code index} is its place here */
        List<Target<D>> targets() {
            return Collections.unmodifiableList(targets);
        }

        /** @return every name a map may use for a declared target, aliases included, with its target */
        Map<String, Target<D>> byName() {
            return Collections.unmodifiableMap(byName);
        }

        private Table<D> scalar(String name, BiConsumer<D, Object> setter) {
            return declare(new Target<>(name, targets.size(), false, false, setter));
        }

        private Table<D> list(String name, BiConsumer<D, Object> setter) {
            return declare(new Target<>(name, targets.size(), true, false, setter));
        }

        /** Marks the target declared last as one every map of the kind must set. */
        private Table<D> required() {
            Target<D> t = targets.get(targets.size() - 1);
            Target<D> r = new Target<>(t.name(), t.index(), t.list(), true, t.setter());
            targets.set(t.index(), r);
            byName.put(t.name(), r);
            return this;
        }

        /** Gives the target declared last another name. */
        private Table<D> alias(String alias) {
            return name(alias, targets.get(targets.size() - 1));
        }

        private Table<D> declare(Target<D> t) {
            targets.add(t);
            return name(t.name(), t);
        }

        private Table<D> name(String name, Target<D> t) {
            if (name.startsWith(ATTRIBUTES) || byName.putIfAbsent(name, t) != null) {
                throw new IllegalStateException(kind + " target name '" + name + "' is declared twice or reserved");
            }
            return this;
        }

        private Table<D> done() {
            byName.replaceAll((n, t) -> targets.get(t.index()));   // aliases of targets marked required later
            required = targets.stream().filter(Target::required).map(Target::name).toList();
            return this;
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

    private interface StringSink {
        void accept(String s);
    }

    private static void forEach(Object v, StringSink sink) {
        if (v instanceof List<?> l) {
            for (Object e : l) {
                if (e != null) {
                    forEach(e, sink);
                }
            }
            return;
        }
        String s = Values.text(v);
        if (s != null) {
            sink.accept(s);
        }
    }

    private static void add(List<String> list, @Nullable String v) {
        if (v != null) {
            list.add(v);
        }
    }
}
