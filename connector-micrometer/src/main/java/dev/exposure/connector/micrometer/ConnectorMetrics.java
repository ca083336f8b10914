package dev.exposure.connector.micrometer;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.FieldIssue;
import dev.exposure.connector.RequestInfo;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.SyncStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one connection's syncs in a host's {@link MeterRegistry}. Create one per
 * connection (connector id + the host's name for the connection) and keep it; it is thread-safe.
 *
 * <pre>{@code
 * ConnectorMetrics metrics = ConnectorMetrics.of(registry, "mde-v2", "defender-prod");
 * SyncRequest request = SyncRequest.builder().from(SyncRequest.full())
 *         .listener(metrics.listener("findings")).build();
 * try (ConnectorMetrics.Run run = metrics.start("findings");
 *      RecordStream<SourceRecord> findings = connector.fetchFindings(request)) {
 *     findings.forEachRemaining(sink);
 *     run.succeeded(findings.stats());
 *     findings.checkpoint().ifPresent(c -> { store.save(c); metrics.checkpointSaved("findings", c); });
 * } // a run that neither succeeded nor failed is recorded as abandoned when closed
 * }</pre>
 *
 * <p>Meters (all tagged {@code connector}, {@code connection} and {@code stream}):
 * <ul>
 *   <li>{@code connector.sync.runs} (timer): run duration, tagged {@code outcome} ({@code success},
 *       {@code failure}, {@code abandoned}) and {@code error} (the SDK exception's simple name,
 *       {@code none}, or {@code other});</li>
 *   <li>{@code connector.sync.records}, {@code connector.sync.requests} (counters): records
 *       delivered and HTTP requests sent by finished runs (from {@link SyncStats});</li>
 *   <li>{@code connector.sync.pages}, {@code connector.sync.retries} (counters) and
 *       {@code connector.sync.throttled} (timer: time spent waiting for rate limits), from the
 *       {@link #listener listener};</li>
 *   <li>{@code connector.sync.api.requests} (timer, tagged {@code family}: the endpoint family,
 *       e.g. {@code machines}, {@code resource-graph}, {@code token}; and {@code status}: the HTTP
 *       status code, or {@code none} when no answer came): every attempt of every HTTP request and
 *       its latency ({@link SyncListener#onRequest}), from the {@link #listener listener};</li>
 *   <li>{@code connector.sync.field.issues} (counter, tagged {@code action} {@code repaired} or
 *       {@code dropped}): optional field values of the data-quality report
 *       ({@link SyncListener#onFieldIssue}); hand the same listener to the transform engine
 *       ({@code Transformer.Builder.listener}) to count the fields its maps drop;</li>
 *   <li>{@code connector.checkpoint.age} (time gauge): time since the last checkpoint given to
 *       {@link #checkpointSaved} was created.</li>
 * </ul>
 *
 * <p>Tags carry no secret and no unbounded value: never a URL, tenant, record id, field value or
 * message. The connection name is the host's; it must be a stable label, not a credential, and is
 * refused if longer than {@value #MAX_TAG} characters.
 *
 * @since 0.1
 */
public final class ConnectorMetrics {
    /** The longest tag value accepted. */
    public static final int MAX_TAG = 64;

    /**
     * The most endpoint families one {@code ConnectorMetrics} tags; any further family (a connector bug)
     * is tagged {@code other}, so the tag stays bounded whatever a connector reports.
     */
    public static final int MAX_FAMILIES = 16;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final MeterRegistry registry;
    private final Tags tags;
    private final Map<String, AtomicLong> checkpointMillis = new ConcurrentHashMap<>();
    /** The endpoint families tagged so far, at most {@link #MAX_FAMILIES}. */
    private final Map<String, Boolean> families = new ConcurrentHashMap<>();

    private ConnectorMetrics(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    /**
     * @param registry the host's registry
     * @param connectorId the provider id, e.g. {@code mde-v2}
     * @param connection the host's stable, non-secret name of this connection, e.g. {@code defender-prod}
     * @return the metrics of that connection
     * @throws IllegalArgumentException if the id is not a provider id or the name is blank or too long
     */
    public static ConnectorMetrics of(MeterRegistry registry, String connectorId, String connection) {
        Objects.requireNonNull(registry, "registry must not be null");
        return new ConnectorMetrics(registry, Tags.of("connector", id("connectorId", connectorId),
                "connection", label("connection", connection)));
    }

    /**
     * A listener for {@code SyncRequest.Builder.listener(..)} (and the transform engine's
     * {@code Transformer.Builder.listener(..)}) that times request attempts and counts pages,
     * retries, throttled time and field issues of this stream. Cheap and thread-safe (it keeps one
     * timer per family and status seen, at most {@value #MAX_FAMILIES} families in all); may be kept and
     * reused.
     *
     * @param stream the stream kind, e.g. {@code assets} or {@code findings}
     * @return the listener
     * @throws IllegalArgumentException if the stream kind is not a short lowercase word
     */
    public SyncListener listener(String stream) {
        Tags t = tags.and("stream", id("stream", stream));
        Counter pages = registry.counter("connector.sync.pages", t);
        Counter retries = registry.counter("connector.sync.retries", t);
        Timer throttled = registry.timer("connector.sync.throttled", t);
        Counter repaired = registry.counter("connector.sync.field.issues", t.and("action", "repaired"));
        Counter dropped = registry.counter("connector.sync.field.issues", t.and("action", "dropped"));
        Map<String, Timer> requests = new ConcurrentHashMap<>();
        return new SyncListener() {
            @Override
            public void onRequest(String s, RequestInfo info) {
                String family = info.family();
                if (!families.containsKey(family)) {
                    synchronized (families) {
                        if (families.size() < MAX_FAMILIES && ID.matcher(family).matches()) {
                            families.put(family, Boolean.TRUE);
                        }
                    }
                    family = families.containsKey(family) ? family : "other";
                }
                String status = info.answered() ? Integer.toString(info.status()) : "none";
                String f = family;
                requests.computeIfAbsent(f + ' ' + status, k -> Timer.builder("connector.sync.api.requests")
                        .description("HTTP request attempts and their latency, by endpoint family and status")
                        .tags(t.and("family", f, "status", status)).register(registry)).record(info.duration());
            }

            @Override
            public void onPage(String s, int pageNumber, long recordsSoFar) {
                pages.increment();
            }

            @Override
            public void onThrottled(String s, Duration wait) {
                throttled.record(wait);
            }

            @Override
            public void onRetry(String s, String reason) {
                retries.increment();
            }

            @Override
            public void onFieldIssue(FieldIssue issue) {
                (issue.action() == FieldIssue.Action.REPAIRED ? repaired : dropped).increment();
            }
        };
    }

    /**
     * Starts timing one run of a stream. Finish it with {@link Run#succeeded} or {@link Run#failed};
     * closing it unfinished records an abandoned run.
     *
     * @param stream the stream kind, e.g. {@code assets} or {@code findings}
     * @return the running run
     * @throws IllegalArgumentException if the stream kind is not a short lowercase word
     */
    public Run start(String stream) {
        return new Run(tags.and("stream", id("stream", stream)));
    }

    /**
     * Records that the host stored a checkpoint of this stream (the last good one): the
     * {@code connector.checkpoint.age} gauge then tells the time since it was created.
     *
     * @param stream the stream kind
     * @param checkpoint the stored checkpoint
     */
    public void checkpointSaved(String stream, Checkpoint checkpoint) {
        String s = id("stream", stream);
        AtomicLong createdAt = checkpointMillis.computeIfAbsent(s, k -> {
            AtomicLong holder = new AtomicLong();
            TimeGauge.builder("connector.checkpoint.age", holder, TimeUnit.MILLISECONDS,
                            h -> registry.config().clock().wallTime() - h.get())
                    .tags(tags.and("stream", k))
                    .description("time since the last stored checkpoint was created")
                    .register(registry);
            return holder;
        });
        createdAt.set(checkpoint.createdAt().toEpochMilli());
    }

    /** One timed run of a stream. Not thread-safe; finish it once. */
    public final class Run implements AutoCloseable {
        private final Tags streamTags;
        private final long startNanos;
        private boolean finished;

        private Run(Tags streamTags) {
            this.streamTags = streamTags;
            this.startNanos = registry.config().clock().monotonicTime();
        }

        /** @param stats the stream's statistics after it was fully consumed */
        public void succeeded(SyncStats stats) {
            finish(stats, "success", null);
        }

        /**
         * @param stats the stream's statistics when it failed
         * @param error what failed it
         */
        public void failed(SyncStats stats, Throwable error) {
            finish(stats, "failure", Objects.requireNonNull(error, "error must not be null"));
        }

        /** Records an abandoned run if neither {@link #succeeded} nor {@link #failed} was called. */
        @Override
        public void close() {
            if (!finished) {
                finish(null, "abandoned", null);
            }
        }

        private void finish(@Nullable SyncStats stats, String outcome, @Nullable Throwable error) {
            if (finished) {
                throw new IllegalStateException("this run was already recorded");
            }
            finished = true;
            long nanos = registry.config().clock().monotonicTime() - startNanos;
            registry.timer("connector.sync.runs", streamTags.and("outcome", outcome, "error", errorTag(error)))
                    .record(nanos, TimeUnit.NANOSECONDS);
            if (stats != null) {
                registry.counter("connector.sync.records", streamTags).increment(stats.records());
                registry.counter("connector.sync.requests", streamTags).increment(stats.requests());
            }
        }
    }

    /** The SDK's exception types are a small closed set; anything else is {@code other}. */
    private static String errorTag(@Nullable Throwable error) {
        if (error == null) {
            return "none";
        }
        return error instanceof ConnectorException && error.getClass().getPackageName().equals("dev.exposure.connector")
                ? error.getClass().getSimpleName() : "other";
    }

    private static String id(String what, String value) {
        Objects.requireNonNull(value, what + " must not be null");
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a lowercase id of at most " + MAX_TAG
                    + " characters (letters, digits, . _ -), was '" + value + "'");
        }
        return value;
    }

    private static String label(String what, String value) {
        Objects.requireNonNull(value, what + " must not be null");
        String v = value.strip();
        if (v.isEmpty() || v.length() > MAX_TAG) {
            throw new IllegalArgumentException(what + " must be a non-blank name of at most " + MAX_TAG
                    + " characters, was " + v.length() + " characters");
        }
        return v;
    }
}
