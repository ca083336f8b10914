package dev.exposure.connector.sim;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every simulated tenant shares: the in-process HTTPS server, the Entra ID token endpoint and
 * its identity (tenant, client, secret, scopes), the fault plan, the request statistics and the
 * simulated clock. A tenant adds its data, its routes and its own limits.
 *
 * <p>Code that handles either tenant (a test harness, a demo, a benchmark) can use this type; the
 * two tenants are its only kinds.
 *
 * @since 0.1
 */
public abstract sealed class SimulatedTenant implements AutoCloseable
        permits SimulatedMdeTenant, SimulatedAzureTenant {
    final SimServer server;
    final TokenService tokens;

    /**
     * @param name the server's name (thread names)
     * @param seed the seed of generated ids and secret
     * @param salt keeps generated ids apart between tenant kinds with the same seed
     * @param tenantId the tenant id, or null for one from the seed
     * @param clientId the client id, or null for one from the seed
     * @param clientSecret the secret, or null for one from the seed
     * @param scopes accepted token scopes, the first handed to connectors
     * @param tokenLifetime the {@code expires_in} of issued tokens
     */
    SimulatedTenant(String name, long seed, int salt, @Nullable String tenantId, @Nullable String clientId,
                    @Nullable String clientSecret, List<String> scopes, Duration tokenLifetime) {
        this.server = new SimServer(name, new SimServer.Router() {
            @Override
            public Endpoint classify(String method, String path) {
                return SimulatedTenant.this.classify(method, path);
            }

            @Override
            public void handle(SimServer.Call call) throws IOException {
                SimulatedTenant.this.handle(call);
            }
        });
        this.tokens = new TokenService(server, seed, tenantId != null ? tenantId : Mix.guid(seed, 1, salt),
                clientId != null ? clientId : Mix.guid(seed, 2, salt),
                clientSecret != null ? clientSecret : "sim-secret-" + Long.toHexString(Mix.h(seed, 3, salt)),
                scopes, tokenLifetime);
    }

    /** Names the endpoint a request is for (called on server threads once started). */
    abstract Endpoint classify(String method, String path);

    /** Answers a request (called on server threads once started). */
    abstract void handle(SimServer.Call call) throws IOException;

    /** Clears the tenant's own state on {@link #reset()} (rate-limit windows, expired links). */
    abstract void resetLimits();

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }

    // ------------------------------------------------------------------ where and who

    /** @return {@code https://127.0.0.1:<port>}: the API base URL and the authority */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** @return the authority for the credential: the base URL with a trailing slash */
    public String authenticationUrl() {
        return baseUrl() + "/";
    }

    /** @return the tenant (directory) id the token endpoint accepts */
    public String tenantId() {
        return tokens.tenantId();
    }

    /** @return the client (application) id the token endpoint accepts */
    public String clientId() {
        return tokens.clientId();
    }

    /** @return the client secret the token endpoint accepts now */
    public String clientSecret() {
        return tokens.secret();
    }

    /** @return the first accepted token scope */
    public String tokenScope() {
        return tokens.scopes().get(0);
    }

    /** @return the token endpoint URL */
    public URI tokenUrl() {
        return URI.create(baseUrl() + "/" + tenantId() + "/oauth2/v2.0/token");
    }

    // ------------------------------------------------------------------ control

    /** @return the scripted faults (mutable, thread-safe) */
    public FaultPlan faults() {
        return server.faults;
    }

    /** @return what the server saw */
    public RequestStats stats() {
        return server.stats;
    }

    /**
     * Clears faults, statistics and the tenant's rate-limit state (quota windows, expired links);
     * keeps tokens, secret and clock.
     */
    public void reset() {
        server.faults.clear();
        server.stats.reset();
        resetLimits();
    }

    /**
     * Moves the simulated clock forward (token expiry, link expiry, quota windows, delta limits).
     *
     * @param d how far
     */
    public void advanceClock(Duration d) {
        server.advanceClock(d);
    }

    /** @return the simulated clock's now */
    public Instant now() {
        return server.now();
    }

    /**
     * Rotates the client secret: the token endpoint refuses the old one from now on.
     *
     * @param newSecret the new secret
     * @param revokeIssuedTokens whether tokens issued so far stop working (401) at once
     */
    public void rotateSecret(String newSecret, boolean revokeIssuedTokens) {
        tokens.rotateSecret(Objects.requireNonNull(newSecret, "newSecret"), revokeIssuedTokens);
    }

    /** Expires every token issued so far (the next API call with one gets 401). */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** @param lifetime the {@code expires_in} of tokens issued from now on */
    public void tokenLifetime(Duration lifetime) {
        tokens.lifetime(Objects.requireNonNull(lifetime, "lifetime"));
    }

    /** @return tokens issued so far */
    public int tokensIssued() {
        return tokens.issued();
    }
}
