package dev.exposure.connector.mdc;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.HttpPolicyProviders;
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
import dev.exposure.connector.azure.diagnostics.AzureFailures;
import dev.exposure.connector.internal.BuildVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Resource Graph client: the real {@link ResourceGraphManager} over the given azure-core
 * {@link HttpClient}, on a pipeline of our own ({@link QuotaPacer}, {@link ResponseSizeGuard},
 * {@link BearerPolicy}) and with this class's own bounded retry loop instead of the SDK's (the
 * SDK's policy ignores {@code x-ms-user-quota-resets-after}, cannot report waits and retries to
 * the run's counters, and cannot be made instant in tests).
 *
 * <p>One call = one page: the SDK reads the whole response and hands {@code data()} over as a
 * {@code List} of {@code LinkedHashMap}s, so a page of at most {@code $top} (1,000) rows is held at
 * a time. That page-at-a-time buffering is the SDK's; it is bounded by {@code $top}. Thread-safe.
 */
final class ResourceGraph {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceGraph.class);

    /** The product token of the User-Agent; the version is the jar's own ({@link BuildVersion}). */
    static final String PRODUCT = "connector-mdc";
    private static final String RESOURCE_GRAPH_SDK = "azsdk-java-com.azure.resourcemanager.resourcegraph/1.1.0";

    /** The largest {@code $top} Resource Graph accepts. */
    static final int MAX_TOP = 1000;

    /** One page of rows. */
    record RawPage(List<Map<String, Object>> rows, @Nullable String skipToken, long totalRecords) { }

    private final ResourceGraphManager manager;
    private final QuotaPacer pacer;
    private final Tuning tuning;
    private final MdcSettings settings;
    /** The failure mapper, with Defender for Cloud's guidance. */
    final AzureFailures failures;

    ResourceGraph(MdcSettings settings, TokenCredential credential, HttpClient http, Tuning tuning) {
        this(settings, credential, http, tuning, null, false);
    }

    /**
     * @param applicationId the host's, first in the User-Agent (azure-core ClientOptions), or null
     * @param credentialLent whether the host lent the TokenCredential (guidance then leaves the client secret out)
     */
    ResourceGraph(MdcSettings settings, TokenCredential credential, HttpClient http, Tuning tuning,
            @Nullable String applicationId, boolean credentialLent) {
        this.settings = settings;
        this.failures = MdcDiagnostics.failures(settings, credentialLent);
        this.tuning = tuning;
        this.pacer = new QuotaPacer(tuning);
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", settings.cloud().resourceManagerUrl());
        endpoints.put("activeDirectoryEndpointUrl", settings.cloud().authorityHost());
        AzureProfile profile = new AzureProfile(settings.tenantId(), settings.subscriptions().get(0),
                new AzureEnvironment(endpoints));
        // The SDK's own pipeline is replaced (authenticate(HttpPipeline, ...)): no SDK retries (this class
        // retries, honouring the quota headers), the pacer and size guard, and a bearer policy that resends
        // once with a fresh token on 401 and admits loopback http for tests.
        List<HttpPipelinePolicy> policies = new ArrayList<>(List.of(new UserAgentPolicy(
                        BuildVersion.userAgent(PRODUCT, ResourceGraph.class, applicationId) + " " + RESOURCE_GRAPH_SDK),
                new RequestIdPolicy(), pacer, new ResponseSizeGuard(tuning.maxResponseBytes()), new AddDatePolicy(),
                new BearerPolicy(credential, settings.cloud().tokenScope())));
        // azure-core's instrumentation, as Azure clients have it: the host's azure-core tracing sees each request
        HttpPolicyProviders.addAfterRetryPolicies(policies);
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(http)
                .policies(policies.toArray(HttpPipelinePolicy[]::new))
                .build();
        this.manager = ResourceGraphManager.authenticate(pipeline, profile);
    }

    /**
     * Fetches one page, pacing, waiting out 429s and retrying transient failures within bounds.
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
        for (int attempt = 1; ; attempt++) {
            pace(counters, listener, stream);
            counters.request();
            try {
                Response<QueryResponse> response = manager.resourceProviders().resourcesWithResponse(request,
                        Context.NONE);
                return check(response.getValue(), where);
            } catch (ManagementException e) {
                int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
                if (status == 429 || AzureFailures.isTransientStatus(status)) {
                    Duration wait = status == 429 ? throttleWait(e.getResponse().getHeaders(), attempt)
                            : tuning.backoff(attempt);
                    if (attempt < tuning.maxAttempts()) {
                        retry(counters, listener, stream, status == 429, wait,
                                "HTTP " + status + " " + MdcDiagnostics.code(e) + " on " + where);
                        continue;
                    }
                    if (status == 429) {
                        throw new RateLimitedException("Resource Graph kept throttling (429 " + MdcDiagnostics.code(e)
                                + ") after " + attempt + " attempts; run again later or reduce other traffic of this"
                                + " principal", wait, where, e);
                    }
                }
                throw MdcDiagnostics.map(failures, e, status, where, subscriptions);
            } catch (HttpResponseException e) {
                int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
                if (AzureFailures.isTransientStatus(status) && attempt < tuning.maxAttempts()) {
                    retry(counters, listener, stream, false, tuning.backoff(attempt), "HTTP " + status + " on " + where);
                    continue;
                }
                throw failures.thrown(e, where);
            } catch (RuntimeException e) {
                if (e instanceof dev.exposure.connector.ConnectorException ce) {
                    throw ce;
                }
                if (Thread.currentThread().isInterrupted() || AzureFailures.find(e, InterruptedException.class).isPresent()) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorInterruptedException(stream + " was interrupted during " + where, e);
                }
                if (AzureFailures.isIo(e) && !AzureFailures.isCredentialFailure(e) && attempt < tuning.maxAttempts()) {
                    retry(counters, listener, stream, false, tuning.backoff(attempt),
                            AzureFailures.rootText(e) + " on " + where);
                    continue;
                }
                throw failures.thrown(e, where);
            }
        }
    }

    private Duration throttleWait(HttpHeaders headers, int attempt) {
        pacer.record(headers);
        Duration retryAfter = AzureFailures.retryAfter(headers).orElse(null);
        Duration wait = retryAfter != null ? retryAfter : pacer.serverWait();
        if (wait == null) {
            wait = tuning.backoff(attempt);
        }
        return wait.compareTo(tuning.maxWait()) > 0 ? tuning.maxWait() : wait;
    }

    private void retry(SyncCounters counters, SyncListener listener, String stream, boolean throttled, Duration wait,
                       String reason) {
        counters.retry();
        listener.onRetry(stream, reason);
        LOG.debug("{}: retrying after {} ms: {}", stream, wait.toMillis(), reason);
        if (throttled) {
            counters.throttled(wait);
            listener.onThrottled(stream, wait);
        }
        sleep(wait, stream);
    }

    private void pace(SyncCounters counters, SyncListener listener, String stream) {
        Duration wait = pacer.reserve();
        if (!wait.isZero()) {
            counters.throttled(wait);
            listener.onThrottled(stream, wait);
            sleep(wait, stream);
        }
    }

    private void sleep(Duration wait, String stream) {
        if (wait.isZero() || wait.isNegative()) {
            return;
        }
        try {
            tuning.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorInterruptedException(stream + " was interrupted while waiting for Resource Graph", e);
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
