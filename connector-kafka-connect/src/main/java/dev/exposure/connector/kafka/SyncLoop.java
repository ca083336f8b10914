package dev.exposure.connector.kafka;

import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's own thread: waits for the next scheduled run, runs it, and so on until stopped.
 *
 * <p>When a run is due: at the schedule's first occurrence; after a complete run, at the first
 * occurrence after that run's start (a run missed while the task was down, or one that ran longer
 * than the period, starts at once, and several missed ones collapse into one); after a failed run,
 * at the first occurrence after the failed run's start. Every wait is in slices of at most
 * {@link #MAX_WAIT}, each ending early on stop, so the thread never busy-loops and never oversleeps a
 * stop. A {@link ConfigurationException} (a stored checkpoint refused, a configuration the provider
 * refuses at run time) needs the user: it ends the loop and fails the task with its message.
 */
final class SyncLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncLoop.class);
    /** The longest single wait between two looks at the clock. */
    static final Duration MAX_WAIT = Duration.ofSeconds(1);

    /** Waits, ending early when the task stops. */
    interface Waiter {
        /**
         * @param duration how long, at most {@link #MAX_WAIT}
         * @return true when the task was stopped
         */
        boolean await(Duration duration) throws InterruptedException;
    }

    /** One run. */
    interface Runner {
        SyncRun.Result run(String runId, Instant startedAt, Optional<RunOffset> previous);
    }

    private final String name;
    private final Schedule schedule;
    private final Clock clock;
    private final Waiter waiter;
    private final Runner runner;
    private final Function<String, String> redact;
    private volatile Optional<RunOffset> last;
    private volatile @Nullable RuntimeException fatal;
    private volatile long runsCompleted;
    private volatile long runsFailed;

    SyncLoop(String name, Schedule schedule, Optional<RunOffset> last, Clock clock, Waiter waiter, Runner runner,
             Function<String, String> redact) {
        this.name = name;
        this.schedule = schedule;
        this.last = last;
        this.clock = clock;
        this.waiter = waiter;
        this.runner = runner;
        this.redact = redact;
    }

    @Override
    public void run() {
        Instant after = last.map(RunOffset::startedAt).orElse(null);
        try {
            while (true) {
                Optional<Instant> next = after == null ? schedule.nextRunAfter(Instant.MIN)
                        : schedule.nextRunAfter(after);
                if (next.isEmpty()) {
                    LOG.info("{}: the schedule ended at {} {}; no further runs", name, schedule.end(), schedule.zone());
                    while (!waiter.await(MAX_WAIT)) {
                        // idle until stopped
                    }
                    return;
                }
                if (waitUntil(next.get())) {
                    return;
                }
                Instant startedAt = clock.instant();
                String runId = UUID.randomUUID().toString();
                after = startedAt;
                try {
                    LOG.info("{}: run {} starts (scheduled for {})", name, runId, next.get());
                    SyncRun.Result r = runner.run(runId, startedAt, last);
                    last = Optional.of(r.offset());
                    runsCompleted++;
                    LOG.info("{}: run {} complete in {} s: {} assets, {} findings{}{}; next run at {}", name, runId,
                            Duration.between(startedAt, clock.instant()).toSeconds(), r.assets(), r.findings(),
                            r.skipped() > 0 ? ", " + r.skipped() + " records skipped" : "",
                            r.left() > 0 ? ", " + r.left() + " findings without an OCSF class left out" : "",
                            schedule.nextRunAfter(startedAt).map(Instant::toString).orElse("none (schedule ended)"));
                } catch (ConnectorInterruptedException e) {
                    LOG.info("{}: run {} stopped by the task's stop; nothing new committed", name, runId);
                    return;
                } catch (ConfigurationException e) {
                    runsFailed++;
                    fatal = new ConfigurationException(e.errors().stream().map(x -> dev.exposure.connector.ConfigError
                            .of(x.field(), redact.apply(x.message()))).toList());
                    LOG.error("{}: run {} failed and needs a fix: {}", name, runId, redact.apply(e.getMessage()));
                    return;
                } catch (RuntimeException e) {
                    runsFailed++;
                    LOG.error("{}: run {} failed, nothing new committed; retried at the next scheduled time {}: {}: {}",
                            name, runId, schedule.nextRunAfter(startedAt).map(Instant::toString).orElse("(none)"),
                            e.getClass().getSimpleName(), redact.apply(String.valueOf(e.getMessage())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return true when stopped while waiting */
    private boolean waitUntil(Instant when) throws InterruptedException {
        while (true) {
            Duration left = Duration.between(clock.instant(), when);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            if (waiter.await(left.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : left)) {
                return true;
            }
        }
    }

    /** @return the failure that ended the loop and must fail the task, if any */
    @Nullable RuntimeException fatal() {
        return fatal;
    }

    /** @return the last complete run */
    Optional<RunOffset> last() {
        return last;
    }

    long runsCompleted() {
        return runsCompleted;
    }

    long runsFailed() {
        return runsFailed;
    }
}
