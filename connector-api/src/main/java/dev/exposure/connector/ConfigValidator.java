package dev.exposure.connector;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A check of one parsed configuration value, declared on its {@link ConfigKey}. It returns the
 * problem as the rest of a sentence that starts with the field name ({@code "'http://x' must use
 * https; expected ..."}), naming the fix; {@link ConfigDefinition#parse} turns it into a
 * {@link ConfigError} of that field.
 *
 * <p>Validators see one value only; rules that relate two fields (a login host and an API host of
 * the same cloud) belong to the connector, after parsing. Implementations must be stateless and
 * thread-safe, and must never put a secret into the message.
 *
 * @param <T> the value type
 * @since 0.1
 */
@FunctionalInterface
public interface ConfigValidator<T> {

    /**
     * Checks a value.
     *
     * @param value the parsed value, never null
     * @return the problem and its fix, or empty when the value is acceptable
     */
    Optional<String> check(T value);

    /**
     * An absolute {@code https} URL with a host and without query, fragment or user info. Plain
     * {@code http} is refused because tokens are sent over it, except, when {@code loopbackHttp} is
     * true, on a loopback address ({@code localhost}, {@code 127.x.x.x}, {@code ::1}), for local test
     * servers.
     *
     * @param expected what the URL should be, for the message, e.g. {@code "the Microsoft Entra ID
     *     authority, e.g. https://login.microsoftonline.com/"}
     * @param loopbackHttp whether plain http is accepted on loopback addresses
     * @return the validator
     */
    static ConfigValidator<String> httpsUrl(String expected, boolean loopbackHttp) {
        Objects.requireNonNull(expected, "expected must not be null");
        return url -> {
            URI uri;
            try {
                uri = new URI(url);
            } catch (Exception e) {
                return Optional.of("'" + url + "' is not a URL; expected " + expected);
            }
            if (uri.getScheme() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
                return Optional.of("'" + url + "' has no host; expected " + expected);
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return Optional.of("'" + url + "' must not carry a query, fragment or user info; expected "
                        + expected);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("http")) {
                if (loopbackHttp && isLoopbackHost(uri.getHost())) {
                    return Optional.empty();
                }
                return Optional.of("'" + url + "' uses plain http; tokens would travel in clear text, so only"
                        + " https is accepted" + (loopbackHttp ? " (plain http only on loopback addresses, for tests)"
                        : "") + "; expected " + expected);
            }
            if (!scheme.equals("https")) {
                return Optional.of("'" + url + "' must use https; expected " + expected);
            }
            return Optional.empty();
        };
    }

    /**
     * A text that ends with a given suffix, e.g. an OAuth scope ending in {@code /.default}.
     *
     * @param suffix the required ending
     * @param example a valid value, for the message
     * @return the validator
     */
    static ConfigValidator<String> endsWith(String suffix, String example) {
        Objects.requireNonNull(suffix, "suffix must not be null");
        Objects.requireNonNull(example, "example must not be null");
        return v -> v.endsWith(suffix) ? Optional.empty()
                : Optional.of("'" + v + "' must end in " + suffix + ", e.g. " + example);
    }

    /** Whether a host names the loopback interface, without any DNS lookup. */
    private static boolean isLoopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
