package dev.exposure.connector.testkit;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.ConnectionTestReport.Check;
import dev.exposure.connector.ConnectionTestReport.CheckResult;
import dev.exposure.connector.ConnectionTestReport.Status;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.Page;
import dev.exposure.connector.PagedRecordStream;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.FindingType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A scripted, in-memory {@link Connector} for testing code that <em>uses</em> connectors: sync
 * services, schedulers, stores, progress reporting. No network, no randomness, no clock reads
 * (the clock is fixed unless you pass one).
 *
 * <pre>{@code
 * FakeConnector connector = FakeConnector.builder()
 *         .assetPages(TestRecords.assets(1, 3), TestRecords.assets(4, 2))        // two pages
 *         .findingPages(TestRecords.findings(1, 2), TestRecords.findings(3, 2))
 *         .failOnFindingPage(2, new RateLimitedException("throttled", Duration.ofSeconds(5), null, null))
 *         .build();
 *
 * service.syncOnce(connector);                                    // your code under test
 *
 * assertThat(connector.recordedRequests()).extracting(SyncRequest::mode).containsExactly(Mode.FULL, Mode.FULL);
 * assertThat(connector.openStreams()).isZero();                  // your code closed every stream
 * }</pre>
 *
 * <h2>What it simulates</h2>
 * <ul>
 *   <li>Streams are real {@link PagedRecordStream}s, so laziness, failure, interrupt and checkpoint
 *       behaviour is the SDK's own: nothing is "fetched" before the first {@code hasNext()}; each
 *       scripted page is one simulated request ({@link #requestsSent()}), answered at once or
 *       after an interruptible {@linkplain Builder#pageDelay(Duration) delay}; the typed page
 *       state is the next page's number (2, 3, ...)</li>
 *   <li>A failure scripted on page <i>n</i> is thrown when page <i>n</i> is fetched, by every
 *       stream of that kind, after pages 1 to <i>n</i>-1 were delivered. The stream then stays
 *       failed and gives no checkpoint.</li>
 *   <li>After full consumption, a finding or asset stream gives a {@link Checkpoint} for this
 *       connector's id and {@linkplain Builder#scope(String) scope}, positioned at the clock's
 *       instant when the stream was created.</li>
 *   <li>A {@link SyncRequest.Mode#DELTA} request's checkpoint must belong to this connector and
 *       scope, else {@code fetch*} throws {@link ConfigurationException}, as real connectors do.
 *       A filter, delta or sampling the descriptor does not support is refused the same way.
 *       Delta, filter and sampling are otherwise only recorded: the scripted pages are served
 *       as they are.</li>
 *   <li>{@link SyncRequest.Data#ASSETS} makes {@link #fetchFindings} return an empty stream
 *       that simulates no request.</li>
 * </ul>
 *
 * <p>Thread-safe, like every connector; its streams are single-consumer. Everything is fixed at
 * {@link Builder#build()}; there are no public mutable fields.
 *
 * @since 0.1
 */
public final class FakeConnector implements Connector {

    /** The descriptor a fake has unless {@link Builder#descriptor} says otherwise; id {@code fake}. */
    public static final ConnectorDescriptor DEFAULT_DESCRIPTOR = defaultDescriptor();

    /** The instant of the default fixed clock. */
    public static final Instant DEFAULT_INSTANT = Instant.parse("2026-01-01T00:00:00Z");

    /** The checkpoint scope a fake has unless {@link Builder#scope} says otherwise. */
    public static final String DEFAULT_SCOPE = TestConnections.TENANT_ID;

    private final ConnectorDescriptor descriptor;
    private final List<List<SourceRecord>> assetPages;
    private final List<List<SourceRecord>> findingPages;
    private final Map<Integer, ConnectorException> assetFailures;
    private final Map<Integer, ConnectorException> findingFailures;
    private final ConnectionTestReport report;
    private final String scope;
    private final Clock clock;
    private final Duration pageDelay;

    private final List<SyncRequest> requests = new CopyOnWriteArrayList<>();
    private final List<SyncRequest> assetRequests = new CopyOnWriteArrayList<>();
    private final List<SyncRequest> findingRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestsSent = new AtomicInteger();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger connectionTests = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeConnector(Builder b) {
        this.descriptor = b.descriptor;
        this.assetPages = List.copyOf(b.assetPages);
        this.findingPages = List.copyOf(b.findingPages);
        this.assetFailures = Map.copyOf(b.assetFailures);
        this.findingFailures = Map.copyOf(b.findingFailures);
        this.report = b.report != null ? b.report : passingReport();
        this.scope = b.scope;
        this.clock = b.clock;
        this.pageDelay = b.pageDelay;
    }

    /** @return a builder for a fake with no records, a passing connection test and a fixed clock */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A connection-test report in which every check passed.
     *
     * @return the report
     */
    public static ConnectionTestReport passingReport() {
        List<CheckResult> results = new ArrayList<>();
        for (Check check : Check.values()) {
            results.add(CheckResult.builder().check(check).status(Status.PASSED).duration(Duration.ZERO)
                    .message(check.label() + " passed (fake)").build());
        }
        return ConnectionTestReport.builder().checks(results).build();
    }

    /**
     * A connection-test report in which the given check failed, the earlier ones passed and the
     * later ones were skipped.
     *
     * @param failed the check that failed
     * @param message what failed
     * @param remediation what the user should do
     * @return the report
     */
    public static ConnectionTestReport failingReport(Check failed, String message, String remediation) {
        Objects.requireNonNull(failed, "failed must not be null");
        List<CheckResult> results = new ArrayList<>();
        for (Check check : Check.values()) {
            CheckResult.Builder r = CheckResult.builder().check(check).duration(Duration.ZERO);
            if (check.ordinal() < failed.ordinal()) {
                r.status(Status.PASSED).message(check.label() + " passed (fake)");
            } else if (check == failed) {
                r.status(Status.FAILED).message(message).remediation(remediation);
            } else {
                r.status(Status.SKIPPED).message("skipped: an earlier check failed");
            }
            results.add(r.build());
        }
        return ConnectionTestReport.builder().checks(results).build();
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Hands out the scripted report, telling the listener about each check in order.
     *
     * @param onCheck called once per check, in order
     * @return the scripted report
     * @throws ConnectorInterruptedException if the calling thread is interrupted
     */
    @Override
    public ConnectionTestReport testConnection(Consumer<CheckResult> onCheck) {
        connectionTests.incrementAndGet();
        for (CheckResult result : report.checks()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ConnectorInterruptedException("fake connection test interrupted before "
                        + result.check().label(), null);
            }
            onCheck.accept(result);
        }
        return report;
    }

    /**
     * Streams the scripted asset pages.
     *
     * @param request what to sync; recorded
     * @return a lazy stream over the scripted asset pages
     * @throws ConfigurationException if the request asks for something the descriptor does not
     *     support, or carries a foreign checkpoint
     * @throws IllegalStateException if this connector was closed
     */
    @Override
    public RecordStream<SourceRecord> fetchAssets(SyncRequest request) {
        accept(request);
        assetRequests.add(request);
        return new FakeStream("assets", request, assetPages, assetFailures);
    }

    /**
     * Streams the scripted finding pages; an empty stream without any simulated request when the
     * request asks for {@link SyncRequest.Data#ASSETS} only.
     *
     * @param request what to sync; recorded
     * @return a lazy stream over the scripted finding pages
     * @throws ConfigurationException if the request asks for something the descriptor does not
     *     support, or carries a foreign checkpoint
     * @throws IllegalStateException if this connector was closed
     */
    @Override
    public RecordStream<SourceRecord> fetchFindings(SyncRequest request) {
        accept(request);
        findingRequests.add(request);
        if (request.data() == SyncRequest.Data.ASSETS) {
            return new FakeStream("findings", request, List.of(), Map.of(), false);
        }
        return new FakeStream("findings", request, findingPages, findingFailures);
    }

    /** Marks this connector closed. Idempotent. */
    @Override
    public void close() {
        closed.set(true);
    }

    /**
     * @return every request {@code fetchAssets} or {@code fetchFindings} accepted, in call order
     *     (requests refused with a {@link ConfigurationException} are not recorded)
     */
    public List<SyncRequest> recordedRequests() {
        return List.copyOf(requests);
    }

    /** @return the requests passed to {@code fetchAssets}, in call order */
    public List<SyncRequest> recordedAssetRequests() {
        return List.copyOf(assetRequests);
    }

    /** @return the requests passed to {@code fetchFindings}, in call order */
    public List<SyncRequest> recordedFindingRequests() {
        return List.copyOf(findingRequests);
    }

    /** @return the simulated requests so far: one per page fetch attempt, failed ones included */
    public int requestsSent() {
        return requestsSent.get();
    }

    /** @return streams handed out and not closed yet; zero when the caller closed every stream */
    public int openStreams() {
        return openStreams.get();
    }

    /** @return how many times {@code testConnection} ran */
    public int connectionTests() {
        return connectionTests.get();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed.get();
    }

    private void accept(SyncRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        if (closed.get()) {
            throw new IllegalStateException("this FakeConnector was closed; create a new one");
        }
        List<ConfigError> errors = new ArrayList<>();
        if (request.filter().isPresent() && !descriptor.filterSupported()) {
            errors.add(ConfigError.of("filter", "is not supported by connector '"
                    + descriptor.id() + "'; remove it"));
        }
        if (request.sampling() && !descriptor.samplingSupported()) {
            errors.add(ConfigError.of("sampling", "is not supported by connector '"
                    + descriptor.id() + "'; turn it off"));
        }
        if (request.mode() == SyncRequest.Mode.DELTA) {
            if (!descriptor.deltaSupported()) {
                errors.add(ConfigError.of("mode", "DELTA is not supported by connector '"
                        + descriptor.id() + "'; run a FULL sync"));
            } else if (request.checkpoint().isPresent()) {
                try {
                    request.checkpoint().get().requireFor(descriptor.id(), scope);
                } catch (ConfigurationException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        requests.add(request);
    }

    private final class FakeStream extends PagedRecordStream<SourceRecord, Integer> {
        private final List<List<SourceRecord>> pages;
        private final Map<Integer, ConnectorException> failures;
        private final @Nullable Checkpoint completion;
        private final boolean simulateRequests;

        FakeStream(String kind, SyncRequest request, List<List<SourceRecord>> pages,
                   Map<Integer, ConnectorException> failures) {
            this(kind, request, pages, failures, true);
        }

        FakeStream(String kind, SyncRequest request, List<List<SourceRecord>> pages,
                   Map<Integer, ConnectorException> failures, boolean simulateRequests) {
            super(descriptor.id() + " " + kind, new SyncCounters(), request.listener());
            this.pages = pages;
            this.failures = failures;
            this.simulateRequests = simulateRequests;
            Instant now = clock.instant();
            this.completion = descriptor.deltaSupported()
                    ? Checkpoint.builder().connectorId(descriptor.id()).scope(scope).position(now.toString())
                            .createdAt(now).putAttributes("stream", kind).build()
                    : null;
            openStreams.incrementAndGet();
        }

        @Override
        protected Page<SourceRecord, Integer> fetchPage(@Nullable Integer state, int pageNumber) {
            if (simulateRequests) {
                requestsSent.incrementAndGet();
                counters().request();
                simulateLatency(pageNumber);
            }
            ConnectorException failure = failures.get(pageNumber);
            if (failure != null) {
                throw failure;
            }
            List<SourceRecord> items = pageNumber <= pages.size() ? pages.get(pageNumber - 1) : List.of();
            return Page.of(items, pageNumber < pages.size() ? pageNumber + 1 : null);
        }

        private void simulateLatency(int pageNumber) {
            if (pageDelay.isZero()) {
                return;
            }
            try {
                Thread.sleep(pageDelay.toMillis(), pageDelay.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorInterruptedException(description() + " was interrupted while fetching page "
                        + pageNumber, e);
            }
        }

        @Override
        protected Optional<Checkpoint> completionCheckpoint() {
            return Optional.ofNullable(completion);
        }

        @Override
        protected void onClose() {
            openStreams.decrementAndGet();
        }
    }

    private static ConnectorDescriptor defaultDescriptor() {
        return ConnectorDescriptor.builder()
                .id("fake")
                .displayName("Fake Connector (testkit)")
                .vendor("Exposure testkit")
                .product("FakeConnector")
                .category("Testing")
                .version("0.1.0")
                .integrationType("In-memory fake")
                .addAssetTypes("Host Assets (Compute)")
                .addFindingTypes(FindingType.VULNERABILITY, FindingType.MISCONFIGURATION)
                .deltaSupported(true)
                .filterSupported(true)
                .samplingSupported(true)
                .assetSource("Fake")
                .findingVendorProductName("Fake")
                .configFields(TestConnections.sharedConfigFields())
                .build();
    }

    /**
     * Builds a {@link FakeConnector}. Not thread-safe; the built connector shares nothing with it.
     *
     * @since 0.1
     */
    public static final class Builder {
        private ConnectorDescriptor descriptor = DEFAULT_DESCRIPTOR;
        private final List<List<SourceRecord>> assetPages = new ArrayList<>();
        private final List<List<SourceRecord>> findingPages = new ArrayList<>();
        private final Map<Integer, ConnectorException> assetFailures = new HashMap<>();
        private final Map<Integer, ConnectorException> findingFailures = new HashMap<>();
        private @Nullable ConnectionTestReport report;
        private String scope = DEFAULT_SCOPE;
        private Clock clock = Clock.fixed(DEFAULT_INSTANT, ZoneOffset.UTC);
        private Duration pageDelay = Duration.ZERO;

        private Builder() { }

        /**
         * @param value the descriptor to report (its id names streams and checkpoints)
         * @return this builder
         */
        public Builder descriptor(ConnectorDescriptor value) {
            this.descriptor = Objects.requireNonNull(value, "descriptor must not be null");
            return this;
        }

        /**
         * Appends asset pages, one list per page, served in order.
         *
         * @param pages the pages; each may be empty
         * @return this builder
         */
        @SafeVarargs
        public final Builder assetPages(List<SourceRecord>... pages) {
            for (List<SourceRecord> p : pages) {
                assetPages.add(page(p, SourceRecord.Kind.ASSET));
            }
            return this;
        }

        /**
         * Appends finding pages, one list per page, served in order.
         *
         * @param pages the pages; each may be empty
         * @return this builder
         */
        @SafeVarargs
        public final Builder findingPages(List<SourceRecord>... pages) {
            for (List<SourceRecord> p : pages) {
                findingPages.add(page(p, SourceRecord.Kind.FINDING));
            }
            return this;
        }

        /**
         * Makes every asset stream throw this error when it fetches page {@code pageNumber}.
         *
         * @param pageNumber the 1-based page number, at most the number of scripted asset pages (or 1)
         * @param error the error to throw, e.g. a {@code RateLimitedException}
         * @return this builder
         */
        public Builder failOnAssetPage(int pageNumber, ConnectorException error) {
            assetFailures.put(checkPage(pageNumber), Objects.requireNonNull(error, "error must not be null"));
            return this;
        }

        /**
         * Makes every finding stream throw this error when it fetches page {@code pageNumber}.
         *
         * @param pageNumber the 1-based page number, at most the number of scripted finding pages (or 1)
         * @param error the error to throw, e.g. an {@code AuthorizationException}
         * @return this builder
         */
        public Builder failOnFindingPage(int pageNumber, ConnectorException error) {
            findingFailures.put(checkPage(pageNumber), Objects.requireNonNull(error, "error must not be null"));
            return this;
        }

        /**
         * @param value the report {@code testConnection} hands out; all passed by default (see
         *     {@link #failingReport})
         * @return this builder
         */
        public Builder connectionTestReport(ConnectionTestReport value) {
            this.report = Objects.requireNonNull(value, "report must not be null");
            return this;
        }

        /**
         * @param value the checkpoint scope (the tenant), {@link #DEFAULT_SCOPE} by default
         * @return this builder
         */
        public Builder scope(String value) {
            this.scope = Objects.requireNonNull(value, "scope must not be null");
            return this;
        }

        /**
         * @param value the clock checkpoints are stamped with; fixed at {@link #DEFAULT_INSTANT} by default
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock must not be null");
            return this;
        }

        /**
         * Makes every page fetch wait this long, like a slow API, so tests can cancel a consumer
         * while it waits. The wait is interruptible: an interrupt ends it with
         * {@link ConnectorInterruptedException} and keeps the interrupt flag. Zero by default;
         * prefer an interrupt over a short delay and a timed assertion.
         *
         * @param value the simulated latency of one page fetch
         * @return this builder
         */
        public Builder pageDelay(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("pageDelay must not be negative, was " + value);
            }
            this.pageDelay = value;
            return this;
        }

        /**
         * @return the fake
         * @throws IllegalStateException if a failure is scripted on a page no stream would fetch
         */
        public FakeConnector build() {
            checkFailures("failOnAssetPage", assetFailures, assetPages.size());
            checkFailures("failOnFindingPage", findingFailures, findingPages.size());
            return new FakeConnector(this);
        }

        private static void checkFailures(String what, Map<Integer, ConnectorException> failures, int pages) {
            int last = Math.max(1, pages);
            failures.keySet().stream().filter(n -> n > last).findFirst().ifPresent(n -> {
                throw new IllegalStateException(what + "(" + n + ", ...) can never happen: " + pages
                        + " page(s) are scripted, so a stream fetches at most page " + last
                        + "; script more pages or fail on an earlier one");
            });
        }

        private static int checkPage(int pageNumber) {
            if (pageNumber < 1) {
                throw new IllegalArgumentException("pageNumber must be at least 1, was " + pageNumber);
            }
            return pageNumber;
        }

        private static List<SourceRecord> page(List<SourceRecord> records, SourceRecord.Kind kind) {
            List<SourceRecord> copy = List.copyOf(records);
            copy.stream().filter(r -> r.kind() != kind).findFirst().ifPresent(r -> {
                throw new IllegalArgumentException("a " + kind + " page holds " + r + "; script it on the "
                        + r.kind().name().toLowerCase(java.util.Locale.ROOT) + " pages");
            });
            return copy;
        }
    }
}
