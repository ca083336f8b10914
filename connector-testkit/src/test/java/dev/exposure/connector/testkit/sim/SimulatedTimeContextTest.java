package dev.exposure.connector.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SimulatedTimeContextTest {
    @RegisterExtension
    static final SimulatedMdeTenantExtension mde = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.machines(1)).build();

    @Test
    void shouldLendASleeperThatMovesTheSimulatedClockInsteadOfSleeping() throws InterruptedException {
        ConnectorContext context = mde.context();
        Sleeper sleeper = context.find(Sleeper.class).orElseThrow();
        Clock clock = context.clock();
        Instant before = clock.instant();
        long t0 = System.nanoTime();
        sleeper.sleep(Duration.ofHours(2));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(Duration.between(before, clock.instant())).isBetween(Duration.ofHours(2),
                Duration.ofHours(2).plusSeconds(5));
        assertThat(Duration.between(mde.tenant().now(), clock.instant()).abs()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldStopTheSimulatedWaitWhenTheThreadIsInterrupted() {
        Sleeper sleeper = mde.context().find(Sleeper.class).orElseThrow();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> sleeper.sleep(Duration.ofMinutes(1))).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
