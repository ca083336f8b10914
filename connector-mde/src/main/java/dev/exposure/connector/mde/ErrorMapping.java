package dev.exposure.connector.mde;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.exposure.connector.AuthenticationException;
import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.ServiceException;
import dev.exposure.connector.TransientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * Turns HTTP answers and transport exceptions into the SDK's typed errors, with the spec's
 * troubleshooting guidance and never a secret or a token in the text.
 */
final class ErrorMapping {
    static final String GUIDANCE_401 = "The Client Secret may be expired or incorrect: verify the Tenant ID, Client ID"
            + " and Client Secret, check the secret's expiration date in the Azure portal and regenerate it if"
            + " needed, and make sure admin consent has been granted for all required API permissions.";
    static final String GUIDANCE_403 = "The application has authenticated but lacks the required permissions: verify"
            + " that Machine.Read.All and Vulnerability.Read.All are assigned under WindowsDefenderATP (API"
            + " permissions > APIs my organization uses > WindowsDefenderATP > Application permissions) and that"
            + " admin consent has been granted. Some APIs require tokens issued for the resource"
            + " https://api.securitycenter.microsoft.com.";
    static final String GUIDANCE_CONNECTION = "Verify the Authentication URL is https://login.microsoftonline.com/"
            + " (with trailing slash) or your cloud's login host, confirm the Tenant ID and Client ID match the"
            + " values on the Azure application overview page, and ensure the registered application has not"
            + " been deleted or disabled in Entra ID.";
    static final String GUIDANCE_NETWORK = "Check that the host can reach the API and login hosts on port 443"
            + " (firewall, proxy, DNS).";

    private static final Pattern REQUIRED_ROLES = Pattern.compile("required roles?:\\s*([A-Za-z.]+(?:\\s*,\\s*[A-Za-z.]+)*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern SIG = Pattern.compile("(?i)(sig|signature|client_secret|access_token)=[^&\\s\"]+");
    private static final JsonFactory JSON = new JsonFactory();

    private ErrorMapping() { }

    /** The MDE error envelope, {@code {"error":{"code","message","target"}}}, or what could be read. */
    record VendorError(@Nullable String code, @Nullable String message, @Nullable String target) {
        String describe() {
            StringBuilder sb = new StringBuilder();
            if (code != null) {
                sb.append(code);
            }
            if (message != null) {
                sb.append(sb.length() > 0 ? ": " : "").append(message);
            }
            if (target != null) {
                sb.append(" (tracking id ").append(target).append(')');
            }
            return sb.toString();
        }
    }

    /** Reads at most 16 KB of an error body and extracts the envelope, tolerating non-JSON bodies. */
    static VendorError readError(@Nullable InputStream in) {
        if (in == null) {
            return new VendorError(null, null, null);
        }
        byte[] bytes;
        try (InputStream s = in) {
            bytes = s.readNBytes(16 * 1024);
        } catch (IOException | RuntimeException e) {
            return new VendorError(null, null, null);
        }
        String code = null;
        String message = null;
        String target = null;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken t = p.nextToken();
                    if ("error".equals(f) && t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String g = p.currentName();
                            JsonToken v = p.nextToken();
                            if (v.isScalarValue()) {
                                switch (g) {
                                    case "code" -> code = p.getValueAsString();
                                    case "message" -> message = p.getValueAsString();
                                    case "target" -> target = p.getValueAsString();
                                    default -> { }
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else if ("error".equals(f) && t == JsonToken.VALUE_STRING) {
                        code = p.getValueAsString();
                    } else if ("error_description".equals(f) && t == JsonToken.VALUE_STRING) {
                        message = p.getValueAsString();
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ")
                    .replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
            if (!text.isEmpty()) {
                message = "non-JSON body: " + (text.length() > 160 ? text.substring(0, 160) + "..." : text);
            }
        }
        return new VendorError(code == null ? null : scrub(code), message == null ? null : scrub(clip(message)),
                target == null ? null : scrub(target));
    }

    private static @Nullable String clip(@Nullable String s) {
        return s == null || s.length() <= 400 ? s : s.substring(0, 400) + "...";
    }

    /**
     * Maps a non-success API answer.
     *
     * @param status the HTTP status
     * @param error the vendor error
     * @param retryAfter the server's requested wait, if any
     * @param call what the request belonged to
     * @param url the request URL (safe to show)
     */
    static ConnectorException fromStatus(int status, VendorError error, @Nullable Duration retryAfter, Call call,
                                         String url) {
        String vendor = error.describe();
        String vendorPart = vendor.isEmpty() ? "" : ": " + vendor;
        String source = call.source() + " " + url;
        if (status == 401) {
            String msg = error.message() == null ? "" : error.message().toLowerCase(java.util.Locale.ROOT);
            if (msg.contains("license") || msg.contains("not provisioned") || msg.contains("inactive")) {
                return new AuthenticationException("the MDE API refused the request (HTTP 401" + vendorPart
                        + "). The tenant is not licensed or provisioned for this API (Defender for Endpoint /"
                        + " Defender Vulnerability Management); check the tenant's licences and onboarding.",
                        source, null);
            }
            return new AuthenticationException("the MDE API refused the access token (HTTP 401 Unauthorized"
                    + vendorPart + "). " + GUIDANCE_401, source, null);
        }
        if (status == 403) {
            String permission = call.family().permission;
            if (error.message() != null) {
                Matcher m = REQUIRED_ROLES.matcher(error.message());
                if (m.find()) {
                    permission = m.group(1).trim();
                }
            }
            return new AuthorizationException("the application lacks the permission " + permission + " needed for "
                    + call.family().label + " (HTTP 403 Forbidden" + vendorPart + "). Add the WindowsDefenderATP"
                    + " application permission " + permission + " and grant admin consent. " + GUIDANCE_403,
                    permission, source, null);
        }
        if (status == 429) {
            return new RateLimitedException("the MDE API kept throttling " + call.family().label
                    + " requests (HTTP 429" + vendorPart + ") after the connector's retries"
                    + (retryAfter == null ? "" : "; it asked to wait " + retryAfter.toSeconds() + " s")
                    + ". Run again later; other applications may share this app's quota.", retryAfter, source, null);
        }
        if (status >= 500) {
            return new TransientException("the MDE API failed with HTTP " + status + vendorPart
                    + " after the connector's retries; run again later", source, null);
        }
        return new ServiceException("the MDE API refused the request with HTTP " + status + vendorPart, status,
                error.code(), source, null);
    }

    /** @return whether the exception comes from acquiring a token (MSAL, azure-identity) */
    static boolean isCredentialFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String n = t.getClass().getName();
            if (n.startsWith("com.microsoft.aad.msal4j.") || t instanceof ClientAuthenticationException
                    || t instanceof CredentialUnavailableException) {
                return true;
            }
        }
        return false;
    }

    static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /**
     * Maps an exception thrown while sending (token acquisition included).
     *
     * @param e the exception
     * @param call what the request belonged to
     * @param url the request URL (safe to show)
     * @param authority the login authority, for token errors
     */
    static ConnectorException fromThrowable(Throwable e, Call call, String url, String authority) {
        if (e instanceof ConnectorException ce) {
            return ce;
        }
        if (Thread.currentThread().isInterrupted() || find(e, InterruptedException.class).isPresent()
                || (find(e, InterruptedIOException.class).isPresent() && Thread.currentThread().isInterrupted())) {
            return new ConnectorInterruptedException(call.source() + " was interrupted", e);
        }
        String source = call.source() + " " + url;
        Optional<MsalServiceException> msal = find(e, MsalServiceException.class);
        if (msal.isPresent()) {
            int s = msal.get().statusCode();
            String detail = firstLine(msal.get().getMessage());
            if (s == 400 || s == 401 || s == 403) {
                return new AuthenticationException("Entra ID refused the credential (HTTP " + s + ", "
                        + msal.get().errorCode() + ": " + detail + "). " + GUIDANCE_401 + " " + GUIDANCE_CONNECTION,
                        tokenUrl(authority), e);
            }
            return new TransientException("the Entra ID token endpoint failed (HTTP " + s + ": " + detail
                    + "); run again later", tokenUrl(authority), e);
        }
        boolean credential = isCredentialFailure(e);
        if (find(e, SSLException.class).isPresent()) {
            return new TransientException("the TLS handshake with " + (credential ? "the login host" : "the API host")
                    + " failed (" + rootText(e) + "); check proxies that intercept TLS and the truststore",
                    credential ? tokenUrl(authority) : source, e);
        }
        if (find(e, UnknownHostException.class).isPresent() || find(e, ConnectException.class).isPresent()
                || find(e, HttpTimeoutException.class).isPresent()
                || find(e, java.net.SocketTimeoutException.class).isPresent()) {
            return new TransientException("cannot reach " + (credential ? "the login host" : "the MDE API host")
                    + " (" + rootText(e) + "). " + GUIDANCE_NETWORK + (credential ? " " + GUIDANCE_CONNECTION : ""),
                    credential ? tokenUrl(authority) : source, e);
        }
        if (e instanceof ClientAuthenticationException || find(e, CredentialUnavailableException.class).isPresent()
                || find(e, ClientAuthenticationException.class).isPresent()) {
            return new AuthenticationException("the credential could not obtain a token (" + firstLine(e.getMessage())
                    + "). " + GUIDANCE_401, tokenUrl(authority), e);
        }
        if (credential) {
            return new AuthenticationException("the credential could not obtain a token (" + rootText(e) + "). "
                    + GUIDANCE_CONNECTION, tokenUrl(authority), e);
        }
        if (find(e, IOException.class).isPresent()) {
            return new TransientException("the connection to the MDE API failed (" + rootText(e)
                    + ") after the connector's retries; run again later", source, e);
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("HTTPS protocol scheme")) {
            return new dev.exposure.connector.ConfigurationException(MdeConfig.API_BASE_URL,
                    "azure-core refuses to send a bearer token over plain http; use an https API base URL");
        }
        return new TransientException("the request failed unexpectedly (" + rootText(e) + ")", source, e);
    }

    static String tokenUrl(String authority) {
        String a = authority.endsWith("/") ? authority : authority + "/";
        return a + "{tenant}/oauth2/v2.0/token";
    }

    static String rootText(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
    }

    static String firstLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        t = nl < 0 ? t : t.substring(0, nl);
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    /** Masks bearer tokens and signed query parameters in any text. */
    static String scrub(String text) {
        return SIG.matcher(BEARER.matcher(text).replaceAll("Bearer ****")).replaceAll("$1=****");
    }

    /** @return the URL without its query (for download links whose query is a signature) */
    static String withoutQuery(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (RuntimeException e) {
            int q = url.indexOf('?');
            return q < 0 ? url : url.substring(0, q);
        }
    }
}
