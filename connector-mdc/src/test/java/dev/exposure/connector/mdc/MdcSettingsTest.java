package dev.exposure.connector.mdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Secret;
import dev.exposure.connector.testkit.ConfigFieldTable;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class MdcSettingsTest {
    private static final MdcConnectorProvider PROVIDER = new MdcConnectorProvider();

    private static ConnectionConfig.Builder valid() {
        return ConnectionConfig.builder().name("prod").tenantId(MdcMock.TENANT).clientId(MdcMock.CLIENT)
                .clientSecret(Secret.of(MdcMock.SECRET)).putOptions(MdcOptions.SUBSCRIPTIONS, MdcMock.SUB_A);
    }

    private static List<String> fields(ConnectionConfig config) {
        return PROVIDER.validate(config, ConnectorContext.empty()).stream().map(ConfigError::field).toList();
    }

    @Test
    void shouldAcceptTheSpecsFieldsAndDefaultToThePublicCloud() {
        MdcSettings s = MdcSettings.parse(valid().build(), false);
        assertThat(s.cloud().name()).isEqualTo("azure-public");
        assertThat(s.cloud().authorityHost()).isEqualTo("https://login.microsoftonline.com/");
        assertThat(s.cloud().resourceManagerUrl()).isEqualTo("https://management.azure.com/");
        assertThat(s.cloud().tokenScope()).isEqualTo("https://management.core.windows.net//.default");
        assertThat(s.subscriptions()).containsExactly(MdcMock.SUB_A);
        assertThat(s.toString()).doesNotContain(MdcMock.SECRET);
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        ConnectionConfig bad = ConnectionConfig.builder().name("x").description("d".repeat(201)).tenantId("not-a-guid")
                .clientId("").putOptions(MdcOptions.SUBSCRIPTIONS, MdcMock.SUB_A + ",1234").cloud("azure-mars").build();

        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> PROVIDER.create(bad,
                        ConnectorContext.empty()))
                .satisfies(e -> assertThat(e.errors()).extracting(ConfigError::field).containsExactly(
                        "description", "subscriptions", "tenantId", "clientId", "clientSecret", "cloud"))
                .withMessageContaining("[1234]")
                .withMessageContaining("azure-mars");
    }

    @Test
    void shouldNeedNoSecretWhenTheHostLendsATokenCredential() {
        TokenCredential lent = ctx -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1)));
        ConnectionConfig noSecret = ConnectionConfig.builder().name("x").tenantId(MdcMock.TENANT)
                .clientId(MdcMock.CLIENT).putOptions(MdcOptions.SUBSCRIPTIONS, MdcMock.SUB_A).build();
        assertThat(PROVIDER.validate(noSecret, ConnectorContext.builder().with(TokenCredential.class, lent).build()))
                .isEmpty();
        assertThat(fields(noSecret)).containsExactly("clientSecret");
    }

    @Test
    void shouldAcceptSeveralSubscriptionsDeduplicatedAndLowerCased() {
        MdcSettings s = MdcSettings.parse(valid().putOptions(MdcOptions.SUBSCRIPTIONS,
                MdcMock.SUB_A.toUpperCase() + " , " + MdcMock.SUB_B + "," + MdcMock.SUB_A + ",").build(), false);
        assertThat(s.subscriptions()).containsExactly(MdcMock.SUB_A, MdcMock.SUB_B);
        assertThat(fields(valid().putOptions(MdcOptions.SUBSCRIPTIONS, " , ").build()))
                .containsExactly("subscriptions");
    }

    @Test
    void shouldSetAuthorityAndResourceManagerTogetherPerCloud() {
        MdcSettings gov = MdcSettings.parse(valid().cloud("azure-us-government").build(), false);
        assertThat(gov.cloud().authorityHost()).isEqualTo("https://login.microsoftonline.us/");
        assertThat(gov.cloud().resourceManagerUrl()).isEqualTo("https://management.usgovcloudapi.net/");
        MdcSettings china = MdcSettings.parse(valid().putOptions(MdcOptions.CLOUD, "azure-china").build(), false);
        assertThat(china.cloud().resourceManagerUrl()).isEqualTo("https://management.chinacloudapi.cn/");
        assertThat(china.cloud().tokenScope()).isEqualTo("https://management.core.chinacloudapi.cn//.default");
    }

    @Test
    void shouldRefuseAnAuthenticationUrlOfAnotherCloud() {
        assertThat(PROVIDER.validate(valid().cloud("azure-china").authenticationUrl("https://login.microsoftonline.com")
                .build(), ConnectorContext.empty()))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("authenticationUrl");
                    assertThat(e.message()).contains("does not belong to cloud 'azure-china'");
                });
        assertThat(fields(valid().authenticationUrl("https://login.microsoftonline.com").build())).isEmpty();
        assertThat(fields(valid().cloud("azure-public").putOptions(MdcOptions.CLOUD, "azure-china").build()))
                .containsExactly("cloud");
        assertThat(fields(valid().putOptions(MdcOptions.RESOURCE_MANAGER_URL, "https://arm.example").build()))
                .containsExactly("resourceManagerUrl");
    }

    @Test
    void shouldRefuseACloudFieldAndACloudOptionThatDisagreeButAcceptOneCloudUnderTwoNames() {
        assertThat(PROVIDER.validate(valid().cloud("azure-public").putOptions(MdcOptions.CLOUD, "azure-china").build(),
                ConnectorContext.empty())).singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("cloud");
                    assertThat(e.message()).contains("azure-public").contains("azure-china").contains("set it once");
                });
        assertThat(fields(valid().cloud("gcc-high").putOptions(MdcOptions.CLOUD, "azure-us-government").build()))
                .isEmpty();
    }

    @Test
    void shouldAcceptTheMdeCloudNamesAsAliasesOfTheOneVocabulary() {
        assertThat(MdcSettings.parse(valid().cloud("commercial").build(), false).cloud().resourceManagerUrl())
                .isEqualTo("https://management.azure.com/");
        assertThat(MdcSettings.parse(valid().cloud("gcc").build(), false).cloud().authorityHost())
                .isEqualTo("https://login.microsoftonline.com/");
        assertThat(MdcSettings.parse(valid().cloud("dod").build(), false).cloud().resourceManagerUrl())
                .isEqualTo("https://management.usgovcloudapi.net/");
        assertThat(PROVIDER.descriptor().field("cloud")).hasValueSatisfying(f -> assertThat(f.allowedValues())
                .containsExactly("azure-public", "azure-us-gcc", "azure-us-government", "azure-china", "custom"));
    }

    @Test
    void shouldRefuseAnOptionItDoesNotKnow() {
        assertThat(PROVIDER.validate(valid().putOptions("colour", "blue").build(), ConnectorContext.empty()))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("colour");
                    assertThat(e.message()).contains("not an option of mdc-vm").contains("subscriptions");
                });
    }

    @Test
    void shouldDocumentEveryOptionInTheReadmeExactlyAsDeclared() {
        ConfigFieldTable.assertReadmeMatches(Path.of("README.md"), PROVIDER.descriptor().configFields());
    }

    @Test
    void shouldRequireEndpointsForTheCustomCloud() {
        assertThat(fields(valid().cloud("custom").build())).containsExactly("authenticationUrl", "resourceManagerUrl");
        MdcSettings custom = MdcSettings.parse(valid().cloud("custom").authenticationUrl("https://login.example")
                .putOptions(MdcOptions.RESOURCE_MANAGER_URL, "https://arm.example:8443").build(), false);
        assertThat(custom.cloud().armBase()).isEqualTo("https://arm.example:8443");
        assertThat(custom.cloud().tokenScope()).isEqualTo("https://management.core.windows.net//.default");
        assertThat(custom.cloud().microsoftAuthority()).isFalse();
    }

    @Test
    void shouldRefusePlainHttpExceptOnLoopbackAndSaySo() {
        assertThat(fields(valid().cloud("custom").authenticationUrl("https://localhost:1")
                .putOptions(MdcOptions.RESOURCE_MANAGER_URL, "http://127.0.0.1:8080").build())).isEmpty();
        List<ConfigError> remote = PROVIDER.validate(valid().cloud("custom").authenticationUrl("http://login.example")
                .putOptions(MdcOptions.RESOURCE_MANAGER_URL, "http://arm.example").build(), ConnectorContext.empty());
        assertThat(remote).extracting(ConfigError::field).containsExactly("authenticationUrl", "resourceManagerUrl");
        assertThat(remote).allSatisfy(e -> assertThat(e.message()).contains("clear text")
                .contains("only on loopback addresses"));
        assertThat(fields(valid().cloud("custom").authenticationUrl("https://l.example")
                .putOptions(MdcOptions.RESOURCE_MANAGER_URL, "https://a.example")
                .putOptions(MdcOptions.TOKEN_SCOPE_ALIAS, "https://a.example/").build()))
                .containsExactly("resourceManagerScope");
    }

    @Test
    void shouldAcceptALoopbackHttpAuthorityOnlyWithALentCredential() {
        ConnectionConfig config = valid().cloud("custom").authenticationUrl("http://localhost:8080")
                .putOptions(MdcOptions.RESOURCE_MANAGER_URL, "http://localhost:8080").build();
        assertThat(PROVIDER.validate(config, ConnectorContext.empty())).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("authenticationUrl");
            assertThat(e.message()).contains("TokenCredential").contains("https");
        });
        TokenCredential lent = ctx -> Mono.just(new AccessToken("t", OffsetDateTime.now().plusHours(1)));
        assertThat(PROVIDER.validate(config, ConnectorContext.builder().with(TokenCredential.class, lent).build()))
                .isEmpty();
    }
}
