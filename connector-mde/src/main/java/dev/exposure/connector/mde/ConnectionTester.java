package dev.exposure.connector.mde;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.ConnectionTestReport.Check;
import dev.exposure.connector.ConnectionTestReport.Outcome;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.azure.json.JsonRows;
import dev.exposure.connector.azure.json.ODataReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The five connection checks, each real: TCP reach of the API and login hosts; a TLS handshake
 * with both (through the host's lent {@code SSLContext} when there is one) with host-name
 * verification; a token from the credential; a permission probe per permission the sync needs
 * ({@code Machine.Read.All}: {@code GET /api/machines?$top=1}; {@code Vulnerability.Read.All}:
 * {@code GET /api/machines/SoftwareVulnerabilitiesByMachine?$top=1}), reporting every missing one;
 * and a one-record fetch of each that reads and checks a row. Failures carry the spec's
 * troubleshooting guidance.
 */
final class ConnectionTester {
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final String TLS_GUIDANCE = "Check that no proxy intercepts TLS with a certificate this JVM does not"
            + " trust, and that the JVM truststore (or the SSLContext lent to the connector) trusts the API and login"
            + " hosts' certificates.";
    static final String DATA_GUIDANCE = "Verify that at least one machine is onboarded in MDE and that the"
            + " application has Machine.Read.All and Vulnerability.Read.All with admin consent granted; if the"
            + " problem persists, check the connector logs.";

    private final MdeTransport transport;
    private final MdeSettings settings;

    ConnectionTester(MdeTransport transport) {
        this.transport = transport;
        this.settings = transport.settings();
    }

    ConnectionTestReport run(Consumer<ConnectionTestReport.CheckResult> onCheck) {
        return ConnectionTestReport.runner()
                .check(Check.NETWORK_REACHABILITY, this::network,
                        ErrorMapping.GUIDANCE_NETWORK + " " + ErrorMapping.GUIDANCE_CONNECTION)
                .check(Check.TLS_HANDSHAKE, this::tls, TLS_GUIDANCE)
                .check(Check.AUTHENTICATION_CREDENTIAL_CHECK, this::token,
                        ErrorMapping.GUIDANCE_401 + " " + ErrorMapping.GUIDANCE_CONNECTION)
                .check(Check.AUTHORIZATION_SCOPE_CHECK, this::permissions, ErrorMapping.GUIDANCE_403)
                .check(Check.DATA_FETCH, this::data, DATA_GUIDANCE)
                .run(onCheck, transport::redact);
    }

    private List<URI> hosts() {
        List<URI> hosts = new ArrayList<>();
        hosts.add(settings.apiBase);
        URI login = settings.authorityUri();
        if (!login.getHost().equalsIgnoreCase(settings.apiBase.getHost())
                || MdeSettings.port(login) != settings.apiPort()) {
            hosts.add(login);
        }
        return hosts;
    }

    private static String hostPort(URI u) {
        return u.getHost() + ":" + MdeSettings.port(u);
    }

    private Outcome network() {
        List<String> reached = new ArrayList<>();
        for (URI u : hosts()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(u.getHost(), MdeSettings.port(u)), CONNECT_TIMEOUT_MS);
                reached.add(hostPort(u));
            } catch (IOException e) {
                return Outcome.fail("cannot reach " + hostPort(u) + " (" + ErrorMapping.rootText(e) + ")",
                        ErrorMapping.GUIDANCE_NETWORK + " " + ErrorMapping.GUIDANCE_CONNECTION);
            }
        }
        return Outcome.pass("reached " + String.join(" and ", reached));
    }

    private Outcome tls() throws NoSuchAlgorithmException {
        SSLContext ctx = transport.sslContext() != null ? transport.sslContext() : SSLContext.getDefault();
        List<String> done = new ArrayList<>();
        for (URI u : hosts()) {
            if (!"https".equalsIgnoreCase(u.getScheme())) {
                continue;
            }
            try (Socket raw = new Socket()) {
                raw.connect(new InetSocketAddress(u.getHost(), MdeSettings.port(u)), CONNECT_TIMEOUT_MS);
                raw.setSoTimeout(CONNECT_TIMEOUT_MS);
                try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, u.getHost(),
                        MdeSettings.port(u), false)) {
                    SSLParameters p = s.getSSLParameters();
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    if (!u.getHost().matches("[0-9.:\\[\\]]+")) {
                        p.setServerNames(List.of(new SNIHostName(u.getHost())));
                    }
                    s.setSSLParameters(p);
                    s.startHandshake();
                    done.add(hostPort(u) + " (" + s.getSession().getProtocol() + ")");
                }
            } catch (IOException e) {
                return Outcome.fail("the TLS handshake with " + hostPort(u) + " failed ("
                        + ErrorMapping.rootText(e) + ")", TLS_GUIDANCE);
            }
        }
        return Outcome.pass(done.isEmpty() ? "no TLS endpoint to check (plain http on loopback)"
                : "TLS established with " + String.join(" and ", done));
    }

    private Outcome token() {
        try {
            AccessToken t = transport.credential().getTokenSync(new TokenRequestContext().addScopes(settings.scope));
            if (t == null || t.getToken() == null || t.getToken().isEmpty()) {
                return Outcome.fail("the credential returned no token for " + settings.scope,
                        ErrorMapping.GUIDANCE_401);
            }
            return Outcome.pass("obtained a token for " + settings.scope + ", valid until " + t.getExpiresAt());
        } catch (RuntimeException e) {
            Call call = call(RateBudget.Family.MACHINES, "token request");
            ConnectorException mapped = ErrorMapping.fromThrowable(e, call, settings.scope, settings.authorityHost);
            return Outcome.fail(mapped.getMessage(), ErrorMapping.GUIDANCE_401 + " " + ErrorMapping.GUIDANCE_CONNECTION);
        }
    }

    private Call call(RateBudget.Family family, String source) {
        return new Call(family, new SyncCounters(), SyncListener.NONE, MdeConnectorProvider.ID + " connection test",
                source);
    }

    private String machinesProbeUrl() {
        return transport.apiUrl(MachinesStream.PATH, "$top=1");
    }

    private String vulnerabilityProbeUrl() {
        return transport.apiUrl(VulnerabilityStream.FULL_PATH, "$top=1");
    }

    private Outcome permissions() {
        List<String> missing = new ArrayList<>();
        List<String> granted = new ArrayList<>();
        probe(RateBudget.Family.MACHINES, machinesProbeUrl(), missing, granted);
        probe(RateBudget.Family.VULNERABILITY_EXPORT, vulnerabilityProbeUrl(), missing, granted);
        if (!missing.isEmpty()) {
            return Outcome.fail("the application lacks " + String.join(" and ", missing)
                    + (granted.isEmpty() ? "" : " (granted: " + String.join(", ", granted) + ")"),
                    "Add the WindowsDefenderATP application permission" + (missing.size() > 1 ? "s " : " ")
                            + String.join(" and ", missing) + " and grant admin consent. " + ErrorMapping.GUIDANCE_403);
        }
        return Outcome.pass("the application holds " + String.join(" and ", granted));
    }

    private void probe(RateBudget.Family family, String url, List<String> missing, List<String> granted) {
        Call call = call(family, "permission probe for " + family.permission);
        try (MdeTransport.Body b = transport.get(url, call, true)) {
            granted.add(family.permission + (b.status() == 404 ? " (no data yet)" : ""));
        } catch (AuthorizationException e) {
            missing.add(e.missingPermission().orElse(family.permission));
        }
    }

    private Outcome data() {
        String machine = fetchOne(RateBudget.Family.MACHINES, machinesProbeUrl(), "id");
        String vuln = fetchOne(RateBudget.Family.VULNERABILITY_EXPORT, vulnerabilityProbeUrl(), "cveId");
        if (machine == null) {
            return Outcome.pass("the API answered, but no machine is onboarded yet (no assets will be imported"
                    + " until one is)");
        }
        return Outcome.pass("fetched machine " + machine + (vuln == null ? " (no vulnerability rows yet)"
                : " and a vulnerability row (" + vuln + ")"));
    }

    private @org.jspecify.annotations.Nullable String fetchOne(RateBudget.Family family, String url, String field) {
        Call call = call(family, "data fetch");
        try (ODataReader r = VulnerabilityStream.reader(transport, url, call, true, JsonRows::camelKey)) {
            if (!r.hasNext()) {
                return null;
            }
            Map<String, Object> row = r.next();
            Object v = row.get(field);
            if (field.equals("id") && !(v instanceof String)) {
                throw new dev.exposure.connector.DataException("the first machine row has no 'id' (wrong shape)",
                        call.source() + " " + url, null);
            }
            return v == null ? "no " + field : v.toString();
        }
    }
}
