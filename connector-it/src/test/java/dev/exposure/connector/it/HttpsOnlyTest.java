package dev.exposure.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.Secret;
import dev.exposure.connector.mdc.MdcConnectorProvider;
import dev.exposure.connector.mdc.MdcOptions;
import dev.exposure.connector.mde.MdeConfig;
import dev.exposure.connector.mde.MdeConnectorProvider;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Security hygiene (a): every endpoint outside tests must be HTTPS. The custom-cloud options of
 * both connectors refuse {@code http://} except on loopback addresses, and the message says so.
 */
class HttpsOnlyTest {
    static final String TENANT = "5f1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
    static final String CLIENT = "6a1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
    static final String SUBSCRIPTION = "7b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

    static Stream<Arguments> plainHttpOffLoopback() {
        return Stream.of(
                Arguments.of("mde-v2", MdeConfig.API_BASE_URL, "http://api.securitycenter.microsoft.com/"),
                Arguments.of("mde-v2", MdeConfig.API_BASE_URL, "http://10.0.0.5:8080/"),
                Arguments.of("mde-v2", MdeConfig.API_BASE_URL, "http://localhost.example.com/"),
                Arguments.of("mde-v2", MdeConfig.API_BASE_URL, "http://127.0.0.1.nip.io/"),
                Arguments.of("mde-v2", "authenticationUrl", "http://login.example.com/"),
                Arguments.of("mdc-vm", MdcOptions.RESOURCE_MANAGER_URL, "http://management.azure.com/"),
                Arguments.of("mdc-vm", MdcOptions.RESOURCE_MANAGER_URL, "http://192.168.1.10/"),
                Arguments.of("mdc-vm", MdcOptions.RESOURCE_MANAGER_URL, "http://localhost.example.com/"),
                Arguments.of("mdc-vm", "authenticationUrl", "http://login.example.com/"));
    }

    static Stream<Arguments> plainHttpOnLoopback() {
        return Stream.of(
                Arguments.of("mde-v2", MdeConfig.API_BASE_URL, "http://127.0.0.1:8443/"),
                Arguments.of("mde-v2", MdeConfig.API_BASE_URL, "http://localhost:8443/"),
                Arguments.of("mde-v2", MdeConfig.API_BASE_URL, "http://[::1]:8443/"),
                Arguments.of("mdc-vm", MdcOptions.RESOURCE_MANAGER_URL, "http://127.0.0.1:8443/"),
                Arguments.of("mdc-vm", MdcOptions.RESOURCE_MANAGER_URL, "http://localhost:8443/"),
                Arguments.of("mdc-vm", MdcOptions.RESOURCE_MANAGER_URL, "http://[::1]:8443/"));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("plainHttpOffLoopback")
    void shouldRefusePlainHttpOffLoopbackAndSaySo(String connector, String field, String url) {
        List<ConfigError> errors = validate(connector, field, url);

        assertThat(errors).filteredOn(e -> e.field().equalsIgnoreCase(field)).as("errors on " + field)
                .singleElement().satisfies(e -> assertThat(e.message().toLowerCase(Locale.ROOT)).contains("https"));
        if (!field.equals("authenticationUrl")) {
            assertThat(errors).filteredOn(e -> e.field().equalsIgnoreCase(field))
                    .allSatisfy(e -> assertThat(e.message()).as("the message says where http is allowed").contains("loopback"));
        }
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("plainHttpOnLoopback")
    void shouldAcceptPlainHttpOnlyOnLoopbackForLocalTestServers(String connector, String field, String url) {
        assertThat(validate(connector, field, url)).as("errors").isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("plainHttpOffLoopback")
    void shouldAcceptTheSameEndpointsOverHttps(String connector, String field, String url) {
        String https = url.replace("http://", "https://");
        assertThat(validate(connector, field, https)).filteredOn(e -> e.message().contains("https")).isEmpty();
    }

    static List<ConfigError> validate(String connector, String field, String url) {
        boolean mde = connector.equals("mde-v2");
        ConnectionConfig.Builder b = ConnectionConfig.builder().name("https only").tenantId(TENANT).clientId(CLIENT)
                .clientSecret(Secret.of("not-a-real-secret")).cloud("custom").putOptions("cloud", "custom")
                .authenticationUrl("https://login.example.test/");
        if (mde) {
            b.putOptions(MdeConfig.API_BASE_URL, "https://api.example.test/");
        } else {
            b.putOptions(MdcOptions.RESOURCE_MANAGER_URL, "https://management.example.test/")
                    .putOptions(MdcOptions.SUBSCRIPTIONS, SUBSCRIPTION);
        }
        if (field.equals("authenticationUrl")) {
            b.authenticationUrl(url);
        } else {
            b.putOptions(field, url);
        }
        ConnectorProvider p = mde ? new MdeConnectorProvider() : new MdcConnectorProvider();
        return p.validate(b.build(), ConnectorContext.empty());
    }
}
