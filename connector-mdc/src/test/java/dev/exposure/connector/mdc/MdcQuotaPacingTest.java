package dev.exposure.connector.mdc;

import dev.exposure.connector.azure.http.Waits;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Against the simulated tenant's real quota (15 queries per 5 s, 429 beyond), the connector's own
 * pacing keeps it from ever being throttled. Waits move the simulated clock instead of sleeping.
 */
class MdcQuotaPacingTest {
    @RegisterExtension
    static final SimulatedAzureTenantExtension azure = SimulatedAzureTenantExtension.builder()
            .tenant(t -> t.seed(11).subscriptionCount(2).vms(1_500).assessmentsPerVm(1)
                    .quota(15, Duration.ofSeconds(5)))
            .build();

    @Test
    void shouldPaceFortyRequestsUnderTheQuotaWithoutEarningA429() {
        SimulatedAzureTenant tenant = azure.tenant();
        MdcMock.FakeTime time = new MdcMock.FakeTime();
        Waits waits = new Waits() {
            @Override
            public long nanoTime() {
                return time.nanoTime();
            }

            @Override
            public void sleep(Duration d) {
                time.sleep(d);
                tenant.advanceClock(d);
            }
        };
        SyncStats stats;
        long records = 0;
        try (Connector connector = new MdcConnectorProvider().create(azure.config(),
                MdcMock.withTime(azure.context(), waits));
             RecordStream<SourceRecord> assets = connector.fetchAssets(SyncRequest.builder().pageSize(100).build())) {
            while (assets.hasNext()) {
                assets.next();
                records++;
            }
            stats = assets.stats();
        }

        assertThat(records).isEqualTo(tenant.expectedVms());
        assertThat(stats.requests()).isGreaterThan(40);
        assertThat(tenant.stats().count(Endpoint.RESOURCE_GRAPH)).isEqualTo((int) stats.requests());
        assertThat(stats.retries()).as("429s earned").isZero();
        assertThat(stats.throttledTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(5 * (stats.requests() / 15 - 1)));
    }
}
