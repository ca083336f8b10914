package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.exposure.connector.mde.MdeTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.ProxyOptions;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.ConnectionTestReport.Check;
import dev.exposure.connector.ConnectionTestReport.Status;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.azure.http.VirtualWaits;
import dev.exposure.connector.testkit.EntraTokenStub;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.LoopbackConnectProxy;
import dev.exposure.connector.testkit.TestTls;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MdeConnectionTestTest {
    static final String VULNS = "/api/machines/SoftwareVulnerabilitiesByMachine";

    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    private final VirtualWaits timing = new VirtualWaits();

    private void stubHealthy() {
        stubToken(wm);
        wm.stubFor(getPath("/api/machines").withQueryParam("$top", equalTo("1"))
                .willReturn(json(fixture("mde-machines-page3.json"))));
        wm.stubFor(getPath(VULNS).withQueryParam("$top", equalTo("1"))
                .willReturn(json(fixture("mde-vulns-page2.json"))));
    }

    private ConnectionTestReport run(dev.exposure.connector.Connector c) {
        List<ConnectionTestReport.CheckResult> heard = new ArrayList<>();
        ConnectionTestReport r = c.testConnection(heard::add);
        assertThat(heard).isEqualTo(r.checks());
        assertThat(r.toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
        return r;
    }

    private static void assertFailedAt(ConnectionTestReport r, Check check) {
        for (ConnectionTestReport.CheckResult c : r.checks()) {
            Status expected = c.check().ordinal() < check.ordinal() ? Status.PASSED
                    : c.check() == check ? Status.FAILED : Status.SKIPPED;
            assertThat(c.status()).as(c.check() + ": " + c.message()).isEqualTo(expected);
        }
        assertThat(r.passed()).isFalse();
    }

    @Test
    void shouldPassAllFiveChecksAgainstAHealthyTenant() {
        stubHealthy();
        ConnectionTestReport r = run(connector(wm, timing));
        assertThat(r.passed()).as(r.firstFailure().map(Object::toString).orElse("")).isTrue();
        assertThat(r.result(Check.AUTHORIZATION_SCOPE_CHECK).message()).contains("Machine.Read.All")
                .contains("Vulnerability.Read.All");
        assertThat(r.result(Check.DATA_FETCH).message()).contains("1e5bc9d7e413ddd7902c2932e418702b84d0cc07")
                .contains("CVE-2024-10487");
    }

    @Test
    void shouldFailNetworkReachabilityWhenTheApiHostDoesNotAnswer() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ConnectionTestReport r = run(connector(config(wm).apiBaseUrl("https://localhost:" + closed).build(), timing));
        assertFailedAt(r, Check.NETWORK_REACHABILITY);
        assertThat(r.result(Check.NETWORK_REACHABILITY).message()).contains("localhost:" + closed);
        assertThat(r.result(Check.NETWORK_REACHABILITY).remediation()).hasValueSatisfying(
                m -> assertThat(m).contains("Authentication URL"));
    }

    @Test
    void shouldFailTheTlsHandshakeWhenTheCertificateIsNotTrusted() throws Exception {
        stubHealthy();
        ConnectorContext untrusting = contextBuilder(timing).with(SSLContext.class, SSLContext.getDefault()).build();
        ConnectionTestReport r = run(new MdeConnectorProvider().create(config(wm).build(), untrusting));
        assertFailedAt(r, Check.TLS_HANDSHAKE);
        assertThat(r.result(Check.TLS_HANDSHAKE).message()).contains("localhost:" + wm.getHttpsPort());
    }

    @Test
    void shouldFailTheCredentialCheckOnAWrongSecretWithTheSpecsGuidance() {
        EntraTokenStub.forTenant(TENANT).invalidClient().register(wm);
        ConnectionTestReport r = run(connector(wm, timing));
        assertFailedAt(r, Check.AUTHENTICATION_CREDENTIAL_CHECK);
        ConnectionTestReport.CheckResult c = r.result(Check.AUTHENTICATION_CREDENTIAL_CHECK);
        assertThat(c.message()).contains("AADSTS7000215").doesNotContain(SECRET);
        assertThat(c.remediation()).hasValueSatisfying(m -> assertThat(m).contains("Client Secret may be expired"));
        assertThat(c.message()).as("the advice is the remediation's, shown once").doesNotContain("Client Secret may be")
                .doesNotContain("Authentication URL");
    }

    @Test
    void shouldTellARefusedLentCredentialThatItWasRefusedWithoutClientSecretAdvice() {
        EntraTokenStub.forTenant(TENANT).invalidClient().register(wm);
        TokenCredential lent = new ClientSecretCredentialBuilder().authorityHost(wm.baseUrl() + "/").tenantId(TENANT)
                .clientId(CLIENT).clientSecret("lent-" + SECRET).httpClient(TestTls.trustingHttpClient())
                .disableInstanceDiscovery().build();
        ConnectionTestReport r = run(new MdeConnectorProvider().create(config(wm).build(),
                contextBuilder(timing).with(TokenCredential.class, lent).build()));
        assertFailedAt(r, Check.AUTHENTICATION_CREDENTIAL_CHECK);
        ConnectionTestReport.CheckResult c = r.result(Check.AUTHENTICATION_CREDENTIAL_CHECK);
        assertThat(c.message()).contains("AADSTS7000215");
        assertThat(c.remediation()).hasValueSatisfying(m -> assertThat(m).contains("TokenCredential lent by the host")
                .doesNotContain("Client Secret may be").doesNotContain("Certificates & secrets"));
    }

    @Test
    void shouldReportAnApi401AsARefusedTokenNotAsAMissingPermission() {
        stubToken(wm);
        wm.stubFor(getPath("/api/machines").willReturn(json(401, fixture("mde-error-401.json"))));
        wm.stubFor(getPath(VULNS).willReturn(json(fixture("mde-vulns-page2.json"))));
        ConnectionTestReport r = run(connector(wm, timing));
        assertFailedAt(r, Check.AUTHORIZATION_SCOPE_CHECK);
        ConnectionTestReport.CheckResult c = r.result(Check.AUTHORIZATION_SCOPE_CHECK);
        assertThat(c.message()).contains("refused the access token (HTTP 401");
        assertThat(c.remediation()).hasValueSatisfying(m -> assertThat(m).contains("token is for this API")
                .doesNotContain("WindowsDefenderATP").doesNotContain("lacks"));
    }

    @Test
    void shouldNameTheConfiguredHostsAndPortsOfACustomCloudInTheNetworkAdvice() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ConnectionTestReport r = run(connector(config(wm).apiBaseUrl("https://localhost:" + closed).build(), timing));
        assertFailedAt(r, Check.NETWORK_REACHABILITY);
        assertThat(r.result(Check.NETWORK_REACHABILITY).remediation()).hasValueSatisfying(m -> assertThat(m)
                .contains("localhost:" + closed).contains("localhost:" + wm.getHttpsPort())
                .doesNotContain("login.microsoftonline.com").doesNotContain("port 443"));
    }

    @Test
    void shouldReachTheApiThroughTheConfiguredProxyLikeTheSyncDoes() throws Exception {
        stubHealthy();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (LoopbackConnectProxy proxy = LoopbackConnectProxy.forwardingTo(wm.getHttpsPort())) {
            // the API host is reachable only through the proxy; the sync's HTTP client goes through it too
            HttpClient proxied = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                    .sslContext(TestTls.sslContext()))
                    .proxy(new ProxyOptions(ProxyOptions.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())))
                    .build();
            Configuration env = new ConfigurationBuilder(p -> Map.of(), p -> Map.of("https.proxyHost", "127.0.0.1",
                    "https.proxyPort", String.valueOf(proxy.port())), p -> Map.of()).build();
            ConnectionTestReport r = run(new MdeConnectorProvider().create(
                    config(wm).apiBaseUrl("https://localhost:" + closed).build(),
                    contextBuilder(timing).with(HttpClient.class, proxied).with(Configuration.class, env).build()));
            assertThat(r.passed()).as(r.toString()).isTrue();
            assertThat(r.result(Check.NETWORK_REACHABILITY).message()).contains("localhost:" + closed
                    + " through the proxy 127.0.0.1:" + proxy.port());
            assertThat(proxy.connects()).contains("localhost:" + closed);
        }
    }

    @Test
    void shouldNameTheMissingPermissionInTheAuthorizationCheck() {
        stubToken(wm);
        wm.stubFor(getPath("/api/machines").willReturn(json(fixture("mde-machines-page3.json"))));
        wm.stubFor(getPath(VULNS).willReturn(json(403, fixture("mde-error-403-vulns.json"))));
        ConnectionTestReport r = run(connector(wm, timing));
        assertFailedAt(r, Check.AUTHORIZATION_SCOPE_CHECK);
        ConnectionTestReport.CheckResult c = r.result(Check.AUTHORIZATION_SCOPE_CHECK);
        assertThat(c.message()).contains("lacks Vulnerability.Read.All").contains("granted: Machine.Read.All");
        assertThat(c.remediation()).hasValueSatisfying(m -> assertThat(m).contains("admin consent"));
    }

    @Test
    void shouldFailTheDataFetchWhenTheRecordCannotBeRead() {
        stubToken(wm);
        wm.stubFor(getPath("/api/machines").willReturn(json("{\"value\":[{\"id\":")));
        wm.stubFor(getPath(VULNS).willReturn(json(fixture("mde-vulns-page2.json"))));
        ConnectionTestReport r = run(connector(wm, timing));
        assertFailedAt(r, Check.DATA_FETCH);
        assertThat(r.result(Check.DATA_FETCH).message()).contains("malformed");
    }
}
