package dev.exposure.connector.mde;

import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.Sleeper;
import dev.exposure.connector.internal.PacingTime;
import java.time.Duration;

/**
 * The connector's source of time for waits: rate-budget waits, {@code Retry-After} waits and
 * retry back-off all go through {@link #sleep}, and the budget measures time with
 * {@link #nanoTime}. A host lends the public {@link Sleeper} through the {@code ConnectorContext}
 * ({@link #from}); this module's own tests may still lend a whole virtual implementation registered
 * under this type.
 */
interface MdeTiming {

    /** The production first back-off delay. */
    Duration RETRY_BASE_DELAY = Duration.ofMillis(800);

    /**
     * @param context what the host lends
     * @return a lent {@code MdeTiming} (tests of this module), else one over a lent {@link Sleeper},
     *     else {@link #SYSTEM}
     */
    static MdeTiming from(ConnectorContext context) {
        return context.find(MdeTiming.class)
                .or(() -> context.find(Sleeper.class).map(MdeTiming::over))
                .orElse(SYSTEM);
    }

    /**
     * @param sleeper a host's sleeper
     * @return timing whose waits go through it and whose budget time advances by every wait, slept or not
     */
    static MdeTiming over(Sleeper sleeper) {
        PacingTime time = new PacingTime(sleeper);
        return new MdeTiming() {
            @Override
            public long nanoTime() {
                return time.nanoTime();
            }

            @Override
            public void sleep(Duration d) {
                try {
                    time.sleep(d);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorInterruptedException("interrupted while waiting " + d, e);
                }
            }

            @Override
            public Duration retryBaseDelay() {
                return RETRY_BASE_DELAY;
            }
        };
    }

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
            return RETRY_BASE_DELAY;
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
