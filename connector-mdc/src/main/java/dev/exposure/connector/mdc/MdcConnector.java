package dev.exposure.connector.mdc;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.util.Configuration;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.azure.AzureCredentials;
import dev.exposure.connector.azure.http.AzureHttp;
import dev.exposure.connector.azure.http.Timing;
import dev.exposure.connector.azure.http.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mdc-vm} connector: immutable after creation and safe to share between threads; its
 * streams are single-consumer. Creating it sends nothing.
 */
final class MdcConnector implements Connector {
    private final ConnectorDescriptor descriptor;
    private final MdcSettings settings;
    private final TokenCredential credential;
    private final HttpClient http;
    private final @Nullable SSLContext sslContext;
    private final boolean httpClientLent;
    private final ResourceGraph graph;
    private final Configuration proxy;

    MdcConnector(ConnectorDescriptor descriptor, MdcSettings settings, ConnectorContext context) {
        this.descriptor = descriptor;
        this.settings = settings;
        this.sslContext = context.find(SSLContext.class).orElse(null);
        this.httpClientLent = context.find(HttpClient.class).isPresent();
        Timing timing = Timing.from(context);
        Waits waits = Waits.from(context);
        this.http = AzureHttp.client(context, timing);
        String userAgent = AzureHttp.userAgent(context, ResourceGraph.PRODUCT, ResourceGraph.class);
        AzureCredentials credentials = AzureCredentials.resolve(context, settings.cloud().authorityHost(),
                settings.cloud().microsoftAuthority(), settings.tenantId(), settings.clientId(),
                Optional.ofNullable(settings.clientSecret()), http, userAgent, timing, waits);
        this.credential = credentials.credential();
        this.graph = new ResourceGraph(settings, credentials, http, timing, waits, userAgent);
        this.proxy = context.find(Configuration.class).orElseGet(Configuration::getGlobalConfiguration);
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ConnectionTestReport testConnection(Consumer<ConnectionTestReport.CheckResult> onCheck) {
        return MdcDiagnostics.test(settings, credential, http, sslContext, httpClientLent, graph, proxy, onCheck);
    }

    @Override
    public RecordStream<SourceRecord> fetchAssets(SyncRequest request) {
        int top = check(request);
        return new MdcStream(MdcStream.Kind.ASSETS, graph, settings, top, limit(request), request.listener(),
                request.strictFields());
    }

    @Override
    public RecordStream<SourceRecord> fetchFindings(SyncRequest request) {
        int top = check(request);
        MdcStream.Kind kind = request.data() == SyncRequest.Data.ASSETS ? MdcStream.Kind.NONE : MdcStream.Kind.FINDINGS;
        return new MdcStream(kind, graph, settings, top, limit(request), request.listener(),
                request.strictFields());
    }

    private static int limit(SyncRequest request) {
        return request.sampling() ? SyncRequest.SAMPLE_LIMIT : Integer.MAX_VALUE;
    }

    /** Refuses what the spec says is unsupported, before any request; returns {@code $top}. */
    static int check(SyncRequest request) {
        List<ConfigError> errors = new ArrayList<>();
        if (request.mode() == SyncRequest.Mode.DELTA) {
            errors.add(ConfigError.of("mode", "DELTA is not supported by mdc-vm: Defender for Cloud VM assets are"
                    + " always synced in full (the spec: \"Delta Support: Not Supported\"); request a FULL sync"));
        }
        request.filter().filter(f -> !f.isBlank()).ifPresent(f -> errors.add(ConfigError.of("filter",
                "filters are not supported by mdc-vm (the spec: \"Filters/Filter Query: Not Supported\"); remove the"
                        + " filter: every run reads all VMs of the configured subscriptions")));
        int top = request.pageSize().orElse(ResourceGraph.MAX_TOP);
        if (top > ResourceGraph.MAX_TOP) {
            errors.add(ConfigError.of("pageSize", "is " + top + "; Resource Graph returns at most "
                    + ResourceGraph.MAX_TOP + " rows per page, use 1 to " + ResourceGraph.MAX_TOP));
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        return top;
    }

    @Override
    public String toString() {
        return "MdcConnector{" + settings + "}";
    }
}
