package dev.exposure.connector.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.exposure.connector.ConfigError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransformMapTest {

    static TransformMap load(String name) {
        try (InputStream in = TransformMapTest.class.getResourceAsStream("/maps/" + name)) {
            return TransformMap.fromJson(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldLoadTheExampleMaps() {
        TransformMap mde = load("mde-vulnerability-map.json");
        assertThat(mde.name()).isEqualTo("MDE V2 Vulnerability Transformation Map");
        assertThat(mde.target()).isEqualTo(TargetKind.FINDING);
        assertThat(mde.identity()).containsExactly("deviceId", "softwareVendor", "softwareName", "softwareVersion",
                "cveId");
        assertThat(mde.rules()).hasSize(23);
        assertThat(mde.rules().get(8).args()).containsEntry("Fixed", "RESOLVED").containsEntry("*", "UNKNOWN");

        TransformMap mdc = load("mdc-assessment-map.json");
        assertThat(mdc.rules()).anySatisfy(r -> assertThat(r.converter()).contains("urlPrefix"));
        assertThat(load("mde-machine-map.json").target()).isEqualTo(TargetKind.ASSET);
    }

    @Test
    void shouldReloadAnEditedMapEqualAfterSavingIt() throws IOException {
        TransformMap shipped = load("mde-vulnerability-map.json");
        TransformMap edited = shipped.toBuilder()
                .name("MDE findings (ours)")
                .version("1.0.1")
                .replaceRules("findingName", TransformRule.of("findingName", "softwareName"))
                .removeRules("attributes.diskPaths")
                .addRule(TransformRule.of("attributes.rbacGroupId", "rbacGroupId"))
                .setRule(1, TransformRule.of("externalAssetId", "deviceId").withConverter("lowercase"))
                .build();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        edited.writeJson(out);
        TransformMap reloaded = TransformMap.fromJson(out.toString(StandardCharsets.UTF_8));

        assertThat(reloaded).isEqualTo(edited).isNotEqualTo(shipped);
        assertThat(reloaded.toJson()).isEqualTo(edited.toJson());
        assertThat(reloaded.rules().get(4)).isEqualTo(TransformRule.of("findingName", "softwareName"));
        assertThat(reloaded.rules()).noneMatch(r -> r.target().equals("attributes.diskPaths"));
        assertThat(reloaded.rules().get(1).converter()).contains("lowercase");
        assertThat(TransformMap.fromJson(shipped.toJson())).isEqualTo(shipped);
    }

    @Test
    void shouldReplaceAndRemoveRulesWithoutTouchingTheOriginal() {
        TransformMap shipped = load("mdc-assessment-map.json");
        TransformMap changed = shipped.withRule(TransformRule.constant("findingSubType", "assessment"));
        assertThat(changed.rules()).hasSameSizeAs(shipped.rules());
        assertThat(changed.rules().get(6)).isEqualTo(TransformRule.constant("findingSubType", "assessment"));
        assertThat(shipped.rules().get(6).sources()).containsExactly("type");
        assertThat(changed.withoutRules("impact").rules()).hasSize(shipped.rules().size() - 1);
    }

    @Test
    void shouldListEveryProblemNamingTheMapAndTheRule() {
        String json = """
                {"name": "Broken", "version": "1", "target": "FINDING",
                 "rules": [
                   {"target": "externalFindingId", "source": "id"},
                   {"target": "findingSeverty", "source": "severity"},
                   {"target": "cveIds", "source": "cveId", "converter": "cveid"},
                   {"target": "findingName", "source": "names[.x"},
                   {"target": "findingName", "source": "a[x]"},
                   {"target": "findingDescription", "source": "items[].text"},
                   {"target": "attributes.clientSecret", "source": "secret"},
                   {"target": "impact", "source": ["a", "b"]},
                   {"target": "findingStatus", "source": "s", "converter": "valueTable"},
                   {"target": "policyId", "converter": "constant"},
                   {"target": "policyType", "source": "x", "convertor": "lowercase"}
                 ]}
                """;
        assertThatExceptionOfType(TransformMapException.class)
                .isThrownBy(() -> TransformMap.fromJson(json))
                .satisfies(e -> {
                    assertThat(e.mapName()).isEqualTo("Broken");
                    List<String> all = e.errors().stream().map(ConfigError::toString).toList();
                    assertThat(all).allMatch(s -> s.contains("map 'Broken'"));
                    assertThat(all).anyMatch(s -> s.contains("rule #2") && s.contains("unknown target field 'findingSeverty'"));
                    assertThat(all).anyMatch(s -> s.contains("rule #3") && s.contains("unknown converter 'cveid'"));
                    assertThat(all).anyMatch(s -> s.contains("rule #4") && s.contains("malformed source path"));
                    assertThat(all).anyMatch(s -> s.contains("rule #5") && s.contains("non-numeric index"));
                    assertThat(all).anyMatch(s -> s.contains("rule #6") && s.contains("single-valued target"));
                    assertThat(all).anyMatch(s -> s.contains("rule #7") && s.contains("looks like a secret"));
                    assertThat(all).anyMatch(s -> s.contains("rule #8") && s.contains("no converter"));
                    assertThat(all).anyMatch(s -> s.contains("rule #9") && s.contains("at least one entry"));
                    assertThat(all).anyMatch(s -> s.contains("rule #10") && s.contains("needs the argument 'value'"));
                    assertThat(all).anyMatch(s -> s.contains("rule #11") && s.contains("unknown field 'convertor'"));
                    assertThat(all).anyMatch(s -> s.contains("required target 'externalAssetId'"));
                    assertThat(all).anyMatch(s -> s.contains("required target 'vendorProductName'"));
                    assertThat(e.getMessage()).contains("problems");
                });
    }

    @Test
    void shouldRefuseMalformedJsonAndWrongFormat() {
        assertThatExceptionOfType(TransformMapException.class)
                .isThrownBy(() -> TransformMap.fromJson("{\"name\": \"x\", "))
                .withMessageContaining("not valid JSON");
        assertThatExceptionOfType(TransformMapException.class)
                .isThrownBy(() -> TransformMap.fromJson("{\"format\": 2, \"name\": \"x\", \"version\": \"1\","
                        + " \"target\": \"ASSET\", \"rules\": [{\"target\": \"externalAssetId\", \"source\": \"id\"},"
                        + " {\"target\": \"source\", \"converter\": \"constant\", \"args\": {\"value\": \"v\"}}]}"))
                .withMessageContaining("format 1");
        assertThatExceptionOfType(TransformMapException.class)
                .isThrownBy(() -> TransformMap.fromJson("{\"name\": \"x\", \"version\": \"1\", \"target\": \"HOST\","
                        + " \"rules\": []}"))
                .satisfies(e -> assertThat(e.errors()).extracting(ConfigError::message)
                        .anyMatch(m -> m.contains("use ASSET or FINDING"))
                        .anyMatch(m -> m.contains("at least one rule")));
    }

    @Test
    void shouldReplaceTheRulesOfATargetWhicheverOfItsNamesTheyUse() {
        TransformMap shipped = load("mde-vulnerability-map.json");   // sets the severity through its alias findingSeverity
        TransformRule ours = TransformRule.of("severity", "severity").withConverter("severity");

        TransformMap changed = shipped.withRule(ours);

        assertThat(changed.rules()).hasSameSizeAs(shipped.rules());
        assertThat(changed.rules().get(6)).isEqualTo(ours);
        assertThat(changed.rules()).noneMatch(r -> r.target().equals("findingSeverity"));
        assertThat(shipped.withoutRules("severity").rules()).hasSize(shipped.rules().size() - 1)
                .noneMatch(r -> r.target().equals("findingSeverity"));
        assertThat(shipped.withRule(TransformRule.of("findingSeverity", "severity")).rules())
                .hasSameSizeAs(shipped.rules()).filteredOn(r -> r.target().contains("everity")).hasSize(1);
    }

    @Test
    void shouldRefuseAnInvalidEditOnBuild() {
        TransformMap shipped = load("mde-machine-map.json");
        assertThatExceptionOfType(TransformMapException.class)
                .isThrownBy(() -> shipped.withoutRules("externalAssetId"))
                .withMessageContaining("required target 'externalAssetId'");
        assertThatExceptionOfType(TransformMapException.class)
                .isThrownBy(() -> shipped.withRule(TransformRule.of("hostName", "x").withConverter("nope", Map.of())))
                .withMessageContaining("unknown converter 'nope'");
    }

    @Test
    void shouldRenderARuleAsText() {
        assertThat(TransformRule.of("findingStatus", List.of("properties.status.code"), "valueTable",
                Map.of("Healthy", "RESOLVED")).toString())
                .isEqualTo("findingStatus <- properties.status.code + valueTable(Healthy=RESOLVED)");
        assertThat(TransformRule.constant("source", "MS Defender").toString())
                .isEqualTo("source <- () + constant(value=MS Defender)");
    }
}
