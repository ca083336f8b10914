package dev.exposure.connector.azure.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Virtual time for tests, lent as the connection's {@link Waits}: sleeps return at once, are recorded
 * and move the clock, so a pacer or budget sees them as elapsed. Shared with connector-mde's tests
 * through this module's test jar.
 */
public final class VirtualWaits implements Waits {
    /** Every non-zero wait asked for, in order. */
    public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private volatile long now = 1_000_000_000L;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        sleeps.add(d);
        now += d.toNanos();
    }

    /** @param d time passing without a wait */
    public void advance(Duration d) {
        now += d.toNanos();
    }

    /** @return the sum of the recorded waits */
    public Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
