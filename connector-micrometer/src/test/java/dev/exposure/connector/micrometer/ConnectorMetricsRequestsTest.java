package dev.exposure.connector.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.RequestInfo;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.azure.http.Timing;
import dev.exposure.connector.azure.http.Waits;
import dev.exposure.connector.mde.MdeConnectorProvider;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.Fault;
import dev.exposure.connector.testkit.TestTls;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code connector.sync.api.requests}: the MDE connector against the simulated tenant, its one
 * HTTP pipeline reporting every API attempt to the metrics listener.
 */
class ConnectorMetricsRequestsTest {
    @RegisterExtension
    static final SimulatedMdeTenantExtension sim = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(3).machines(25).vulnerabilitiesPerMachine(2).machinesPageSize(10)).build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConnectorMetrics metrics = ConnectorMetrics.of(registry, "mde-v2", "defender-prod");

    /** Virtual time: waits return at once and move the simulated clock. */
    static final class SimWaits implements Waits {
        private long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            now += d.toNanos();
            sim.tenant().advanceClock(d);
        }
    }

    private Connector connector() {
        ConnectorContext context = ConnectorContext.builder()
                .with(HttpClient.class, TestTls.trustingHttpClient())
                .with(javax.net.ssl.SSLContext.class, TestTls.sslContext())
                .with(Waits.class, new SimWaits())
                .with(Timing.class, Timing.DEFAULTS.withBackoff(Duration.ZERO, Duration.ZERO, 0))
                .build();
        return new MdeConnectorProvider().create(ConnectionConfig.builder().from(sim.config()).build(), context);
    }

    private Map<String, Long> requestCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Timer t : registry.find("connector.sync.api.requests").timers()) {
            counts.put(t.getId().getTag("family") + " " + t.getId().getTag("status"), t.count());
        }
        return counts;
    }

    @Test
    void shouldTimeEveryAttemptOfAnMdeSyncByEndpointFamilyAndStatusTokenRequestIncluded() {
        sim.tenant().faults().onRequest(Endpoint.MACHINES, 2, Fault.status(503));
        long machinePages = sim.tenant().expectedMachinePages();

        try (Connector c = connector(); RecordStream<SourceRecord> assets = c.fetchAssets(SyncRequest.builder()
                .from(SyncRequest.full()).listener(metrics.listener("assets")).build())) {
            assets.forEachRemaining(r -> { });
        }

        assertThat(requestCounts()).containsExactly(
                Map.entry("machines 200", machinePages),
                Map.entry("machines 503", 1L));
        Timer ok = registry.get("connector.sync.api.requests").tags("stream", "assets", "family", "machines",
                "status", "200").timer();
        assertThat(ok.totalTime(TimeUnit.NANOSECONDS)).as("virtual clock: no time passes").isZero();
    }

    @Test
    void shouldTagNoUrlIdOrOtherUnboundedValue() {
        sim.tenant().faults().onRequest(Endpoint.MACHINES, 1, Fault.throttle(Duration.ofSeconds(1)));
        try (Connector c = connector(); RecordStream<SourceRecord> assets = c.fetchAssets(SyncRequest.builder()
                .from(SyncRequest.full()).listener(metrics.listener("assets")).build())) {
            assets.forEachRemaining(r -> { });
        }
        SyncListener listener = metrics.listener("assets");
        for (int i = 0; i < 50; i++) {
            // a connector bug reporting a new family per request must not grow the tag set
            listener.onRequest("assets", new RequestInfo("family-" + i, 200, 1, Duration.ofMillis(1)));
        }
        listener.onRequest("assets", new RequestInfo("machines", RequestInfo.NO_ANSWER, 2, Duration.ZERO));

        java.util.Set<String> families = new java.util.TreeSet<>();
        for (Meter m : registry.getMeters()) {
            for (Tag tag : m.getId().getTags()) {
                assertThat(tag.getValue()).as(m.getId().getName() + " " + tag.getKey())
                        .matches("[a-z0-9][a-z0-9._-]{0,63}|[A-Za-z]+")
                        .doesNotContain("://", "/", sim.tenant().tenantId(), sim.tenant().clientId());
                if (tag.getKey().equals("family")) {
                    families.add(tag.getValue());
                }
            }
        }
        assertThat(families).hasSizeLessThanOrEqualTo(ConnectorMetrics.MAX_FAMILIES + 1)
                .contains("machines", "other");
        assertThat(registry.get("connector.sync.api.requests").tags("family", "machines", "status", "429").timer()
                .count()).isOne();
        assertThat(registry.get("connector.sync.api.requests").tags("family", "machines", "status", "none").timer()
                .count()).isOne();
    }
}
