package dev.exposure.connector;

import java.time.Duration;

/**
 * How a connector waits on purpose. A host lends one through
 * {@code ConnectorContext.builder().with(Sleeper.class, sleeper)}; without one a connector uses
 * {@link #system()}.
 *
 * <p>Connectors route <em>every</em> deliberate wait through the lent sleeper: retry back-off,
 * server-named waits ({@code Retry-After}, quota resets) and client-side rate-budget or quota
 * pacing. They count each wait as asked for in {@link SyncStats#throttledTime()} where they counted
 * it before, whether or not the sleeper really sleeps. I/O timeouts (connect, read, response) and
 * stall watchdogs are not waits: they measure real time and are unaffected.
 *
 * <p>A sleeper may return early or at once (tests: {@code d -> {}}, or one that advances a
 * simulated clock). Connectors stay correct then: their pacing advances its notion of "now" by the
 * part of each wait that did not really pass, so a budget neither spins nor waits twice for the
 * same slot. A connector lent a sleeper keeps its own rate budget instead of sharing the JVM-wide
 * one of its tenant and application. Timestamps the connector writes still come from
 * {@link ConnectorContext#clock()}: a host simulating time should lend a matching {@code Clock}.
 *
 * <pre>{@code
 * ConnectorContext context = ConnectorContext.builder()
 *         .with(Sleeper.class, wait -> { })   // tests: nothing waits for real
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for about {@code duration}; returns at once for a zero or negative one.
     *
     * @param duration how long the connector asks to wait
     * @throws InterruptedException if the waiting thread is interrupted; connectors then fail the
     *     run with a {@link ConnectorInterruptedException}
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The real thing: {@link Thread#sleep}, interruptible.
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return SystemSleeper.INSTANCE;
    }
}

/** {@link Thread#sleep}. */
enum SystemSleeper implements Sleeper {
    INSTANCE;

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        long nanos = duration.toNanos();
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }

    @Override
    public String toString() {
        return "Sleeper.system()";
    }
}
