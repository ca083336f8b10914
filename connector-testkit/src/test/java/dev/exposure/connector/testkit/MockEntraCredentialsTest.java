package dev.exposure.connector.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ClientSecretCredential;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MockEntraCredentialsTest {
    private static final String TENANT = "4f1c3a2e-9b7d-4c21-8e55-0a6b3c9d2e11";
    private static final String CLIENT = "7d2b9e40-1c6a-4f3e-b8d1-5e9a0c7f4b22";
    private static final String SECRET = "Xq8~testkit-secret-value-0123456789";
    private static final String TOKEN_PATH = "/" + TENANT + "/oauth2/v2.0/token";
    private static final TokenRequestContext MDE_SCOPE = new TokenRequestContext()
            .addScopes("https://api.securitycenter.microsoft.com/.default");

    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    @Test
    void shouldObtainATokenFromTheMockOverHttps() {
        EntraTokenStub.forTenant(TENANT).clientId(CLIENT).clientSecret(SECRET)
                .scopeContaining("https://api.securitycenter.microsoft.com/.default")
                .accessToken("mock-token-1").expiresIn(Duration.ofHours(1)).register(wm);
        ClientSecretCredential credential = MockEntraCredentials.clientSecret(wm.baseUrl(), TENANT, CLIENT, SECRET);

        AccessToken token = credential.getTokenSync(MDE_SCOPE);

        assertThat(token.getToken()).isEqualTo("mock-token-1");
        assertThat(token.getExpiresAt()).isBetween(OffsetDateTime.now().plusMinutes(55),
                OffsetDateTime.now().plusMinutes(65));
        wm.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void shouldSurfaceInvalidClientAsAnErrorWithoutTheSecret() {
        EntraTokenStub.forTenant(TENANT).invalidClient().register(wm);
        ClientSecretCredential credential = MockEntraCredentials.clientSecret(wm.baseUrl(), TENANT, CLIENT, SECRET);

        Throwable error = catchThrowable(() -> credential.getTokenSync(MDE_SCOPE));

        assertThat(error).isNotNull();
        List<String> texts = texts(error);
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("AADSTS7000215"));
        assertThat(texts).noneSatisfy(t -> assertThat(t).contains(SECRET));
        // the secret did travel to the token endpoint, so its absence above means something
        wm.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("client_secret=")));
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).get(0).getBodyAsString())
                .contains(SECRET.replace("~", "%7E"));
    }

    @Test
    void shouldNotRetryAFailingTokenEndpoint() {
        EntraTokenStub.forTenant(TENANT).error(500, "server_error", "AADSTS50000: testkit outage").register(wm);
        ClientSecretCredential credential = MockEntraCredentials.clientSecret(wm.baseUrl(), TENANT, CLIENT, SECRET);

        assertThat(catchThrowable(() -> credential.getTokenSync(MDE_SCOPE))).isNotNull();

        wm.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void shouldRefuseAPlainHttpAuthority() {
        assertThatIllegalArgumentException().isThrownBy(() -> MockEntraCredentials.builder("http://localhost:1"))
                .withMessageContaining("https");
    }

    private static List<String> texts(Throwable error) {
        List<String> texts = new ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t.getMessage()));
            texts.add(t.toString());
        }
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        texts.add(trace.toString());
        return texts;
    }
}
