package host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.Connector;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.mde.MdeConnectorProvider;
import dev.exposure.connector.testkit.FakeConnector;
import dev.exposure.connector.testkit.TestRecords;
import dev.exposure.connector.testkit.sim.SimulatedMdeTenantExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The testkit on a JUnit 5.12 host: fakes with JUnit's own assertions, and a simulated MDE tenant extension. */
class JUnit5HostTest {
    @RegisterExtension
    static SimulatedMdeTenantExtension mde = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.machines(12)).build();

    @Test
    void shouldRunOnJUnit5() {
        assertTrue(org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion().startsWith("5."),
                "JUnit " + org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion());
    }

    @Test
    void shouldKeepNoCheckpointWhenTheFakeIsThrottled() {
        FakeConnector connector = FakeConnector.builder()
                .findingPages(TestRecords.findings(1, 3), TestRecords.findings(4, 3))
                .failOnFindingPage(2, new RateLimitedException("throttled", Duration.ofSeconds(30), null, null))
                .build();
        List<SourceRecord> imported = new ArrayList<>();
        Optional<Checkpoint>[] checkpoint = new Optional[] {Optional.empty()};

        assertThrows(RateLimitedException.class, () -> {
            try (RecordStream<SourceRecord> s = connector.fetchFindings(SyncRequest.full())) {
                s.forEachRemaining(imported::add);
                checkpoint[0] = s.checkpoint();
            }
        });

        assertEquals(3, imported.size());
        assertFalse(checkpoint[0].isPresent());
        assertEquals(0, connector.openStreams());
    }

    @Test
    void shouldSyncEveryMachineOfTheSimulatedTenant() {
        int seen = 0;
        try (Connector c = new MdeConnectorProvider().create(mde.config(), mde.context());
             RecordStream<SourceRecord> assets = c.fetchAssets(SyncRequest.full())) {
            while (assets.hasNext()) {
                assets.next();
                seen++;
            }
        }
        assertEquals(mde.tenant().expectedMachines(), seen);
    }
}
