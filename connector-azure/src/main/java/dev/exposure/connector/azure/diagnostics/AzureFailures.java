package dev.exposure.connector.azure.diagnostics;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.identity.CredentialUnavailableException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.exposure.connector.AuthenticationException;
import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.ServiceException;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.azure.http.RetryRules;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The one failure mapper of the Microsoft connectors: turns an API's error answer, or an exception
 * thrown while sending (token acquisition included), into the SDK's typed exceptions, with advice
 * that names the configured hosts and ports and never a secret or a token. The vendor supplies
 * its words through {@link AzureGuidance}.
 *
 * <p>It tells apart: the login host refusing the connection's client secret; the login host
 * refusing a {@code TokenCredential} the host lent (no secret advice then); the API refusing a
 * token it was given (HTTP 401: audience, tenant, scope); and the API refusing a permission (HTTP
 * 403, the vendor's grant text). Immutable and thread-safe.
 */
public final class AzureFailures {
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern SIG = Pattern.compile("(?i)(sig|signature|client_secret|access_token)=[^&\\s\"]+");

    private final AzureGuidance guidance;
    private final URI api;
    private final URI login;
    private final String scope;
    private final boolean lentCredential;
    private final UnaryOperator<String> redact;

    /**
     * @param guidance the vendor's words
     * @param api the API base URL as configured
     * @param login the login authority as configured (e.g. {@code https://login.microsoftonline.com/})
     * @param scope the token scope requested for the API
     * @param lentCredential whether the host lent the {@code TokenCredential} (then the connection's
     *     client secret is not used and no advice mentions it)
     * @param redact masks secrets (the client secret) in any text taken from a failure
     */
    public AzureFailures(AzureGuidance guidance, URI api, URI login, String scope, boolean lentCredential,
                         UnaryOperator<String> redact) {
        this.guidance = Objects.requireNonNull(guidance, "guidance");
        this.api = Objects.requireNonNull(api, "api");
        this.login = Objects.requireNonNull(login, "login");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.lentCredential = lentCredential;
        this.redact = Objects.requireNonNull(redact, "redact");
    }

    /** @return the vendor's words */
    public AzureGuidance guidance() {
        return guidance;
    }

    /**
     * A failure with its finding and its advice apart, so a connection check shows each once.
     *
     * @param exception the typed exception (its message is the finding followed by the advice)
     * @param finding what happened, without secrets
     * @param advice what to do about it
     */
    public record Explained(ConnectorException exception, String finding, String advice) { }

    /** @return advice for an unreachable host, naming the configured hosts and ports */
    public String networkAdvice() {
        return "Check that this machine can reach " + hostPort(api) + (sameEndpoint() ? "" : " and " + hostPort(login))
                + " (firewall, proxy, DNS); behind a proxy, set HTTPS_PROXY (or the Java proxy system properties)"
                + " for this process.";
    }

    /** @return advice on the login authority, the tenant and the application (or on the lent credential) */
    public String loginAdvice() {
        if (lentCredential) {
            return "The connection uses the TokenCredential lent by the host application: check that credential's"
                    + " own configuration (its tenant, identity and login host).";
        }
        return "Verify the Authentication URL is " + login + " (with trailing slash) for this cloud, confirm the"
                + " Tenant ID and Client ID match the values on the Azure application overview page, and ensure the"
                + " registered application has not been deleted or disabled in Entra ID.";
    }

    /** @return advice when the login host refuses the credential */
    public String credentialAdvice() {
        if (lentCredential) {
            return "The TokenCredential lent by the host application was refused: check that credential (its tenant,"
                    + " identity and whether it may obtain a token for " + scope + "); the connection's client id and"
                    + " client secret are not used with a lent credential.";
        }
        return "The Client Secret may be expired or incorrect: verify the Tenant ID, Client ID and Client Secret (the"
                + " secret's Value, not its ID), check the secret's expiration date in the Azure portal and regenerate"
                + " it under Certificates & secrets if needed, and make sure admin consent has been granted for all"
                + " required API permissions.";
    }

    /**
     * @return advice when the API refuses a token the login host issued (HTTP 401): the token's
     *     audience, tenant and cloud first, then the credential advice (the spec's words for a 401)
     */
    public String tokenRefusedAdvice() {
        return "The login host issued a token but " + guidance.api() + " did not accept it: check that the token is"
                + " for this API (scope " + scope + "), that the Tenant ID is the tenant the API serves and that the"
                + " cloud setting matches the API host (a token of another cloud or tenant is refused). "
                + credentialAdvice();
    }

    /** @return advice when a TLS handshake fails */
    public String tlsAdvice() {
        return "Check that no proxy intercepts TLS with a certificate this JVM does not trust, and that the JVM"
                + " truststore (or the SSLContext lent to the connector) trusts the certificates of " + hostPort(api)
                + (sameEndpoint() ? "" : " and " + hostPort(login)) + ".";
    }

    /**
     * Maps an API's error answer.
     *
     * @param status the HTTP status
     * @param error what the body said (redacted here)
     * @param retryAfter the server's requested wait, if any
     * @param what what the request was for, e.g. {@code machines}
     * @param permission the permission or role the request needs
     * @param source the request, safe to show
     * @param cause the exception that carried the answer, if any
     * @return the typed exception
     */
    public ConnectorException status(int status, ApiError error, @Nullable Duration retryAfter, String what,
                                     String permission, String source, @Nullable Throwable cause) {
        ApiError safe = error.redacted(redact);
        String vendor = safe.describe();
        String vendorPart = vendor.isEmpty() ? "" : ": " + vendor;
        if (status == 401) {
            String own = guidance.unauthorized(safe);
            if (own != null) {
                return new AuthenticationException(guidance.api() + " refused the request (HTTP 401" + vendorPart
                        + "). " + own, source, cause);
            }
            return new AuthenticationException(guidance.api() + " refused the access token (HTTP 401 Unauthorized"
                    + vendorPart + "). " + tokenRefusedAdvice(), source, cause);
        }
        if (status == 403) {
            String missing = guidance.missingPermission(safe, permission);
            return new AuthorizationException("the application lacks the " + missing + " needed for " + what
                    + " (HTTP 403 Forbidden" + vendorPart + "). " + guidance.grant(List.of(missing)), missing, source,
                    cause);
        }
        if (status == 429) {
            return new RateLimitedException(guidance.api() + " kept throttling " + what + " requests (HTTP 429"
                    + vendorPart + ") after the connector's retries" + (retryAfter == null ? ""
                    : "; it asked to wait " + retryAfter.toSeconds() + " s") + ". Run again later; other"
                    + " applications may share this app's quota.", retryAfter, source, cause);
        }
        if (isTransientStatus(status) || status >= 500) {
            return new TransientException(guidance.api() + " failed with HTTP " + status + vendorPart
                    + " after the connector's retries; run again later", source, cause);
        }
        return new ServiceException(guidance.api() + " refused the request with HTTP " + status + vendorPart, status,
                safe.code(), source, cause);
    }

    /**
     * Maps an exception thrown while sending a request or acquiring its token.
     *
     * @param e the exception
     * @param source the request, safe to show
     * @return the typed exception ({@code e} itself when it is one already)
     */
    public ConnectorException thrown(Throwable e, String source) {
        return explain(e, source).exception();
    }

    /**
     * As {@link #thrown}, with the finding and the advice apart.
     *
     * @param e the exception
     * @param source the request, safe to show
     * @return the explained failure
     */
    public Explained explain(Throwable e, String source) {
        if (e instanceof ConnectorException ce) {
            return new Explained(ce, redact.apply(String.valueOf(ce.getMessage())), "");
        }
        if (Thread.currentThread().isInterrupted() || find(e, InterruptedException.class).isPresent()) {
            return new Explained(new ConnectorInterruptedException(source + " was interrupted", e),
                    source + " was interrupted", "");
        }
        String token = tokenUrl();
        boolean credential = isCredentialFailure(e);
        Optional<MsalServiceException> msal = find(e, MsalServiceException.class);
        if (msal.isPresent()) {
            int s = msal.get().statusCode();
            String detail = redact.apply(firstLine(msal.get().getMessage()));
            if (s == 400 || s == 401 || s == 403) {
                return auth("Entra ID refused the credential (HTTP " + s + ", " + msal.get().errorCode() + ": "
                        + detail + ")", credentialAdvice() + " " + loginAdvice(), token, e);
            }
            return transientFailure("the Entra ID token endpoint " + hostPort(login) + " failed (HTTP " + s + ": "
                    + detail + ")", "Run again later.", token, e);
        }
        if (find(e, SSLException.class).isPresent()) {
            URI host = credential ? login : api;
            return transientFailure("the TLS handshake with " + hostPort(host) + " failed (" + rootText(e) + ")",
                    tlsAdvice(), credential ? token : source, e);
        }
        if (find(e, UnknownHostException.class).isPresent() || find(e, ConnectException.class).isPresent()
                || find(e, HttpTimeoutException.class).isPresent() || find(e, SocketTimeoutException.class).isPresent()) {
            URI host = credential ? login : api;
            return transientFailure("cannot reach " + (credential ? "the login host " : guidance.api() + " at ")
                    + hostPort(host) + " (" + rootText(e) + ")", networkAdvice()
                    + (credential ? " " + loginAdvice() : ""), credential ? token : source, e);
        }
        if (find(e, ClientAuthenticationException.class).isPresent()
                || find(e, CredentialUnavailableException.class).isPresent()) {
            return auth("the credential could not obtain a token (" + redact.apply(firstLine(e.getMessage())) + ")",
                    credentialAdvice(), token, e);
        }
        if (credential) {
            return auth("the credential could not obtain a token (" + rootText(e) + ")", loginAdvice(), token, e);
        }
        if (e instanceof HttpResponseException h && h.getResponse() != null
                && h.getResponse().getStatusCode() / 100 == 2) {
            String f = guidance.api() + " sent a body that could not be read: " + rootText(e);
            return new Explained(new DataException(f, source, e), f, "");
        }
        if (isIo(e)) {
            return transientFailure("the connection to " + guidance.api() + " failed or was cut short ("
                    + rootText(e) + ") after the connector's retries", "Run again later.", source, e);
        }
        if (String.valueOf(e.getMessage()).contains("HTTPS protocol scheme")) {
            String f = "azure-core refuses to send a bearer token over plain http; use an https API URL";
            return new Explained(new ConfigurationException(guidance.apiUrlField(), f), f, "");
        }
        // not I/O, not the credential: the client failed on what the API sent (e.g. a body it cannot model)
        String f = "unexpected failure reading " + guidance.api() + "'s answer: " + rootText(e);
        return new Explained(new DataException(f, source, e), f, "Check the connector logs.");
    }

    private Explained auth(String finding, String advice, String source, Throwable e) {
        return new Explained(new AuthenticationException(finding + ". " + advice, source, e), finding, advice);
    }

    private Explained transientFailure(String finding, String advice, String source, Throwable e) {
        return new Explained(new TransientException(finding + ". " + advice, source, e), finding, advice);
    }

    /** @return the token endpoint of the configured authority, with the tenant left out */
    public String tokenUrl() {
        String a = login.toString();
        return (a.endsWith("/") ? a : a + "/") + "{tenant}/oauth2/v2.0/token";
    }

    /** @return the API host and the login host are one endpoint (a test server) */
    boolean sameEndpoint() {
        return hostPort(api).equalsIgnoreCase(hostPort(login));
    }

    /**
     * @param uri a URL
     * @return {@code host:port}, the port defaulted by scheme
     */
    public static String hostPort(URI uri) {
        return uri.getHost() + ":" + port(uri);
    }

    /**
     * @param uri a URL
     * @return its port, or 443 for https and 80 for http when none is given
     */
    public static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    /**
     * @param status an HTTP status
     * @return whether the status is one a resend may cure (408, 500, 502, 503, 504)
     */
    public static boolean isTransientStatus(int status) {
        return status == 408 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /**
     * @param e a failure
     * @return whether it comes from acquiring a token (MSAL, azure-identity)
     */
    public static boolean isCredentialFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().startsWith("com.microsoft.aad.msal4j.")
                    || t instanceof ClientAuthenticationException || t instanceof CredentialUnavailableException) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param e a failure
     * @return whether a failed exchange may succeed when sent again (connection failures, timeouts;
     *     not an unknown host or a refused certificate)
     */
    public static boolean isRetryableIo(Throwable e) {
        return RetryRules.DEFAULT.retries(e);
    }

    /**
     * @param e a failure
     * @return whether it is an I/O failure or a timeout anywhere in its causes
     */
    public static boolean isIo(Throwable e) {
        return find(e, IOException.class).isPresent() || find(e, UncheckedIOException.class).isPresent()
                || find(e, TimeoutException.class).isPresent() || find(e, InterruptedIOException.class).isPresent();
    }

    /**
     * @param e a failure
     * @param type a type
     * @param <T> the type
     * @return the first of its causes (itself included, at most 32 deep) of that type
     */
    public static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 32; depth++) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return Optional.empty();
    }

    /**
     * @param e a failure
     * @return its root cause's simple class name and first message line
     */
    public static String rootText(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
    }

    /**
     * @param s a text
     * @return its first line, without a Jackson payload quote, at most 300 characters, bearer tokens masked
     */
    public static String firstLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl);
        int src = t.indexOf(" at [Source:");   // Jackson quotes the payload there: keep it out of messages
        t = src < 0 ? t : t.substring(0, src);
        return scrub(t.length() > 300 ? t.substring(0, 300) + "..." : t);
    }

    /**
     * @param text any text
     * @return the text with bearer tokens and signed query parameters masked
     */
    public static String scrub(String text) {
        return SIG.matcher(BEARER.matcher(text).replaceAll("Bearer ****")).replaceAll("$1=****");
    }

    /**
     * @param url a URL
     * @return the URL without its query (for download links whose query is a signature)
     */
    public static String withoutQuery(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (RuntimeException e) {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q);
        }
    }

    @Override
    public String toString() {
        return "AzureFailures{api=" + hostPort(api) + ", login=" + hostPort(login) + ", lent="
                + lentCredential + "}";
    }

}
