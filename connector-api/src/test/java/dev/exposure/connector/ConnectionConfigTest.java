package dev.exposure.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionConfigTest {
    private static final String TENANT = "4f1c3a2e-9b7d-4c21-8e55-0a6b3c9d2e11";
    private static final String CLIENT = "7D2B9E40-1C6A-4F3E-B8D1-5E9A0C7F4B22";
    private static final String SECRET = "s3cr3t-value-never-printed";

    private static ConnectionConfig.Builder valid() {
        ConnectionConfig.Builder b = ConnectionConfig.builder();
        b.name("MDE production").description("Defender for Endpoint, EU tenant").tenantId(TENANT).clientId(CLIENT)
                .clientSecret(Secret.of(SECRET));
        return b;
    }

    private static List<String> fields(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::field).toList();
    }

    @Test
    void shouldAcceptAValidConfiguration() {
        assertThat(valid().build().validate(true)).isEmpty();
    }

    @Test
    void shouldReportEveryProblemAtOnceEachNamingItsField() {
        ConnectionConfig bad = ConnectionConfig.builder().name("  ").description("x".repeat(201))
                .tenantId("my-tenant").clientId("{" + CLIENT + "}").clientSecret(Secret.of("   "))
                .authenticationUrl("http://login.microsoftonline.com/").build();

        List<ConfigError> errors = bad.validate(true);

        assertThat(fields(errors)).containsExactly("name", "description", "tenantId", "clientId", "clientSecret",
                "authenticationUrl");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
        assertThat(errors.get(0).message()).contains("required");
        assertThat(errors.get(1).message()).contains("201").contains("200");
        assertThat(errors.get(2).message()).contains("'my-tenant'").contains("GUID").contains("Directory (tenant) ID");
        assertThat(errors.get(5).message()).contains("https");
    }

    @Test
    void shouldRequireTheSharedFieldsOfAnEmptyConfiguration() {
        List<ConfigError> errors = ConnectionConfig.builder().build().validate(true);

        assertThat(fields(errors)).containsExactly("name", "tenantId", "clientId", "clientSecret");
    }

    @Test
    void shouldNotRequireASecretWhenTheHostLendsACredential() {
        ConnectionConfig noSecret = ConnectionConfig.builder().from(valid().build())
                .clientSecret(java.util.Optional.empty()).build();

        assertThat(noSecret.validate(false)).isEmpty();
        assertThat(fields(noSecret.validate(true))).containsExactly("clientSecret");
    }

    @Test
    void shouldAcceptADescriptionOfExactlyTwoHundredCharacters() {
        assertThat(valid().description("d".repeat(200)).build().validate(true)).isEmpty();
        assertThat(fields(valid().description("d".repeat(201)).build().validate(true))).containsExactly("description");
    }

    @Test
    void shouldLimitTheNameLength() {
        assertThat(fields(valid().name("n".repeat(129)).build().validate(true))).containsExactly("name");
        assertThat(valid().name("n".repeat(128)).build().validate(true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4f1c3a2e-9b7d-4c21-8e55-0a6b3c9d2e11", "4F1C3A2E-9B7D-4C21-8E55-0A6B3C9D2E11",
            " 4f1c3a2e-9b7d-4c21-8e55-0a6b3c9d2e11 "})
    void shouldAcceptGuidsInEitherCaseAndTrimmed(String guid) {
        assertThat(valid().tenantId(guid).build().validate(true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4f1c3a2e9b7d4c218e550a6b3c9d2e11", "{4f1c3a2e-9b7d-4c21-8e55-0a6b3c9d2e11}",
            "4f1c3a2e-9b7d-4c21-8e55-0a6b3c9d2e1", "gf1c3a2e-9b7d-4c21-8e55-0a6b3c9d2e11", "contoso.onmicrosoft.com"})
    void shouldRefuseWhatIsNotAGuid(String notAGuid) {
        assertThat(ConnectionConfig.isGuid(notAGuid)).isFalse();
        assertThat(fields(valid().tenantId(notAGuid).build().validate(true))).containsExactly("tenantId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://login.microsoftonline.com/", "ftp://login.microsoftonline.com/",
            "https://login.microsoftonline.com/?x=1", "https://user@login.microsoftonline.com/", "not a url", "https:///"})
    void shouldRefuseAnAuthenticationUrlThatIsNotPlainHttps(String url) {
        assertThat(fields(valid().authenticationUrl(url).build().validate(true))).containsExactly("authenticationUrl");
    }

    @Test
    void shouldDefaultTheAuthenticationUrlAndEndItWithASlash() {
        assertThat(valid().build().effectiveAuthenticationUrl()).isEqualTo("https://login.microsoftonline.com/");
        assertThat(valid().authenticationUrl("https://login.microsoftonline.us").build().effectiveAuthenticationUrl())
                .isEqualTo("https://login.microsoftonline.us/");
        assertThat(valid().authenticationUrl(" ").build().validate(true)).as("blank means the default").isEmpty();
    }

    @Test
    void shouldTrimOptionsAndTreatBlankOnesAsAbsent() {
        ConnectionConfig config = valid().putOptions("cloud", " Commercial ").putOptions("subscriptions", "  ").build();

        assertThat(config.option("cloud")).contains("Commercial");
        assertThat(config.option("subscriptions")).isEmpty();
        assertThat(config.option("missing")).isEmpty();
    }

    @Test
    void shouldNeverPrintTheSecret() {
        ConnectionConfig config = valid().build();

        assertThat(config.toString()).doesNotContain(SECRET);
        assertThat(config.clientSecret()).hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo(SECRET));
    }
}
