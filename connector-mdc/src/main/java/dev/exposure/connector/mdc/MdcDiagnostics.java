package dev.exposure.connector.mdc;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Configuration;
import com.azure.core.util.Context;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.azure.diagnostics.ApiError;
import dev.exposure.connector.azure.diagnostics.AzureFailures;
import dev.exposure.connector.azure.http.BearerPolicy;
import dev.exposure.connector.azure.http.RetryAfter;
import dev.exposure.connector.azure.diagnostics.AzureGuidance;
import dev.exposure.connector.azure.diagnostics.ConnectionProbes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * What is Defender for Cloud's own in failures and the connection test: its guidance text (the
 * Reader role per subscription), the subscription a 403 names, reading a {@link
 * ManagementException}, and the requests of the authorization and data checks. The mapping and the
 * probes are connector-azure's.
 */
final class MdcDiagnostics implements AzureGuidance {
    private static final Pattern SUBSCRIPTION = Pattern.compile(
            "/subscriptions/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
    private static final String READER = "Reader role on subscription ";

    private MdcDiagnostics() { }

    /** @return the failure mapper of a connection */
    static AzureFailures failures(MdcSettings settings, boolean credentialLent) {
        return new AzureFailures(new MdcDiagnostics(), settings.cloud().armUri(), settings.cloud().loginUri(),
                settings.cloud().tokenScope(), credentialLent, s -> redact(s, settings));
    }

    @Override
    public String api() {
        return "Azure Resource Manager";
    }

    @Override
    public String grant(List<String> missing) {
        return "Assign the app registration the " + (missing.isEmpty() ? "Reader role on each configured subscription"
                : String.join(", ", missing)) + " (Access control (IAM) > Add role assignment).";
    }

    @Override
    public String missingPermission(ApiError error, String fallback) {
        String sub = error.message() == null ? null : subscriptionIn(error.message());
        return sub == null ? fallback : READER + sub;
    }

    @Override
    public String apiUrlField() {
        return MdcOptions.RESOURCE_MANAGER_URL;
    }

    /** Maps Resource Graph's error answer. */
    static ConnectorException map(AzureFailures failures, ManagementException e, int status, String where,
                                  List<String> subscriptions) {
        ManagementError v = e.getValue();
        ApiError error = new ApiError(v == null ? null : v.getCode(), v == null ? null : v.getMessage(), null);
        Duration retryAfter = e.getResponse() == null ? null
                : RetryAfter.of(e.getResponse().getHeaders()).orElse(null);
        return failures.status(status, error, retryAfter, "Resource Graph queries",
                READER + String.join(", ", subscriptions), where, e);
    }

    static String code(ManagementException e) {
        ManagementError v = e.getValue();
        return v == null || v.getCode() == null ? "" : v.getCode();
    }

    static @Nullable String subscriptionIn(String text) {
        Matcher m = SUBSCRIPTION.matcher(text);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    static String redact(String text, MdcSettings settings) {
        return settings.clientSecret() == null ? text : settings.clientSecret().redact(text);
    }

    /** The five connection checks: a read of each subscription, then a one-row Resource Graph query. */
    static ConnectionTestReport test(MdcSettings settings, TokenCredential credential, HttpClient http,
                                     @Nullable SSLContext sslContext, boolean httpClientLent, ResourceGraph graph,
                                     Configuration proxy, Consumer<ConnectionTestReport.CheckResult> onCheck) {
        // no retry: a check reports what the server answers at once
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(http)
                .policies(new BearerPolicy(credential, settings.cloud().tokenScope(),
                        settings.cloud().loginUri().getHost()))
                .build();
        return ConnectionProbes.builder(graph.failures)
                .hosts(settings.cloud().armUri(), settings.cloud().loginUri())
                .credential(credential, settings.cloud().tokenScope())
                .tls(sslContext, httpClientLent ? http : null)
                .proxy(proxy)
                .authorization(new ConnectionProbes.Authorization() {
                    @Override
                    public List<ConnectionProbes.Target> targets() {
                        // Microsoft.Resources/subscriptions/read: 403 without a role, 404 SubscriptionNotFound
                        return settings.subscriptions().stream().map(sub -> new ConnectionProbes.Target(sub,
                                READER + sub, settings.cloud().armBase() + "/subscriptions/" + sub
                                + "?api-version=2022-12-01", false)).toList();
                    }

                    @Override
                    public HttpResponse send(String url) {
                        return pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE);
                    }

                    @Override
                    public String granted(List<String> granted) {
                        return "the app may read " + granted.size() + " subscription(s)";
                    }

                    @Override
                    public String denied(List<ConnectionProbes.Denied> denied, List<String> granted) {
                        return "Reader role missing on subscription " + String.join(", ", denied.stream()
                                .map(d -> d.name() + (d.code() == null ? "" : " (" + d.code() + ")")).toList());
                    }

                    @Override
                    public String notFound(List<String> notFound) {
                        return "subscription not found in tenant " + settings.tenantId() + ": "
                                + String.join(", ", notFound);
                    }

                    @Override
                    public String notFoundAdvice() {
                        return "Check the subscription ids and that they belong to tenant " + settings.tenantId() + ".";
                    }
                })
                .dataFetch(() -> {
                    List<String> first = settings.subscriptions().subList(0,
                            Math.min(QueryPager.BATCH_SIZE, settings.subscriptions().size()));
                    ResourceGraph.RawPage page = graph.query(Query.PROBE.kql(), first, null, 1,
                            "Resource Graph query '" + Query.PROBE.label() + "'", new SyncCounters(),
                            SyncListener.NONE, MdcConnectorProvider.ID + " connection test");
                    return ConnectionTestReport.Outcome.pass("Resource Graph answered: " + page.totalRecords()
                            + " virtual machine(s) in " + (first.size() < settings.subscriptions().size()
                            ? "the first " + first.size() + " of " : "") + settings.subscriptions().size()
                            + " subscription(s)");
                }, "Check that Resource Graph is available in this cloud and that the subscriptions hold Defender for"
                        + " Cloud VM data.")
                .redact(s -> redact(s, settings))
                .build().run(onCheck);
    }
}
