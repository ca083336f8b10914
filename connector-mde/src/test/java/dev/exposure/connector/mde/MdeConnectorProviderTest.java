package dev.exposure.connector.mde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.Secret;
import dev.exposure.connector.testkit.ConfigFieldTable;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class MdeConnectorProviderTest {
    private static final String TENANT = MdeTestSupport.TENANT;
    private static final String CLIENT = MdeTestSupport.CLIENT;
    private final MdeConnectorProvider provider = new MdeConnectorProvider();

    private static MdeConfig valid() {
        return MdeConfig.builder().name("MDE").tenantId(TENANT).clientId(CLIENT)
                .clientSecret(Secret.of(MdeTestSupport.SECRET));
    }

    private List<ConfigError> errors(ConnectionConfig config) {
        return provider.validate(config, ConnectorContext.empty());
    }

    private static List<String> fields(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::field).toList();
    }

    @Test
    void shouldBeFoundByServiceLoaderUnderItsId() {
        assertThat(Connectors.load().require("mde-v2")).isInstanceOf(MdeConnectorProvider.class);
        assertThat(provider.descriptor().assetSource()).isEqualTo("MS Defender");
        assertThat(provider.descriptor().findingVendorProductName()).isEqualTo("Defender");
        assertThat(provider.descriptor().field("clientSecret")).hasValueSatisfying(f -> assertThat(f.secret()).isTrue());
    }

    @Test
    void shouldAcceptTheDefaultCommercialConfigurationWithOrWithoutTrailingSlash() {
        assertThat(errors(valid().build())).isEmpty();
        assertThat(errors(valid().authenticationUrl("https://login.microsoftonline.com").build())).isEmpty();
        assertThat(errors(valid().apiBaseUrl("https://eu.api.security.microsoft.com").build())).isEmpty();
        assertThat(errors(valid().apiBaseUrl("https://api-us.securitycenter.microsoft.com/").build())).isEmpty();
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        ConnectionConfig bad = MdeConfig.builder().tenantId("not-a-guid").cloud("moon")
                .option("findingsSource", "ftp").option("maxRetries", "99").option("colour", "blue").build();
        List<ConfigError> errors = errors(bad);
        assertThat(fields(errors)).contains("name", "tenantId", "clientId", "clientSecret", "cloud",
                "findingsSource", "maxRetries", "colour");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
        assertThatThrownBy(() -> provider.create(bad, ConnectorContext.empty()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).errors()).hasSize(errors.size()));
    }

    @Test
    void shouldRejectAGccHighApiHostWithTheCommercialLoginHost() {
        List<ConfigError> errors = errors(valid().apiBaseUrl("https://api-gov.securitycenter.microsoft.us").build());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("apiBaseUrl");
            assertThat(e.message()).contains("gcc-high");
        });
    }

    @Test
    void shouldRejectTheCommercialLoginHostForGccHigh() {
        List<ConfigError> errors = errors(valid().cloud("gcc-high").authenticationUrl("https://login.microsoftonline.com/")
                .build());
        assertThat(fields(errors)).containsExactly("authenticationUrl");
        assertThat(errors.get(0).message()).contains("does not belong to cloud 'azure-us-government'")
                .contains("cloud=azure-public");
        assertThat(errors(valid().cloud("gcc-high").authenticationUrl("https://login.microsoftonline.us/").build()))
                .isEmpty();
        assertThat(errors(valid().cloud("gcc").build())).isEmpty();
        assertThat(errors(valid().cloud("dod").authenticationUrl("https://login.microsoftonline.us").build()))
                .isEmpty();
    }

    @Test
    void shouldTakeTheLoginHostApiHostAndScopeFromTheCloud() {
        MdeSettings gov = MdeSettings.require(valid().cloud("azure-us-government").build(), true);
        assertThat(gov.authorityHost).isEqualTo("https://login.microsoftonline.us/");
        assertThat(gov.apiBaseUrl()).isEqualTo("https://api-gov.securitycenter.microsoft.us");
        assertThat(gov.scope).isEqualTo("https://api-gov.securitycenter.microsoft.us/.default");
        MdeSettings gcc = MdeSettings.require(valid().cloud("azure-us-gcc").build(), true);
        assertThat(gcc.authorityHost).isEqualTo("https://login.microsoftonline.com/");
        assertThat(gcc.apiBaseUrl()).isEqualTo("https://api-gcc.securitycenter.microsoft.us");
    }

    @Test
    void shouldAcceptTheOlderCloudNamesAsAliasesOfTheOneVocabulary() {
        assertThat(MdeSettings.require(valid().cloud("commercial").build(), true).cloud.id()).isEqualTo("azure-public");
        assertThat(MdeSettings.require(valid().cloud("GCC").build(), true).cloud.id()).isEqualTo("azure-us-gcc");
        assertThat(MdeSettings.require(valid().cloud("gcc-high").build(), true).cloud.id())
                .isEqualTo("azure-us-government");
        assertThat(MdeSettings.require(valid().cloud("dod").build(), true).cloud.id()).isEqualTo("azure-us-government");
        assertThat(errors(valid().cloud("dod").option(MdeConfig.CLOUD, "azure-us-government").build())).isEmpty();
        assertThat(provider.descriptor().field("cloud")).hasValueSatisfying(f -> {
            assertThat(f.allowedValues()).containsExactly("azure-public", "azure-us-gcc", "azure-us-government",
                    "custom");
            assertThat(f.valueAliases()).containsEntry("commercial", "azure-public")
                    .containsEntry("gcc-high", "azure-us-government").containsEntry("dod", "azure-us-government");
            assertThat(f.defaultValue()).contains("azure-public");
        });
    }

    @Test
    void shouldRefuseACloudWithoutADefenderForEndpointApiNamingTheField() {
        assertThat(errors(valid().cloud("azure-china").build())).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("cloud");
            assertThat(e.message()).contains("'azure-china'").contains("no Defender for Endpoint API")
                    .contains("custom");
        });
    }

    @Test
    void shouldRefusePlainHttpExceptOnLoopback() {
        assertThat(errors(valid().cloud("custom").apiBaseUrl("http://mde.example.com").build()))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("plain http"));
        assertThat(errors(valid().cloud("custom").apiBaseUrl("http://127.0.0.1:8080").build())).isEmpty();
        assertThat(fields(errors(valid().cloud("custom").build()))).containsExactly("apiBaseUrl");
        assertThat(fields(errors(valid().authenticationUrl("http://login.microsoftonline.com/").build())))
                .contains("authenticationUrl");
    }

    @Test
    void shouldRejectATokenScopeOfAnotherCloud() {
        assertThat(fields(errors(valid().tokenScope("https://api-gov.securitycenter.microsoft.us/.default").build())))
                .containsExactly("tokenScope");
        assertThat(errors(valid().tokenScope("https://api.security.microsoft.com/.default").build())).isEmpty();
    }

    @Test
    void shouldRefuseACloudFieldAndACloudOptionThatDisagree() {
        ConnectionConfig both = valid().cloud("commercial").option(MdeConfig.CLOUD, "gcc").build();
        assertThat(errors(both)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("cloud");
            assertThat(e.message()).contains("commercial").contains("gcc").contains("set it once");
        });
        assertThat(errors(valid().cloud("gcc").option(MdeConfig.CLOUD, "gcc").build())).isEmpty();
    }

    @Test
    void shouldDocumentEveryOptionInTheReadmeExactlyAsDeclared() {
        ConfigFieldTable.assertReadmeMatches(Path.of("README.md"), provider.descriptor().configFields());
    }

    @Test
    void shouldNotRequireASecretWhenTheHostLendsACredential() {
        TokenCredential lent = ctx -> Mono.just(new AccessToken("lent", OffsetDateTime.now().plusHours(1)));
        ConnectionConfig noSecret = MdeConfig.builder().name("MDE").tenantId(TENANT).clientId(CLIENT).build();
        assertThat(fields(errors(noSecret))).containsExactly("clientSecret");
        assertThat(provider.validate(noSecret, ConnectorContext.builder().with(TokenCredential.class, lent).build()))
                .isEmpty();
    }

    @Test
    void shouldNeverShowTheSecretInTheConfigOrConnector() {
        ConnectionConfig config = valid().build();
        assertThat(config.toString()).doesNotContain(MdeTestSupport.SECRET);
        assertThat(provider.create(config, ConnectorContext.empty()).toString())
                .doesNotContain(MdeTestSupport.SECRET);
    }
}
