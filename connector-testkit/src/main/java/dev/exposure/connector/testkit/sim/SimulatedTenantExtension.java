package dev.exposure.connector.testkit.sim;

import com.azure.core.http.HttpClient;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Secret;
import dev.exposure.connector.Sleeper;
import dev.exposure.connector.sim.SimulatedTenant;
import dev.exposure.connector.testkit.TestTls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit plumbing every simulated tenant's extension shares: starts the tenant once per test
 * class, resets it before each test (unless told not to), stops it after the class, and lends the
 * testkit's trusting HTTP client, a sleeper that moves the simulated clock and that clock. A tenant's extension adds its configuration.
 *
 * @param <T> the tenant
 */
abstract class SimulatedTenantExtension<T extends SimulatedTenant>
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    /** The cloud the handed-out configurations name. */
    static final String CUSTOM_CLOUD = "custom";

    private final Supplier<T> starter;
    private final boolean resetBeforeEach;
    private final String what;
    private @Nullable T tenant;

    /**
     * @param starter builds and starts the tenant
     * @param resetBeforeEach whether faults and statistics are cleared before each test
     * @param what names the tenant in errors ("MDE", "Azure")
     */
    SimulatedTenantExtension(Supplier<T> starter, boolean resetBeforeEach, String what) {
        this.starter = starter;
        this.resetBeforeEach = resetBeforeEach;
        this.what = what;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (tenant == null) {
            tenant = starter.get();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        T t = tenant;
        if (resetBeforeEach && t != null) {
            t.reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        T t = tenant;
        if (t != null) {
            t.close();
            tenant = null;
        }
    }

    /** @return the running tenant */
    final T running() {
        T t = tenant;
        if (t == null) {
            throw new IllegalStateException("the simulated " + what + " tenant is not running: register the extension"
                    + " with @RegisterExtension on a static field");
        }
        return t;
    }

    /**
     * @param name the configuration's name
     * @param description the configuration's description
     * @return a configuration builder with the tenant's identity, authority and {@code cloud=custom};
     *         the caller adds the vendor options
     */
    final ConnectionConfig.Builder configFor(String name, String description) {
        T t = running();
        return ConnectionConfig.builder()
                .name(name)
                .description(description)
                .tenantId(t.tenantId())
                .clientId(t.clientId())
                .clientSecret(Secret.of(t.clientSecret()))
                .authenticationUrl(t.authenticationUrl())
                .cloud(CUSTOM_CLOUD)
                .putOptions("cloud", CUSTOM_CLOUD);
    }

    /**
     * @return a context lending the trusting HTTP client and SSL context, a {@link Sleeper} that
     *     instead of sleeping moves the tenant's simulated clock on by the wait, and a {@link Clock}
     *     reading that simulated clock: retry back-off, {@code Retry-After} and rate pacing return at
     *     once and play out in simulated time
     */
    public ConnectorContext context() {
        T t = running();
        return context(ConnectorContext.builder())
                .with(Sleeper.class, new SimulatedSleeper(t))
                .with(Clock.class, new SimulatedClock(t, ZoneOffset.UTC))
                .build();
    }

    static ConnectorContext.Builder context(ConnectorContext.Builder b) {
        return b.with(HttpClient.class, TestTls.trustingHttpClient())
                .with(SSLContext.class, TestTls.sslContext());
    }

    /** Waits by moving the simulated clock on; honours interrupts like a real sleep. */
    private static final class SimulatedSleeper implements Sleeper {
        private final SimulatedTenant tenant;

        SimulatedSleeper(SimulatedTenant tenant) {
            this.tenant = tenant;
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted before waiting " + duration);
            }
            if (!duration.isZero() && !duration.isNegative()) {
                tenant.advanceClock(duration);
            }
        }

        @Override
        public String toString() {
            return "SimulatedSleeper";
        }
    }

    /** The tenant's simulated clock as a {@link Clock}. */
    private static final class SimulatedClock extends Clock {
        private final SimulatedTenant tenant;
        private final ZoneId zone;

        SimulatedClock(SimulatedTenant tenant, ZoneId zone) {
            this.tenant = tenant;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new SimulatedClock(tenant, newZone);
        }

        @Override
        public Instant instant() {
            return tenant.now();
        }
    }
}
