package dev.exposure.connector.mdc;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.exposure.connector.AuthenticationException;
import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.ServiceException;
import dev.exposure.connector.TransientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Turns azure-core, MSAL and I/O failures into the SDK's typed exceptions, without secrets. */
final class MdcErrors {
    private static final Pattern SUBSCRIPTION = Pattern.compile(
            "/subscriptions/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    private MdcErrors() { }

    static boolean isTransientStatus(int status) {
        return status == 408 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    static String code(ManagementException e) {
        ManagementError v = e.getValue();
        return v == null || v.getCode() == null ? "" : v.getCode();
    }

    private static String message(ManagementException e) {
        ManagementError v = e.getValue();
        return v == null || v.getMessage() == null ? "" : v.getMessage();
    }

    static ConnectorException map(ManagementException e, int status, String where, List<String> subscriptions,
                                  MdcSettings settings) {
        String code = code(e);
        String msg = redact(message(e), settings);
        if (status == 401) {
            return new AuthenticationException("Azure Resource Manager refused the token (401 " + code + "): check"
                    + " the tenant, the client id and that the client secret has not expired", where, e);
        }
        if (status == 403) {
            String sub = subscriptionIn(msg);
            String target = sub != null ? sub : String.join(", ", subscriptions);
            String role = "Reader role on subscription " + target;
            return new AuthorizationException("Azure refused access (403 " + code + "): assign the app registration"
                    + " the " + role + " (Access control (IAM) > Add role assignment)"
                    + (msg.isEmpty() ? "" : "; Azure said: " + msg), role, where, e);
        }
        if (status == 429) {
            return new RateLimitedException("Resource Graph throttled the request (429 " + code + ")",
                    dev.exposure.connector.azure.http.RetryAfter.of(e.getResponse().getHeaders()).orElse(null), where, e);
        }
        if (isTransientStatus(status) || status >= 500) {
            return new TransientException("Resource Graph failed with " + status + " " + code
                    + "; run again later", where, e);
        }
        return new ServiceException("Resource Graph refused the query (" + status + " " + code + ")"
                + (msg.isEmpty() ? "" : ": " + msg), status, code.isEmpty() ? null : code, where, e);
    }

    static ConnectorException mapOther(RuntimeException e, String where, MdcSettings settings) {
        if (isAuthFailure(e)) {
            return authentication(e, where, settings);
        }
        if (e instanceof HttpResponseException h && h.getResponse() != null) {
            int status = h.getResponse().getStatusCode();
            if (status >= 200 && status < 300) {
                return new DataException("Resource Graph sent a body that could not be read: "
                        + redact(rootName(e), settings), where, e);
            }
            if (status >= 500) {
                return new TransientException("Resource Graph failed with " + status, where, e);
            }
            return new ServiceException("Resource Graph answered " + status, status, null, where, e);
        }
        if (isIo(e)) {
            return new TransientException("Resource Graph could not be reached or the answer was cut short: "
                    + redact(rootName(e), settings), where, e);
        }
        return new DataException("unexpected failure reading Resource Graph: " + redact(rootName(e), settings),
                where, e);
    }

    static ConnectorException authentication(Throwable e, String where, MdcSettings settings) {
        MsalServiceException msal = find(e, MsalServiceException.class);
        if (msal != null && msal.statusCode() >= 500) {
            return new TransientException("the Microsoft Entra ID token endpoint failed with " + msal.statusCode()
                    + "; run again later", where, e);
        }
        String detail = msal != null ? firstLine(msal.getMessage()) : firstLine(rootName(e));
        return new AuthenticationException("Microsoft Entra ID refused the credential: " + redact(detail, settings)
                + "; check the tenant id, the client id and that the client secret is the secret's Value and has"
                + " not expired", where, e);
    }

    static boolean isAuthFailure(Throwable e) {
        MsalServiceException msal = find(e, MsalServiceException.class);
        if (msal != null) {
            return true;
        }
        return find(e, ClientAuthenticationException.class) != null;
    }

    static boolean isIo(Throwable e) {
        return find(e, IOException.class) != null || find(e, UncheckedIOException.class) != null
                || find(e, TimeoutException.class) != null || find(e, HttpTimeoutException.class) != null;
    }

    static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return null;
    }

    static String rootName(Throwable e) {
        Throwable root = e;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
    }

    static @Nullable String subscriptionIn(String text) {
        Matcher m = SUBSCRIPTION.matcher(text);
        return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
    }

    static String redact(String text, MdcSettings settings) {
        return settings.clientSecret() == null ? text : settings.clientSecret().redact(text);
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        int src = line.indexOf(" at [Source:");   // Jackson quotes the payload there: keep it out of messages
        if (src >= 0) {
            line = line.substring(0, src);
        }
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }
}
