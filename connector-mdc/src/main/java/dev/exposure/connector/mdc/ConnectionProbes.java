package dev.exposure.connector.mdc;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.ConnectionTestReport.Check;
import dev.exposure.connector.ConnectionTestReport.Outcome;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/** The five connection checks, each a real request, in the spec's order. */
final class ConnectionProbes {
    private static final int TIMEOUT_MS = 5_000;
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]*)\"");

    private final MdcSettings settings;
    private final TokenCredential credential;
    private final HttpClient http;
    private final @Nullable SSLContext sslContext;
    private final boolean viaHttpClient;
    private final ResourceGraph graph;

    ConnectionProbes(MdcSettings settings, TokenCredential credential, HttpClient http, @Nullable SSLContext sslContext,
                     boolean viaHttpClient, ResourceGraph graph) {
        this.settings = settings;
        this.credential = credential;
        this.http = http;
        this.sslContext = sslContext;
        this.viaHttpClient = viaHttpClient && sslContext == null;
        this.graph = graph;
    }

    ConnectionTestReport run(Consumer<ConnectionTestReport.CheckResult> onCheck) {
        return ConnectionTestReport.runner()
                .check(Check.NETWORK_REACHABILITY, this::reach, "check DNS, firewall and proxy rules for HTTPS (port"
                        + " 443) to " + settings.cloud().loginUri().getHost() + " and "
                        + settings.cloud().armUri().getHost())
                .check(Check.TLS_HANDSHAKE, this::tls, "check that no TLS-inspecting proxy replaces the certificate,"
                        + " or lend an SSLContext that trusts it")
                .check(Check.AUTHENTICATION_CREDENTIAL_CHECK, this::token, "check the Tenant ID and Client ID on the"
                        + " app registration's Overview page and that the client secret (its Value) has not expired")
                .check(Check.AUTHORIZATION_SCOPE_CHECK, this::authorize, "assign the app registration the Reader"
                        + " role on each configured subscription (Access control (IAM) > Add role assignment)")
                .check(Check.DATA_FETCH, this::fetch, "check that Resource Graph is available in this cloud and that"
                        + " the subscriptions hold Defender for Cloud VM data")
                .run(onCheck, s -> MdcErrors.redact(s, settings));
    }

    private List<URI> hosts() {
        return List.of(settings.cloud().loginUri(), settings.cloud().armUri());
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private Outcome reach() {
        List<String> ok = new ArrayList<>();
        for (URI uri : hosts()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), port(uri)), TIMEOUT_MS);
                ok.add(uri.getHost() + ":" + port(uri));
            } catch (IOException e) {
                return Outcome.fail("cannot reach " + uri.getHost() + ":" + port(uri) + " (" + MdcErrors.rootName(e)
                        + ")", "check DNS, firewall and proxy rules for HTTPS to " + uri.getHost() + ":" + port(uri));
            }
        }
        return Outcome.pass("reached " + String.join(" and ", ok));
    }

    private Outcome tls() throws Exception {
        List<String> ok = new ArrayList<>();
        for (URI uri : hosts()) {
            String target = uri.getHost() + ":" + port(uri);
            if ("http".equalsIgnoreCase(uri.getScheme())) {
                ok.add(target + " (plain http on loopback, a test endpoint: no TLS)");
                continue;
            }
            try {
                if (viaHttpClient) {
                    // the lent client's own TLS settings are what the sync will use: any HTTP answer means TLS worked
                    try (HttpResponse r = http.sendSync(new HttpRequest(HttpMethod.GET, uri.toURL()), Context.NONE)) {
                        ok.add(target + " (HTTP " + r.getStatusCode() + ")");
                    }
                } else {
                    SSLContext ctx = sslContext != null ? sslContext : SSLContext.getDefault();
                    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                        s.connect(new InetSocketAddress(uri.getHost(), port(uri)), TIMEOUT_MS);
                        s.setSoTimeout(TIMEOUT_MS);
                        SSLParameters p = s.getSSLParameters();
                        p.setEndpointIdentificationAlgorithm("HTTPS");
                        s.setSSLParameters(p);
                        s.startHandshake();
                        ok.add(target + " (" + s.getSession().getProtocol() + ")");
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Outcome.fail("TLS handshake with " + target + " failed (" + MdcErrors.rootName(e) + ")",
                        "check that no TLS-inspecting proxy replaces the certificate of " + uri.getHost()
                                + ", or lend an SSLContext that trusts it");
            }
        }
        return Outcome.pass("TLS checked: " + String.join(" and ", ok));
    }

    private Outcome token() {
        try {
            AccessToken t = credential.getTokenSync(new TokenRequestContext().addScopes(settings.cloud().tokenScope()));
            if (t == null || t.getToken() == null || t.getToken().isEmpty()) {
                return Outcome.fail("the identity provider answered without an access token",
                        "check the tenant and the app registration");
            }
            return Outcome.pass("a token for " + settings.cloud().tokenScope() + " was issued for client "
                    + settings.clientId());
        } catch (RuntimeException e) {
            ConnectorException mapped = MdcErrors.authentication(e, settings.cloud().authorityHost(), settings);
            return Outcome.fail(mapped.getMessage(), "check the Tenant ID and Client ID on the app registration's"
                    + " Overview page and that the client secret (its Value) has not expired; generate a new one"
                    + " under Certificates & secrets if needed");
        }
    }

    private Outcome authorize() throws Exception {
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(http)
                .policies(new dev.exposure.connector.azure.http.BearerPolicy(credential,
                        settings.cloud().tokenScope(), settings.cloud().loginUri().getHost()))
                .build();
        List<String> missing = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String sub : settings.subscriptions()) {
            // Microsoft.Resources/subscriptions/read: 403 AuthorizationFailed without a role, 404 SubscriptionNotFound
            String url = settings.cloud().armBase() + "/subscriptions/" + sub + "?api-version=2022-12-01";
            try (HttpResponse r = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
                int status = r.getStatusCode();
                if (status == 200) {
                    continue;
                }
                String code = code(r.getBodyAsBinaryData().toString());
                if (status == 403) {
                    missing.add(sub + (code.isEmpty() ? "" : " (" + code + ")"));
                } else if (status == 404) {
                    notFound.add(sub + (code.isEmpty() ? "" : " (" + code + ")"));
                } else {
                    other.add(sub + ": HTTP " + status + (code.isEmpty() ? "" : " " + code));
                }
            }
        }
        if (missing.isEmpty() && notFound.isEmpty() && other.isEmpty()) {
            return Outcome.pass("the app may read " + settings.subscriptions().size() + " subscription(s)");
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("Reader role missing on subscription " + String.join(", ", missing));
        }
        if (!notFound.isEmpty()) {
            parts.add("subscription not found in tenant " + settings.tenantId() + ": " + String.join(", ", notFound));
        }
        if (!other.isEmpty()) {
            parts.add("unexpected answer for " + String.join("; ", other));
        }
        String fix = !missing.isEmpty()
                ? "assign the app registration the Reader role on each listed subscription (Access control (IAM) >"
                        + " Add role assignment)"
                : "check the subscription ids and that they belong to tenant " + settings.tenantId();
        return Outcome.fail(String.join("; ", parts), fix);
    }

    private Outcome fetch() {
        List<String> first = settings.subscriptions().subList(0,
                Math.min(QueryPager.BATCH_SIZE, settings.subscriptions().size()));
        ResourceGraph.RawPage page = graph.query(Query.PROBE.kql(), first, null, 1,
                "Resource Graph query '" + Query.PROBE.label() + "'", new SyncCounters(), SyncListener.NONE,
                "mdc-vm connection test");
        return Outcome.pass("Resource Graph answered: " + page.totalRecords() + " virtual machine(s) in "
                + (first.size() < settings.subscriptions().size() ? "the first " + first.size() + " of " : "")
                + settings.subscriptions().size() + " subscription(s)");
    }

    private static String code(String body) {
        Matcher m = CODE.matcher(body);
        return m.find() ? m.group(1) : "";
    }
}
