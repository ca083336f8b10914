package dev.exposure.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EntraTokenStubTest {
    private static final String TENANT = "4f1c3a2e-9b7d-4c21-8e55-0a6b3c9d2e11";
    private static final String FORM = "client_info=1&grant_type=client_credentials&client_id=abc&client_secret=s3cr3t"
            + "&scope=https%3A%2F%2Fapi.securitycenter.microsoft.com%2F.default";

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    @Test
    void shouldAnswerTheConfiguredTokenAndLifetime() throws Exception {
        EntraTokenStub.forTenant(TENANT).accessToken("token-42").expiresIn(Duration.ofMinutes(5)).register(wm);

        HttpResponse<String> response = post("/" + TENANT + "/oauth2/v2.0/token", FORM);

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.path("access_token").asText()).isEqualTo("token-42");
        assertThat(body.path("expires_in").asLong()).isEqualTo(300);
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
    }

    @Test
    void shouldAnswerInvalidClientInEntraShape() throws Exception {
        EntraTokenStub.forAnyTenant().invalidClient().register(wm);

        HttpResponse<String> response = post("/" + TENANT + "/oauth2/v2.0/token", FORM);

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(body.path("error").asText()).isEqualTo("invalid_client");
        assertThat(body.path("error_description").asText()).startsWith("AADSTS7000215:");
        assertThat(body.path("error_codes").get(0).asLong()).isEqualTo(7000215L);
    }

    @Test
    void shouldAnswerTenantNotFoundWithBadRequest() throws Exception {
        EntraTokenStub.forTenant(TENANT).tenantNotFound().register(wm);

        HttpResponse<String> response = post("/" + TENANT + "/oauth2/v2.0/token", FORM);

        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        assertThat(body.path("error_description").asText()).startsWith("AADSTS90002:").contains(TENANT);
    }

    @Test
    void shouldRefuseATenantThatIsNotOnePathSegment() {
        assertThatIllegalArgumentException().isThrownBy(() -> EntraTokenStub.forTenant("a/b"));
        assertThatIllegalArgumentException().isThrownBy(() -> EntraTokenStub.forTenant(" "));
    }

    @Nested
    class WhenUnmatchedRequestsAreAllowed {
        @RegisterExtension
        final HttpsWireMockExtension lenient = HttpsWireMockExtension.builder().failOnUnmatchedRequests(false).build();

        @Test
        void shouldNotAnswerAnotherTenantOrAnotherSecret() throws Exception {
            EntraTokenStub.forTenant(TENANT).clientSecret("right").register(lenient);

            assertThat(post(lenient, "/other-tenant/oauth2/v2.0/token", FORM).statusCode()).isEqualTo(404);
            assertThat(post(lenient, "/" + TENANT + "/oauth2/v2.0/token", FORM).statusCode()).isEqualTo(404);
            assertThat(post(lenient, "/" + TENANT + "/oauth2/v2.0/token", FORM.replace("s3cr3t", "right"))
                    .statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        return post(wm, path, form);
    }

    private static HttpResponse<String> post(HttpsWireMockExtension server, String path, String form)
            throws Exception {
        return TestTls.trustingJdkClient().send(HttpRequest.newBuilder(URI.create(server.url(path)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
