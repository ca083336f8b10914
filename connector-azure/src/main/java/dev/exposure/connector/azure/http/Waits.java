package dev.exposure.connector.azure.http;

import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.Sleeper;
import dev.exposure.connector.internal.PacingTime;
import java.time.Duration;

/**
 * The only way the Azure layer waits and measures pacing time. A host lends the public
 * {@link Sleeper} through the {@code ConnectorContext} ({@link #from}); every retry back-off,
 * {@code Retry-After} wait, quota wait and budget wait then goes through it, and the pacing clock
 * advances by every wait, slept or not ({@link PacingTime}). Tests of connector modules may lend a
 * whole virtual implementation registered under this type.
 */
public interface Waits {

    /** The real clock and a real, interruptible sleep. */
    Waits SYSTEM = over(Sleeper.system());

    /**
     * @param context what the host lends
     * @return a lent {@code Waits}, else one over a lent {@link Sleeper}, else {@link #SYSTEM}
     */
    static Waits from(ConnectorContext context) {
        return context.find(Waits.class).or(() -> context.find(Sleeper.class).map(Waits::over)).orElse(SYSTEM);
    }

    /**
     * @param sleeper how to wait
     * @return waits through it, with a pacing clock that advances by the time it skipped
     */
    static Waits over(Sleeper sleeper) {
        PacingTime time = new PacingTime(sleeper);
        return new Waits() {
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
                    throw new ConnectorInterruptedException("interrupted while waiting " + d.toMillis() + " ms", e);
                }
            }

            @Override
            public String toString() {
                return "Waits.over(" + sleeper + ")";
            }
        };
    }

    /** @return a monotonic time in nanoseconds, advanced by skipped waits */
    long nanoTime();

    /**
     * Waits; zero or negative returns at once.
     *
     * @param d how long
     * @throws ConnectorInterruptedException if interrupted (the interrupt flag is set again)
     */
    void sleep(Duration d);
}
