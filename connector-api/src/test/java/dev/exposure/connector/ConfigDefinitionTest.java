package dev.exposure.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigDefinitionTest {
    private static final String TENANT = "00000000-0000-0000-0000-000000000001";
    private static final String CLIENT = "00000000-0000-0000-0000-000000000002";

    static final ConfigKey<Integer> RETRIES = ConfigKey.integer("maxRetries").label("Max retries").range(0, 10)
            .defaultValue(4).group("Tuning").documentation("Retries of a failed request.").build();
    static final ConfigKey<String> CLOUD = ConfigKey.choice("cloud", List.of("azure-public", "custom"))
            .defaultValue("azure-public").valueAlias("commercial", "azure-public").documentation("The cloud.").build();
    static final ConfigKey<String> SCOPE = ConfigKey.string("tokenScope").alias("oauthScope")
            .validator(ConfigValidator.endsWith("/.default", "https://x/.default")).documentation("The scope.").build();
    static final ConfigKey<List<String>> SUBS = ConfigKey.guidList("subscriptions").required().maxSize(2)
            .hint("one or more subscription ids").documentation("Subscriptions.").build();
    static final ConfigKey<Secret> API_KEY = ConfigKey.secret("apiKey").documentation("A key.")
            .validator(s -> s.reveal().length() < 8 ? java.util.Optional.of("is too short") : java.util.Optional.empty())
            .build();

    static final ConfigDefinition DEFINITION = ConfigDefinition.builder("test-connector")
            .add(CommonConfigKeys.NAME).add(CommonConfigKeys.TENANT_ID).add(CommonConfigKeys.CLIENT_ID)
            .add(CommonConfigKeys.CLIENT_SECRET).add(CLOUD).add(SUBS).add(SCOPE).add(RETRIES).add(API_KEY).build();

    private static ConnectionConfig.Builder valid() {
        return ConnectionConfig.builder().name("n").tenantId(TENANT).clientId(CLIENT).clientSecret(Secret.of("s3cr3t"))
                .putOptions("subscriptions", TENANT);
    }

    @Test
    void shouldDeriveTheFieldWithItsLimitsDefaultGroupAndAliasesFromTheOneDeclaration() {
        ConfigField retries = RETRIES.field();
        assertThat(retries.type()).isEqualTo(ConfigField.Type.INTEGER);
        assertThat(retries.minimum()).contains(0L);
        assertThat(retries.maximum()).contains(10L);
        assertThat(retries.defaultValue()).contains("4");
        assertThat(retries.group()).contains("Tuning");
        ConfigField cloud = CLOUD.field();
        assertThat(cloud.allowedValues()).containsExactly("azure-public", "custom");
        assertThat(cloud.valueAliases()).containsEntry("commercial", "azure-public");
        assertThat(cloud.description()).contains("commercial (= azure-public)");
        assertThat(SCOPE.field().aliases()).containsExactly("oauthScope");
        assertThat(CommonConfigKeys.CLIENT_SECRET.field().secret()).isTrue();
        assertThat(CommonConfigKeys.NAME.field().maxLength()).contains(ConnectionConfig.MAX_NAME_LENGTH);
        assertThat(DEFINITION.fields()).extracting(ConfigField::name).containsExactly("name", "tenantId", "clientId",
                "clientSecret", "cloud", "subscriptions", "tokenScope", "maxRetries", "apiKey");
        assertThat(DEFINITION.optionNames()).containsExactly("cloud", "subscriptions", "tokenScope", "maxRetries",
                "apiKey");
    }

    @Test
    void shouldParseTypedValuesAndFallBackToDefaults() {
        ConfigValues v = DEFINITION.parse(valid().putOptions("subscriptions", TENANT.toUpperCase() + ", " + CLIENT
                + "," + TENANT).putOptions("maxRetries", "1_0").build());
        assertThat(v.errors()).isEmpty();
        assertThat(v.get(SUBS)).containsExactly(TENANT, CLIENT);
        assertThat(v.get(RETRIES)).isEqualTo(10);
        assertThat(v.get(CLOUD)).isEqualTo("azure-public");
        assertThat(v.isGiven(CLOUD)).isFalse();
        assertThat(v.find(SCOPE)).isEmpty();
        assertThat(v.get(CommonConfigKeys.CLIENT_SECRET).reveal()).isEqualTo("s3cr3t");
        assertThatIllegalStateException().isThrownBy(() -> v.get(SCOPE)).withMessageContaining("tokenScope");
    }

    @Test
    void shouldReportEveryProblemAtOnceInFormOrderWithUnknownOptionsLast() {
        ConfigValues v = DEFINITION.parse(ConnectionConfig.builder().tenantId("t").cloud("moon")
                .putOptions("maxRetries", "99").putOptions("colour", "blue").putOptions("tokenScope", "https://x/")
                .putOptions("subscriptions", "a," + TENANT).build());
        assertThat(v.errors()).extracting(ConfigError::field).containsExactly("name", "tenantId", "clientId",
                "clientSecret", "cloud", "subscriptions", "tokenScope", "maxRetries", "colour");
        assertThat(v.errors()).extracting(ConfigError::message).containsExactly(
                "is required: give a unique display name for the connection",
                "'t' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx); use the Directory (tenant) ID from the app"
                        + " registration's Overview page",
                "is required: give the Application (client) ID from the app registration's Overview page",
                "is required: give the secret Value from Certificates & secrets (or lend a TokenCredential through the"
                        + " ConnectorContext)",
                "'moon' is not one of the accepted values; use one of azure-public, custom",
                "has entries that are not GUIDs: [a]; use one or more subscription ids",
                "'https://x/' must end in /.default, e.g. https://x/.default",
                "is 99; use a whole number from 0 to 10",
                "is not an option of test-connector; known options: cloud, subscriptions, tokenScope, maxRetries, apiKey");
        assertThat(v.find(RETRIES)).as("an invalid value does not fall back to the default").isEmpty();
    }

    @Test
    void shouldReadAnOptionUnderItsOlderNameAndAChoiceUnderItsOlderValue() {
        ConfigValues v = DEFINITION.parse(valid().putOptions("oauthScope", "https://x/.default")
                .putOptions("cloud", "Commercial").build());
        assertThat(v.errors()).isEmpty();
        assertThat(v.get(SCOPE)).isEqualTo("https://x/.default");
        assertThat(v.get(CLOUD)).isEqualTo("azure-public");
    }

    @Test
    void shouldRefuseASharedFieldAndAnOptionThatMeanDifferentValuesButNotTwoSpellingsOfOne() {
        assertThat(DEFINITION.parse(valid().cloud("custom").putOptions("cloud", "azure-public").build()).errors())
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("cloud");
                    assertThat(e.message()).isEqualTo("is 'custom' in the cloud field but 'azure-public' in the"
                            + " options; set it once");
                });
        assertThat(DEFINITION.parse(valid().cloud("commercial").putOptions("cloud", "AZURE_PUBLIC").build()).errors())
                .isEmpty();
    }

    @Test
    void shouldWaiveARequiredKeyOnlyWhenAsked() {
        ConnectionConfig noSecret = ConnectionConfig.builder().from(valid().build()).clientSecret(java.util.Optional.empty())
                .build();
        assertThat(DEFINITION.parse(noSecret).errors()).extracting(ConfigError::field).containsExactly("clientSecret");
        assertThat(DEFINITION.parse(noSecret, Set.of("clientSecret")).errors()).isEmpty();
    }

    @Test
    void shouldNeverPutASecretValueIntoAMessageOrToString() {
        ConfigValues v = DEFINITION.parse(valid().putOptions("apiKey", "x9q").build());
        assertThat(v.errors()).singleElement().satisfies(e -> assertThat(e.message()).doesNotContain("x9q"));
        assertThat(DEFINITION.parse(valid().putOptions("apiKey", "long-enough-key").build()).toString())
                .doesNotContain("long-enough-key");
        assertThat(API_KEY.field().defaultValue()).isEmpty();
    }

    @Test
    void shouldBuildAConfigurationFromFlatPropertiesWithTheSecretMasked() {
        java.util.Map<String, String> props = new java.util.LinkedHashMap<>();
        props.put("name", "n");
        props.put("tenantId", TENANT);
        props.put("clientId", CLIENT);
        props.put("clientSecret", "s3cr3t-value");
        props.put("cloud", "commercial");
        props.put("subscriptions", TENANT);
        props.put("maxRetries", "2");
        props.put("description", null);
        ConnectionConfig config = ConnectionConfig.fromProperties(props);
        assertThat(config.clientSecret()).contains(Secret.of("s3cr3t-value"));
        assertThat(config.cloud()).contains("commercial");
        assertThat(config.options()).containsOnlyKeys("subscriptions", "maxRetries");
        assertThat(config.toString()).doesNotContain("s3cr3t-value");
        ConfigValues v = DEFINITION.parse(config);
        assertThat(v.errors()).isEmpty();
        assertThat(v.get(RETRIES)).isEqualTo(2);
        assertThat(v.get(CLOUD)).isEqualTo("azure-public");
    }

    @Test
    void shouldRefuseAListLongerThanDeclared() {
        assertThat(DEFINITION.parse(valid().putOptions("subscriptions", TENANT + "," + CLIENT + ","
                + "00000000-0000-0000-0000-000000000003").build()).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("lists 3 entries, more than the 2 accepted"));
    }

    @Test
    void shouldRefuseToDeclareANameTwice() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConfigDefinition.builder("x").add(SCOPE)
                .add(ConfigKey.string("oauthScope").build())).withMessageContaining("declared twice");
        assertThatIllegalStateException().isThrownBy(() -> ConfigKey.choice("c", List.of("a")).defaultValue("b").build());
    }
}
