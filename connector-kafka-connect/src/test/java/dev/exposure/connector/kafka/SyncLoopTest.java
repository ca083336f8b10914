package dev.exposure.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.Schedule;
import dev.exposure.connector.TransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The schedule logic of the task's thread, on a simulated clock (nothing waits for real). */
class SyncLoopTest {
    private static final Schedule HOURLY = Schedule.of(Schedule.Frequency.HOURLY,
            LocalDateTime.parse("2026-01-01T00:00"), ZoneId.of("UTC"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T02:30:00Z"));
    private final List<Instant> runs = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private int stopAfterRuns = 2;

    @Test
    void shouldRunAtOnceWhenTheFirstOccurrenceHasPassedThenWaitForTheNextInOneSecondSlices() {
        loop(Optional.empty(), ok()).run();

        assertThat(runs).containsExactly(Instant.parse("2026-01-05T02:30:00Z"), Instant.parse("2026-01-05T03:00:00Z"));
        assertThat(waits).allMatch(w -> w.compareTo(SyncLoop.MAX_WAIT) <= 0 && !w.isZero());
        assertThat(waits).hasSize(30 * 60 + 1);   // half an hour in one-second slices, then the stop: no busy loop
    }

    @Test
    void shouldStartFromTheLastCompleteRunStoredInTheOffsets() {
        RunOffset last = new RunOffset("r0", Instant.parse("2026-01-05T02:10:00Z"), Optional.empty());

        loop(Optional.of(last), ok()).run();

        assertThat(runs).first().isEqualTo(Instant.parse("2026-01-05T03:00:00Z"));
    }

    @Test
    void shouldCollapseSeveralMissedRunsIntoOneRunAtOnce() {
        RunOffset last = new RunOffset("r0", Instant.parse("2026-01-04T20:00:00Z"), Optional.empty());

        loop(Optional.of(last), ok()).run();

        assertThat(runs).containsExactly(Instant.parse("2026-01-05T02:30:00Z"), Instant.parse("2026-01-05T03:00:00Z"));
    }

    @Test
    void shouldRetryAFailedRunAtTheNextScheduledTimeAndKeepTheLastCompleteRun() {
        RunOffset last = new RunOffset("r0", Instant.parse("2026-01-05T01:00:00Z"), Optional.of("ckp"));
        List<Optional<RunOffset>> previous = new ArrayList<>();
        SyncLoop loop = loop(Optional.of(last), (id, at, prev) -> {
            previous.add(prev);
            throw new TransientException("503 from the vendor", null, null);
        });

        loop.run();

        assertThat(runs).containsExactly(Instant.parse("2026-01-05T02:30:00Z"), Instant.parse("2026-01-05T03:00:00Z"));
        assertThat(previous).containsOnly(Optional.of(last));
        assertThat(loop.runsFailed()).isEqualTo(2);
        assertThat(loop.fatal()).isNull();
    }

    @Test
    void shouldEndTheLoopAndFailTheTaskOnAConfigurationErrorWithTheSecretMasked() {
        SyncLoop loop = loop(Optional.empty(), (id, at, prev) -> {
            throw new ConfigurationException("checkpoint", "was altered near s3cr3t-value; reset the offsets");
        });

        loop.run();

        assertThat(runs).hasSize(1);
        assertThat(loop.fatal()).hasMessageContaining("checkpoint").hasMessageNotContaining("s3cr3t-value");
    }

    private SyncLoop.Runner ok() {
        return (id, at, prev) -> new SyncRun.Result(new RunOffset(id, at, Optional.empty()), 1, 1, 0, 0);
    }

    private SyncLoop loop(Optional<RunOffset> last, SyncLoop.Runner body) {
        SyncLoop.Runner counting = (id, at, prev) -> {
            runs.add(at);
            return body.run(id, at, prev);
        };
        SyncLoop.Waiter waiter = d -> {
            waits.add(d);
            clock.advance(d);
            return runs.size() >= stopAfterRuns;
        };
        Function<String, String> redact = s -> s.replace("s3cr3t-value", "****");
        return new SyncLoop("test", HOURLY, last, clock, waiter, counting, redact);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
