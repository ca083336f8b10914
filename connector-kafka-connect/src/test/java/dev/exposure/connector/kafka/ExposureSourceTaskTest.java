package dev.exposure.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Connectors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** poll() and stop() timing of the task, with the task's real waits and thread. */
class ExposureSourceTaskTest {
    private final SourceSettings settings = SourceSettings.parse(Connectors.load().require("mde-v2"),
            SourceSettingsTest.valid(), false);

    @Test
    void shouldReturnFromPollWithinItsTimeoutWhileIdleBetweenRuns() throws Exception {
        ExposureSourceTask task = new ExposureSourceTask(Clock.systemUTC());
        RunOffset justRan = new RunOffset("r0", Instant.now(), Optional.empty());   // next run: tomorrow
        startTask(task, Optional.of(justRan), new Outbox(10, () -> false), (id, at, prev) -> {
            throw new AssertionError("no run is due");
        });

        long t0 = System.nanoTime();
        List<SourceRecord> none = task.poll();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(none).isNull();
        assertThat(took).isGreaterThanOrEqualTo(ExposureSourceTask.POLL_TIMEOUT.minusMillis(20))
                .isLessThan(Duration.ofSeconds(1));
        stopAndAssertEndedWithinASecond(task);
    }

    @Test
    void shouldEndTheSyncThreadWithinASecondOfStopWhileARunWaitsForTheVendor() throws Exception {
        ExposureSourceTask task = new ExposureSourceTask(Clock.systemUTC());
        startTask(task, Optional.empty(), new Outbox(10, () -> false), (id, at, prev) -> {
            try {
                Thread.sleep(60_000);   // a throttling wait or a slow page
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.exposure.connector.ConnectorInterruptedException("interrupted", e);
            }
            throw new AssertionError("not reached");
        });
        Thread.sleep(100);

        stopAndAssertEndedWithinASecond(task);
        assertThat(task.poll()).isNull();
    }

    @Test
    void shouldEndTheSyncThreadWithinASecondOfStopWhileTheOutboxIsFull() throws Exception {
        ExposureSourceTask task = new ExposureSourceTask(Clock.systemUTC());
        boolean[] stopped = {false};
        Outbox box = new Outbox(1, () -> stopped[0]);
        startTask(task, Optional.empty(), box, (id, at, prev) -> {
            while (true) {
                box.put(new SourceRecord(null, null, "t", Schema.STRING_SCHEMA, "v"));   // nobody drains
            }
        });
        Thread.sleep(300);

        stopped[0] = true;
        stopAndAssertEndedWithinASecond(task);
    }

    private void startTask(ExposureSourceTask task, Optional<RunOffset> last, Outbox box, SyncLoop.Runner runner) {
        task.start("test", settings, last, box, runner, Function.identity());
    }

    private static void stopAndAssertEndedWithinASecond(ExposureSourceTask task) throws InterruptedException {
        long t0 = System.nanoTime();
        task.stop();
        task.thread().join(1000);
        assertThat(task.thread().isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    }
}
