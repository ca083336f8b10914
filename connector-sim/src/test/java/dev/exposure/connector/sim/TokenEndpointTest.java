package dev.exposure.connector.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenEndpointTest {
    static SimulatedMdeTenant mde;
    static SimulatedAzureTenant azure;
    final SimClient client = new SimClient();

    @BeforeAll
    static void start() {
        mde = SimulatedMdeTenant.builder().seed(3).machines(3).vulnerabilitiesPerMachine(2).build().start();
        azure = SimulatedAzureTenant.builder().seed(3).vms(3).build().start();
    }

    @AfterAll
    static void stop() {
        mde.close();
        azure.close();
    }

    private HttpResponse<String> tokenRequest(String tenant, String clientId, String secret, String scope) {
        return client.postForm(URI.create(mde.baseUrl() + "/" + tenant + "/oauth2/v2.0/token"),
                "client_info=1&grant_type=client_credentials&scope=" + SimClient.enc(scope) + "&client_id="
                        + clientId + "&client_secret=" + SimClient.enc(secret));
    }

    @Test
    void shouldIssueBearerTokenWithConfiguredLifetimeForClientCredentials() {
        mde.tokenLifetime(Duration.ofSeconds(120));
        try {
            HttpResponse<String> r = tokenRequest(mde.tenantId(), mde.clientId(), mde.clientSecret(),
                    "openid profile offline_access " + SimulatedMdeTenant.DEFAULT_SCOPE);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"token_type\":\"Bearer\"", "\"expires_in\":120", "\"access_token\":\"sim-");
            assertThat(r.body()).doesNotContain(mde.clientSecret());
        } finally {
            mde.tokenLifetime(Duration.ofSeconds(3599));
        }
    }

    @Test
    void shouldRefuseWrongSecretWithInvalidClient401() {
        HttpResponse<String> r = tokenRequest(mde.tenantId(), mde.clientId(), "wrong", SimulatedMdeTenant.DEFAULT_SCOPE);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"error\":\"invalid_client\"", "AADSTS7000215", "\"error_codes\":[7000215]",
                "trace_id", "correlation_id");
    }

    @Test
    void shouldRefuseUnknownTenantClientAndScopeWithEntraErrors() {
        assertThat(tokenRequest("00000000-0000-0000-0000-000000000000", mde.clientId(), mde.clientSecret(),
                SimulatedMdeTenant.DEFAULT_SCOPE).body()).contains("AADSTS90002", "invalid_request");
        HttpResponse<String> badClient = tokenRequest(mde.tenantId(), "11111111-1111-1111-1111-111111111111",
                mde.clientSecret(), SimulatedMdeTenant.DEFAULT_SCOPE);
        assertThat(badClient.statusCode()).isEqualTo(400);
        assertThat(badClient.body()).contains("AADSTS700016");
        assertThat(tokenRequest(mde.tenantId(), mde.clientId(), mde.clientSecret(), "https://other.example/.default")
                .body()).contains("AADSTS500011");
        assertThat(tokenRequest(mde.tenantId(), mde.clientId(), mde.clientSecret(), "https://other.example")
                .body()).contains("AADSTS1002012");
    }

    @Test
    void shouldAcceptResourceGraphSdkTokenBodyWithClaimsAndScopeList() {
        String body = "claims=%7B%22access_token%22%3A%7B%22xms_cc%22%3A%7B%22values%22%3A%5B%22CP1%22%5D%7D%7D%7D"
                + "&client_info=1&grant_type=client_credentials&scope=https%3A%2F%2Fmanagement.core.windows.net"
                + "%2F%2F.default+openid+profile+offline_access&client_id=" + azure.clientId() + "&client_secret="
                + SimClient.enc(azure.clientSecret());
        HttpResponse<String> r = client.postForm(URI.create(azure.baseUrl() + "/" + azure.tenantId()
                + "/oauth2/v2.0/token"), body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("access_token");
    }

    @Test
    void shouldAnswer401EnvelopeWhenTokenMissingUnknownOrExpired() {
        String url = mde.baseUrl() + "/api/machines";
        HttpResponse<String> missing = client.get(url, null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("{\"error\":{\"code\":\"Unauthorized\"", "\"target\":");
        assertThat(client.get(url, "made-up").statusCode()).isEqualTo(401);

        String token = client.mdeToken(mde);
        assertThat(client.get(url, token).statusCode()).isEqualTo(200);
        mde.advanceClock(Duration.ofHours(2));
        try {
            assertThat(client.get(url, token).statusCode()).isEqualTo(401);
            assertThat(client.get(url, client.mdeToken(mde)).statusCode()).isEqualTo(200);
        } finally {
            mde.advanceClock(Duration.ofHours(-2));
        }
    }

    @Test
    void shouldRefuseOldSecretAndRevokedTokensAfterRotation() {
        SimulatedMdeTenant t = SimulatedMdeTenant.builder().seed(9).machines(1).build().start();
        try {
            String old = t.clientSecret();
            String token = client.mdeToken(t);
            t.rotateSecret("new-secret-value", true);
            assertThat(client.get(t.baseUrl() + "/api/machines", token).statusCode()).isEqualTo(401);
            HttpResponse<String> r = client.postForm(t.tokenUrl(), "grant_type=client_credentials&client_id="
                    + t.clientId() + "&client_secret=" + old + "&scope=" + SimClient.enc(t.tokenScope()));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("AADSTS7000215");
            assertThat(client.get(t.baseUrl() + "/api/machines", client.mdeToken(t)).statusCode()).isEqualTo(200);
            assertThat(t.tokensIssued()).isEqualTo(2);
        } finally {
            t.close();
        }
    }
}
