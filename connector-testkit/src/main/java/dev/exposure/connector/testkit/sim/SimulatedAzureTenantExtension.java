package dev.exposure.connector.testkit.sim;

import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.sim.SimulatedAzureTenant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Starts a {@link SimulatedAzureTenant} for a test class and hands out a ready connector
 * configuration pointing at it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static SimulatedAzureTenantExtension mde = SimulatedAzureTenantExtension.builder()
 *         .tenant(t -> t.vms(100).assessmentsPerVm(20)).build();
 *
 * @Test void syncsEverything() {
 *     Connector c = provider.create(mde.config(), mde.context());
 *     ...
 *     assertThat(count).isEqualTo(mde.tenant().expectedAssessments());
 * }
 * }</pre>
 *
 * <p>{@link #config()}: name, tenant and client ids, secret, {@code authenticationUrl} = the
 * tenant's base URL, {@code cloud=custom} and the options {@code resourceManagerUrl} (the base
 * URL), {@code tokenScope} and {@code subscriptions} (comma-separated). {@link #context()}: the
 * testkit's trusting azure-core {@link com.azure.core.http.HttpClient} and its {@link javax.net.ssl.SSLContext}, a {@link dev.exposure.connector.Sleeper} that
 * moves the tenant's simulated clock on by each wait instead of sleeping, and a {@link java.time.Clock} reading
 * that simulated clock (so back-off, {@code Retry-After} and rate pacing cost no real time). Faults and statistics are cleared before each test unless
 * {@link Builder#resetBeforeEach(boolean)} says otherwise.
 *
 * @since 0.1
 */
public final class SimulatedAzureTenantExtension extends SimulatedTenantExtension<SimulatedAzureTenant> {
    /** The cloud the handed-out configuration names ({@code cloud=custom}). */
    public static final String CLOUD = CUSTOM_CLOUD;

    private SimulatedAzureTenantExtension(Builder b) {
        super(starter(b.customizer), b.resetBeforeEach, "Azure");
    }

    private static Supplier<SimulatedAzureTenant> starter(Consumer<SimulatedAzureTenant.Builder> customizer) {
        return () -> {
            SimulatedAzureTenant.Builder t = SimulatedAzureTenant.builder();
            customizer.accept(t);
            return t.build().start();
        };
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the running tenant */
    public SimulatedAzureTenant tenant() {
        return running();
    }

    /** @return a connection configuration for the MDC connector pointing at the tenant */
    public ConnectionConfig config() {
        SimulatedAzureTenant t = tenant();
        return configFor("Simulated Azure tenant", "In-process simulated Azure tenant for Defender for Cloud")
                .putOptions("resourceManagerUrl", t.baseUrl().toString())
                .putOptions("tokenScope", t.tokenScope())
                .putOptions("subscriptions", String.join(",", t.subscriptions()))
                .build();
    }

    /** Builds a {@link SimulatedAzureTenantExtension}. */
    public static final class Builder {
        private Consumer<SimulatedAzureTenant.Builder> customizer = b -> { };
        private boolean resetBeforeEach = true;

        private Builder() { }

        /**
         * @param c shapes the tenant (sizes, shares, faults-free settings)
         * @return this
         */
        public Builder tenant(Consumer<SimulatedAzureTenant.Builder> c) {
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
        public SimulatedAzureTenantExtension build() {
            return new SimulatedAzureTenantExtension(this);
        }
    }
}
