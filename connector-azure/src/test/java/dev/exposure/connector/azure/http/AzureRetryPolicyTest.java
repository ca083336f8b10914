package dev.exposure.connector.azure.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.azure.diagnostics.ApiError;
import dev.exposure.connector.azure.diagnostics.AzureFailures;
import dev.exposure.connector.azure.diagnostics.AzureGuidance;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestTls;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one retry loop ({@link AzureRetryPolicy} with {@link RetryRules#DEFAULT} and {@link Timing#DEFAULTS}) over
 * real loopback HTTPS, in virtual time: every wait is recorded by {@link VirtualWaits}, none is slept.
 */
class AzureRetryPolicyTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    private static final AzureGuidance GUIDANCE = new AzureGuidance() {
        @Override
        public String api() {
            return "the Test API";
        }

        @Override
        public String grant(List<String> missing) {
            return "Grant " + String.join(" and ", missing) + ".";
        }
    };

    private final VirtualWaits waits = new VirtualWaits();
    private final CountingPolicy attempts = new CountingPolicy();

    private HttpPipeline pipeline(HttpClient client, Timing timing, Pacer pacer) {
        return AzureHttp.pipeline(client).userAgent("azure-test").retry(RetryRules.DEFAULT, timing, waits, pacer)
                .perAttempt(attempts).build();
    }

    private HttpPipeline pipeline() {
        return pipeline(TestTls.trustingHttpClient(), Timing.DEFAULTS, Pacer.NONE);
    }

    private static HttpResponse send(HttpPipeline p, String url, Context context) {
        return p.sendSync(new HttpRequest(HttpMethod.GET, url), context);
    }

    /** The vendor's step after the loop: an answer that is still an error becomes the typed exception. */
    private static ConnectorException typed(HttpResponse r, String url) {
        AzureFailures failures = new AzureFailures(GUIDANCE, URI.create(wm.baseUrl()), URI.create(wm.baseUrl()),
                "scope/.default", true, s -> s);
        return failures.status(r.getStatusCode(), ApiError.NONE, RetryAfter.of(r.getHeaders()).orElse(null), "things",
                "Thing.Read", "GET " + url, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void shouldSendATransientStatusAgainUpToTheTimingsRetriesThenReportItNamingTheUrl(int status) {
        wm.stubFor(get("/things").willReturn(aResponse().withStatus(status)));
        String url = wm.url("/things");

        try (HttpResponse r = send(pipeline(), url, Context.NONE)) {
            assertThat(r.getStatusCode()).isEqualTo(status);
            ConnectorException e = typed(r, url);
            assertThat(e).isInstanceOf(status == 429 ? RateLimitedException.class : TransientException.class);
            assertThat(e.source()).contains("GET " + url);
        }
        wm.verify(1 + Timing.DEFAULTS.maxRetries(), getRequestedFor(urlPathEqualTo("/things")));
        assertThat(waits.sleeps).hasSize(Timing.DEFAULTS.maxRetries());
    }

    @Test
    void shouldNotSendAgainAStatusTheRulesDoNotName() {
        wm.stubFor(get("/things").willReturn(aResponse().withStatus(501)));

        try (HttpResponse r = send(pipeline(), wm.url("/things"), Context.NONE)) {
            assertThat(r.getStatusCode()).isEqualTo(501);
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/things")));
        assertThat(waits.sleeps).isEmpty();
    }

    @Test
    void shouldStopRetryingOnceTheServerAnswers() {
        wm.stubFor(get("/things").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        wm.stubFor(get("/things").inScenario("s").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)));

        try (HttpResponse r = send(pipeline(), wm.url("/things"), Context.NONE)) {
            assertThat(r.getStatusCode()).isEqualTo(200);
        }
        wm.verify(2, getRequestedFor(urlPathEqualTo("/things")));
    }

    @Test
    void shouldDoubleTheBackOffWithAtMostTwentyPercentJitter() {
        wm.stubFor(get("/things").willReturn(aResponse().withStatus(503)));

        send(pipeline(), wm.url("/things"), Context.NONE).close();

        assertThat(waits.sleeps).hasSize(4);
        for (int i = 0; i < 4; i++) {
            long base = 800L << i;
            assertThat(waits.sleeps.get(i).toMillis()).as("retry %d", i).isBetween(base, base + base / 5);
        }
    }

    @Test
    void shouldCapTheBackOffAtSixtySecondsPlusItsJitter() {
        for (int retry = 0; retry < 30; retry++) {
            long base = Math.min(800L << Math.min(retry, 20), 60_000L);
            for (int i = 0; i < 50; i++) {
                assertThat(Timing.DEFAULTS.backoff(retry).toMillis()).isBetween(base, base + base / 5);
            }
        }
        assertThat(Timing.DEFAULTS.withBackoff(Duration.ofMillis(800), Duration.ofSeconds(60), 0).backoff(3))
                .isEqualTo(Duration.ofMillis(6400));
    }

    @Test
    void shouldWaitWhatTheServerAsksWithinTheLongestHonouredWait() {
        wm.stubFor(get("/things").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "300")).willSetStateTo("ok"));
        wm.stubFor(get("/things").inScenario("s").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)));

        try (HttpResponse r = send(pipeline(), wm.url("/things"), Context.NONE)) {
            assertThat(r.getStatusCode()).isEqualTo(200);
        }
        assertThat(waits.sleeps).containsExactly(Duration.ofMinutes(5));
    }

    @Test
    void shouldReportARetryAfterAboveTheLongestHonouredWaitWithoutWaiting() {
        wm.stubFor(get("/things").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "301")));
        String url = wm.url("/things");

        try (HttpResponse r = send(pipeline(), url, Context.NONE)) {
            assertThat(r.getStatusCode()).isEqualTo(429);
            ConnectorException e = typed(r, url);
            assertThat(e).isInstanceOf(RateLimitedException.class);
            assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(301));
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/things")));
        assertThat(waits.sleeps).isEmpty();
    }

    @Test
    void shouldReportAQuotaResetBeyondTheLongestHonouredWaitInsteadOfSleepingBeforeTheNextRequest() {
        // Resource Graph's quota headers: none left, resets in 9999 hours (a hostile or broken server)
        wm.stubFor(get("/things").willReturn(aResponse().withStatus(200).withBody("{}")
                .withHeader(QuotaHeaderPacer.REMAINING, "0").withHeader(QuotaHeaderPacer.RESETS_AFTER, "9999:00:00")));
        QuotaHeaderPacer pacer = new QuotaHeaderPacer(15, Duration.ofSeconds(5));
        HttpPipeline p = pipeline(TestTls.trustingHttpClient(), Timing.DEFAULTS, pacer);
        try (HttpResponse r = send(p, wm.url("/things"), Context.NONE)) {
            assertThat(r.getStatusCode()).isEqualTo(200);
        }

        assertThatThrownBy(() -> send(p, wm.url("/things"), Context.NONE))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofHours(9999)))
                .hasMessageContaining("quota");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/things")));
        assertThat(waits.sleeps).isEmpty();
    }

    @Test
    void shouldIgnoreAQuotaResetTooLargeToRepresentInsteadOfFailingTheRequest() {
        assertThat(QuotaHeaderPacer.parseResetsAfter("99999999999999999999:00:00")).isNull();
        assertThat(QuotaHeaderPacer.parseResetsAfter("999999999999:00:00")).isNull();
        assertThat(QuotaHeaderPacer.parseResetsAfter("00:00:04.5")).isEqualTo(Duration.ofMillis(4500));
    }

    @Test
    void shouldSendAFailedConnectionAgainUpToTheRetriesThenThrowIt() {
        wm.stubFor(get("/things").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> send(pipeline(), wm.url("/things"), Context.NONE)).isNotInstanceOf(
                ConnectorException.class);

        assertThat(attempts.attempts).hasSize(1 + Timing.DEFAULTS.maxRetries());
        assertThat(waits.sleeps).hasSize(Timing.DEFAULTS.maxRetries());
    }

    @Test
    void shouldNotSendAgainWhenTheHostIsUnknown() {
        assertThatThrownBy(() -> send(pipeline(), "https://no-such-host.invalid/things", Context.NONE))
                .satisfies(e -> assertThat(AzureFailures.find(e, java.nio.channels.UnresolvedAddressException.class)
                        .<Throwable>map(x -> x).or(() -> AzureFailures.find(e, java.net.UnknownHostException.class)))
                        .as("the JDK client's failure for a name that does not resolve").isPresent());

        assertThat(attempts.attempts).hasSize(1);
        assertThat(waits.sleeps).isEmpty();
    }

    @Test
    void shouldNotSendAgainWhenTheTlsHandshakeFails() {
        wm.stubFor(get("/things").willReturn(aResponse().withStatus(200)));
        HttpClient trustingNothingOfOurs = AzureHttp.jdkClient(null, null, Timing.DEFAULTS);

        assertThatThrownBy(() -> send(pipeline(trustingNothingOfOurs, Timing.DEFAULTS, Pacer.NONE), wm.url("/things"),
                Context.NONE)).satisfies(e -> assertThat(AzureFailures.find(e, javax.net.ssl.SSLHandshakeException.class))
                        .isPresent());

        assertThat(attempts.attempts).hasSize(1);
        assertThat(waits.sleeps).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldReportPacingWaitsAndThrottlesAsThrottledToTheRequestScope() {
        wm.stubFor(get("/things").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        wm.stubFor(get("/things").inScenario("s").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(200)));
        List<String> buckets = new ArrayList<>();
        Pacer pacer = (bucket, w) -> {
            buckets.add(bucket);
            w.sleep(Duration.ofSeconds(2));
            return Duration.ofSeconds(2);
        };
        SyncCounters counters = new SyncCounters();
        List<String> heard = new CopyOnWriteArrayList<>();
        SyncListener listener = new SyncListener() {
            @Override
            public void onThrottled(String stream, Duration wait) {
                heard.add(stream + " throttled " + wait.toSeconds() + " s");
            }

            @Override
            public void onRetry(String stream, String reason) {
                heard.add(stream + " retry: " + reason);
            }
        };
        RequestScope scope = new RequestScope("machines", counters, listener, "assets");

        try (HttpResponse r = send(pipeline(TestTls.trustingHttpClient(), Timing.DEFAULTS, pacer), wm.url("/things"),
                scope.context())) {
            assertThat(r.getStatusCode()).isEqualTo(200);
        }

        assertThat(buckets).containsExactly("machines", "machines");
        assertThat(heard).containsExactly("assets throttled 2 s", "assets throttled 7 s",
                "assets retry: HTTP 429; retry 1 of 4 after 7000 ms", "assets throttled 2 s");
        assertThat(counters.snapshot().throttledTime()).isEqualTo(Duration.ofSeconds(11));
        assertThat(counters.snapshot().requests()).isEqualTo(2);
        assertThat(counters.snapshot().retries()).isEqualTo(1);
        assertThat(waits.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(7), Duration.ofSeconds(2));
    }

    @Test
    void shouldSendAConnectionRefusedAgainThenThrowTheFailure() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> send(pipeline(TestTls.trustingHttpClient(), Timing.DEFAULTS.withMaxRetries(2),
                Pacer.NONE), "https://127.0.0.1:" + closed + "/things", Context.NONE))
                .satisfies(e -> assertThat(AzureFailures.find(e, java.net.ConnectException.class)).isPresent());
        assertThat(attempts.attempts).hasSize(3);
    }
}
