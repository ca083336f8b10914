package dev.exposure.connector.internal;

import dev.exposure.connector.Sleeper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connector's deliberate waits and the monotonic time its pacing compares against, built on a
 * {@link Sleeper}. {@link #nanoTime()} is {@link System#nanoTime()} plus the part of every wait
 * that did not really pass (a sleeper that returns at once, or advances a simulated clock), so a
 * rate budget paced through it neither spins nor waits twice for one slot, whether or not the
 * sleeper really sleeps. Thread-safe.
 */
public final class PacingTime {
    private final Sleeper sleeper;
    private final AtomicLong skippedNanos = new AtomicLong();

    /** @param sleeper how to wait */
    public PacingTime(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    /** @return the sleeper waits go through */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** @return a monotonic time in nanoseconds that advances by every wait at least */
    public long nanoTime() {
        return System.nanoTime() + skippedNanos.get();
    }

    /**
     * Waits through the sleeper; whatever part of the wait did not really pass moves
     * {@link #nanoTime()} on.
     *
     * @param d how long
     * @throws InterruptedException if interrupted
     */
    public void sleep(Duration d) throws InterruptedException {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        long asked = d.toNanos();
        long t0 = System.nanoTime();
        sleeper.sleep(d);
        long shortfall = asked - (System.nanoTime() - t0);
        if (shortfall > 0) {
            skippedNanos.addAndGet(shortfall);
        }
    }
}
