package dev.exposure.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.CloudMetadata;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.testkit.TestAssets;
import dev.exposure.connector.testkit.TestFindings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class ModelSchemasTest {

    @Test
    void shouldConvertEveryAssetFieldAndKeepInstantsAtFullPrecision() {
        Asset asset = TestAssets.asset("VM-1").hostName("host-1").ipAddresses(List.of("10.0.0.4", "10.0.0.5"))
                .cloud(CloudMetadata.builder().provider("Azure").accountId("sub-1").build())
                .lastSeen(Instant.parse("2026-01-02T03:04:05.1234567Z")).criticality(4).putAttributes("k", "v").build();

        Struct s = ModelSchemas.asset(asset);

        assertThat(s.getString("externalAssetId")).isEqualTo("VM-1");
        assertThat(s.getArray("ipAddresses")).containsExactly("10.0.0.4", "10.0.0.5");
        assertThat(s.getStruct("cloud").getString("accountId")).isEqualTo("sub-1");
        assertThat(s.getString("lastSeen")).isEqualTo("2026-01-02T03:04:05.123456700Z");
        assertThat(s.getInt32("criticality")).isEqualTo(4);
        assertThat(s.getMap("attributes")).isEqualTo(Map.of("k", "v"));
        assertThat(s.get("riskScore")).isNull();
    }

    @Test
    void shouldHaveAStructFieldForEveryModelPropertyAndNoOther() {
        assertThat(ModelSchemas.ASSET.fields()).extracting(Field::name)
                .containsExactlyInAnyOrderElementsOf(properties(Asset.class));
        assertThat(ModelSchemas.FINDING.fields()).extracting(Field::name)
                .containsExactlyInAnyOrderElementsOf(properties(Finding.class));
    }

    @Test
    void shouldRoundTripAFindingThroughConnectsJsonConverterWithSchemas() {
        Finding finding = TestFindings.vulnerability("f-1").cvssScore(7.5)
                .firstFoundOn(Instant.parse("2026-01-01T00:00:00Z")).build();
        Struct s = ModelSchemas.finding(finding);
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);

        byte[] bytes = converter.fromConnectData("findings", ModelSchemas.FINDING, s);
        SchemaAndValue back = converter.toConnectData("findings", bytes);

        assertThat(back.schema().name()).isEqualTo(ModelSchemas.FINDING_NAME);
        Struct read = (Struct) back.value();
        assertThat(read.getString("externalFindingId")).isEqualTo("f-1");
        assertThat(read.getFloat64("cvssScore")).isEqualTo(7.5);
        assertThat(read.getString("findingStatus")).isEqualTo(finding.findingStatus().name());
        assertThat(read.getString("firstFoundOn")).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(read.getArray("cveIds")).isEqualTo(List.copyOf(finding.cveIds()));
    }

    /** The model's abstract accessors: the properties Jackson and the transform maps know. */
    private static List<String> properties(Class<?> type) {
        return java.util.Arrays.stream(type.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isAbstract(m.getModifiers()) && m.getParameterCount() == 0)
                .map(java.lang.reflect.Method::getName).toList();
    }
}
