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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The setter tables: every target field a map may name, per kind, with the coercion and
 * normalization it applies. Compiled rules hold a {@link Target} directly, so applying a rule is one
 * lambda call, never reflection.
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

    /** A target field: its name, whether it takes several values, and its setter. */
    record Target<D>(String name, boolean list, int op, BiConsumer<D, Object> setter) {}

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
            b.externalAssetId(require(externalAssetId, "externalAssetId"));
            b.source(require(source, "source"));
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

    static String require(@Nullable String v, String target) {
        if (v == null) {
            throw new MissingTarget(target);
        }
        return v;
    }

    /** A required target got no value; the compiled map names the rules behind it. */
    static final class MissingTarget extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String target;

        MissingTarget(String target) {
            super("no value for the required target '" + target + "'", null, false, false);
            this.target = target;
        }
    }

    static final Map<String, Target<AssetDraft>> ASSET;

    static {
        Builder<AssetDraft> t = new Builder<>();
        t.scalar("externalAssetId", 0, (d, v) -> setAsset(d, 0, v));
        t.scalar("source", 1, (d, v) -> setAsset(d, 1, v));
        t.scalar("assetName", 2, (d, v) -> setAsset(d, 2, v));
        t.scalar("hostName", 3, (d, v) -> setAsset(d, 3, v));
        t.scalar("operatingSystemName", 4, (d, v) -> setAsset(d, 4, v));
        t.scalar("operatingSystemVersion", 5, (d, v) -> setAsset(d, 5, v));
        t.scalar("ipAddress", 6, (d, v) -> setAsset(d, 6, v));
        t.list("ipAddresses", 7, (d, v) -> setAsset(d, 7, v));
        t.list("publicIpAddresses", 8, (d, v) -> setAsset(d, 8, v));
        t.scalar("macAddress", 9, (d, v) -> setAsset(d, 9, v));
        t.list("macAddresses", 10, (d, v) -> setAsset(d, 10, v));
        t.list("tags", 11, (d, v) -> setAsset(d, 11, v));
        t.scalar("firstSeen", 12, (d, v) -> setAsset(d, 12, v));
        t.scalar("lastSeen", 13, (d, v) -> setAsset(d, 13, v));
        t.scalar("healthStatus", 14, (d, v) -> setAsset(d, 14, v));
        t.scalar("onboardingStatus", 15, (d, v) -> setAsset(d, 15, v));
        t.scalar("exposureLevel", 16, (d, v) -> setAsset(d, 16, v));
        t.scalar("riskLevel", 17, (d, v) -> setAsset(d, 17, v));
        t.scalar("deviceValue", 18, (d, v) -> setAsset(d, 18, v));
        t.scalar("powerState", 19, (d, v) -> setAsset(d, 19, v));
        t.scalar("criticality", 20, (d, v) -> setAsset(d, 20, v));
        t.scalar("cloud.provider", 21, (d, v) -> setAsset(d, 21, v));
        t.scalar("cloud.accountId", 22, (d, v) -> setAsset(d, 22, v));
        t.scalar("cloud.resourceGroup", 23, (d, v) -> setAsset(d, 23, v));
        t.scalar("cloud.region", 24, (d, v) -> setAsset(d, 24, v));
        t.scalar("cloud.resourceId", 25, (d, v) -> setAsset(d, 25, v));
        t.scalar("cloud.instanceId", 26, (d, v) -> setAsset(d, 26, v));
        t.scalar("cloud.resourceType", 27, (d, v) -> setAsset(d, 27, v));
        ASSET = t.done();
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
            b.externalFindingId(require(externalFindingId, "externalFindingId"));
            b.externalAssetId(require(externalAssetId, "externalAssetId"));
            b.vendorProductName(require(vendorProductName, "vendorProductName"));
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

    static final Map<String, Target<FindingDraft>> FINDING;

    static {
        Builder<FindingDraft> t = new Builder<>();
        t.scalar("externalFindingId", 0, (d, v) -> setFinding(d, 0, v));
        t.scalar("externalAssetId", 1, (d, v) -> setFinding(d, 1, v));
        t.scalar("findingType", 2, (d, v) -> setFinding(d, 2, v));
        t.scalar("findingName", 3, (d, v) -> setFinding(d, 3, v));
        t.scalar("findingDescription", 4, (d, v) -> setFinding(d, 4, v));
        t.scalar("findingSubType", 5, (d, v) -> setFinding(d, 5, v));
        t.list("cveIds", 6, (d, v) -> setFinding(d, 6, v));
        t.scalar("severity", 7, (d, v) -> setFinding(d, 7, v));
        t.alias("findingSeverity", "severity");
        t.scalar("vendorSeverity", 8, (d, v) -> setFinding(d, 8, v));
        t.scalar("cvssScore", 9, (d, v) -> setFinding(d, 9, v));
        t.scalar("findingStatus", 10, (d, v) -> setFinding(d, 10, v));
        t.scalar("vendorStatus", 11, (d, v) -> setFinding(d, 11, v));
        t.scalar("firstFoundOn", 12, (d, v) -> setFinding(d, 12, v));
        t.alias("findingFirstFoundOn", "firstFoundOn");
        t.scalar("lastFoundOn", 13, (d, v) -> setFinding(d, 13, v));
        t.alias("findingLastFoundOn", "lastFoundOn");
        t.scalar("updatedOn", 14, (d, v) -> setFinding(d, 14, v));
        t.scalar("recommendation", 15, (d, v) -> setFinding(d, 15, v));
        t.scalar("remediationStrategy", 16, (d, v) -> setFinding(d, 16, v));
        t.scalar("fixingKbId", 17, (d, v) -> setFinding(d, 17, v));
        t.scalar("exploitability", 18, (d, v) -> setFinding(d, 18, v));
        t.scalar("impact", 19, (d, v) -> setFinding(d, 19, v));
        t.scalar("productVendor", 20, (d, v) -> setFinding(d, 20, v));
        t.scalar("productName", 21, (d, v) -> setFinding(d, 21, v));
        t.scalar("productVersion", 22, (d, v) -> setFinding(d, 22, v));
        t.scalar("vendorProductName", 23, (d, v) -> setFinding(d, 23, v));
        t.scalar("policyId", 24, (d, v) -> setFinding(d, 24, v));
        t.scalar("policyTitle", 25, (d, v) -> setFinding(d, 25, v));
        t.scalar("policyDescription", 26, (d, v) -> setFinding(d, 26, v));
        t.scalar("policyType", 27, (d, v) -> setFinding(d, 27, v));
        t.scalar("policyFindingUrl", 28, (d, v) -> setFinding(d, 28, v));
        t.scalar("createdBy", 29, (d, v) -> setFinding(d, 29, v));
        t.scalar("updatedBy", 30, (d, v) -> setFinding(d, 30, v));
        FINDING = t.done();
    }

    /** Applies target {@code op} (its index in the asset table) to a draft: one switch, no megamorphic call. */
    static void setAsset(AssetDraft d, int op, Object v) {
        switch (op) {
            case 0 -> d.externalAssetId = str(v);
            case 1 -> d.source = str(v);
            case 2 -> d.b.assetName(str(v));
            case 3 -> {
                String raw = str(v);
                String h = Normalize.hostName(raw);
                if (h != null) {
                    d.b.hostName(h);
                    String a = Normalize.hostNameAscii(h);
                    if (a != null) {
                        d.b.hostNameAscii(a);
                    }
                }
            }
            case 4 -> d.b.operatingSystemName(str(v));
            case 5 -> d.b.operatingSystemVersion(str(v));
            case 6 -> d.ip = Normalize.ip(str(v));
            case 7 -> forEach(v, s -> add(d.ips, Normalize.ip(s)));
            case 8 -> forEach(v, s -> add(d.publicIps, Normalize.ip(s)));
            case 9 -> d.mac = Normalize.mac(str(v));
            case 10 -> forEach(v, s -> add(d.macs, Normalize.mac(s)));
            case 11 -> forEach(v, s -> d.tags.add(s));
            case 12 -> d.b.firstSeen(instant(v));
            case 13 -> d.b.lastSeen(instant(v));
            case 14 -> d.b.healthStatus(str(v));
            case 15 -> d.b.onboardingStatus(str(v));
            case 16 -> d.b.exposureLevel(str(v));
            case 17 -> d.b.riskLevel(str(v));
            case 18 -> {
                d.deviceValue = str(v);
                d.b.deviceValue(d.deviceValue);
            }
            case 19 -> d.b.powerState(str(v));
            case 20 -> {
                int c = integer(v);
                if (c < 1 || c > 5) {
                    throw new IllegalArgumentException("criticality must be 1-5, was " + c);
                }
                d.b.criticality(c);
                d.criticalitySet = true;
            }
            case 21 -> d.cloud().provider(str(v));
            case 22 -> d.cloud().accountId(str(v));
            case 23 -> d.cloud().resourceGroup(str(v));
            case 24 -> d.cloud().region(str(v));
            case 25 -> d.cloud().resourceId(str(v).toLowerCase(Locale.ROOT));
            case 26 -> d.cloud().instanceId(str(v));
            case 27 -> d.cloud().resourceType(str(v));
            default -> throw new IllegalStateException("no target #" + op);
        }
    }

    /** Applies target {@code op} (its index in the finding table) to a draft: one switch, no megamorphic call. */
    static void setFinding(FindingDraft d, int op, Object v) {
        switch (op) {
            case 0 -> d.externalFindingId = str(v);
            case 1 -> d.externalAssetId = str(v);
            case 2 -> d.type = FindingType.parse(str(v));
            case 3 -> d.b.findingName(str(v));
            case 4 -> d.b.findingDescription(str(v));
            case 5 -> d.b.findingSubType(str(v));
            case 6 -> forEach(v, s -> {
                String c = Normalize.cveId(s);
                if (c != null && d.addCve(c)) {
                    d.b.addCveIds(c);
                }
            });
            case 7 -> setSeverity(d, v);
            case 8 -> d.vendorSeverity = str(v);
            case 9 -> {
                Double c = Values.number(v);
                if (c != null && (c < 0 || c > 10 || c.isNaN())) {
                    throw new IllegalArgumentException("CVSS score must be 0-10, was " + c);
                }
                d.cvss = c;
            }
            case 10 -> d.status = FindingStatus.parse(str(v));
            case 11 -> d.b.vendorStatus(str(v));
            case 12 -> d.b.firstFoundOn(instant(v));
            case 13 -> d.b.lastFoundOn(instant(v));
            case 14 -> d.b.updatedOn(instant(v));
            case 15 -> d.b.recommendation(str(v));
            case 16 -> d.b.remediationStrategy(str(v));
            case 17 -> d.b.fixingKbId(str(v));
            case 18 -> d.b.exploitability(str(v));
            case 19 -> d.b.impact(str(v));
            case 20 -> d.b.productVendor(str(v));
            case 21 -> d.b.productName(str(v));
            case 22 -> d.b.productVersion(str(v));
            case 23 -> d.vendorProductName = str(v);
            case 24 -> d.b.policyId(str(v));
            case 25 -> d.b.policyTitle(str(v));
            case 26 -> d.b.policyDescription(str(v));
            case 27 -> d.b.policyType(str(v));
            case 28 -> d.b.policyFindingUrl(Normalize.urlWithScheme(str(v), "https://"));
            case 29 -> d.b.createdBy(str(v));
            case 30 -> d.b.updatedBy(str(v));
            default -> throw new IllegalStateException("no target #" + op);
        }
    }

    /** @return the target names of a kind (aliases included), sorted */
    static Set<String> names(TargetKind kind) {
        return new TreeSet<>((kind == TargetKind.ASSET ? ASSET : FINDING).keySet());
    }

    /** @return the targets a map of the kind must set */
    static List<String> required(TargetKind kind) {
        return kind == TargetKind.ASSET ? List.of("externalAssetId", "source")
                : List.of("externalFindingId", "externalAssetId", "vendorProductName");
    }

    /** @return the canonical name of a target (resolving aliases), or null if unknown */
    static @Nullable String canonical(TargetKind kind, String name) {
        if (name.startsWith(ATTRIBUTES)) {
            return name;
        }
        Target<?> t = (kind == TargetKind.ASSET ? ASSET : FINDING).get(name);
        return t == null ? null : t.name();
    }

    /** Builds an attribute target for a slot. */
    static <D> Target<D> attribute(TargetKind kind, String name) {
        String key = name.substring(ATTRIBUTES.length());
        if (kind == TargetKind.ASSET) {
            @SuppressWarnings("unchecked")
            Target<D> t = (Target<D>) new Target<AssetDraft>(name, false, -1, (d, v) -> d.b.putAttributes(key, str(v)));
            return t;
        }
        @SuppressWarnings("unchecked")
        Target<D> t = (Target<D>) new Target<FindingDraft>(name, false, -1, (d, v) -> d.b.putAttributes(key, str(v)));
        return t;
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

    private static final class Builder<D> {
        private final Map<String, Target<D>> map = new LinkedHashMap<>();

        void scalar(String name, int op, BiConsumer<D, Object> setter) {
            map.put(name, new Target<>(name, false, op, setter));
        }

        void list(String name, int op, BiConsumer<D, Object> setter) {
            map.put(name, new Target<>(name, true, op, setter));
        }

        void alias(String alias, String name) {
            map.put(alias, map.get(name));
        }

        Map<String, Target<D>> done() {
            return Collections.unmodifiableMap(map);
        }
    }
}
