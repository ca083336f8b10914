package dev.exposure.connector.azure.http;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.HttpPolicyProviders;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.Configuration;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.azure.AzureProxy;
import dev.exposure.connector.internal.BuildVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Builds the HTTP client and the pipelines of a Microsoft connector, for connector implementers.
 *
 * <p>{@link #client}: the host's azure-core {@link HttpClient} when it lends one; else a JDK client
 * with the {@link Timing}'s connect, read and response timeouts, the lent {@link SSLContext}, and
 * the proxy of azure-core's {@link Configuration} ({@link AzureProxy}; a host may lend a
 * {@code Configuration}, else the global one: environment and Java system properties). Requests
 * keep their {@code Content-Length} header: azure-core's adapter takes a body's length from it (without
 * it a POST goes out in chunks), then drops the header from what it gives the JDK, which sets it
 * itself, and logs that as a WARN ({@code com.azure.core.http.jdk.httpclient.JdkHttpClient}; hosts set
 * that logger to ERROR, as the CLI does).
 *
 * <p>{@link #pipeline}: in this order, the user agent, the caller's per-call policies, the one
 * {@link AzureRetryPolicy} (pacing inside it), the {@link HostGuardPolicy}, the {@link BearerPolicy},
 * the {@link ResponseSizeGuard}, the caller's per-attempt policies, then azure-core's after-retry
 * policies (its instrumentation for the host's tracing, and any {@code AfterRetryPolicyProvider}).
 * No azure-core {@code RetryPolicy} is in any pipeline built here, nor in the credential's.
 */
public final class AzureHttp {
    private AzureHttp() { }

    /**
     * @param context what the host lends ({@link HttpClient}, {@link SSLContext}, {@link Configuration})
     * @param timing the timeouts
     * @return the lent client, or a JDK client built as described above
     */
    public static HttpClient client(ConnectorContext context, Timing timing) {
        return context.find(HttpClient.class).orElseGet(() -> jdkClient(context.find(SSLContext.class).orElse(null),
                context.find(Configuration.class).orElse(null), timing));
    }

    /**
     * @param sslContext the TLS context, or null for the JDK's default
     * @param configuration where proxies are read, or null for the global configuration
     * @param timing the timeouts
     * @return a JDK-based azure-core client
     */
    public static HttpClient jdkClient(@Nullable SSLContext sslContext, @Nullable Configuration configuration,
                                       Timing timing) {
        java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder()
                .connectTimeout(timing.connectTimeout());
        if (sslContext != null) {
            b.sslContext(sslContext);
        }
        JdkHttpClientBuilder builder = new JdkHttpClientBuilder(b).connectionTimeout(timing.connectTimeout())
                .readTimeout(timing.readTimeout()).responseTimeout(timing.responseTimeout());
        if (configuration != null) {
            builder.configuration(configuration);
        }
        AzureProxy.options(configuration).ifPresent(builder::proxy);
        return builder.build();
    }

    /**
     * @param context what the host lends (its {@link ClientOptions} application id goes first)
     * @param product the product token, e.g. {@code connector-mde}
     * @param versionOf a class of the product's jar (its version is used)
     * @return the User-Agent value
     */
    public static String userAgent(ConnectorContext context, String product, Class<?> versionOf) {
        return BuildVersion.userAgent(product, versionOf,
                context.find(ClientOptions.class).map(ClientOptions::getApplicationId).orElse(null));
    }

    /**
     * @param client the HTTP client
     * @return a pipeline builder
     */
    public static PipelineBuilder pipeline(HttpClient client) {
        return new PipelineBuilder(client);
    }

    /** Assembles a pipeline in the documented order. Not thread-safe; the pipeline it builds is. */
    public static final class PipelineBuilder {
        private final HttpClient client;
        private @Nullable String userAgent;
        private final List<HttpPipelinePolicy> perCall = new ArrayList<>();
        private @Nullable AzureRetryPolicy retry;
        private @Nullable HostGuardPolicy guard;
        private @Nullable BearerPolicy bearer;
        private @Nullable ResponseSizeGuard size;
        private final List<HttpPipelinePolicy> perAttempt = new ArrayList<>();

        private PipelineBuilder(HttpClient client) {
            this.client = client;
        }

        /** @param value the User-Agent ({@link AzureHttp#userAgent}) @return this */
        public PipelineBuilder userAgent(String value) {
            this.userAgent = value;
            return this;
        }

        /** @param policy a policy run once per request, before the retry loop @return this */
        public PipelineBuilder perCall(HttpPipelinePolicy policy) {
            perCall.add(policy);
            return this;
        }

        /**
         * @param rules the vendor's retry rules
         * @param timing retry count and back-off
         * @param waits how to wait
         * @param pacer asked before every attempt
         * @return this
         */
        public PipelineBuilder retry(RetryRules rules, Timing timing, Waits waits, Pacer pacer) {
            this.retry = new AzureRetryPolicy(rules, timing, waits, pacer);
            return this;
        }

        /** @param host the only host receiving the token @param port its port @return this */
        public PipelineBuilder hostGuard(String host, int port) {
            this.guard = new HostGuardPolicy(host, port);
            return this;
        }

        /**
         * @param credential where tokens come from
         * @param scope the token scope
         * @param loginHost named when the token request cannot reach it; null for a lent credential
         * @return this
         */
        public PipelineBuilder bearer(TokenCredential credential, String scope, @Nullable String loginHost) {
            this.bearer = new BearerPolicy(credential, scope, loginHost);
            return this;
        }

        /** @param maxBytes the largest declared body @param service named in the error @return this */
        public PipelineBuilder maxResponseBytes(long maxBytes, String service) {
            this.size = new ResponseSizeGuard(maxBytes, service);
            return this;
        }

        /** @param policy a policy run on every attempt, after the bearer token @return this */
        public PipelineBuilder perAttempt(HttpPipelinePolicy policy) {
            perAttempt.add(policy);
            return this;
        }

        /** @return the pipeline */
        public HttpPipeline build() {
            List<HttpPipelinePolicy> all = new ArrayList<>();
            all.add(new UserAgentPolicy(Objects.requireNonNull(userAgent, "userAgent")));
            all.addAll(perCall);
            for (HttpPipelinePolicy p : new HttpPipelinePolicy[] {retry, guard, bearer, size}) {
                if (p != null) {
                    all.add(p);
                }
            }
            all.addAll(perAttempt);
            HttpPolicyProviders.addAfterRetryPolicies(all);
            return new HttpPipelineBuilder().httpClient(client).policies(all.toArray(HttpPipelinePolicy[]::new))
                    .build();
        }
    }
}
