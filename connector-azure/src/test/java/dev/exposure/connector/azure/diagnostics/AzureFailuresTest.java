package dev.exposure.connector.azure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import dev.exposure.connector.AuthenticationException;
import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.ServiceException;
import dev.exposure.connector.TransientException;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AzureFailuresTest {
    static final URI API = URI.create("https://api.gov.example.test:8443");
    static final URI LOGIN = URI.create("https://login.gov.example.test:9443/");
    static final String SCOPE = "https://api.gov.example.test/.default";

    private static AzureFailures failures(boolean lent) {
        return new AzureFailures(TestGuidance.INSTANCE, API, LOGIN, SCOPE, lent, s -> s.replace("s3cr3t", "****"));
    }

    private static ApiError error(String json) {
        return ApiError.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldReadTheErrorEnvelopeAndTheOauthFormAndSurviveABodyThatIsNotJson() {
        assertThat(error("{\"error\":{\"code\":\"Forbidden\",\"message\":\"no\",\"target\":\"|abc\"}}").describe())
                .isEqualTo("Forbidden: no (tracking id |abc)");
        assertThat(error("{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215\"}").describe())
                .isEqualTo("invalid_client: AADSTS7000215");
        assertThat(error("<html><body>Bad gateway</body></html>").message()).isEqualTo("non-JSON body: Bad gateway");
        assertThat(ApiError.read(null)).isEqualTo(ApiError.NONE);
    }

    @Test
    void shouldMaskBearerTokensAndSignaturesInErrorText() {
        assertThat(error("{\"error\":{\"message\":\"Bearer eyJ.abc.def sent to ?sig=XYZ&x=1\"}}").message())
                .isEqualTo("Bearer **** sent to ?sig=****&x=1");
        assertThat(AzureFailures.withoutQuery("https://h.example/p/f.gz?sv=1&sig=abc")).isEqualTo("https://h.example/p/f.gz");
    }

    @Test
    void shouldMapAnApi401ToAuthenticationWithAudienceAdviceAndA403ToTheVendorsGrant() {
        ConnectorException unauthorized = failures(false).status(401, error("{\"error\":{\"code\":\"Unauthorized\"}}"),
                null, "things", "Thing.Read", "GET /things", null);
        assertThat(unauthorized).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("refused the access token (HTTP 401 Unauthorized: Unauthorized)")
                .hasMessageContaining("scope " + SCOPE);

        ConnectorException forbidden = failures(false).status(403,
                error("{\"error\":{\"message\":\"needs Other.Read s3cr3t\"}}"), null, "things", "Thing.Read",
                "GET /things", null);
        assertThat(forbidden).isInstanceOf(AuthorizationException.class)
                .hasMessageContaining(TestGuidance.GRANT + "Other.Read").hasMessageNotContaining("s3cr3t");
        assertThat(((AuthorizationException) forbidden).missingPermission()).contains("Other.Read");
    }

    @Test
    void shouldMapThrottlingServerErrorsAndOtherStatuses() {
        assertThat(failures(false).status(429, ApiError.NONE, Duration.ofSeconds(9), "things", "p", "s", null))
                .isInstanceOf(RateLimitedException.class).hasMessageContaining("asked to wait 9 s")
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(9)));
        assertThat(failures(false).status(503, ApiError.NONE, null, "things", "p", "s", null))
                .isInstanceOf(TransientException.class);
        assertThat(failures(false).status(400, error("{\"error\":{\"code\":\"BadRequest\"}}"), null, "things", "p",
                "s", null)).isInstanceOf(ServiceException.class)
                .satisfies(e -> assertThat(((ServiceException) e).vendorErrorCode()).contains("BadRequest"));
    }

    @Test
    void shouldTellARefusedLentCredentialApartFromARefusedClientSecret() {
        ClientAuthenticationException refused = new ClientAuthenticationException("AADSTS7000215: Invalid client"
                + " secret provided", null);
        AzureFailures.Explained lent = failures(true).explain(refused, "token");
        assertThat(lent.exception()).isInstanceOf(AuthenticationException.class);
        assertThat(lent.advice()).contains("TokenCredential lent by the host").doesNotContain("Client Secret");

        AzureFailures.Explained own = failures(false).explain(refused, "token");
        assertThat(own.advice()).contains("Client Secret may be expired");
        assertThat(own.finding()).contains("AADSTS7000215").doesNotContain("Client Secret may be expired");
    }

    @Test
    void shouldNameTheConfiguredHostsAndPortsWhenAHostCannotBeReached() {
        ConnectorException e = failures(false).thrown(new RuntimeException(new ConnectException("refused")), "GET /x");
        assertThat(e).isInstanceOf(TransientException.class)
                .hasMessageContaining("api.gov.example.test:8443").hasMessageContaining("login.gov.example.test:9443")
                .hasMessageNotContaining("login.microsoftonline.com").hasMessageNotContaining(" 443");
        assertThat(failures(false).loginAdvice()).contains(LOGIN.toString());
    }
}
