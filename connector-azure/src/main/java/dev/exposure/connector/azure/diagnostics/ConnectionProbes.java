package dev.exposure.connector.azure.diagnostics;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.ProxyOptions;
import com.azure.core.util.Configuration;
import com.azure.core.util.Context;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.ConnectionTestReport.Check;
import dev.exposure.connector.ConnectionTestReport.Outcome;
import dev.exposure.connector.ConnectionTestReport.Probe;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * The five connection checks of a Microsoft connector, each real, in the spec's order:
 * <ol>
 * <li>reachability of the login and API hosts: a TCP connection, or, behind a proxy (azure-core's
 *     {@link Configuration}: {@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY}, the Java
 *     proxy system properties), the proxy accepting a {@code CONNECT} to the host's port;</li>
 * <li>a TLS handshake with each (through the proxy's tunnel when there is one; with the lent
 *     {@code SSLContext}, or through the lent {@code HttpClient}, when the host lent one), with
 *     host-name verification and SNI;</li>
 * <li>a token from the credential;</li>
 * <li>the vendor's {@link Authorization} requests: a 401 is an authentication problem (audience,
 *     tenant, scope), a 403 a missing permission named with the vendor's grant text;</li>
 * <li>the vendor's one-record data fetch.</li>
 * </ol>
 * A failed check shows its finding in the message and its advice in the remediation, once each.
 * Advice names the configured hosts and ports.
 */
public final class ConnectionProbes {
    private final AzureFailures failures;
    private final URI api;
    private final URI login;
    private final TokenCredential credential;
    private final String scope;
    private final @Nullable SSLContext sslContext;
    private final @Nullable HttpClient lentClient;
    private final Configuration proxyConfig;
    private final int timeoutMs;
    private final Authorization authorization;
    private final Probe dataFetch;
    private final String dataAdvice;
    private final UnaryOperator<String> redact;

    private ConnectionProbes(Builder b) {
        this.failures = Objects.requireNonNull(b.failures, "failures");
        this.api = Objects.requireNonNull(b.api, "api");
        this.login = Objects.requireNonNull(b.login, "login");
        this.credential = Objects.requireNonNull(b.credential, "credential");
        this.scope = Objects.requireNonNull(b.scope, "scope");
        this.sslContext = b.sslContext;
        this.lentClient = b.sslContext == null ? b.lentClient : null;
        this.proxyConfig = b.proxyConfig;
        this.timeoutMs = (int) b.timeout.toMillis();
        this.authorization = Objects.requireNonNull(b.authorization, "authorization");
        this.dataFetch = Objects.requireNonNull(b.dataFetch, "dataFetch");
        this.dataAdvice = b.dataAdvice;
        this.redact = b.redact;
    }

    /**
     * @param failures the connection's failure mapper (its vendor guidance included)
     * @return a builder
     */
    public static Builder builder(AzureFailures failures) {
        return new Builder(failures);
    }

    /**
     * The vendor's authorization check: one request per permission or role the sync needs.
     */
    public interface Authorization {
        /** @return the requests, each a URL the permission or role opens */
        List<Target> targets();

        /**
         * Sends one authenticated GET (the vendor's pipeline: bearer token, user agent, host guard).
         *
         * @param url a target's URL
         * @return the answer, whatever its status; closed by the caller
         */
        HttpResponse send(String url);

        /**
         * @param granted the targets' names that answered
         * @return the passed check's message, e.g. {@code the application holds Machine.Read.All}
         */
        String granted(List<String> granted);

        /**
         * @param denied the targets the API refused (403)
         * @param granted the targets' names that answered
         * @return the finding, e.g. {@code the application lacks Vulnerability.Read.All (granted: Machine.Read.All)}
         */
        String denied(List<Denied> denied, List<String> granted);

        /**
         * @param notFound the targets that do not exist (404, for targets where that is not "no data yet")
         * @return the finding
         */
        default String notFound(List<String> notFound) {
            return "not found: " + String.join(", ", notFound);
        }

        /** @return the advice when targets were not found */
        default String notFoundAdvice() {
            return "Check the configured identifiers.";
        }
    }

    /**
     * One authorization request.
     *
     * @param name how the finding names it (a permission, a subscription id)
     * @param permission the permission or role it needs
     * @param url the URL to GET
     * @param notFoundIsGranted whether a 404 means "granted, no data yet" rather than "does not exist"
     */
    public record Target(String name, String permission, String url, boolean notFoundIsGranted) { }

    /**
     * A refused authorization request.
     *
     * @param name the target's name
     * @param permission the missing permission or role (from the answer when it says, else the target's)
     * @param code the error code of the answer, if any
     */
    public record Denied(String name, String permission, @Nullable String code) { }

    /** Builds {@link ConnectionProbes}. */
    public static final class Builder {
        private final AzureFailures failures;
        private @Nullable URI api;
        private @Nullable URI login;
        private @Nullable TokenCredential credential;
        private @Nullable String scope;
        private @Nullable SSLContext sslContext;
        private @Nullable HttpClient lentClient;
        private Configuration proxyConfig = Configuration.getGlobalConfiguration();
        private Duration timeout = Duration.ofSeconds(10);
        private @Nullable Authorization authorization;
        private @Nullable Probe dataFetch;
        private String dataAdvice = "Check the connector logs.";
        private UnaryOperator<String> redact = UnaryOperator.identity();

        private Builder(AzureFailures failures) {
            this.failures = failures;
        }

        /**
         * @param api the API base URL
         * @param login the login authority
         * @return this builder
         */
        public Builder hosts(URI api, URI login) {
            this.api = api;
            this.login = login;
            return this;
        }

        /**
         * @param credential the connection's credential
         * @param scope the scope to request a token for
         * @return this builder
         */
        public Builder credential(TokenCredential credential, String scope) {
            this.credential = credential;
            this.scope = scope;
            return this;
        }

        /**
         * @param sslContext the host's lent SSLContext, or null for the JVM default
         * @param lentClient the host's lent HttpClient, or null; without a lent SSLContext the TLS
         *     check goes through it (its own TLS and proxy settings are what the sync uses)
         * @return this builder
         */
        public Builder tls(@Nullable SSLContext sslContext, @Nullable HttpClient lentClient) {
            this.sslContext = sslContext;
            this.lentClient = lentClient;
            return this;
        }

        /**
         * @param config where the proxy settings are read (default: azure-core's global configuration)
         * @return this builder
         */
        public Builder proxy(Configuration config) {
            this.proxyConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @param timeout the connect and read timeout of the network and TLS checks (default 10 s)
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * @param authorization the vendor's authorization check
         * @return this builder
         */
        public Builder authorization(Authorization authorization) {
            this.authorization = authorization;
            return this;
        }

        /**
         * @param probe the vendor's one-record fetch
         * @param advice what to do when it fails
         * @return this builder
         */
        public Builder dataFetch(Probe probe, String advice) {
            this.dataFetch = probe;
            this.dataAdvice = advice;
            return this;
        }

        /**
         * @param redact masks secrets in any text taken from a failure
         * @return this builder
         */
        public Builder redact(UnaryOperator<String> redact) {
            this.redact = redact;
            return this;
        }

        /** @return the probes */
        public ConnectionProbes build() {
            return new ConnectionProbes(this);
        }
    }

    /**
     * Runs the five checks in order; every check after a failure is skipped.
     *
     * @param onCheck told each result as it is known
     * @return the report
     */
    public ConnectionTestReport run(Consumer<ConnectionTestReport.CheckResult> onCheck) {
        return ConnectionTestReport.runner()
                .check(Check.NETWORK_REACHABILITY, this::reach, failures.networkAdvice() + " " + failures.loginAdvice())
                .check(Check.TLS_HANDSHAKE, this::tls, failures.tlsAdvice())
                .check(Check.AUTHENTICATION_CREDENTIAL_CHECK, this::token,
                        failures.credentialAdvice() + " " + failures.loginAdvice())
                .check(Check.AUTHORIZATION_SCOPE_CHECK, this::authorize, failures.guidance().grant(
                        authorization.targets().stream().map(Target::permission).toList()))
                .check(Check.DATA_FETCH, dataFetch, dataAdvice)
                .run(onCheck, redact);
    }

    private List<URI> hosts() {
        List<URI> hosts = new ArrayList<>(List.of(login));
        if (!AzureFailures.hostPort(api).equalsIgnoreCase(AzureFailures.hostPort(login))) {
            hosts.add(api);
        }
        return hosts;
    }

    private String via(@Nullable ProxyOptions proxy) {
        return proxy == null ? "" : " through the proxy " + ProxyTunnel.describe(proxy);
    }

    private Outcome reach() {
        List<String> reached = new ArrayList<>();
        for (URI u : hosts()) {
            ProxyOptions proxy = ProxyTunnel.proxyFor(proxyConfig, u);
            try (Socket s = ProxyTunnel.open(u, proxy, timeoutMs)) {
                reached.add(AzureFailures.hostPort(u) + via(proxy));
            } catch (IOException e) {
                return Outcome.fail("cannot reach " + AzureFailures.hostPort(u) + via(proxy) + " ("
                        + AzureFailures.rootText(e) + ")", failures.networkAdvice() + " " + failures.loginAdvice());
            }
        }
        return Outcome.pass("reached " + String.join(" and ", reached));
    }

    private Outcome tls() throws NoSuchAlgorithmException {
        List<String> done = new ArrayList<>();
        for (URI u : hosts()) {
            String target = AzureFailures.hostPort(u);
            if (!"https".equalsIgnoreCase(u.getScheme())) {
                done.add(target + " (plain http, a loopback test endpoint: no TLS)");
                continue;
            }
            ProxyOptions proxy = ProxyTunnel.proxyFor(proxyConfig, u);
            try {
                if (lentClient != null) {
                    // the lent client's own TLS and proxy settings are what the sync uses: any answer means TLS worked
                    try (HttpResponse r = lentClient.sendSync(new HttpRequest(HttpMethod.GET, u.toURL()), Context.NONE)) {
                        done.add(target + " (through the lent HTTP client, HTTP " + r.getStatusCode() + ")");
                    }
                    continue;
                }
                SSLContext ctx = sslContext != null ? sslContext : SSLContext.getDefault();
                try (Socket raw = ProxyTunnel.open(u, proxy, timeoutMs)) {
                    raw.setSoTimeout(timeoutMs);
                    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, u.getHost(),
                            AzureFailures.port(u), false)) {
                        SSLParameters p = s.getSSLParameters();
                        p.setEndpointIdentificationAlgorithm("HTTPS");
                        if (!u.getHost().matches("[0-9.:\\[\\]]+")) {
                            p.setServerNames(List.of(new SNIHostName(u.getHost())));
                        }
                        s.setSSLParameters(p);
                        s.startHandshake();
                        done.add(target + " (" + s.getSession().getProtocol() + via(proxy) + ")");
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Outcome.fail("the TLS handshake with " + target + via(proxy) + " failed ("
                        + AzureFailures.rootText(e) + ")", failures.tlsAdvice());
            }
        }
        return Outcome.pass("TLS established with " + String.join(" and ", done));
    }

    private Outcome token() {
        try {
            AccessToken t = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
            if (t == null || t.getToken() == null || t.getToken().isEmpty()) {
                return Outcome.fail("the credential returned no token for " + scope,
                        failures.credentialAdvice() + " " + failures.loginAdvice());
            }
            return Outcome.pass("obtained a token for " + scope + ", valid until " + t.getExpiresAt());
        } catch (RuntimeException e) {
            AzureFailures.Explained x = failures.explain(e, failures.tokenUrl());
            if (x.exception() instanceof dev.exposure.connector.ConnectorInterruptedException ie) {
                throw ie;
            }
            return Outcome.fail(x.finding(), x.advice().isEmpty() ? failures.credentialAdvice() : x.advice());
        }
    }

    private Outcome authorize() {
        List<String> granted = new ArrayList<>();
        List<Denied> denied = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (Target t : authorization.targets()) {
            try (HttpResponse r = authorization.send(t.url())) {
                int status = r.getStatusCode();
                if (status / 100 == 2 || status == 404 && t.notFoundIsGranted()) {
                    granted.add(t.name() + (status == 404 ? " (no data yet)" : ""));
                    continue;
                }
                ApiError error = ApiError.read(r.getBodyAsBinaryData().toStream()).redacted(redact);
                String code = error.code() == null ? "" : " " + error.code();
                if (status == 401) {
                    // the login host issued the token, the API refused it: audience, tenant, scope, never a role
                    return Outcome.fail(failures.guidance().api() + " refused the access token (HTTP 401" + code
                            + ") for " + t.name(), failures.tokenRefusedAdvice());
                } else if (status == 403) {
                    denied.add(new Denied(t.name(), failures.guidance().missingPermission(error, t.permission()),
                            error.code()));
                } else if (status == 404) {
                    notFound.add(t.name() + (code.isEmpty() ? "" : " (" + code.strip() + ")"));
                } else {
                    other.add(t.name() + ": HTTP " + status + code);
                }
            }
        }
        if (denied.isEmpty() && notFound.isEmpty() && other.isEmpty()) {
            return Outcome.pass(authorization.granted(granted));
        }
        List<String> parts = new ArrayList<>();
        if (!denied.isEmpty()) {
            parts.add(authorization.denied(denied, granted));
        }
        if (!notFound.isEmpty()) {
            parts.add(authorization.notFound(notFound));
        }
        if (!other.isEmpty()) {
            parts.add("unexpected answer for " + String.join("; ", other));
        }
        String advice = !denied.isEmpty()
                ? failures.guidance().grant(denied.stream().map(Denied::permission).distinct().toList())
                : !notFound.isEmpty() ? authorization.notFoundAdvice() : "Check the connector logs.";
        return Outcome.fail(String.join("; ", parts), advice);
    }
}
