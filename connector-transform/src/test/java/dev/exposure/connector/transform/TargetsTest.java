package dev.exposure.connector.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The declared target tables: every target has its own index, slot and a setter that does something. */
class TargetsTest {

    /** A value each declared target takes, differing from what a record without the rule produces. */
    private static final Map<String, Object> ASSET_SAMPLES = Map.ofEntries(
            Map.entry("externalAssetId", "other-id"), Map.entry("source", "other-source"),
            Map.entry("assetName", "web-01"), Map.entry("hostName", "Web-01.Contoso.com"),
            Map.entry("operatingSystemName", "Windows11"), Map.entry("operatingSystemVersion", "22H2"),
            Map.entry("ipAddress", "10.1.2.3"), Map.entry("ipAddresses", List.of("10.1.2.4")),
            Map.entry("publicIpAddresses", List.of("20.1.2.3")), Map.entry("macAddress", "00155D3A4B12"),
            Map.entry("macAddresses", List.of("00-0D-3A-1B-C7-21")), Map.entry("tags", List.of("prod")),
            Map.entry("firstSeen", "2024-01-02T03:04:05Z"), Map.entry("lastSeen", "2024-02-02"),
            Map.entry("healthStatus", "Active"), Map.entry("onboardingStatus", "Onboarded"),
            Map.entry("exposureLevel", "High"), Map.entry("riskLevel", "Low"), Map.entry("deviceValue", "High"),
            Map.entry("powerState", "running"), Map.entry("criticality", 4), Map.entry("cloud.provider", "Azure"),
            Map.entry("cloud.accountId", "sub-1"), Map.entry("cloud.resourceGroup", "rg-1"),
            Map.entry("cloud.region", "westeurope"), Map.entry("cloud.resourceId", "/SUBSCRIPTIONS/X/VM"),
            Map.entry("cloud.instanceId", "i-1"), Map.entry("cloud.resourceType", "microsoft.compute/virtualmachines"));

    private static final Map<String, Object> FINDING_SAMPLES = Map.ofEntries(
            Map.entry("externalFindingId", "other-finding"), Map.entry("externalAssetId", "other-asset"),
            Map.entry("findingType", "MISCONFIGURATION"), Map.entry("findingName", "name"),
            Map.entry("findingDescription", "description"), Map.entry("findingSubType", "assessment"),
            Map.entry("cveIds", List.of("cve-2024-1234")), Map.entry("severity", "Critical"),
            Map.entry("vendorSeverity", "Critical"), Map.entry("cvssScore", 7.5), Map.entry("findingStatus", "RESOLVED"),
            Map.entry("vendorStatus", "Fixed"), Map.entry("firstFoundOn", "2024-01-02T03:04:05Z"),
            Map.entry("lastFoundOn", "2024-01-03"), Map.entry("updatedOn", "2024-01-04"),
            Map.entry("recommendation", "update"), Map.entry("remediationStrategy", "patch"),
            Map.entry("fixingKbId", "5031356"), Map.entry("exploitability", "ExploitIsPublic"),
            Map.entry("impact", "High"), Map.entry("productVendor", "microsoft"), Map.entry("productName", "edge"),
            Map.entry("productVersion", "1.2"), Map.entry("vendorProductName", "Other"), Map.entry("policyId", "p-1"),
            Map.entry("policyTitle", "title"), Map.entry("policyDescription", "text"), Map.entry("policyType", "BuiltIn"),
            Map.entry("policyFindingUrl", "portal.azure.com/#x"), Map.entry("createdBy", "me"),
            Map.entry("updatedBy", "you"));

    @Test
    void shouldNumberEveryDeclaredTargetByItsPlaceInTheDeclaration() {
        for (Targets.Table<?> table : List.of(Targets.ASSET, Targets.FINDING)) {
            List<? extends Targets.Target<?>> targets = table.targets();
            assertThat(targets).isNotEmpty();
            for (int i = 0; i < targets.size(); i++) {
                assertThat(targets.get(i).index()).as(targets.get(i).name()).isEqualTo(i);
                assertThat(targets.get(i).setter()).as(targets.get(i).name()).isNotNull();
            }
            assertThat(targets).extracting(Targets.Target::name).doesNotHaveDuplicates();
            table.byName().forEach((name, t) -> assertThat(targets.get(t.index())).as(name).isSameAs(t));
            assertThat(Targets.required(table.kind)).isNotEmpty()
                    .allSatisfy(n -> assertThat(table.byName().get(n).required()).isTrue());
        }
        assertThat(Targets.required(TargetKind.ASSET)).containsExactly("externalAssetId", "source");
        assertThat(Targets.required(TargetKind.FINDING))
                .containsExactly("externalFindingId", "externalAssetId", "vendorProductName");
    }

    @Test
    void shouldGiveEachTargetOfAMapItsOwnSlotAndAnAliasItsFieldsSlot() {
        for (TargetKind kind : TargetKind.values()) {
            List<TransformRule> rules = new ArrayList<>();
            for (String name : Targets.names(kind)) {   // every declared name and alias
                rules.add(TransformRule.of(name, "x"));
            }
            rules.add(TransformRule.of("attributes.a", "x"));
            rules.add(TransformRule.of("attributes.b", "x"));
            rules.add(TransformRule.of("attributes.a", "y"));
            List<? extends CompiledMap.Rule<?>> compiled = compile(kind, rules).rules();

            Map<String, Integer> slotOf = new HashMap<>();
            for (CompiledMap.Rule<?> r : compiled) {
                Integer before = slotOf.putIfAbsent(r.target().name(), r.slot());
                assertThat(before == null ? r.slot() : before).as(r.text()).isEqualTo(r.slot());
            }
            assertThat(slotOf.values()).as(kind + " slots").doesNotHaveDuplicates();
            assertThat(slotOf).hasSize(Targets.of(kind).targets().size() + 2);
        }
    }

    @Test
    void shouldLetEveryDeclaredTargetSetSomething() {
        assertThat(ASSET_SAMPLES.keySet()).as("a sample per asset target")
                .containsExactlyInAnyOrderElementsOf(Targets.ASSET.targets().stream().map(Targets.Target::name).toList());
        assertThat(FINDING_SAMPLES.keySet()).as("a sample per finding target")
                .containsExactlyInAnyOrderElementsOf(Targets.FINDING.targets().stream().map(Targets.Target::name).toList());
        for (TargetKind kind : TargetKind.values()) {
            Map<String, Object> samples = kind == TargetKind.ASSET ? ASSET_SAMPLES : FINDING_SAMPLES;
            Map<String, Object> attributes = new LinkedHashMap<>();
            List<TransformRule> required = new ArrayList<>();
            for (String r : Targets.required(kind)) {
                attributes.put("base" + required.size(), "base");
                required.add(TransformRule.of(r, "base" + required.size()));
            }
            attributes.put("sample", "unused");
            Function<List<TransformRule>, Object> run = rules -> transform(kind, rules, attributes);
            Object baseline = run.apply(required);
            for (Targets.Target<?> t : Targets.of(kind).targets()) {
                attributes.put("sample", samples.get(t.name()));
                List<TransformRule> rules = new ArrayList<>();
                rules.add(TransformRule.of(t.name(), "sample"));   // first, so that it wins over a required rule
                rules.addAll(required);
                assertThat(run.apply(rules)).as(kind + " target " + t.name()).isNotEqualTo(baseline);
            }
        }
    }

    private static CompiledMap<?, ?> compile(TargetKind kind, List<TransformRule> rules) {
        TransformMap.Builder b = TransformMap.builder().name("all targets").version("1").target(kind);
        rules.forEach(b::addRule);
        TransformMap map = b.build();
        return kind == TargetKind.ASSET
                ? CompiledMap.assets(map, RiskSeverityMapping.mdeDefault(), CriticalityMapping.none())
                : CompiledMap.findings(map, RiskSeverityMapping.mdeDefault());
    }

    private static Object transform(TargetKind kind, List<TransformRule> rules, Map<String, Object> attributes) {
        SourceRecord.Kind k = kind == TargetKind.ASSET ? SourceRecord.Kind.ASSET : SourceRecord.Kind.FINDING;
        return compile(kind, rules).apply(SourceRecord.of(k, "test", "r-1", new LinkedHashMap<>(attributes)));
    }
}
