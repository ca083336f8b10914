package dev.exposure.connector.testkit.sim;

import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Starts a {@link SimulatedMdeTenant} for a test class and hands out a ready connector
 * configuration pointing at it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static SimulatedMdeTenantExtension mde = SimulatedMdeTenantExtension.builder()
 *         .tenant(t -> t.machines(100).vulnerabilitiesPerMachine(20)).build();
 *
 * @Test void syncsEverything() {
 *     Connector c = provider.create(mde.config(), mde.context());
 *     ...
 *     assertThat(count).isEqualTo(mde.tenant().expectedDistinctFindings());
 * }
 * }</pre>
 *
 * <p>{@link #config()}: name, tenant and client ids, secret, {@code authenticationUrl} = the
 * tenant's base URL, {@code cloud=custom} and the options {@code apiBaseUrl} (the base URL) and
 * {@code tokenScope}. {@link #context()}: the testkit's trusting azure-core {@link com.azure.core.http.HttpClient} and
 * its {@link javax.net.ssl.SSLContext}, a {@link dev.exposure.connector.Sleeper} that
 * moves the tenant's simulated clock on by each wait instead of sleeping, and a {@link java.time.Clock} reading
 * that simulated clock (so back-off, {@code Retry-After} and rate pacing cost no real time). Faults and statistics are cleared before each test unless
 * {@link Builder#resetBeforeEach(boolean)} says otherwise.
 *
 * @since 0.1
 */
public final class SimulatedMdeTenantExtension extends SimulatedTenantExtension<SimulatedMdeTenant> {
    /** The cloud the handed-out configuration names ({@code cloud=custom}). */
    public static final String CLOUD = CUSTOM_CLOUD;

    private SimulatedMdeTenantExtension(Builder b) {
        super(starter(b.customizer), b.resetBeforeEach, "MDE");
    }

    private static Supplier<SimulatedMdeTenant> starter(Consumer<SimulatedMdeTenant.Builder> customizer) {
        return () -> {
            SimulatedMdeTenant.Builder t = SimulatedMdeTenant.builder();
            customizer.accept(t);
            return t.build().start();
        };
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the running tenant */
    public SimulatedMdeTenant tenant() {
        return running();
    }

    /** @return a connection configuration for the MDE connector pointing at the tenant */
    public ConnectionConfig config() {
        SimulatedMdeTenant t = tenant();
        return configFor("Simulated MDE tenant", "In-process simulated Defender for Endpoint tenant")
                .putOptions("apiBaseUrl", t.baseUrl().toString())
                .putOptions("tokenScope", t.tokenScope())
                .build();
    }

    /** Builds a {@link SimulatedMdeTenantExtension}. */
    public static final class Builder {
        private Consumer<SimulatedMdeTenant.Builder> customizer = b -> { };
        private boolean resetBeforeEach = true;

        private Builder() { }

        /**
         * @param c shapes the tenant (sizes, shares, faults-free settings)
         * @return this
         */
        public Builder tenant(Consumer<SimulatedMdeTenant.Builder> c) {
            customizer = Objects.requireNonNull(c, "c");
            return this;
        }

        /**
         * @param v whether faults and statistics are cleared before each test (default true)
         * @return this
         */
        public Builder resetBeforeEach(boolean v) {
            resetBeforeEach = v;
            return this;
        }

        /** @return the extension */
        public SimulatedMdeTenantExtension build() {
            return new SimulatedMdeTenantExtension(this);
        }
    }
}
