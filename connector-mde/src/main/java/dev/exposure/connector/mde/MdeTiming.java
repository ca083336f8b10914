package dev.exposure.connector.mde;

import dev.exposure.connector.ConnectorInterruptedException;
import java.time.Duration;

/**
 * The connector's source of time for waits: rate-budget waits, {@code Retry-After} waits and
 * retry back-off all go through {@link #sleep}, and the budget measures time with
 * {@link #nanoTime}. Tests lend a virtual implementation through the {@code ConnectorContext}
 * (registered under this type) so that no test ever waits.
 */
interface MdeTiming {

    /** The real clock and {@link Thread#sleep}. */
    MdeTiming SYSTEM = new MdeTiming() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) {
            if (d.isZero() || d.isNegative()) {
                return;
            }
            try {
                Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorInterruptedException("interrupted while waiting " + d, e);
            }
        }

        @Override
        public Duration retryBaseDelay() {
            return Duration.ofMillis(800);
        }
    };

    /** @return a monotonic time in nanoseconds */
    long nanoTime();

    /**
     * Waits.
     *
     * @param d how long
     * @throws ConnectorInterruptedException if interrupted
     */
    void sleep(Duration d);

    /** @return the first back-off delay (doubled per attempt) when the server names no wait */
    Duration retryBaseDelay();
}
