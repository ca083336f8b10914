package dev.exposure.connector.azure.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.sun.net.httpserver.HttpServer;
import dev.exposure.connector.DataException;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestTls;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/**
 * The {@link BearerPolicy} behind the {@link HostGuardPolicy} and inside the retry loop, over real loopback HTTPS
 * (and plain http on a loopback JDK server), in virtual time.
 */
class BearerPolicyTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    private static final String SCOPE = "https://api.example.test/.default";

    private final VirtualWaits waits = new VirtualWaits();
    private final CountingPolicy attempts = new CountingPolicy();

    /** Hands out the queued tokens (the last one again when the queue is empty) and counts the requests. */
    static final class Tokens implements TokenCredential {
        final AtomicInteger asked = new AtomicInteger();
        private final Deque<AccessToken> queue = new ArrayDeque<>();
        private AccessToken last;

        Tokens add(String token, Duration lifetime) {
            queue.add(new AccessToken(token, OffsetDateTime.now().plus(lifetime)));
            return this;
        }

        @Override
        public synchronized Mono<AccessToken> getToken(TokenRequestContext request) {
            asked.incrementAndGet();
            if (!queue.isEmpty()) {
                last = queue.poll();
            }
            return Mono.just(last);
        }
    }

    private HttpPipeline pipeline(HttpClient client, String host, int port, TokenCredential credential,
                                  String loginHost) {
        return AzureHttp.pipeline(client).userAgent("azure-test")
                .retry(RetryRules.DEFAULT, Timing.DEFAULTS, waits, Pacer.NONE)
                .hostGuard(host, port).bearer(credential, SCOPE, loginHost).perAttempt(attempts).build();
    }

    private HttpPipeline pipeline(TokenCredential credential) {
        return pipeline(TestTls.trustingHttpClient(), host(), wm.getHttpsPort(), credential, "login.example.test");
    }

    /** @return the host name the extension's URLs use */
    private static String host() {
        return URI.create(wm.baseUrl()).getHost();
    }

    private static int status(HttpPipeline p, String url) {
        try (HttpResponse r = p.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
            return r.getStatusCode();
        }
    }

    @Test
    void shouldAttachTheTokenToTheGuardedHostAndPort() {
        wm.stubFor(get("/things").willReturn(aResponse().withStatus(200)));
        Tokens tokens = new Tokens().add("t-1", Duration.ofHours(1));

        assertThat(status(pipeline(tokens), wm.url("/things"))).isEqualTo(200);

        wm.verify(1, getRequestedFor(urlPathEqualTo("/things")).withHeader("Authorization", equalTo("Bearer t-1")));
    }

    @Test
    void shouldRefuseAnotherPortOfTheGuardedHostBeforeAskingForAToken() {
        Tokens tokens = new Tokens().add("t-1", Duration.ofHours(1));
        HttpPipeline p = pipeline(TestTls.trustingHttpClient(), host(), wm.getHttpsPort() + 1, tokens, null);

        assertThatThrownBy(() -> status(p, wm.url("/things"))).isInstanceOf(DataException.class)
                .hasMessageContaining("'" + host() + "'");

        assertThat(tokens.asked).hasValue(0);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldRefuseToSendTheTokenOverPlainHttpToAHostThatIsNotLoopback() {
        Tokens tokens = new Tokens().add("t-1", Duration.ofHours(1));
        HttpPipeline p = pipeline(TestTls.trustingHttpClient(), "api.example.test", 80, tokens, null);

        assertThatThrownBy(() -> status(p, "http://api.example.test/things")).isInstanceOf(DataException.class)
                .hasMessageContaining("plain http").hasMessageContaining("'api.example.test'")
                .hasMessageNotContaining("t-1");

        assertThat(tokens.asked).hasValue(0);
        assertThat(attempts.attempts).isEmpty();
    }

    @Test
    void shouldSendTheTokenOverPlainHttpToALoopbackServer() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/things", exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            Tokens tokens = new Tokens().add("t-1", Duration.ofHours(1));
            HttpPipeline p = pipeline(TestTls.trustingHttpClient(), "127.0.0.1", port, tokens, null);

            assertThat(status(p, "http://127.0.0.1:" + port + "/things")).isEqualTo(204);
            assertThat(seen).containsExactly("Bearer t-1");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldResendExactlyOnceOnA401WithATokenAskedForAgain() {
        wm.stubFor(get("/things").willReturn(aResponse().withStatus(401)));
        Tokens tokens = new Tokens().add("t-1", Duration.ofHours(1)).add("t-2", Duration.ofHours(1));

        assertThat(status(pipeline(tokens), wm.url("/things"))).isEqualTo(401);

        assertThat(attempts.attempts).containsExactly("Bearer t-1", "Bearer t-2");
        assertThat(tokens.asked).hasValue(2);
        assertThat(waits.sleeps).isEmpty();
    }

    @Test
    void shouldResendExactlyOnceOnA401EvenWhenTheCredentialReturnsTheSameToken() {
        wm.stubFor(get("/things").willReturn(aResponse().withStatus(401)));
        Tokens tokens = new Tokens().add("t-1", Duration.ofHours(1));

        assertThat(status(pipeline(tokens), wm.url("/things"))).isEqualTo(401);

        assertThat(attempts.attempts).containsExactly("Bearer t-1", "Bearer t-1");
        assertThat(tokens.asked).hasValue(2);
    }

    @Test
    void shouldKeepAValidTokenAndAskForAnotherOnceItIsWithinFiveMinutesOfExpiry() {
        wm.stubFor(get("/things").willReturn(aResponse().withStatus(200)));
        Tokens lasting = new Tokens().add("t-1", Duration.ofMinutes(6)).add("t-2", Duration.ofHours(1));
        HttpPipeline p = pipeline(lasting);
        status(p, wm.url("/things"));
        status(p, wm.url("/things"));
        assertThat(attempts.attempts).containsExactly("Bearer t-1", "Bearer t-1");
        assertThat(lasting.asked).hasValue(1);

        attempts.attempts.clear();
        Tokens expiring = new Tokens().add("t-1", Duration.ofMinutes(4)).add("t-2", Duration.ofHours(1));
        HttpPipeline q = pipeline(expiring);
        status(q, wm.url("/things"));
        status(q, wm.url("/things"));
        assertThat(attempts.attempts).containsExactly("Bearer t-1", "Bearer t-2");
        assertThat(expiring.asked).hasValue(2);
    }

    @Test
    void shouldReportAnUnreachableLoginHostAsTransientNamingItWithoutRetryingInTheOuterLoop() {
        AtomicInteger asked = new AtomicInteger();
        TokenCredential unreachable = request -> {
            asked.incrementAndGet();
            return Mono.error(new UncheckedIOException(new ConnectException("Connection refused")));
        };

        assertThatThrownBy(() -> status(pipeline(unreachable), wm.url("/things")))
                .isInstanceOf(TransientException.class).hasMessageContaining("login.example.test");

        assertThat(asked).hasValue(1);
        assertThat(waits.sleeps).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldPassARefusalByTheLoginHostThroughUnchanged() {
        IllegalStateException refused = new IllegalStateException("AADSTS7000215: Invalid client secret provided");
        TokenCredential refusing = request -> Mono.error(refused);

        assertThatThrownBy(() -> status(pipeline(refusing), wm.url("/things"))).isSameAs(refused);
        assertThat(waits.sleeps).isEmpty();
    }
}
