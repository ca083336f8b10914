package dev.exposure.connector.mde;

import dev.exposure.connector.ConnectorContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only bridge for connector-it: the MDE connector takes its waits (rate budget,
 * {@code Retry-After}, back-off) from a package-private {@code MdeTiming} looked up in the
 * {@code ConnectorContext}; there is no public option for zero delays. This lends a virtual one:
 * every wait returns at once and moves a virtual clock, and the waits are summed so a test can
 * assert that they were asked for.
 */
public final class MdeZeroDelays {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong waitedNanos = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();

    private final MdeTiming timing = new MdeTiming() {
        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void sleep(Duration d) {
            if (Thread.currentThread().isInterrupted()) {
                throw new dev.exposure.connector.ConnectorInterruptedException("interrupted while waiting " + d, null);
            }
            waits.incrementAndGet();
            waitedNanos.addAndGet(d.toNanos());
            now.addAndGet(d.toNanos());
        }

        @Override
        public Duration retryBaseDelay() {
            return Duration.ZERO;
        }
    };

    /**
     * @param b a context builder
     * @return the builder, lending this zero-delay timing
     */
    public ConnectorContext.Builder lendTo(ConnectorContext.Builder b) {
        return b.with(MdeTiming.class, timing);
    }

    /** @return how many waits were asked for */
    public long waits() {
        return waits.get();
    }

    /** @return the total virtual time waited */
    public Duration waited() {
        return Duration.ofNanos(waitedNanos.get());
    }
}
