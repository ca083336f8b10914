package dev.exposure.connector.mdc;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only bridge for connector-it: a lent azure-core {@code RetryOptions} sets the MDC
 * connector's back-off, but its {@code Retry-After} waits and its quota pacing use a
 * package-private {@code Tuning}. This creates the connector with a tuning whose waits return at
 * once and move a virtual clock (attempts per request: 4, as a lent
 * {@code RetryOptions(new FixedDelayOptions(3, ZERO))} would give).
 */
public final class MdcZeroDelays {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong waits = new AtomicLong();

    /**
     * @param config the configuration
     * @param context what the host lends
     * @return a connector that never waits for real
     */
    public Connector create(ConnectionConfig config, ConnectorContext context) {
        Tuning tuning = new Tuning(4, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(5), 15, Duration.ofSeconds(5),
                d -> {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("interrupted while waiting " + d);
                    }
                    waits.incrementAndGet();
                    now.addAndGet(d.toNanos());
                }, now::get, new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
        return new MdcConnectorProvider().create(config, context, tuning);
    }

    /** @return how many waits were asked for */
    public long waits() {
        return waits.get();
    }
}
