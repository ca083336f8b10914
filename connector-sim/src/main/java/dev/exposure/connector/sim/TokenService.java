package dev.exposure.connector.sim;

import dev.exposure.connector.sim.SimServer.Call;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The Entra ID v2.0 token endpoint of a simulated tenant ({@code POST /{tenant}/oauth2/v2.0/token},
 * client-credentials form), and the validation of the opaque bearer tokens it issues.
 */
final class TokenService {
    /** The result of checking an Authorization header. */
    enum Check { VALID, MISSING, UNKNOWN, EXPIRED }

    private static final class Issued {
        volatile Instant expiresAt;
        final long generation;

        Issued(Instant expiresAt, long generation) {
            this.expiresAt = expiresAt;
            this.generation = generation;
        }
    }

    private final SimServer server;
    private final String tenantId;
    private final String clientId;
    private volatile String secret;
    private final List<String> scopes;
    private volatile Duration lifetime;
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();
    private volatile long generation;
    private final long seed;

    TokenService(SimServer server, long seed, String tenantId, String clientId, String secret, List<String> scopes,
            Duration lifetime) {
        this.server = server;
        this.seed = seed;
        this.tenantId = tenantId;
        this.clientId = clientId;
        this.secret = secret;
        this.scopes = List.copyOf(scopes);
        this.lifetime = lifetime;
    }

    String tenantId() {
        return tenantId;
    }

    String clientId() {
        return clientId;
    }

    String secret() {
        return secret;
    }

    List<String> scopes() {
        return scopes;
    }

    void lifetime(Duration d) {
        this.lifetime = d;
    }

    int issued() {
        return (int) serial.get();
    }

    synchronized void rotateSecret(String newSecret, boolean revoke) {
        this.secret = newSecret;
        if (revoke) {
            generation++;
        }
    }

    void expireAll() {
        Instant past = server.now().minusSeconds(1);
        tokens.values().forEach(t -> t.expiresAt = past);
    }

    void expire(@Nullable String authorization) {
        String t = bearer(authorization);
        Issued i = t == null ? null : tokens.get(t);
        if (i != null) {
            i.expiresAt = server.now().minusSeconds(1);
        }
    }

    static @Nullable String bearer(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    Check check(@Nullable String authorization) {
        if (authorization == null) {
            return Check.MISSING;
        }
        String t = bearer(authorization);
        Issued i = t == null ? null : tokens.get(t);
        if (i == null || i.generation != generation) {
            return Check.UNKNOWN;
        }
        return server.now().isBefore(i.expiresAt) ? Check.VALID : Check.EXPIRED;
    }

    /** Answers a token request (the fault, if any, was already applied by the caller). */
    void handle(Call c) throws IOException {
        String[] parts = c.path.split("/");
        // "", tenant, "oauth2", "v2.0", "token"
        String tenant = parts.length > 1 ? Call.decode(parts[1]) : "";
        if (!"POST".equals(c.method())) {
            server.entraError(c, 405, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.");
            return;
        }
        Map<String, String> form = form(c.body());
        if (!tenant.equalsIgnoreCase(tenantId)) {
            server.entraError(c, 400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found. Check to make"
                    + " sure you have the correct tenant ID and are signing into the correct cloud.");
            return;
        }
        String grant = form.get("grant_type");
        if (!"client_credentials".equals(grant)) {
            server.entraError(c, 400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant"
                    + " type '" + grant + "'. The simulator supports client_credentials only.");
            return;
        }
        String cid = form.get("client_id");
        if (cid == null || !cid.equalsIgnoreCase(clientId)) {
            server.entraError(c, 400, "unauthorized_client", "AADSTS700016: Application with identifier '" + cid
                    + "' was not found in the directory '" + tenantId + "'. This can happen if the application has not"
                    + " been installed by the administrator of the tenant.");
            return;
        }
        String sec = form.get("client_secret");
        if (sec == null) {
            server.entraError(c, 401, "invalid_client", "AADSTS7000218: The request body must contain the following"
                    + " parameter: 'client_assertion' or 'client_secret'.");
            return;
        }
        if (!sec.equals(secret)) {
            server.entraError(c, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the"
                    + " secret being sent in the request is the client secret value, not the client secret ID, for a"
                    + " secret added to app '" + clientId + "'.");
            return;
        }
        String scope = form.getOrDefault("scope", "");
        boolean ok = false;
        for (String s : scope.split(" ")) {
            for (String allowed : scopes) {
                if (s.equalsIgnoreCase(allowed)) {
                    ok = true;
                }
            }
        }
        if (!ok) {
            if (!scope.contains("/.default")) {
                server.entraError(c, 400, "invalid_scope", "AADSTS1002012: The provided value for scope " + scope
                        + " is not valid. Client credential flows must have a scope value with /.default suffixed to"
                        + " the resource identifier (application ID URI).");
            } else {
                server.entraError(c, 400, "invalid_resource", "AADSTS500011: The resource principal named " + scope
                        + " was not found in the tenant named " + tenantId + ". This can happen if the application has"
                        + " not been installed by the administrator of the tenant or consented to by any user in the"
                        + " tenant.");
            }
            return;
        }
        long n = serial.incrementAndGet();
        String token = "sim-" + Long.toHexString(Mix.h(seed, n, 7)) + Long.toHexString(Mix.h(seed ^ n, n, 8)) + "-" + n;
        Duration life = lifetime;
        tokens.put(token, new Issued(server.now().plus(life), generation));
        long secs = Math.max(0, life.toSeconds());
        c.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + secs + ",\"ext_expires_in\":" + secs
                + ",\"access_token\":\"" + token + "\"}");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = Call.decode(eq < 0 ? pair : pair.substring(0, eq));
            m.putIfAbsent(k, Call.decode(eq < 0 ? "" : pair.substring(eq + 1)));
        }
        return m;
    }
}
