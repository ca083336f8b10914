package dev.exposure.connector.mde;

import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.FieldIssues;
import dev.exposure.connector.Page;
import dev.exposure.connector.PagedRecordStream;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.azure.json.ODataReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code mde-v2} connector. Immutable after creation and safe to share between threads; the
 * streams it returns are single-consumer. Nothing is sent before a stream's first
 * {@code hasNext()} or {@link #testConnection}.
 */
final class MdeConnector implements Connector {
    private static final Logger LOG = LoggerFactory.getLogger(MdeConnector.class);

    /** The API's limit for {@code sinceTime}. */
    static final Duration DELTA_LIMIT = Duration.ofDays(14);
    /** Safety margin below the 14-day limit, so a checkpoint does not expire between check and request. */
    static final Duration DELTA_MARGIN = Duration.ofHours(1);
    /** A delta run needs a full sync at most this old (Microsoft: weekly baseline plus deltas). */
    static final Duration FULL_SYNC_MAX_AGE = Duration.ofDays(7);
    /**
     * How far before a run's start the next run's {@code sinceTime} lies. The delta API publishes
     * changes in 6-hour batches some time after the batch ends; two batches of overlap make sure a
     * batch published after this run started is still seen by the next one. Duplicates collapse
     * downstream.
     */
    static final Duration DELTA_OVERLAP = Duration.ofHours(12);
    static final int DEFAULT_PAGE_SIZE = 50_000;
    static final int MAX_PAGE_SIZE = 200_000;
    static final Duration SELECTION_TTL = Duration.ofMinutes(30);
    static final String ATTR_LAST_FULL_SYNC = "lastFullSync";
    static final String ATTR_MODE = "mode";

    private final ConnectorDescriptor descriptor;
    private final MdeSettings settings;
    private final MdeTransport transport;
    private final Clock clock;
    private final com.azure.core.util.Configuration proxy;
    private volatile @Nullable CachedSelection cachedSelection;

    private record CachedSelection(String filter, Instant at, SampleSelector.Selection selection) { }

    MdeConnector(ConnectorDescriptor descriptor, MdeSettings settings, ConnectorContext context) {
        this.descriptor = descriptor;
        this.settings = settings;
        this.transport = new MdeTransport(settings, context);
        this.clock = context.clock();
        this.proxy = context.find(com.azure.core.util.Configuration.class)
                .orElseGet(com.azure.core.util.Configuration::getGlobalConfiguration);
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return descriptor;
    }

    MdeTransport transport() {
        return transport;
    }

    @Override
    public ConnectionTestReport testConnection(java.util.function.Consumer<ConnectionTestReport.CheckResult> onCheck) {
        return MdeDiagnostics.test(transport, proxy, onCheck);
    }

    @Override
    public RecordStream<SourceRecord> fetchAssets(SyncRequest request) {
        ODataFilter filter = request.filter().flatMap(ODataFilter::parse).orElse(null);
        pageSize(request);
        SyncCounters counters = new SyncCounters();
        SyncListener listener = request.listener();
        if (request.sampling()) {
            String d = MdeConnectorProvider.ID + " sampled machines";
            FieldIssues issues = new FieldIssues(d, counters, listener, request.strictFields());
            return new PagedRecordStream<SourceRecord, Void>(d, counters, listener) {
                @Override
                protected Page<SourceRecord, Void> fetchPage(@Nullable Void state, int pageNumber) {
                    return Page.of(selection(filter, counters, listener, issues).machines(), null);
                }
            };
        }
        String d = MdeConnectorProvider.ID + " machines";
        return machines(filter, counters, listener, new FieldIssues(d, counters, listener, request.strictFields()));
    }

    /**
     * @param issues where the machine rows' repaired and dropped fields are counted: the delivering
     *     stream's; {@link FieldIssues#ignoring()} for scans whose rows are not delivered
     */
    private MachinesStream machines(@Nullable ODataFilter filter, SyncCounters counters, SyncListener listener,
                                    FieldIssues issues) {
        return new MachinesStream(transport, filter, counters, listener, MdeConnectorProvider.ID + " machines",
                issues);
    }

    @Override
    public RecordStream<SourceRecord> fetchFindings(SyncRequest request) {
        if (request.data() == SyncRequest.Data.ASSETS) {
            return new PagedRecordStream<SourceRecord, Void>(MdeConnectorProvider.ID + " findings", new SyncCounters(),
                    request.listener()) {
                @Override
                protected Page<SourceRecord, Void> fetchPage(@Nullable Void state, int pageNumber) {
                    return Page.of(List.of(), null);   // an assets-only sync: no finding endpoint is called
                }
            };
        }
        ODataFilter filter = request.filter().flatMap(ODataFilter::parse).orElse(null);
        int pageSize = pageSize(request);
        SyncCounters counters = new SyncCounters();
        SyncListener listener = request.listener();
        Instant start = clock.instant();
        String description = MdeConnectorProvider.ID + " findings";

        Instant since = null;
        String lastFull = start.toString();
        if (request.mode() == SyncRequest.Mode.DELTA) {
            Checkpoint previous = request.checkpoint().orElse(null);
            String fallback = null;
            if (request.sampling()) {
                fallback = "sampling mode always reads the full export";
            } else if (previous == null) {
                fallback = "no checkpoint was given";
            } else {
                previous.requireFor(MdeConnectorProvider.ID, settings.tenantId);
                Instant position = readInstant(previous.position(), "position");
                Instant full = Optional.ofNullable(previous.attributes().get(ATTR_LAST_FULL_SYNC))
                        .map(t -> readInstant(t, ATTR_LAST_FULL_SYNC)).orElse(null);
                if (position.isAfter(start.plus(DELTA_MARGIN))) {
                    throw new ConfigurationException("checkpoint", "lies in the future (" + position + "); it was"
                            + " not issued by this connection's clock: delete it to run a full sync");
                } else if (position.isBefore(start.minus(DELTA_LIMIT).plus(DELTA_MARGIN))) {
                    fallback = "the checkpoint (" + position + ") is older than the API's 14-day limit for sinceTime";
                } else if (full == null || full.isBefore(start.minus(FULL_SYNC_MAX_AGE))) {
                    fallback = "no full sync ran within the last 7 days (last: " + (full == null ? "unknown" : full)
                            + ")";
                } else {
                    since = position;
                    lastFull = full.toString();
                }
            }
            if (fallback != null) {
                counters.fullSyncFallback(fallback);
                listener.onNotice(description, "delta sync ran as a full sync: " + fallback);
                LOG.info("{}: delta sync runs as a full sync: {}", description, fallback);
            }
        }
        boolean delta = since != null;
        Checkpoint next = Checkpoint.builder()
                .connectorId(MdeConnectorProvider.ID)
                .scope(settings.tenantId)
                .position(start.minus(DELTA_OVERLAP).truncatedTo(ChronoUnit.MILLIS).toString())
                .createdAt(start)
                .putAttributes(ATTR_LAST_FULL_SYNC, lastFull)
                .putAttributes(ATTR_MODE, delta ? "delta" : "full")
                .build();
        Instant sinceTime = since;
        boolean sampling = request.sampling();
        return new VulnerabilityStream(transport, () -> {
            boolean selected = sampling || filter != null;
            Predicate<String> devices = id -> true;
            if (sampling) {
                devices = selection(filter, counters, listener, FieldIssues.ignoring()).ids()::contains;
            }
            MachineIndex index = machineIndex(filter, selected, counters, listener, description);
            if (filter != null && !sampling) {
                devices = index::isAsset;
            }
            FindingRows rows = new FindingRows(delta, devices, index, !selected);
            if (delta) {
                return new VulnerabilityStream.Plan(rows, transport.apiUrl(VulnerabilityStream.DELTA_PATH, "pageSize="
                        + pageSize + "&sinceTime=" + URLEncoder.encode(sinceTime.toString(), StandardCharsets.UTF_8)));
            }
            return fullFindings(pageSize, rows, counters, counters, listener);
        }, next, counters, listener, description);
    }

    /**
     * @param counters where the device count probe's notice goes
     * @param callCounters where its request counts
     * @return the plan of a full findings run: the file export or the full JSON export
     */
    private VulnerabilityStream.Plan fullFindings(int pageSize, FindingRows rows, SyncCounters counters,
                                                 SyncCounters callCounters, SyncListener listener) {
        return new VulnerabilityStream.Plan(rows, useFiles(counters, callCounters, listener) ? null
                : transport.apiUrl(VulnerabilityStream.FULL_PATH, "pageSize=" + pageSize));
    }

    /**
     * The findings stream's pass over {@code GET /api/machines} (with the request's filter, if
     * any): which devices are assets and which machines were merged into which. Its requests count
     * in the findings stream's stats, its pages and records do not. When the application may not
     * read machines, a run without filter or sampling goes on without the index (said in a
     * notice); with them, the refusal stands.
     */
    private MachineIndex machineIndex(@Nullable ODataFilter filter, boolean required, SyncCounters counters,
                                      SyncListener listener, String description) {
        MachineIndex index = MachineIndex.create();
        SyncCounters own = new SyncCounters();
        try (MachinesStream m = new MachinesStream(transport, filter, false, own, counters, listener,
                MdeConnectorProvider.ID + " machine index", FieldIssues.ignoring())) {
            while (m.hasNext()) {
                index.add(m.next().attributes());
            }
        } catch (AuthorizationException e) {
            if (required) {
                throw e;
            }
            String n = "the machine list could not be read (" + e.missingPermission().orElse("permission") + " is"
                    + " missing): findings of merged machines are not re-attributed and findings on devices that are"
                    + " not among the assets are not counted";
            counters.notice(n);
            listener.onNotice(description, n);
            LOG.info("{}: {}", description, n);
            return MachineIndex.unavailable();
        }
        own.snapshot().notices().forEach(counters::notice);
        LOG.info("{}: machine index of {} assets and {} merged machines, about {} KB", description, index.assets(),
                index.merged(), index.memoryBytes() / 1024);
        return index;
    }

    /**
     * Whether full findings come from the file export: always with {@code files}, never with
     * {@code json}; with {@code auto}, when the tenant has more devices than the threshold, which
     * one request tells: {@code GET /api/machines?$top=1&$skip=<threshold>} returns a row only if
     * there are more.
     */
    private boolean useFiles(SyncCounters counters, SyncCounters callCounters, SyncListener listener) {
        switch (settings.findingsSource) {
            case FILES:
                return true;
            case JSON:
                return false;
            default:
                break;
        }
        Call call = new Call(RateBudget.Family.MACHINES, callCounters, listener, MdeConnectorProvider.ID + " findings",
                "device count probe");
        String url = transport.apiUrl(MachinesStream.PATH, "$top=1&$skip=" + settings.fileExportThreshold);
        try (ODataReader r = VulnerabilityStream.reader(transport, url, call, true, null)) {
            boolean more = r.hasNext();
            if (more) {
                counters.notice("the tenant has more than " + settings.fileExportThreshold
                        + " devices: findings come from the file export");
            }
            return more;
        }
    }

    /**
     * The sample (see {@link SampleSelector}), chosen once per filter and kept for
     * {@link #SELECTION_TTL}. Its two passes (the full findings scan and the machine list) run on
     * counters of their own: the requests (with retries and throttle waits) count in the calling
     * stream's {@code counters}, their pages and records do not (the calling stream delivers the
     * sample, the findings stream reads the export itself), and of their notices only the machine
     * pass's reach the calling stream: the scan's (rows without a CVE id, file export events) would
     * repeat what the findings stream reports of the same export.
     */
    private SampleSelector.Selection selection(@Nullable ODataFilter filter, SyncCounters counters,
                                               SyncListener listener, FieldIssues issues) {
        String key = filter == null ? "" : filter.canonical();
        Instant now = clock.instant();
        CachedSelection c = cachedSelection;
        if (c != null && c.filter().equals(key) && !now.isAfter(c.at().plus(SELECTION_TTL))
                && !now.isBefore(c.at())) {
            return c.selection();
        }
        SyncListener calls = callsOnly(listener);
        String scan = MdeConnectorProvider.ID + " sampling scan";
        String machines = MdeConnectorProvider.ID + " machines";
        SyncCounters machineCounters = new SyncCounters();
        SampleSelector.Selection s = SampleSelector.select(
                predicate -> {
                    SyncCounters own = new SyncCounters();
                    return new VulnerabilityStream(transport, () -> fullFindings(DEFAULT_PAGE_SIZE,
                            FindingRows.scan(predicate), own, counters, calls), null, own, counters, calls, scan);
                },
                () -> new MachinesStream(transport, filter, true, machineCounters, counters, calls, machines, issues),
                SyncRequest.SAMPLE_LIMIT);
        for (String n : machineCounters.snapshot().notices()) {
            counters.notice(n);
            listener.onNotice(machines, n);
        }
        cachedSelection = new CachedSelection(key, now, s);
        counters.notice("sampling chose " + s.machines().size() + " machines with active findings");
        return s;
    }

    /** @return a listener that hears only of the calls (throttle waits, retries), not pages or notices */
    private static SyncListener callsOnly(SyncListener listener) {
        return new SyncListener() {
            @Override
            public void onThrottled(String stream, Duration wait) {
                listener.onThrottled(stream, wait);
            }

            @Override
            public void onRetry(String stream, String reason) {
                listener.onRetry(stream, reason);
            }
        };
    }

    private static Instant readInstant(String text, String what) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("checkpoint", "has an unreadable " + what + " ('" + text
                    + "'); delete it to run a full sync");
        }
    }

    private static int pageSize(SyncRequest request) {
        int p = request.pageSize().orElse(DEFAULT_PAGE_SIZE);
        if (p > MAX_PAGE_SIZE) {
            throw new ConfigurationException("pageSize", "is " + p + "; the MDE export pages hold at most "
                    + MAX_PAGE_SIZE + " rows");
        }
        return p;
    }

    @Override
    public String toString() {
        return "MdeConnector{tenant=" + settings.tenantId + ", api=" + settings.apiBaseUrl() + "}";
    }
}
