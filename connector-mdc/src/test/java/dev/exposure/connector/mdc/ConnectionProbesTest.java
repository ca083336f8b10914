package dev.exposure.connector.mdc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.ConnectionTestReport.Check;
import dev.exposure.connector.ConnectionTestReport.Status;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.testkit.EntraTokenStub;
import dev.exposure.connector.testkit.TestTls;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class ConnectionProbesTest extends MockedMdcApiTest {
    private void healthy() {
        mock.token();
        mock.subscription(MdcMock.SUB_A, 200, null);
        mock.subscription(MdcMock.SUB_B, 200, null);
        wm.stubFor(MdcMock.query("| project id\n").withRequestBody(matchingJsonPath("$.options['$top']", equalTo("1")))
                .willReturn(MdcMock.file("mdc-probe.json")));
    }

    private static void assertFailedAlone(ConnectionTestReport report, Check failed, String messagePart) {
        assertThat(report.passed()).isFalse();
        for (ConnectionTestReport.CheckResult r : report.checks()) {
            Status expected = r.check().ordinal() < failed.ordinal() ? Status.PASSED
                    : r.check() == failed ? Status.FAILED : Status.SKIPPED;
            assertThat(r.status()).as(r.check() + ": " + r.message()).isEqualTo(expected);
        }
        assertThat(report.result(failed).message()).contains(messagePart);
        assertThat(report.result(failed).remediation()).isPresent();
        assertThat(report.toString()).doesNotContain(MdcMock.SECRET);
    }

    @Test
    void shouldPassAllFiveChecksInOrderAgainstAHealthyTenant() {
        healthy();
        List<Check> seen = new ArrayList<>();
        ConnectionTestReport report = mock.connector().testConnection(r -> seen.add(r.check()));

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(seen).containsExactly(Check.values());
        assertThat(report.result(Check.DATA_FETCH).message()).contains("3 virtual machine(s) in 2 subscription(s)");
        assertThat(report.result(Check.AUTHORIZATION_SCOPE_CHECK).message()).contains("2 subscription(s)");
        wm.verify(1, postRequestedFor(urlPathEqualTo(MdcMock.RG_PATH)));
    }

    @Test
    void shouldFailNetworkReachabilityAloneWhenTheLoginHostRefusesConnections() throws Exception {
        healthy();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ConnectionConfig config = mock.config().authenticationUrl("https://localhost:" + closed + "/").build();
        assertFailedAlone(mock.connector(config, mock.context()).testConnection(), Check.NETWORK_REACHABILITY,
                "cannot reach localhost:" + closed);
    }

    @Test
    void shouldFailTlsHandshakeAloneWhenTheCertificateIsNotTrusted() throws Exception {
        healthy();
        ConnectorContext untrusting = ConnectorContext.builder()
                .with(HttpClient.class, TestTls.trustingHttpClient())
                .with(SSLContext.class, SSLContext.getDefault()).build();
        assertFailedAlone(mock.connector(mock.config().build(), untrusting).testConnection(), Check.TLS_HANDSHAKE,
                "TLS handshake with localhost");
    }

    @Test
    void shouldFailAuthenticationAloneWhenTheSecretIsRefused() {
        healthy();
        EntraTokenStub.forTenant(MdcMock.TENANT).invalidClient().register(wm);
        assertFailedAlone(mock.connector().testConnection(), Check.AUTHENTICATION_CREDENTIAL_CHECK, "AADSTS7000215");
    }

    @Test
    void shouldTellAMissingReaderRoleOnOneSubscription() {
        healthy();
        mock.subscription(MdcMock.SUB_B, 403, "mdc-403-authorizationfailed.json");
        ConnectionTestReport report = mock.connector().testConnection();
        assertFailedAlone(report, Check.AUTHORIZATION_SCOPE_CHECK,
                "Reader role missing on subscription " + MdcMock.SUB_B + " (AuthorizationFailed)");
        assertThat(report.result(Check.AUTHORIZATION_SCOPE_CHECK).message()).doesNotContain(MdcMock.SUB_A)
                .doesNotContain("not found");
    }

    @Test
    void shouldTellASubscriptionThatDoesNotExistApartFromAMissingRole() {
        healthy();
        mock.subscription(MdcMock.SUB_B, 404, "mdc-404-subscriptionnotfound.json");
        ConnectionTestReport report = mock.connector().testConnection();
        assertFailedAlone(report, Check.AUTHORIZATION_SCOPE_CHECK, "subscription not found in tenant "
                + MdcMock.TENANT + ": " + MdcMock.SUB_B + " (SubscriptionNotFound)");
        assertThat(report.result(Check.AUTHORIZATION_SCOPE_CHECK).message()).doesNotContain("Reader role");
    }

    @Test
    void shouldFailDataFetchAloneWhenResourceGraphRefusesTheQuery() {
        healthy();
        wm.stubFor(MdcMock.query("| project id\n").atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"BadRequest\",\"message\":\"Resource Graph is not available\"}}")));
        assertFailedAlone(mock.connector().testConnection(), Check.DATA_FETCH, "BadRequest");
    }

    @Test
    void shouldReportAnArm401AsARefusedTokenNotAsAProblemWithTheSubscriptionIds() {
        healthy();
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/subscriptions/" + MdcMock.SUB_B))
                .atPriority(1).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"InvalidAuthenticationTokenAudience\",\"message\":"
                                + "\"The access token has been obtained for wrong audience or resource.\"}}")));
        ConnectionTestReport report = mock.connector().testConnection();
        assertFailedAlone(report, Check.AUTHORIZATION_SCOPE_CHECK,
                "refused the access token (HTTP 401 InvalidAuthenticationTokenAudience)");
        assertThat(report.result(Check.AUTHORIZATION_SCOPE_CHECK).remediation()).hasValueSatisfying(m -> assertThat(m)
                .contains("token is for this API").doesNotContain("subscription ids").doesNotContain("Reader role"));
    }
}
