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

    /** A target field: its name, whether it takes several values, and its setter. */
    record Target<D>(String name, boolean list, int slot, BiConsumer<D, Object> setter) {}

    // ------------------------------------------------------------------ assets

    /** The mutable state one asset is built in. One per record; never shared. */
    static final class AssetDraft {
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
        t.scalar("externalAssetId", (d, v) -> d.externalAssetId = str(v));
        t.scalar("source", (d, v) -> d.source = str(v));
        t.scalar("assetName", (d, v) -> d.b.assetName(str(v)));
        t.scalar("hostName", (d, v) -> {
            String raw = str(v);
            String h = Normalize.hostName(raw);
            if (h != null) {
                d.b.hostName(h);
                String a = Normalize.hostNameAscii(h);
                if (a != null) {
                    d.b.hostNameAscii(a);
                }
            }
        });
        t.scalar("operatingSystemName", (d, v) -> d.b.operatingSystemName(str(v)));
        t.scalar("operatingSystemVersion", (d, v) -> d.b.operatingSystemVersion(str(v)));
        t.scalar("ipAddress", (d, v) -> d.ip = Normalize.ip(str(v)));
        t.list("ipAddresses", (d, v) -> forEach(v, s -> add(d.ips, Normalize.ip(s))));
        t.list("publicIpAddresses", (d, v) -> forEach(v, s -> add(d.publicIps, Normalize.ip(s))));
        t.scalar("macAddress", (d, v) -> d.mac = Normalize.mac(str(v)));
        t.list("macAddresses", (d, v) -> forEach(v, s -> add(d.macs, Normalize.mac(s))));
        t.list("tags", (d, v) -> forEach(v, s -> d.tags.add(s)));
        t.scalar("firstSeen", (d, v) -> d.b.firstSeen(instant(v)));
        t.scalar("lastSeen", (d, v) -> d.b.lastSeen(instant(v)));
        t.scalar("healthStatus", (d, v) -> d.b.healthStatus(str(v)));
        t.scalar("onboardingStatus", (d, v) -> d.b.onboardingStatus(str(v)));
        t.scalar("exposureLevel", (d, v) -> d.b.exposureLevel(str(v)));
        t.scalar("riskLevel", (d, v) -> d.b.riskLevel(str(v)));
        t.scalar("deviceValue", (d, v) -> {
            d.deviceValue = str(v);
            d.b.deviceValue(d.deviceValue);
        });
        t.scalar("powerState", (d, v) -> d.b.powerState(str(v)));
        t.scalar("criticality", (d, v) -> {
            int c = integer(v);
            if (c < 1 || c > 5) {
                throw new IllegalArgumentException("criticality must be 1-5, was " + c);
            }
            d.b.criticality(c);
            d.criticalitySet = true;
        });
        t.scalar("cloud.provider", (d, v) -> d.cloud().provider(str(v)));
        t.scalar("cloud.accountId", (d, v) -> d.cloud().accountId(str(v)));
        t.scalar("cloud.resourceGroup", (d, v) -> d.cloud().resourceGroup(str(v)));
        t.scalar("cloud.region", (d, v) -> d.cloud().region(str(v)));
        t.scalar("cloud.resourceId", (d, v) -> d.cloud().resourceId(str(v).toLowerCase(Locale.ROOT)));
        t.scalar("cloud.instanceId", (d, v) -> d.cloud().instanceId(str(v)));
        t.scalar("cloud.resourceType", (d, v) -> d.cloud().resourceType(str(v)));
        ASSET = t.done();
    }

    // ------------------------------------------------------------------ findings

    /** The mutable state one finding is built in. One per record; never shared. */
    static final class FindingDraft {
        final Finding.Builder b = Finding.builder();
        final boolean[] filled;
        final RiskSeverityMapping severities;
        @Nullable String externalFindingId;
        @Nullable String externalAssetId;
        @Nullable String vendorProductName;
        @Nullable String vendorSeverity;
        RiskSeverityMapping.@Nullable Row row;
        @Nullable Double cvss;
        final List<String> cves = new ArrayList<>(2);
        @Nullable FindingStatus status;
        @Nullable FindingType type;

        FindingDraft(int slots, RiskSeverityMapping severities) {
            this.filled = new boolean[slots];
            this.severities = severities;
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
            b.cveIds(cves);
            if (cvss != null) {
                b.cvssScore(cvss);
            }
            if (!cves.isEmpty() && cvss != null) {
                b.qds((int) Math.max(0, Math.min(100, Math.round(cvss * 10))));
                b.qdsSource(QdsSource.CVE_DATA);
            } else {
                b.qds(r.qds());
                b.qdsSource(QdsSource.SEVERITY_MAPPING);
            }
            b.findingStatus(status != null ? status : FindingStatus.OPEN);
            b.findingType(type != null ? type : cves.isEmpty() ? FindingType.UNKNOWN : FindingType.VULNERABILITY);
            return b.build();
        }
    }

    static final Map<String, Target<FindingDraft>> FINDING;

    static {
        Builder<FindingDraft> t = new Builder<>();
        t.scalar("externalFindingId", (d, v) -> d.externalFindingId = str(v));
        t.scalar("externalAssetId", (d, v) -> d.externalAssetId = str(v));
        t.scalar("findingType", (d, v) -> d.type = findingType(str(v)));
        t.scalar("findingName", (d, v) -> d.b.findingName(str(v)));
        t.scalar("findingDescription", (d, v) -> d.b.findingDescription(str(v)));
        t.scalar("findingSubType", (d, v) -> d.b.findingSubType(str(v)));
        t.list("cveIds", (d, v) -> forEach(v, s -> {
            String c = Normalize.cveId(s);
            if (c != null && !d.cves.contains(c)) {
                d.cves.add(c);
            }
        }));
        BiConsumer<FindingDraft, Object> severity = (d, v) -> {
            if (v instanceof Converters.Graded g) {
                d.row = g.row();
                if (d.vendorSeverity == null) {
                    d.vendorSeverity = g.raw();
                }
            } else if (v instanceof Number n) {
                d.row = d.severities.row(checkLevel(n.doubleValue()));
            } else {
                String s = str(v);
                d.row = d.severities.resolve(s);
                if (d.vendorSeverity == null) {
                    d.vendorSeverity = s;
                }
            }
        };
        t.scalar("severity", severity);
        t.alias("findingSeverity", "severity");
        t.scalar("vendorSeverity", (d, v) -> d.vendorSeverity = str(v));
        t.scalar("cvssScore", (d, v) -> {
            Double c = Values.number(v);
            if (c != null && (c < 0 || c > 10 || c.isNaN())) {
                throw new IllegalArgumentException("CVSS score must be 0-10, was " + c);
            }
            d.cvss = c;
        });
        t.scalar("findingStatus", (d, v) -> d.status = FindingStatus.parse(str(v)));
        t.scalar("vendorStatus", (d, v) -> d.b.vendorStatus(str(v)));
        t.scalar("firstFoundOn", (d, v) -> d.b.firstFoundOn(instant(v)));
        t.alias("findingFirstFoundOn", "firstFoundOn");
        t.scalar("lastFoundOn", (d, v) -> d.b.lastFoundOn(instant(v)));
        t.alias("findingLastFoundOn", "lastFoundOn");
        t.scalar("updatedOn", (d, v) -> d.b.updatedOn(instant(v)));
        t.scalar("recommendation", (d, v) -> d.b.recommendation(str(v)));
        t.scalar("remediationStrategy", (d, v) -> d.b.remediationStrategy(str(v)));
        t.scalar("fixingKbId", (d, v) -> d.b.fixingKbId(str(v)));
        t.scalar("exploitability", (d, v) -> d.b.exploitability(str(v)));
        t.scalar("impact", (d, v) -> d.b.impact(str(v)));
        t.scalar("productVendor", (d, v) -> d.b.productVendor(str(v)));
        t.scalar("productName", (d, v) -> d.b.productName(str(v)));
        t.scalar("productVersion", (d, v) -> d.b.productVersion(str(v)));
        t.scalar("vendorProductName", (d, v) -> d.vendorProductName = str(v));
        t.scalar("policyId", (d, v) -> d.b.policyId(str(v)));
        t.scalar("policyTitle", (d, v) -> d.b.policyTitle(str(v)));
        t.scalar("policyDescription", (d, v) -> d.b.policyDescription(str(v)));
        t.scalar("policyType", (d, v) -> d.b.policyType(str(v)));
        t.scalar("policyFindingUrl", (d, v) -> d.b.policyFindingUrl(Normalize.urlWithScheme(str(v), "https://")));
        t.scalar("createdBy", (d, v) -> d.b.createdBy(str(v)));
        t.scalar("updatedBy", (d, v) -> d.b.updatedBy(str(v)));
        FINDING = t.done();
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
    static <D> Target<D> attribute(TargetKind kind, String name, int slot) {
        String key = name.substring(ATTRIBUTES.length());
        if (kind == TargetKind.ASSET) {
            @SuppressWarnings("unchecked")
            Target<D> t = (Target<D>) new Target<AssetDraft>(name, false, slot, (d, v) -> d.b.putAttributes(key, str(v)));
            return t;
        }
        @SuppressWarnings("unchecked")
        Target<D> t = (Target<D>) new Target<FindingDraft>(name, false, slot, (d, v) -> d.b.putAttributes(key, str(v)));
        return t;
    }

    // ------------------------------------------------------------------ coercions

    private static int checkLevel(double v) {
        if (v != Math.rint(v) || v < 1 || v > 5) {
            throw new IllegalArgumentException("severity level must be a whole number 1-5, was " + v);
        }
        return (int) v;
    }

    private static FindingType findingType(String s) {
        try {
            return FindingType.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return FindingType.UNKNOWN;
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

        void scalar(String name, BiConsumer<D, Object> setter) {
            map.put(name, new Target<>(name, false, -1, setter));
        }

        void list(String name, BiConsumer<D, Object> setter) {
            map.put(name, new Target<>(name, true, -1, setter));
        }

        void alias(String alias, String name) {
            map.put(alias, map.get(name));
        }

        Map<String, Target<D>> done() {
            return Collections.unmodifiableMap(map);
        }
    }
}
