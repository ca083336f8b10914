package dev.exposure.connector.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

class HttpsWireMockExtensionTest {

    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    @Test
    void shouldServeHttpsOnLocalhostWithTheTestkitCertificate() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/ping")).willReturn(okJson("{\"pong\":true}")));

        HttpResponse<String> response = send(TestTls.trustingJdkClient(), wm.url("ping"));

        assertThat(wm.baseUrl()).matches("https://localhost:\\d+");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"pong\":true}");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/ping")));
    }

    @Test
    void shouldDisablePlainHttp() {
        assertThat(wm.getRuntimeInfo().isHttpEnabled()).isFalse();
        assertThat(wm.getRuntimeInfo().isHttpsEnabled()).isTrue();
    }

    @Test
    void shouldBeRefusedByClientsThatDoNotTrustTheTestkitCertificate() {
        wm.stubFor(get(urlPathEqualTo("/ping")).willReturn(okJson("{}")));

        assertThatThrownBy(() -> send(HttpClient.newHttpClient(), wm.url("/ping")))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void shouldFailTheTestWhenARequestMatchesNoStub() {
        TestExecutionSummary summary = JUnitRunner.run(SendsUnmatchedRequest.class);

        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("/nothing-here");
    }

    @Test
    void shouldAllowUnmatchedRequestsWhenTold() {
        TestExecutionSummary summary = JUnitRunner.run(SendsUnmatchedRequestLeniently.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getTotalFailureCount()).isZero();
    }

    @Nested
    class WithFilesUnderClasspath {
        @RegisterExtension
        final HttpsWireMockExtension files = HttpsWireMockExtension.builder()
                .filesUnderClasspath("testkit-wiremock").build();

        @Test
        void shouldServeMappingsAndBodyFilesFromTheClasspath() throws Exception {
            HttpResponse<String> response = send(TestTls.trustingJdkClient(), files.url("/ping"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("from-classpath");
        }
    }

    static HttpResponse<String> send(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Run only through {@link JUnitRunner}. */
    @ExtendWith(OnlyThroughJUnitRunner.class)
    static class SendsUnmatchedRequest {
        @RegisterExtension
        static final HttpsWireMockExtension strict = HttpsWireMockExtension.create();

        @Test
        void sendsAnUnmatchedRequest() throws Exception {
            assertThat(send(TestTls.trustingJdkClient(), strict.url("/nothing-here")).statusCode()).isEqualTo(404);
        }
    }

    /** Run only through {@link JUnitRunner}. */
    @ExtendWith(OnlyThroughJUnitRunner.class)
    static class SendsUnmatchedRequestLeniently {
        @RegisterExtension
        static final HttpsWireMockExtension lenient = HttpsWireMockExtension.builder()
                .failOnUnmatchedRequests(false).build();

        @Test
        void sendsAnUnmatchedRequest() throws Exception {
            assertThat(send(TestTls.trustingJdkClient(), lenient.url("/nothing-here")).statusCode()).isEqualTo(404);
        }
    }
}
