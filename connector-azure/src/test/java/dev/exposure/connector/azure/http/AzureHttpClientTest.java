package dev.exposure.connector.azure.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.Context;
import dev.exposure.connector.azure.AzureProxy;
import dev.exposure.connector.testkit.LoopbackConnectProxy;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestTls;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDK client built by {@link AzureHttp}: it goes through the proxy azure-core's
 * {@link Configuration} names (Java properties; environment variables with
 * {@code java.net.useSystemProxies}), honours the non-proxy hosts, and frames a POST body by its length
 * (azure-core's adapter reads the length from the Content-Length header: removing the header, to
 * avoid the adapter's restricted-header WARN, turned every POST into chunks).
 */
class AzureHttpClientTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    private static Configuration configuration(Map<String, String> javaProperties, Map<String, String> environment) {
        return new ConfigurationBuilder(source -> Map.of(), source -> javaProperties, source -> environment).build();
    }

    private static String ping(HttpClient client) {
        try (HttpResponse r = client.sendSync(new HttpRequest(HttpMethod.GET, wm.baseUrl() + "/ping"), Context.NONE)) {
            return r.getStatusCode() + " " + r.getBodyAsBinaryData();
        }
    }

    @Test
    void shouldSendThroughTheProxyOfTheJavaProxyProperties() throws Exception {
        wm.stubFor(get("/ping").willReturn(aResponse().withStatus(200).withBody("pong")));
        try (LoopbackConnectProxy proxy = LoopbackConnectProxy.forwardingTo(wm.getHttpsPort())) {
            Configuration c = configuration(Map.of("https.proxyHost", "127.0.0.1",
                    "https.proxyPort", String.valueOf(proxy.port())), Map.of());
            HttpClient client = AzureHttp.jdkClient(TestTls.sslContext(), c, Timing.DEFAULTS);

            assertThat(ping(client)).isEqualTo("200 pong");
            assertThat(proxy.connects()).containsExactly(URI.create(wm.baseUrl()).getAuthority());
        }
    }

    @Test
    void shouldSendThroughHttpsProxyAndBypassItForNoProxyHosts() throws Exception {
        wm.stubFor(get("/ping").willReturn(aResponse().withStatus(200).withBody("pong")));
        try (LoopbackConnectProxy proxy = LoopbackConnectProxy.forwardingTo(wm.getHttpsPort())) {
            Map<String, String> java = Map.of("java.net.useSystemProxies", "true");
            Configuration via = configuration(java, Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port()));
            Configuration bypass = configuration(java, Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port(),
                    "NO_PROXY", "localhost,127.0.0.1"));

            assertThat(ping(AzureHttp.jdkClient(TestTls.sslContext(), via, Timing.DEFAULTS))).isEqualTo("200 pong");
            assertThat(proxy.connects()).hasSize(1);
            assertThat(ping(AzureHttp.jdkClient(TestTls.sslContext(), bypass, Timing.DEFAULTS))).isEqualTo("200 pong");
            assertThat(proxy.connects()).as("NO_PROXY host reached directly").hasSize(1);
            assertThat(AzureProxy.proxyFor(URI.create(wm.baseUrl()), bypass)).isEmpty();
            assertThat(AzureProxy.proxyFor(URI.create(wm.baseUrl()), via)).isPresent();
        }
    }

    @Test
    void shouldFrameAPostBodyByItsLengthNotInChunks() {
        wm.stubFor(post("/token").willReturn(aResponse().withStatus(200).withBody("{}")));
        HttpClient client = AzureHttp.jdkClient(TestTls.sslContext(), configuration(Map.of(), Map.of()),
                Timing.DEFAULTS);
        String body = "grant_type=client_credentials&scope=x";
        try (HttpResponse r = AzureHttp.pipeline(client).userAgent("test").build().sendSync(
                new HttpRequest(HttpMethod.POST, wm.baseUrl() + "/token").setBody(body)
                        .setHeader(HttpHeaderName.CONTENT_LENGTH, String.valueOf(body.length())), Context.NONE)) {
            assertThat(r.getStatusCode()).isEqualTo(200);
        }
        // the JDK frames a body of known length itself: Content-Length, not chunks (some token servers refuse chunked POSTs)
        wm.verify(postRequestedFor(urlPathEqualTo("/token")).withRequestBody(equalTo(body))
                .withHeader("Content-Length", equalTo(String.valueOf(body.length())))
                .withoutHeader("Transfer-Encoding"));
    }
}
