package dev.exposure.connector.testkit.sim;

import com.azure.core.http.HttpClient;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Secret;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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
 * testkit's trusting azure-core {@link HttpClient} and its {@link SSLContext}. Faults and statistics are cleared before each test unless
 * {@link Builder#resetBeforeEach(boolean)} says otherwise.
 *
 * @since 0.1
 */
public final class SimulatedAzureTenantExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    /** The cloud the handed-out configuration names ({@code cloud=custom}). */
    public static final String CLOUD = "custom";

    private final Consumer<SimulatedAzureTenant.Builder> customizer;
    private final boolean resetBeforeEach;
    private @Nullable SimulatedAzureTenant tenant;

    private SimulatedAzureTenantExtension(Builder b) {
        this.customizer = b.customizer;
        this.resetBeforeEach = b.resetBeforeEach;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (tenant == null) {
            SimulatedAzureTenant.Builder b = SimulatedAzureTenant.builder();
            customizer.accept(b);
            tenant = b.build().start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (resetBeforeEach && tenant != null) {
            tenant.reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (tenant != null) {
            tenant.close();
            tenant = null;
        }
    }

    /** @return the running tenant */
    public SimulatedAzureTenant tenant() {
        SimulatedAzureTenant t = tenant;
        if (t == null) {
            throw new IllegalStateException("the simulated Azure tenant is not running: register the extension with"
                    + " @RegisterExtension on a static field");
        }
        return t;
    }

    /** @return a connection configuration for the MDC connector pointing at the tenant */
    public ConnectionConfig config() {
        SimulatedAzureTenant t = tenant();
        return ConnectionConfig.builder()
                .name("Simulated Azure tenant")
                .description("In-process simulated Azure tenant for Defender for Cloud")
                .tenantId(t.tenantId())
                .clientId(t.clientId())
                .clientSecret(Secret.of(t.clientSecret()))
                .authenticationUrl(t.authenticationUrl())
                .cloud(CLOUD)
                .putOptions("cloud", CLOUD)
                .putOptions("resourceManagerUrl", t.baseUrl().toString())
                .putOptions("tokenScope", t.tokenScope())
                .putOptions("subscriptions", String.join(",", t.subscriptions()))
                .build();
    }

    /** @return a context lending the trusting HTTP client and SSL context */
    public ConnectorContext context() {
        return context(ConnectorContext.builder());
    }

    static ConnectorContext context(ConnectorContext.Builder b) {
        return SimulatedMdeTenantExtension.context(b);
    }

    /** Builds a {@link SimulatedAzureTenantExtension}. */
    public static final class Builder {
        private Consumer<SimulatedAzureTenant.Builder> customizer = b -> { };
        private boolean resetBeforeEach = true;

        private Builder() { }

        /** @param c shapes the tenant (sizes, shares, faults-free settings) @return this */
        public Builder tenant(Consumer<SimulatedAzureTenant.Builder> c) {
            customizer = Objects.requireNonNull(c, "c");
            return this;
        }

        /** @param v whether faults and statistics are cleared before each test (default true) @return this */
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
