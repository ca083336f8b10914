package dev.exposure.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.Secret;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class SourceSettingsTest {
    private static final String SECRET = "Zq8~very-secret-value.123";
    private final ConnectorProvider mde = Connectors.load().require("mde-v2");
    private final ConnectorProvider mdc = Connectors.load().require("mdc-vm");

    @Test
    void shouldDeclareEveryFieldOfTheDescriptorButNameWithTheSecretAsAPassword() {
        ConfigDef def = SourceSettings.configDef(mde.descriptor(), false);

        mde.descriptor().configFields().stream().filter(f -> !f.name().equals("name"))
                .forEach(f -> assertThat(def.configKeys()).as(f.name()).containsKey(f.name()));
        assertThat(def.configKeys()).doesNotContainKey("name").doesNotContainKey("provider");
        assertThat(def.configKeys().get("clientSecret").type).isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(def.configKeys().get("cloud").recommender.validValues("cloud", Map.of()))
                .containsExactlyElementsOf(List.copyOf(mde.descriptor().field("cloud").orElseThrow().allowedValues()));
        assertThat(SourceSettings.configDef(mdc.descriptor(), true).configKeys().get("subscriptions").type)
                .isEqualTo(ConfigDef.Type.LIST);
        assertThat(SourceSettings.configDef(mdc.descriptor(), true).configKeys()).containsKey("provider");
    }

    @Test
    void shouldReportTheProvidersOwnMessagesOnTheirFieldsAndNeverTheSecret() {
        Map<String, String> props = valid();
        props.put("tenantId", "nope");
        props.put("clientId", SECRET);   // pasted into the wrong field: the message quotes it, masked
        props.put("maxRetries", "99");

        Map<String, List<String>> problems = SourceSettings.problems(mde, props, false);

        ConnectionConfig same = ConnectionConfig.builder().name("mde-prod").tenantId("nope").clientId(SECRET)
                .clientSecret(Secret.of(SECRET)).putOptions("maxRetries", "99").build();
        for (ConfigError e : mde.validate(same, ConnectorContext.empty())) {
            assertThat(problems.get(e.field())).as(e.field()).containsExactly(Secret.of(SECRET).redact(e.message()));
        }
        assertThat(problems).containsKeys("tenantId", "clientId", "maxRetries");
        assertThat(problems.toString()).doesNotContain(SECRET);
    }

    @Test
    void shouldAttachEachProblemToItsFieldInConnectsValidateResult() {
        Map<String, String> props = valid();
        props.remove("assets.topic");
        props.put("schedule.zone", "Mars/Olympus");
        props.put("output.format", "xml");
        ConfigDef def = SourceSettings.configDef(mde.descriptor(), false);

        Config config = SourceSettings.validated(def, SourceSettings.problems(mde, props, false), props);

        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue v : config.configValues()) {
            if (!v.errorMessages().isEmpty()) {
                errors.put(v.name(), v.errorMessages());
            }
        }
        assertThat(errors).containsOnlyKeys("assets.topic", "schedule.zone", "output.format");
        assertThat(errors.get("schedule.zone").get(0)).contains("'Mars/Olympus' is not a time zone");
    }

    @Test
    void shouldRefuseAFilterForAConnectorWithoutFilterSupportAndAnInvalidOneForMde() {
        Map<String, String> mdcProps = valid();
        mdcProps.put("sync.filter", "x eq 1");
        assertThat(SourceSettings.problems(mdc, mdcProps, false)).containsKey("sync.filter");

        Map<String, String> props = valid();
        props.put("sync.filter", "noSuchField eq 'x'");
        assertThat(SourceSettings.problems(mde, props, false)).containsKey("sync.filter");
        props.put("sync.filter", "osPlatform eq 'Windows10'");
        assertThat(SourceSettings.problems(mde, props, false)).isEmpty();
    }

    @Test
    void shouldBuildTheScheduleAndTheRequestFromTheOptions() {
        Map<String, String> props = valid();
        props.put("schedule.frequency", "weekly");
        props.put("schedule.zone", "Europe/Berlin");
        props.put("sync.data", "assets");
        props.put("sync.sampling", "true");

        SourceSettings s = SourceSettings.parse(mde, props, false);

        assertThat(s.schedule.frequency()).hasToString("WEEKLY");
        assertThat(s.schedule.zone().getId()).isEqualTo("Europe/Berlin");
        assertThat(s.request(java.util.Optional.empty()).sampling()).isTrue();
        assertThat(s.request(java.util.Optional.empty()).data()).hasToString("ASSETS");
        assertThat(s.connectionName()).isEqualTo("mde-prod");
    }

    static Map<String, String> valid() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "mde-prod");
        props.put("tenantId", "00000000-0000-0000-0000-000000000001");
        props.put("clientId", "00000000-0000-0000-0000-000000000002");
        props.put("clientSecret", SECRET);
        props.put("subscriptions", "00000000-0000-0000-0000-0000000000a1");
        props.put("assets.topic", "a");
        props.put("findings.topic", "f");
        props.put("schedule.start", "2026-01-05T02:00");
        return props;
    }
}
