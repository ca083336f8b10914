package dev.exposure.connector.azure;

import com.azure.core.http.ProxyOptions;
import com.azure.core.util.Configuration;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The proxy settings every Azure SDK client honours, read once for the connectors: azure-core's
 * {@link ProxyOptions#fromConfiguration(Configuration, boolean)} over a {@link Configuration}
 * (by default the global one: environment and Java system properties).
 *
 * <p>What azure-core reads, in order: when the Java property {@code java.net.useSystemProxies} is
 * {@code true}, the environment variables {@code HTTPS_PROXY}, then {@code HTTP_PROXY} (with
 * {@code NO_PROXY}); then the Java properties {@code https.proxyHost}/{@code https.proxyPort}, then
 * {@code http.proxyHost}/{@code http.proxyPort} (with {@code http.nonProxyHosts} and
 * {@code proxyUser}/{@code proxyPassword}). Nothing set means direct connections.
 *
 * <p>For connector implementers: the HTTP client built by {@code AzureHttp} uses
 * {@link #options(Configuration)}; connection probes that open their own sockets use
 * {@link #proxyFor(URI, Configuration)} so that they go the same way as the requests. Stateless.
 */
public final class AzureProxy {
    private AzureProxy() { }

    /**
     * @param configuration where to read the settings (null: the global configuration)
     * @return the proxy to use, or empty for direct connections
     */
    public static Optional<ProxyOptions> options(@Nullable Configuration configuration) {
        Configuration c = configuration == null ? Configuration.getGlobalConfiguration() : configuration;
        return Optional.ofNullable(ProxyOptions.fromConfiguration(c, true));
    }

    /**
     * The proxy a request to {@code target} goes through, honouring the non-proxy hosts
     * ({@code NO_PROXY} / {@code http.nonProxyHosts}).
     *
     * @param target the URL about to be contacted
     * @param configuration where to read the settings (null: the global configuration)
     * @return the proxy's address (unresolved), or empty for a direct connection
     */
    public static Optional<InetSocketAddress> proxyFor(URI target, @Nullable Configuration configuration) {
        Optional<ProxyOptions> options = options(configuration);
        if (options.isEmpty() || options.get().getType() != ProxyOptions.Type.HTTP) {
            return options.map(ProxyOptions::getAddress);
        }
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        return bypassed(host, options.get().getNonProxyHosts()) ? Optional.empty()
                : Optional.of(options.get().getAddress());
    }

    /**
     * @param host a lower-case host name
     * @param nonProxyHosts azure-core's non-proxy pattern (a regular expression of alternatives), or null
     * @return whether the host is reached directly
     */
    static boolean bypassed(String host, @Nullable String nonProxyHosts) {
        if (nonProxyHosts == null || nonProxyHosts.isBlank()) {
            return false;
        }
        return Pattern.compile(nonProxyHosts, Pattern.CASE_INSENSITIVE).matcher(host).matches();
    }
}
