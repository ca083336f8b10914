package dev.exposure.connector.azure.diagnostics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.Context;
import com.azure.identity.ClientSecretCredentialBuilder;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.ConnectionTestReport.Check;
import dev.exposure.connector.ConnectionTestReport.Outcome;
import dev.exposure.connector.ConnectionTestReport.Status;
import dev.exposure.connector.testkit.EntraTokenStub;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.LoopbackConnectProxy;
import dev.exposure.connector.testkit.TestTls;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectionProbesTest {
    static final String TENANT = "00000000-0000-0000-0000-0000000000aa";
    static final String SCOPE = "https://api.example.test/.default";

    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    private static final TokenCredential GOOD = ctx -> reactor.core.publisher.Mono.just(
            new AccessToken("probe-token", OffsetDateTime.now().plusHours(1)));

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Environment variables as azure-core reads them: with {@code java.net.useSystemProxies=true}. */
    static Configuration env(Map<String, String> variables) {
        return new ConfigurationBuilder(path -> Map.of(), path -> Map.of("java.net.useSystemProxies", "true"),
                path -> variables).build();
    }

    static Configuration systemProperties(Map<String, String> properties) {
        return new ConfigurationBuilder(path -> Map.of(), path -> properties, path -> Map.of()).build();
    }

    static AzureFailures failures(URI api, URI login, boolean lent) {
        return new AzureFailures(TestGuidance.INSTANCE, api, login, SCOPE, lent, s -> s.replace("lent-secret", "****"));
    }

    /** Authorization through a plain pipeline to the WireMock server, whatever host the probes were told. */
    static ConnectionProbes.Authorization authorization(String... paths) {
        return new ConnectionProbes.Authorization() {
            @Override
            public List<ConnectionProbes.Target> targets() {
                return java.util.Arrays.stream(paths).map(p -> new ConnectionProbes.Target(p, "Thing.Read", wm.url(p),
                        false)).toList();
            }

            @Override
            public HttpResponse send(String url) {
                return TestTls.trustingHttpClient().sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE);
            }

            @Override
            public String granted(List<String> granted) {
                return "may read " + String.join(", ", granted);
            }

            @Override
            public String denied(List<ConnectionProbes.Denied> denied, List<String> granted) {
                return "lacks " + denied.stream().map(ConnectionProbes.Denied::permission).toList();
            }
        };
    }

    static ConnectionProbes.Builder probes(URI api, URI login, TokenCredential credential, boolean lent) {
        return ConnectionProbes.builder(failures(api, login, lent)).hosts(api, login).credential(credential, SCOPE)
                .tls(TestTls.sslContext(), null).proxy(env(Map.of())).authorization(authorization("/things"))
                .dataFetch(() -> Outcome.pass("fetched one"), "check the data");
    }

    static void assertFailedAt(ConnectionTestReport r, Check check) {
        for (ConnectionTestReport.CheckResult c : r.checks()) {
            Status expected = c.check().ordinal() < check.ordinal() ? Status.PASSED
                    : c.check() == check ? Status.FAILED : Status.SKIPPED;
            assertThat(c.status()).as(c.check() + ": " + c.message()).isEqualTo(expected);
        }
    }

    @Test
    void shouldReachAndHandshakeThroughTheProxyWhenTheHostIsOnlyReachableThroughIt() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/things")).willReturn(aResponse().withStatus(200).withBody("{}")));
        int closed = closedPort();
        URI api = URI.create("https://localhost:" + closed);
        try (LoopbackConnectProxy proxy = LoopbackConnectProxy.forwardingTo(wm.getHttpsPort())) {
            ConnectionTestReport r = probes(api, api.resolve("/"), GOOD, false)
                    .proxy(env(Map.of("HTTPS_PROXY", proxy.url()))).build().run(c -> { });

            assertThat(r.passed()).as(r.toString()).isTrue();
            assertThat(proxy.connects()).contains("localhost:" + closed);
            assertThat(r.result(Check.NETWORK_REACHABILITY).message())
                    .contains("localhost:" + closed + " through the proxy 127.0.0.1:" + proxy.port());
            assertThat(r.result(Check.TLS_HANDSHAKE).message()).contains("TLS").contains("through the proxy");
        }
    }

    @Test
    void shouldTunnelThroughTheProxyOfTheJavaProxySystemProperties() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/things")).willReturn(aResponse().withStatus(200).withBody("{}")));
        int closed = closedPort();
        URI api = URI.create("https://localhost:" + closed);
        try (LoopbackConnectProxy proxy = LoopbackConnectProxy.forwardingTo(wm.getHttpsPort())) {
            ConnectionTestReport r = probes(api, api.resolve("/"), GOOD, false).proxy(systemProperties(Map.of(
                    "https.proxyHost", "127.0.0.1", "https.proxyPort", String.valueOf(proxy.port())))).build()
                    .run(c -> { });

            assertThat(r.passed()).as(r.toString()).isTrue();
            assertThat(proxy.connects()).containsOnly("localhost:" + closed);
        }
    }

    @Test
    void shouldFailReachabilityNamingTheProxyWhenTheProxyIsDown() throws Exception {
        int proxyPort = closedPort();
        URI api = URI.create(wm.baseUrl());
        ConnectionTestReport r = probes(api, api.resolve("/"), GOOD, false)
                .proxy(env(Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxyPort))).build().run(c -> { });

        assertFailedAt(r, Check.NETWORK_REACHABILITY);
        assertThat(r.result(Check.NETWORK_REACHABILITY).message()).contains("cannot reach the proxy 127.0.0.1:"
                + proxyPort);
    }

    @Test
    void shouldGoDirectlyToAHostInNoProxy() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/things")).willReturn(aResponse().withStatus(200).withBody("{}")));
        URI api = URI.create(wm.baseUrl());
        ConnectionTestReport r = probes(api, api.resolve("/"), GOOD, false)
                .proxy(env(Map.of("HTTPS_PROXY", "http://127.0.0.1:" + closedPort(), "NO_PROXY", "localhost")))
                .build().run(c -> { });

        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.result(Check.NETWORK_REACHABILITY).message()).doesNotContain("proxy");
    }

    @Test
    void shouldTellARefusedLentCredentialThatItWasRefusedWithoutClientSecretAdvice() {
        EntraTokenStub.forTenant(TENANT).invalidClient().register(wm);
        TokenCredential lent = new ClientSecretCredentialBuilder().authorityHost(wm.baseUrl() + "/").tenantId(TENANT)
                .clientId("11111111-2222-3333-4444-555555555555").clientSecret("lent-secret")
                .httpClient(TestTls.trustingHttpClient()).disableInstanceDiscovery().build();
        URI api = URI.create(wm.baseUrl());
        ConnectionTestReport r = probes(api, api.resolve("/"), lent, true).build().run(c -> { });

        assertFailedAt(r, Check.AUTHENTICATION_CREDENTIAL_CHECK);
        ConnectionTestReport.CheckResult c = r.result(Check.AUTHENTICATION_CREDENTIAL_CHECK);
        assertThat(c.message()).contains("AADSTS7000215").doesNotContain("lent-secret");
        assertThat(c.remediation()).hasValueSatisfying(m -> assertThat(m).contains("TokenCredential lent by the host")
                .doesNotContainIgnoringCase("client secret may be").doesNotContain("Certificates & secrets"));
    }

    @Test
    void shouldShowTheFindingInTheMessageAndTheAdviceOnlyInTheRemediation() {
        EntraTokenStub.forTenant(TENANT).invalidClient().register(wm);
        TokenCredential own = new ClientSecretCredentialBuilder().authorityHost(wm.baseUrl() + "/").tenantId(TENANT)
                .clientId("11111111-2222-3333-4444-555555555555").clientSecret("lent-secret")
                .httpClient(TestTls.trustingHttpClient()).disableInstanceDiscovery().build();
        URI api = URI.create(wm.baseUrl());
        ConnectionTestReport.CheckResult c = probes(api, api.resolve("/"), own, false).build().run(x -> { })
                .result(Check.AUTHENTICATION_CREDENTIAL_CHECK);

        assertThat(c.remediation()).hasValueSatisfying(m -> assertThat(m).contains("Client Secret may be expired"));
        assertThat(c.message()).contains("AADSTS7000215").doesNotContain("Client Secret may be expired")
                .doesNotContain("Authentication URL");
    }

    @Test
    void shouldReportAnApi401AsARefusedTokenWithAudienceAdviceNotAsAMissingPermission() {
        wm.stubFor(get(urlPathEqualTo("/things")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"bad audience\"}}")));
        URI api = URI.create(wm.baseUrl());
        ConnectionTestReport r = probes(api, api.resolve("/"), GOOD, false).build().run(c -> { });

        assertFailedAt(r, Check.AUTHORIZATION_SCOPE_CHECK);
        ConnectionTestReport.CheckResult c = r.result(Check.AUTHORIZATION_SCOPE_CHECK);
        assertThat(c.message()).contains("refused the access token (HTTP 401 InvalidAuthenticationToken)");
        assertThat(c.remediation()).hasValueSatisfying(m -> assertThat(m).contains("scope " + SCOPE)
                .doesNotContain(TestGuidance.GRANT));
    }

    @Test
    void shouldNameTheMissingPermissionWithTheVendorsGrantText() {
        wm.stubFor(get(urlPathEqualTo("/things")).willReturn(aResponse().withStatus(403)
                .withBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"needs Other.Read\"}}")));
        URI api = URI.create(wm.baseUrl());
        ConnectionTestReport r = probes(api, api.resolve("/"), GOOD, false).build().run(c -> { });

        assertFailedAt(r, Check.AUTHORIZATION_SCOPE_CHECK);
        assertThat(r.result(Check.AUTHORIZATION_SCOPE_CHECK).message()).contains("lacks [Other.Read]");
        assertThat(r.result(Check.AUTHORIZATION_SCOPE_CHECK).remediation())
                .hasValueSatisfying(m -> assertThat(m).contains(TestGuidance.GRANT + "Other.Read"));
    }

    @Test
    void shouldNameTheConfiguredHostsAndPortsNotTheDefaultLoginHostWhenAHostIsDown() throws Exception {
        int closed = closedPort();
        URI api = URI.create("https://localhost:" + closed);
        URI login = URI.create(wm.baseUrl() + "/");
        ConnectionTestReport r = probes(api, login, GOOD, false).build().run(c -> { });

        assertFailedAt(r, Check.NETWORK_REACHABILITY);
        assertThat(r.result(Check.NETWORK_REACHABILITY).remediation()).hasValueSatisfying(m -> assertThat(m)
                .contains("localhost:" + closed).contains("localhost:" + wm.getHttpsPort()).contains(login.toString())
                .doesNotContain("login.microsoftonline.com").doesNotContain("443"));
    }

    @Test
    void shouldFailTheTlsCheckWhenTheCertificateIsNotTrusted() throws Exception {
        URI api = URI.create(wm.baseUrl());
        ConnectionTestReport r = probes(api, api.resolve("/"), GOOD, false).tls(SSLContext.getDefault(), null)
                .build().run(c -> { });

        assertFailedAt(r, Check.TLS_HANDSHAKE);
        assertThat(r.result(Check.TLS_HANDSHAKE).message()).contains("localhost:" + wm.getHttpsPort());
    }
}
