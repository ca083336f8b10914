package dev.exposure.connector.mde;

import static dev.exposure.connector.mde.MdeTestSupport.config;
import static dev.exposure.connector.mde.MdeTestSupport.drain;
import static dev.exposure.connector.mde.MdeTestSupport.fixture;
import static dev.exposure.connector.mde.MdeTestSupport.getPath;
import static dev.exposure.connector.mde.MdeTestSupport.json;
import static dev.exposure.connector.mde.MdeTestSupport.stubToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.Sleeper;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestTls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The public hook: a host's {@link Sleeper} takes every deliberate wait, and may skip it. */
class MdeLentSleeperTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    final List<Duration> asked = new CopyOnWriteArrayList<>();
    final Sleeper skipping = asked::add;

    @Test
    void shouldWaitOutRetryAfterThroughTheLentSleeperAndStillCountIt() {
        stubToken(wm);
        wm.stubFor(getPath("/api/machines").inScenario("throttle")
                .willReturn(json(429, fixture("mde-error-429.json")).withHeader("Retry-After", "7"))
                .willSetStateTo("ok"));
        wm.stubFor(getPath("/api/machines").inScenario("throttle").whenScenarioStateIs("ok")
                .willReturn(json("{\"value\":[{\"id\":\"a1\"}]}")));
        ConnectorContext context = ConnectorContext.builder()
                .with(HttpClient.class, TestTls.trustingHttpClient())
                .with(SSLContext.class, TestTls.sslContext())
                .with(Sleeper.class, skipping)
                .build();
        long t0 = System.nanoTime();
        try (Connector c = new MdeConnectorProvider().create(config(wm).build(), context);
             RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
            assertThat(drain(s)).hasSize(1);
            assertThat(asked).containsExactly(Duration.ofSeconds(7));
            assertThat(s.stats().throttledTime()).isEqualTo(Duration.ofSeconds(7));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(7));
    }
}
