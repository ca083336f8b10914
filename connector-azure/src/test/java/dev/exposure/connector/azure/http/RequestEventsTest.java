package dev.exposure.connector.azure.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.RequestInfo;
import dev.exposure.connector.Secret;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.azure.AzureCredentials;
import dev.exposure.connector.testkit.EntraTokenStub;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestTls;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-attempt request events of the one retry loop ({@link SyncListener#onRequest}), over
 * loopback HTTPS with a client-secret credential whose token request goes through the same loop.
 * Time is virtual: each API attempt takes 7 ms on the {@link Waits} clock, waits take none of it.
 */
class RequestEventsTest {
    private static final String TENANT = "11111111-2222-3333-4444-555555555555";

    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    private final VirtualWaits waits = new VirtualWaits();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final SyncListener listener = new SyncListener() {
        @Override
        public void onRequest(String stream, RequestInfo info) {
            events.add(stream + " " + info.family() + " " + info.status() + " #" + info.attempt() + " "
                    + info.duration().toMillis() + "ms");
        }
    };

    private HttpPipeline pipeline() {
        Timing timing = Timing.DEFAULTS.withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0);
        AzureCredentials credentials = AzureCredentials.resolve(ConnectorContext.empty(), wm.baseUrl(), false, TENANT,
                "client", Optional.of(Secret.of("s3cret")), TestTls.trustingHttpClient(), "test", timing, waits);
        HttpPipelinePolicy sevenMillis = (context, next) -> {
            waits.advance(Duration.ofMillis(7));
            return next.process();
        };
        return AzureHttp.pipeline(TestTls.trustingHttpClient()).userAgent("test")
                .retry(RetryRules.DEFAULT, timing, waits, Pacer.NONE)
                .bearer(credentials.credential(), "https://api.example/.default", "login.example")
                .perAttempt(sevenMillis).build();
    }

    private int send(HttpPipeline pipeline, RequestScope scope) {
        try (HttpResponse r = pipeline.sendSync(new HttpRequest(HttpMethod.GET, wm.baseUrl() + "/api/machines"),
                scope.context())) {
            return r.getStatusCode();
        }
    }

    @Test
    void shouldReportEachAttemptOfARetriedRequestWithItsStatus() {
        EntraTokenStub.forTenant(TENANT).register(wm);
        wm.stubFor(get("/api/machines").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")).willSetStateTo("reset"));
        wm.stubFor(get("/api/machines").inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        wm.stubFor(get("/api/machines").inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        SyncCounters counters = new SyncCounters();

        int status = send(pipeline(), new RequestScope("machines", counters, listener, "findings"));

        assertThat(status).isEqualTo(200);
        assertThat(events).containsExactly(
                "findings machines 503 #1 7ms",
                "findings machines 500 #2 7ms",
                "findings machines 200 #3 7ms");
        assertThat(waits.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(counters.requests()).as("token requests are not API requests").isEqualTo(3);
    }

    @Test
    void shouldReportTheFinalAnswerOfARequestThatRanOutOfRetries() {
        EntraTokenStub.forTenant(TENANT).register(wm);
        wm.stubFor(get("/api/machines").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        Timing one = Timing.DEFAULTS.withMaxRetries(1);
        AzureCredentials credentials = AzureCredentials.resolve(ConnectorContext.empty(), wm.baseUrl(), false, TENANT,
                "client", Optional.of(Secret.of("s3cret")), TestTls.trustingHttpClient(), "test", one, waits);
        HttpPipeline p = AzureHttp.pipeline(TestTls.trustingHttpClient()).userAgent("test")
                .retry(RetryRules.DEFAULT, one, waits, Pacer.NONE)
                .bearer(credentials.credential(), "https://api.example/.default", "login.example").build();

        int status = send(p, new RequestScope("vulnerability-export", new SyncCounters(), listener, "findings"));

        assertThat(status).isEqualTo(429);
        assertThat(events).containsExactly("findings vulnerability-export 429 #1 0ms",
                "findings vulnerability-export 429 #2 0ms");
    }

    @Test
    void shouldReportNothingForARequestSentWithoutAScope() {
        wm.stubFor(get("/api/plain").willReturn(aResponse().withStatus(200)));
        HttpPipeline p = AzureHttp.pipeline(TestTls.trustingHttpClient()).userAgent("test")
                .retry(RetryRules.DEFAULT, Timing.DEFAULTS, waits, Pacer.NONE).build();

        try (HttpResponse r = p.sendSync(new HttpRequest(HttpMethod.GET, wm.baseUrl() + "/api/plain"),
                com.azure.core.util.Context.NONE)) {
            assertThat(r.getStatusCode()).isEqualTo(200);
        }
        assertThat(events).isEmpty();
    }
}
