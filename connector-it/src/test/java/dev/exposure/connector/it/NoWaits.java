package dev.exposure.connector.it;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Sleeper;
import java.time.Duration;

/**
 * Contexts through the public hook only: a lent {@link Sleeper} that returns at once (the connectors
 * still count the waits asked for), as any host's test would lend one.
 */
final class NoWaits {
    /** Returns at once; an interrupted thread stops as with a real sleep. */
    static final Sleeper SLEEPER = d -> {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted while waiting " + d);
        }
    };

    private NoWaits() { }

    /** @return a context builder lending the no-wait sleeper */
    static ConnectorContext.Builder context() {
        return ConnectorContext.builder().with(Sleeper.class, SLEEPER);
    }

    /** @return the same, plus 4 attempts per MDC request and no back-off, as a host would lend */
    static ConnectorContext.Builder mdcContext() {
        return context().with(RetryOptions.class, new RetryOptions(new FixedDelayOptions(3, Duration.ZERO)));
    }
}
