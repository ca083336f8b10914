package dev.exposure.connector.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Connector;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.SyncStats;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.SimulatedAzureTenant;
import dev.exposure.connector.testkit.sim.SimulatedAzureTenantExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The public hook: through the testkit's context, whose lent {@code Sleeper} moves the simulated
 * clock instead of sleeping, the connector paces under the real quota in simulated time only.
 */
class MdcLentSleeperTest {
    @RegisterExtension
    static final SimulatedAzureTenantExtension azure = SimulatedAzureTenantExtension.builder()
            .tenant(t -> t.seed(5).subscriptionCount(1).vms(1_000).assessmentsPerVm(1)
                    .quota(15, Duration.ofSeconds(5)))
            .build();

    @Test
    void shouldPaceUnderTheQuotaThroughTheLentSleeperWithoutWaitingForReal() {
        SimulatedAzureTenant tenant = azure.tenant();
        Instant simStart = tenant.now();
        long t0 = System.nanoTime();
        SyncStats stats;
        long records = 0;
        try (Connector connector = new MdcConnectorProvider().create(azure.config(), azure.context());
             RecordStream<SourceRecord> assets = connector.fetchAssets(SyncRequest.builder().pageSize(50).build())) {
            while (assets.hasNext()) {
                assets.next();
                records++;
            }
            stats = assets.stats();
        }
        Duration real = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(records).isEqualTo(tenant.expectedVms());
        assertThat(stats.requests()).isGreaterThan(15);
        assertThat(tenant.stats().count(Endpoint.RESOURCE_GRAPH)).isEqualTo((int) stats.requests());
        assertThat(stats.retries()).as("429s earned").isZero();
        assertThat(stats.throttledTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(5 * (stats.requests() / 15 - 1)));
        assertThat(Duration.between(simStart, tenant.now())).isGreaterThanOrEqualTo(stats.throttledTime());
        assertThat(real).isLessThan(stats.throttledTime());
    }
}
