package dev.exposure.connector.mdc;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.http.rest.Response;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Context;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.azure.resourcemanager.resourcegraph.models.ResultTruncated;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.azure.AzureCredentials;
import dev.exposure.connector.azure.http.AzureHttp;
import dev.exposure.connector.azure.http.QuotaHeaderPacer;
import dev.exposure.connector.azure.http.RequestScope;
import dev.exposure.connector.azure.http.RetryAfter;
import dev.exposure.connector.azure.http.RetryRules;
import dev.exposure.connector.azure.http.Timing;
import dev.exposure.connector.azure.http.Waits;
import dev.exposure.connector.azure.diagnostics.AzureFailures;
import dev.exposure.connector.internal.BuildVersion;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Resource Graph client: the real {@link ResourceGraphManager} on a pipeline built by
 * connector-azure's {@link AzureHttp} (user agent, request id, the one retry loop with
 * {@link RetryRules#DEFAULT} paced by the {@link QuotaHeaderPacer}, the response size guard and
 * the bearer token). The SDK's own retry policy is not in it: the shared loop honours
 * {@code x-ms-user-quota-resets-after}, reports waits and retries to the run's counters and waits
 * through the host's {@code Sleeper}.
 *
 * <p>One call = one page: the SDK reads the whole response and hands {@code data()} over as a
 * {@code List} of {@code LinkedHashMap}s, so a page of at most {@code $top} (1,000) rows is held at
 * a time. That page-at-a-time buffering is the SDK's; it is bounded by {@code $top}. Thread-safe.
 */
final class ResourceGraph {
    /** The product token of the User-Agent; the version is the jar's own ({@link BuildVersion}). */
    static final String PRODUCT = "connector-mdc";
    private static final String RESOURCE_GRAPH_SDK = "azsdk-java-com.azure.resourcemanager.resourcegraph/1.1.0";

    /** The largest {@code $top} Resource Graph accepts. */
    static final int MAX_TOP = 1000;

    /**
     * The largest Resource Graph response accepted (the SDK reads a response whole; a page of
     * 1,000 VM rows is a few MB).
     */
    static final long MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    /** Resource Graph's documented default quota: 15 requests per 5 seconds per user. */
    static final int QUOTA = 15;
    static final Duration QUOTA_WINDOW = Duration.ofSeconds(5);

    /** One page of rows. */
    record RawPage(List<Map<String, Object>> rows, @Nullable String skipToken, long totalRecords) { }

    private final ResourceGraphManager manager;
    private final QuotaHeaderPacer pacer;
    private final Timing timing;
    private final Waits waits;
    private final MdcSettings settings;
    /** The failure mapper, with Defender for Cloud's guidance. */
    final AzureFailures failures;

    /**
     * @param credential the connection's credential and login host
     * @param userAgent the User-Agent ({@link AzureHttp#userAgent})
     */
    ResourceGraph(MdcSettings settings, AzureCredentials credential, HttpClient http, Timing timing, Waits waits,
                  String userAgent) {
        this.settings = settings;
        this.failures = MdcDiagnostics.failures(settings, credential.lent());
        this.timing = timing;
        this.waits = waits;
        this.pacer = new QuotaHeaderPacer(QUOTA, QUOTA_WINDOW);
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", settings.cloud().resourceManagerUrl());
        endpoints.put("activeDirectoryEndpointUrl", settings.cloud().authorityHost());
        AzureProfile profile = new AzureProfile(settings.tenantId(), settings.subscriptions().get(0),
                new AzureEnvironment(endpoints));
        HttpPipeline pipeline = AzureHttp.pipeline(http).userAgent(userAgent + " " + RESOURCE_GRAPH_SDK)
                .perCall(new RequestIdPolicy())
                .retry(RetryRules.DEFAULT, timing, waits, pacer)
                .bearer(credential.credential(), settings.cloud().tokenScope(), credential.loginHost())
                .maxResponseBytes(MAX_RESPONSE_BYTES, "Resource Graph")
                .perAttempt(new AddDatePolicy())
                .build();
        this.manager = ResourceGraphManager.authenticate(pipeline, profile);
    }

    /**
     * Fetches one page; the pipeline paces, waits out 429s and retries transient failures within bounds.
     *
     * @param where names the query, page and subscription batch for messages
     * @return the page; never an empty stand-in for an error
     * @throws dev.exposure.connector.ConnectorException typed by cause
     */
    RawPage query(String kql, List<String> subscriptions, @Nullable String skipToken, int top, String where,
                  SyncCounters counters, SyncListener listener, String stream) {
        QueryRequest request = new QueryRequest().withQuery(kql).withSubscriptions(subscriptions)
                .withOptions(new QueryRequestOptions().withTop(top).withSkipToken(skipToken)
                        .withResultFormat(ResultFormat.OBJECT_ARRAY));
        Context context = new RequestScope("resource-graph", counters, listener, stream).context();
        try {
            Response<QueryResponse> response = manager.resourceProviders().resourcesWithResponse(request, context);
            return check(response.getValue(), where);
        } catch (ManagementException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            if (status == 429) {
                Duration wait = RetryAfter.of(e.getResponse().getHeaders()).or(() -> pacer.throttleWait(waits))
                        .orElse(null);
                throw new RateLimitedException("Resource Graph kept throttling (429 " + MdcDiagnostics.code(e)
                        + ") after " + (timing.maxRetries() + 1) + " attempts; run again later or reduce other"
                        + " traffic of this principal", wait, where, e);
            }
            throw MdcDiagnostics.map(failures, e, status, where, subscriptions);
        } catch (dev.exposure.connector.ConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || AzureFailures.find(e, InterruptedException.class).isPresent()) {
                Thread.currentThread().interrupt();
                throw new ConnectorInterruptedException(stream + " was interrupted during " + where, e);
            }
            throw failures.thrown(e, where);
        }
    }

    @SuppressWarnings("unchecked")
    private static RawPage check(@Nullable QueryResponse response, String where) {
        if (response == null) {
            throw new DataException("Resource Graph answered without a body", where, null);
        }
        Object data = response.data();
        if (!(data instanceof List<?> list)) {
            throw new DataException("Resource Graph answered without a 'data' array of rows (got "
                    + (data == null ? "nothing" : data.getClass().getSimpleName()) + ")", where, null);
        }
        for (Object row : list) {
            if (!(row instanceof Map)) {
                throw new DataException("Resource Graph returned a row that is not a JSON object ("
                        + (row == null ? "null" : row.getClass().getSimpleName()) + ")", where, null);
            }
        }
        String skip = response.skipToken();
        if (skip != null && skip.isBlank()) {
            skip = null;
        }
        if (response.resultTruncated() == ResultTruncated.TRUE && skip == null) {
            throw new DataException("Resource Graph truncated the result (resultTruncated=\"true\" without a"
                    + " $skipToken): refusing to deliver a partial result; the query must project 'id'", where, null);
        }
        return new RawPage((List<Map<String, Object>>) data, skip, response.totalRecords());
    }
}
