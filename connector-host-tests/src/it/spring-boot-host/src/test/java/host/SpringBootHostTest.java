package host;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenRequestContext;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.testkit.EntraTokenStub;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.MockEntraCredentials;
import dev.exposure.connector.testkit.TestConnections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The testkit's HTTPS WireMock and Entra ID stub inside a Spring Boot 3.5 test. */
@SpringBootTest
class SpringBootHostTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    @Autowired
    Connectors connectors;

    @Test
    void shouldStartTheContextWithTheConnectors() {
        assertThat(connectors.ids()).contains("mde-v2");
    }

    @Test
    void shouldGetATokenFromTheStubbedEntraIdOverHttps() {
        EntraTokenStub.forTenant(TestConnections.TENANT_ID).accessToken("token-1").register(wm);
        wm.stubFor(get("/ping").willReturn(okJson("{}")));

        String token = MockEntraCredentials.clientSecret(wm.baseUrl(), TestConnections.TENANT_ID,
                        TestConnections.CLIENT_ID, TestConnections.CLIENT_SECRET_VALUE)
                .getTokenSync(new TokenRequestContext().addScopes("https://api.securitycenter.microsoft.com/.default"))
                .getToken();

        assertThat(token).isEqualTo("token-1");
    }
}
