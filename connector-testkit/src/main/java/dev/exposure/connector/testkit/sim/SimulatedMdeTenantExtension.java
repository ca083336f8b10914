package dev.exposure.connector.testkit.sim;

import com.azure.core.http.HttpClient;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Secret;
import dev.exposure.connector.testkit.TestTls;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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
 * {@code tokenScope}. {@link #context()}: the testkit's trusting azure-core {@link HttpClient} and
 * its {@link SSLContext}. Faults and statistics are cleared before each test unless
 * {@link Builder#resetBeforeEach(boolean)} says otherwise.
 *
 * @since 0.1
 */
public final class SimulatedMdeTenantExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    /** The cloud the handed-out configuration names ({@code cloud=custom}). */
    public static final String CLOUD = "custom";

    private final Consumer<SimulatedMdeTenant.Builder> customizer;
    private final boolean resetBeforeEach;
    private @Nullable SimulatedMdeTenant tenant;

    private SimulatedMdeTenantExtension(Builder b) {
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
            SimulatedMdeTenant.Builder b = SimulatedMdeTenant.builder();
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
    public SimulatedMdeTenant tenant() {
        SimulatedMdeTenant t = tenant;
        if (t == null) {
            throw new IllegalStateException("the simulated MDE tenant is not running: register the extension with"
                    + " @RegisterExtension on a static field");
        }
        return t;
    }

    /** @return a connection configuration for the MDE connector pointing at the tenant */
    public ConnectionConfig config() {
        SimulatedMdeTenant t = tenant();
        return ConnectionConfig.builder()
                .name("Simulated MDE tenant")
                .description("In-process simulated Defender for Endpoint tenant")
                .tenantId(t.tenantId())
                .clientId(t.clientId())
                .clientSecret(Secret.of(t.clientSecret()))
                .authenticationUrl(t.authenticationUrl())
                .cloud(CLOUD)
                .putOptions("cloud", CLOUD)
                .putOptions("apiBaseUrl", t.baseUrl().toString())
                .putOptions("tokenScope", t.tokenScope())
                .build();
    }

    /** @return a context lending the trusting HTTP client and SSL context */
    public ConnectorContext context() {
        return context(ConnectorContext.builder());
    }

    static ConnectorContext context(ConnectorContext.Builder b) {
        return b.with(HttpClient.class, TestTls.trustingHttpClient())
                .with(SSLContext.class, TestTls.sslContext())
                .build();
    }

    /** Builds a {@link SimulatedMdeTenantExtension}. */
    public static final class Builder {
        private Consumer<SimulatedMdeTenant.Builder> customizer = b -> { };
        private boolean resetBeforeEach = true;

        private Builder() { }

        /** @param c shapes the tenant (sizes, shares, faults-free settings) @return this */
        public Builder tenant(Consumer<SimulatedMdeTenant.Builder> c) {
            customizer = Objects.requireNonNull(c, "c");
            return this;
        }

        /** @param v whether faults and statistics are cleared before each test (default true) @return this */
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
