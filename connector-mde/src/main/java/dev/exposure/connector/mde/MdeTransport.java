package dev.exposure.connector.mde;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.DataException;
import dev.exposure.connector.Secret;
import dev.exposure.connector.SharedRateBudget;
import dev.exposure.connector.azure.AzureCredentials;
import dev.exposure.connector.azure.http.AzureHttp;
import dev.exposure.connector.azure.http.Pacer;
import dev.exposure.connector.azure.http.RequestScope;
import dev.exposure.connector.azure.http.RetryAfter;
import dev.exposure.connector.azure.http.RetryRules;
import dev.exposure.connector.azure.http.SlidingWindowBudget;
import dev.exposure.connector.azure.http.StallWatchdog;
import dev.exposure.connector.azure.http.Timing;
import dev.exposure.connector.azure.http.Waits;
import dev.exposure.connector.azure.diagnostics.ApiError;
import dev.exposure.connector.azure.diagnostics.AzureFailures;
import dev.exposure.connector.azure.json.ResponseBody;
import dev.exposure.connector.internal.BuildVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The connector's HTTP side over connector-azure: the credential ({@link AzureCredentials}), two
 * pipelines built by {@link AzureHttp} (the API pipeline with the host guard and the bearer token;
 * the download pipeline for file-export links WITHOUT them), both with the one retry loop paced by
 * MDE's per-family {@link RateBudget} limits; link checks, stall-watched streaming bodies and error
 * mapping.
 *
 * <p>The JDK client is built with no per-read timeout ({@link Timing#readTimeout()} zero):
 * azure-core's per-read timeout halves streaming throughput, so stalls are caught by the
 * {@link StallWatchdog} instead. Thread-safe.
 */
final class MdeTransport {
    /** The product token of the User-Agent; the version is the jar's own ({@link BuildVersion}). */
    static final String PRODUCT = "connector-mde";

    private final MdeSettings settings;
    private final TokenCredential credential;
    private final HttpPipeline api;
    private final HttpPipeline download;
    private final Optional<Secret> secret;
    private final @Nullable SSLContext sslContext;
    final Timing timing;
    final Waits waits;
    /** The failure mapper, with MDE's guidance. */
    final AzureFailures failures;

    MdeTransport(MdeSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.timing = Timing.from(context).withMaxRetries(settings.maxRetries).withStallTimeout(settings.stallTimeout)
                .withReadTimeout(Duration.ZERO);
        this.waits = Waits.from(context);
        this.secret = settings.clientSecret;
        this.sslContext = context.find(SSLContext.class).orElse(null);
        HttpClient http = AzureHttp.client(context, timing);
        String userAgent = AzureHttp.userAgent(context, PRODUCT, MdeTransport.class);
        AzureCredentials credentials = AzureCredentials.resolve(context, settings.authorityHost,
                !settings.cloud.isCustom(), settings.tenantId, settings.clientId, settings.clientSecret, http,
                userAgent, timing, waits);
        this.credential = credentials.credential();
        this.failures = new AzureFailures(new MdeDiagnostics(settings.scope), settings.apiBase,
                settings.authorityUri(), settings.scope, credentials.lent(), this::redact);
        String key = "mde-v2|" + settings.tenantId.toLowerCase(Locale.ROOT) + "|"
                + settings.clientId.toLowerCase(Locale.ROOT) + "|" + settings.apiHost() + "|";
        // a host's budget shared between processes; else the JVM's budget of this app and tenant (also when a
        // Sleeper is lent); a whole lent Waits (a test's virtual clock) gets a budget of its own on that clock
        Pacer budget = context.find(SharedRateBudget.class)
                .map(lent -> SlidingWindowBudget.lent(lent, key, RateBudget.LIMITS))
                .orElseGet(() -> context.find(Waits.class).isPresent()
                        ? new SlidingWindowBudget(RateBudget.LIMITS, waits::nanoTime)
                        : SlidingWindowBudget.shared(key + settings.apiPort(), RateBudget.LIMITS));
        this.api = AzureHttp.pipeline(http).userAgent(userAgent).retry(RetryRules.DEFAULT, timing, waits, budget)
                .hostGuard(settings.apiHost(), settings.apiPort())
                .bearer(credential, settings.scope, credentials.loginHost()).build();
        this.download = AzureHttp.pipeline(http).userAgent(userAgent)
                .retry(RetryRules.DEFAULT, timing, waits, budget).build();
    }

    TokenCredential credential() {
        return credential;
    }

    MdeSettings settings() {
        return settings;
    }

    @Nullable SSLContext sslContext() {
        return sslContext;
    }

    /** Masks the client secret, bearer tokens and signatures in a text. */
    String redact(String text) {
        String t = AzureFailures.scrub(text);
        return secret.map(s -> s.redact(t)).orElse(t);
    }

    /** @return an API URL for a path and an already-encoded query */
    String apiUrl(String path, @Nullable String query) {
        return settings.apiBaseUrl() + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /**
     * Checks a server-supplied link before anything is sent to it: it must point at the configured
     * API host, port and scheme. Checked BEFORE the token is attached.
     *
     * @throws DataException naming the link's host (never the token)
     */
    void checkApiLink(String url, Call call) {
        URI u = uri(url, call, "the API returned a next-page link that is not a URL; refusing to follow it");
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!host.equals(settings.apiHost()) || AzureFailures.port(u) != settings.apiPort()
                || !scheme.equals(settings.apiBase.getScheme().toLowerCase(Locale.ROOT))
                || u.getRawUserInfo() != null) {
            throw new DataException("the API returned a link to host '" + (host.isEmpty() ? "(none)" : host)
                    + (u.getPort() > 0 ? ":" + u.getPort() : "") + "' (" + scheme + "), which is not the configured"
                    + " API host '" + settings.apiHost() + ":" + settings.apiPort() + "'; refused without sending"
                    + " the access token", call.source(), null);
        }
    }

    private static URI uri(String url, Call call, String notAUrl) {
        try {
            return new URI(url);
        } catch (Exception e) {
            throw new DataException(notAUrl, call.source(), null);
        }
    }

    /**
     * Sends an authenticated GET to the MDE API.
     *
     * @param url the URL (checked against the API host)
     * @param call what the request belongs to
     * @param notFoundIsEmpty whether a 404 is returned as a response rather than raised
     * @return the open response; close it
     */
    Body get(String url, Call call, boolean notFoundIsEmpty) {
        checkApiLink(url, call);
        return send(api, url, call, notFoundIsEmpty, url);
    }

    /**
     * Downloads a file-export link WITHOUT the bearer token. Only https is accepted.
     *
     * @param url the signed link
     * @param call what the request belongs to
     * @return the open response, whatever its status; close it
     */
    Body download(String url, Call call) {
        String shown = AzureFailures.withoutQuery(url);
        URI u = uri(url, call, "the export listed a download link that is not a URL");
        if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null || u.getRawUserInfo() != null) {
            throw new DataException("the export listed a download link that is not plain https ('" + shown
                    + "'); refused", call.source(), null);
        }
        HttpResponse r = sendRaw(download, url, call, shown);
        return new Body(r, shown, timing.stallTimeout());
    }

    private Body send(HttpPipeline pipeline, String url, Call call, boolean notFoundIsEmpty, String shown) {
        HttpResponse r = sendRaw(pipeline, url, call, shown);
        int status = r.getStatusCode();
        if (status >= 200 && status < 300 || status == 404 && notFoundIsEmpty) {
            return new Body(r, shown, timing.stallTimeout());
        }
        throw failure(r, call, shown);
    }

    /**
     * @param body a response with an error status
     * @param call what the request belongs to
     * @return the typed error for it (vendor message redacted, the server's Retry-After kept); the
     *     response is closed
     */
    ConnectorException failure(Body body, Call call) {
        return failure(body.response, call, body.url());
    }

    private ConnectorException failure(HttpResponse r, Call call, String shown) {
        ApiError error;
        try {
            error = ApiError.read(r.getBodyAsBinaryData().toStream());
        } catch (RuntimeException e) {
            error = ApiError.NONE;
        } finally {
            r.close();
        }
        return failures.status(r.getStatusCode(), error, RetryAfter.of(r.getHeaders()).orElse(null),
                call.family().label, call.family().permission, call.source() + " " + shown, null);
    }

    /**
     * Sends an authenticated GET and returns the answer whatever its status (the connection
     * test's authorization check reads the status itself).
     *
     * @return the open response; close it
     */
    HttpResponse probe(String url, Call call) {
        checkApiLink(url, call);
        return sendRaw(api, url, call, url);
    }

    private HttpResponse sendRaw(HttpPipeline pipeline, String url, Call call, String shown) {
        HttpRequest request = new HttpRequest(HttpMethod.GET, url)
                .setHeader(HttpHeaderName.ACCEPT, "application/json")
                .setHeader(HttpHeaderName.ACCEPT_ENCODING, "gzip");
        try {
            return pipeline.sendSync(request, new RequestScope(call.family().bucket(), call.counters(), call.listener(),
                    call.stream()).context());
        } catch (ConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            ConnectorException mapped = failures.thrown(e, call.source() + " " + shown);
            throw redactMessage(mapped);
        }
    }

    /** Makes sure no secret slipped into a mapped message (e.g. through an MSAL text). */
    ConnectorException redactMessage(ConnectorException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (redact(m).equals(m)) {
            return e;
        }
        return new dev.exposure.connector.TransientException(redact(m), null, null);
    }

    /** An open response, as the row readers read it: status and the (decompressed, stall-watched) body. */
    static final class Body implements ResponseBody {
        private final HttpResponse response;
        private final String url;
        private final Duration stallTimeout;
        private @Nullable InputStream stream;

        Body(HttpResponse response, String url, Duration stallTimeout) {
            this.response = response;
            this.url = url;
            this.stallTimeout = stallTimeout;
        }

        @Override
        public int status() {
            return response.getStatusCode();
        }

        /** @return the URL safe to show (download links without their signature) */
        @Override
        public String url() {
            return url;
        }

        /** @return the body, watched for stalls and decoded from gzip/deflate content encoding */
        @Override
        public InputStream stream() {
            if (stream == null) {
                InputStream raw = StallWatchdog.watch(response.getBodyAsBinaryData().toStream(), stallTimeout,
                        response::close);
                String enc = response.getHeaderValue(HttpHeaderName.CONTENT_ENCODING);
                try {
                    if (enc != null && enc.toLowerCase(Locale.ROOT).contains("gzip")) {
                        raw = new GZIPInputStream(raw, 64 * 1024);
                    } else if (enc != null && enc.toLowerCase(Locale.ROOT).contains("deflate")) {
                        raw = new InflaterInputStream(raw);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                stream = raw;
            }
            return stream;
        }

        @Override
        public void close() {
            try {
                if (stream != null) {
                    stream.close();
                }
            } catch (IOException | RuntimeException ignored) {
                // closing an aborted body may fail; nothing to do
            } finally {
                response.close();
            }
        }
    }
}
