package dev.exposure.connector.testkit.sim;

import com.azure.core.http.HttpClient;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Secret;
import dev.exposure.connector.testkit.TestTls;
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
 * testkit's trusting HTTP client. A tenant's extension adds its configuration.
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

    /** @return a context lending the trusting HTTP client and SSL context */
    public ConnectorContext context() {
        return context(ConnectorContext.builder());
    }

    static ConnectorContext context(ConnectorContext.Builder b) {
        return b.with(HttpClient.class, TestTls.trustingHttpClient())
                .with(SSLContext.class, TestTls.sslContext())
                .build();
    }
}
