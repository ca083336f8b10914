package dev.exposure.connector.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The HTTPS server under every simulator: the JDK's {@code HttpsServer} on 127.0.0.1 with a dynamic
 * port and the {@link SimTls} localhost certificate, a cached thread pool, request accounting, the
 * simulated clock, and the scripted faults.
 */
final class SimServer implements AutoCloseable {
    /** Which error envelope a family speaks. */
    enum Style { MDE, ARM, ENTRA, BLOB }

    /** Routes and answers requests. */
    interface Router {
        Endpoint classify(String method, String path);

        void handle(Call call) throws IOException;
    }

    /** Thrown by a handler to drop the connection without finishing the response. */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("simulated connection reset", null, false, false);
        }
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    static final DateTimeFormatter RFC1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final String name;
    private final Router router;
    final RequestStats stats = new RequestStats();
    final FaultPlan faults = new FaultPlan();
    private final AtomicLong clockOffsetMillis = new AtomicLong();
    private final AtomicLong requestIds = new AtomicLong();
    private @Nullable HttpsServer server;
    private @Nullable ExecutorService pool;
    private @Nullable URI baseUrl;

    SimServer(String name, Router router) {
        this.name = name;
        this.router = router;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            s.setHttpsConfigurator(new HttpsConfigurator(SimTls.serverSslContext()));
            ExecutorService p = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "sim-" + name + "-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(p);
            s.createContext("/", this::exchange);
            s.start();
            server = s;
            pool = p;
            baseUrl = URI.create("https://127.0.0.1:" + s.getAddress().getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulated " + name + " server", e);
        }
    }

    URI baseUrl() {
        URI u = baseUrl;
        if (u == null) {
            throw new IllegalStateException("the simulated " + name + " server is not started; call start()");
        }
        return u;
    }

    boolean started() {
        return server != null;
    }

    @Override
    public synchronized void close() {
        HttpsServer s = server;
        if (s != null) {
            s.stop(0);
            server = null;
        }
        ExecutorService p = pool;
        if (p != null) {
            p.shutdownNow();
            pool = null;
        }
    }

    Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis() + clockOffsetMillis.get());
    }

    void advanceClock(Duration d) {
        clockOffsetMillis.addAndGet(d.toMillis());
    }

    String nextRequestId() {
        long n = requestIds.incrementAndGet();
        return Mix.guid(name.hashCode(), n, 99);
    }

    private void exchange(HttpExchange ex) throws IOException {
        try {
            URI uri = ex.getRequestURI();
            String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
            Endpoint e = router.classify(ex.getRequestMethod(), path);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            long n = stats.record(e, ex.getRequestMethod(), uri.toString(), ex.getRequestHeaders().getFirst("Host"),
                    auth != null);
            Call call = new Call(this, ex, e, n, path, uri.getRawQuery());
            router.handle(call);
            if (!call.responded) {
                call.send(500, "text/plain", "simulator handler sent no response");
            }
        } catch (Abort a) {
            // leave the exchange open: the server drops the connection, the body never ends
            throw a;
        } catch (IOException | RuntimeException e) {
            ex.close();
            throw e;
        }
        ex.close();
    }

    /** One request and its response. */
    static final class Call {
        final SimServer server;
        final HttpExchange ex;
        final Endpoint endpoint;
        final long number;
        final String path;
        private final Map<String, String> params = new HashMap<>();
        boolean responded;

        Call(SimServer server, HttpExchange ex, Endpoint endpoint, long number, String path, @Nullable String rawQuery) {
            this.server = server;
            this.ex = ex;
            this.endpoint = endpoint;
            this.number = number;
            this.path = path;
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String k = eq < 0 ? pair : pair.substring(0, eq);
                    String v = eq < 0 ? "" : pair.substring(eq + 1);
                    params.putIfAbsent(decode(k).toLowerCase(Locale.ROOT), decode(v));
                }
            }
        }

        static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return s;
            }
        }

        /** @return the decoded query parameter, names compared case-insensitively */
        @Nullable String param(String name) {
            return params.get(name.toLowerCase(Locale.ROOT));
        }

        @Nullable String header(String name) {
            return ex.getRequestHeaders().getFirst(name);
        }

        String method() {
            return ex.getRequestMethod();
        }

        String body() throws IOException {
            try (InputStream in = ex.getRequestBody()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        /** The URL exactly as requested, absolute, for loops. */
        String requestUrl() {
            return server.baseUrl() + ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        }

        @Nullable Fault fault(int page) {
            return server.faults.match(endpoint, number, page);
        }

        void header(String name, String value) {
            ex.getResponseHeaders().add(name, value);
        }

        void send(int status, String contentType, String body) throws IOException {
            send(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        void send(int status, String contentType, byte[] body) throws IOException {
            responded = true;
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }

        void json(int status, String body) throws IOException {
            send(status, "application/json; charset=utf-8", body);
        }

        /** Starts a chunked response of unknown length. */
        OutputStream stream(int status, String contentType) throws IOException {
            responded = true;
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.sendResponseHeaders(status, 0);
            return ex.getResponseBody();
        }
    }

    static void pause(@Nullable Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The error code each style uses for a status. */
    static String codeFor(Style style, int status) {
        switch (status) {
            case 400: return style == Style.ARM ? "BadRequest" : "BadRequest";
            case 401: return style == Style.ARM ? "InvalidAuthenticationToken" : "Unauthorized";
            case 403: return style == Style.ARM ? "AuthorizationFailed" : "Forbidden";
            case 404: return style == Style.ARM ? "NotFound" : "NotFound";
            case 429: return style == Style.ARM ? "RateLimiting" : "TooManyRequests";
            case 500: return "InternalServerError";
            case 502: return "BadGateway";
            case 503: return "ServiceUnavailable";
            case 504: return "GatewayTimeout";
            default: return "Error" + status;
        }
    }

    /** Answers an error in the style's envelope. */
    void error(Call c, Style style, int status, String code, String message) throws IOException {
        String rid = nextRequestId();
        switch (style) {
            case MDE:
                c.json(status, "{\"error\":{\"code\":" + MiniJson.quote(code) + ",\"message\":" + MiniJson.quote(message)
                        + ",\"target\":" + MiniJson.quote(rid) + "}}");
                break;
            case ARM:
                c.header("x-ms-request-id", rid);
                c.header("x-ms-correlation-request-id", rid);
                c.json(status, "{\"error\":{\"code\":" + MiniJson.quote(code) + ",\"message\":" + MiniJson.quote(message)
                        + (status == 429 ? ",\"details\":[{\"code\":\"RateLimiting\",\"message\":\"Client application has"
                        + " been throttled and should not attempt to repeat the request until an amount of time has"
                        + " elapsed. Please see https://aka.ms/resourcegraph-throttling for help.\"}]" : "")
                        + "}}");
                break;
            case ENTRA:
                entraError(c, status, code, message);
                break;
            default:
                blobError(c, status, code, message, null);
        }
    }

    void entraError(Call c, int status, String error, String description) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("AADSTS(\\d+)").matcher(description);
        String codes = m.find() ? m.group(1) : "0";
        String trace = nextRequestId();
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC).format(now());
        String full = description + "\r\nTrace ID: " + trace + "\r\nCorrelation ID: " + trace + "\r\nTimestamp: " + when;
        c.json(status, "{\"error\":" + MiniJson.quote(error) + ",\"error_description\":" + MiniJson.quote(full)
                + ",\"error_codes\":[" + codes + "],\"timestamp\":" + MiniJson.quote(when) + ",\"trace_id\":"
                + MiniJson.quote(trace) + ",\"correlation_id\":" + MiniJson.quote(trace)
                + ",\"error_uri\":\"https://login.microsoftonline.com/error?code=" + codes + "\"}");
    }

    void blobError(Call c, int status, String code, String message, @Nullable String detail) throws IOException {
        String rid = nextRequestId();
        c.header("x-ms-request-id", rid);
        c.header("x-ms-error-code", code);
        c.header("x-ms-version", "2020-08-04");
        String time = DateTimeFormatter.ISO_INSTANT.format(now());
        c.send(status, "application/xml", "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code
                + "</Code><Message>" + message + "\nRequestId:" + rid + "\nTime:" + time + "</Message>"
                + (detail == null ? "" : "<AuthenticationErrorDetail>" + detail + "</AuthenticationErrorDetail>")
                + "</Error>");
    }

    /**
     * Applies a fault that replaces the whole response. Body-shaping faults (reset, truncate,
     * dribble, links, repeat) are left to the handler.
     *
     * @return true when the response was sent
     */
    boolean applyResponseFault(Call c, @Nullable Fault f, Style style, @Nullable TokenService tokens)
            throws IOException {
        if (f == null) {
            return false;
        }
        switch (f.kind()) {
            case DELAY:
                pause(f.duration());
                return false;
            case THROTTLE:
                if (f.duration() != null) {
                    c.header("Retry-After", Long.toString(Math.max(0, f.duration().toSeconds())));
                }
                if (style == Style.ARM) {
                    c.header("x-ms-user-quota-remaining", "0");
                    c.header("x-ms-user-quota-resets-after", "00:00:01");
                }
                error(c, style, 429, codeFor(style, 429), style == Style.ARM
                        ? "Please provide below info when asking for support: timestamp = " + now() + ", correlationId = "
                        + nextRequestId() + "."
                        : "API call has been throttled: the quota limit was exceeded. Retry after the interval in the"
                        + " Retry-After header.");
                return true;
            case STATUS:
                error(c, style, f.httpStatus(), codeFor(style, f.httpStatus()),
                        "Simulated server error " + f.httpStatus() + "; retry the operation.");
                return true;
            case EMPTY_BODY:
                c.send(200, style == Style.BLOB ? "application/octet-stream" : "application/json; charset=utf-8",
                        new byte[0]);
                return true;
            case WRONG_SHAPE:
                switch (style) {
                    case MDE:
                        c.json(200, "{\"@odata.context\":\"wrong\",\"value\":{\"unexpected\":\"an object where an array"
                                + " belongs\"},\"@odata.nextLink\":42}");
                        break;
                    case ARM:
                        c.json(200, "{\"totalRecords\":\"many\",\"count\":null,\"data\":{\"rows\":\"not an array\"},"
                                + "\"facets\":{},\"resultTruncated\":false}");
                        break;
                    case ENTRA:
                        c.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":\"soon\"}");
                        break;
                    default:
                        c.send(200, "application/octet-stream", Gz.gzip("[1,2,3]\n[\"not\",\"a\",\"row\"]\n"));
                }
                return true;
            case UNAUTHORIZED:
                unauthorized(c, style, "Invalid Authorization payload.", false);
                return true;
            case FORBIDDEN:
                error(c, style, 403, codeFor(style, 403), style == Style.ARM
                        ? "The client does not have authorization to perform action over scope or the scope is invalid."
                        : "Missing application roles. API required roles: Vulnerability.Read.All,Machine.Read.All");
                return true;
            case EXPIRE_TOKEN:
                if (tokens != null) {
                    tokens.expire(c.header("Authorization"));
                }
                unauthorized(c, style, "The access token has expired.", true);
                return true;
            case SECRET_ROTATION:
                if (tokens != null && f.newSecret() != null) {
                    tokens.rotateSecret(f.newSecret(), true);
                }
                unauthorized(c, style, "Invalid Authorization payload.", false);
                return true;
            default:
                return false;
        }
    }

    void unauthorized(Call c, Style style, String message, boolean expired) throws IOException {
        if (style == Style.ARM) {
            c.header("WWW-Authenticate", "Bearer authorization_uri=\"" + baseUrl() + "/\", error=\"invalid_token\","
                    + " error_description=\"" + (expired ? "The access token has expired" : "The access token is invalid")
                    + "\"");
            error(c, style, 401, expired ? "ExpiredAuthenticationToken" : "InvalidAuthenticationToken",
                    expired ? "The access token expiry UTC time is earlier than current UTC time '"
                            + DateTimeFormatter.ISO_INSTANT.format(now()) + "'." : "The access token is invalid.");
        } else {
            error(c, style, 401, "Unauthorized", message);
        }
    }
}
