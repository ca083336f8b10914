package dev.exposure.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigField;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorDescriptor;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.FindingType;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The behaviour every {@link Connector} and {@link ConnectorProvider} must show, as an abstract
 * JUnit 5 suite. A connector module adopts it by extending it and answering three hooks:
 *
 * <pre>{@code
 * class MdeConnectorContractTest extends ConnectorContractTest {
 *     @RegisterExtension static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();
 *
 *     @BeforeEach void stubs() { EntraTokenStub.forTenant(TestConnections.TENANT_ID).register(wm); ... }
 *
 *     @Override protected ConnectorProvider provider() { return new MdeConnectorProvider(); }
 *     @Override protected Connector connector() {
 *         return provider().create(TestConnections.config(wm.baseUrl()).putOptions("apiBaseUrl", wm.baseUrl()).build(), context);
 *     }
 *     @Override protected OptionalLong requestsSent() { return OptionalLong.of(wm.getAllServeEvents().size()); }
 * }
 * }</pre>
 *
 * <h2>Hooks</h2>
 * <ul>
 *   <li>{@link #provider()} (required): the provider under test, as {@code ServiceLoader} would
 *       create it.</li>
 *   <li>{@link #connector()} (required): a new, healthy connector whose asset and finding streams
 *       each deliver at least one record (two pages or more exercise more of the contract) and
 *       whose connection test passes.</li>
 *   <li>{@link #failingConnector()} (optional): a new connector whose finding stream delivers a
 *       first page with at least one record and then fails with a {@link ConnectorException}
 *       (e.g. a 500 or a malformed second page). Without it the failure test is skipped.</li>
 *   <li>{@link #slowConnector()} (optional): a new connector whose first asset request takes
 *       far longer than a test (e.g. WireMock {@code withFixedDelay(60_000)}); the suite interrupts
 *       a consumer waiting for it. Without it that test is skipped.</li>
 *   <li>{@link #requestsSent()} (optional): how many HTTP requests all connectors of this test
 *       have sent so far (token requests included), e.g. the WireMock request journal size.
 *       Without it the laziness tests are skipped.</li>
 *   <li>{@link #request()} (optional): the request the suite syncs with, {@link SyncRequest#full()}
 *       by default.</li>
 * </ul>
 *
 * <p>Each test creates its own connectors and closes them. To opt out of one test (say the
 * connection test needs endpoints your mock does not serve), override that method without
 * {@code @Test} and say why in a comment.
 *
 * <p>A config field "looks secret", and must be typed {@link ConfigField.Type#SECRET}, when its
 * name contains {@code secret} or {@code password}, or ends in {@code token}, {@code apiKey},
 * {@code privateKey} or {@code credential(s)}, unless it ends in {@code Id}, {@code Url},
 * {@code Scope}, {@code Name} or a similar describing word ({@code clientSecretId} and
 * {@code tokenScope} are not secrets).
 *
 * <p>A test whose optional hook is not overridden (or whose connector does not support delta) is
 * reported as skipped with the reason, e.g. {@code no failingConnector() given: override it to run
 * this test}, in the JUnit and Surefire reports.
 *
 * @since 0.1
 */
@ExtendWith(ConnectorContractTest.OptionalHooks.class)
public abstract class ConnectorContractTest {
    private static final long HANG_GUARD_SECONDS = 10;
    private static final Pattern SECRET_WORD = Pattern.compile("secret|password|passwd|passphrase");
    private static final Pattern SECRET_SUFFIX = Pattern.compile(".*(token|apikey|privatekey|credentials?)$");
    private static final Pattern NOT_A_SECRET_SUFFIX = Pattern.compile(
            ".*(id|ids|url|uri|scope|scopes|name|type|path|file|host|endpoint|expiry|expiresat|hint)$");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+.].*)?");

    /** For subclasses. */
    protected ConnectorContractTest() { }

    /** @return the provider under test, as {@code ServiceLoader} would create it */
    protected abstract ConnectorProvider provider();

    /**
     * @return a new, healthy connector with at least one asset and one finding record and a
     *     passing connection test; the suite closes it
     */
    protected abstract Connector connector();

    /**
     * @return a new connector whose finding stream fails with a {@link ConnectorException} after
     *     a first page with at least one record; empty (the default) skips the failure test
     */
    protected Optional<Connector> failingConnector() {
        return Optional.empty();
    }

    /**
     * @return a new connector whose first asset page takes far longer than the test (a stub with a
     *     long fixed delay); empty (the default) skips the blocked-consumer interrupt test
     */
    protected Optional<Connector> slowConnector() {
        return Optional.empty();
    }

    /**
     * @return the number of HTTP requests sent so far by every connector this test created;
     *     empty (the default) skips the laziness tests
     */
    protected OptionalLong requestsSent() {
        return OptionalLong.empty();
    }

    /** @return the request the suite syncs with; a full sync by default */
    protected SyncRequest request() {
        return SyncRequest.full();
    }

    /** Creating a connector and opening its streams sends nothing; the first {@code hasNext()} does. */
    @Test
    @Needs("requestsSent")
    public void shouldSendNoRequestBeforeTheFirstHasNext() {
        long before = requireRequestCounter();
        try (Connector connector = connector();
             RecordStream<SourceRecord> assets = connector.fetchAssets(request());
             RecordStream<SourceRecord> findings = connector.fetchFindings(request())) {
            assertThat(requestsSent().orElseThrow())
                    .as("requests sent by creating the connector and opening both streams, before any hasNext()")
                    .isEqualTo(before);
            assertThat(findings.checkpoint()).as("checkpoint of an unread stream").isEmpty();

            assertThat(assets.hasNext()).as("the healthy connector() must have asset records").isTrue();

            assertThat(requestsSent().orElseThrow()).as("requests sent by the first hasNext()")
                    .isGreaterThan(before);
        }
    }

    /** A findings request for assets only returns an empty stream and sends nothing. */
    @Test
    public void shouldNotFetchFindingsWhenOnlyAssetsAreRequested() {
        SyncRequest assetsOnly = SyncRequest.builder().from(request()).data(SyncRequest.Data.ASSETS).build();
        OptionalLong before = requestsSent();
        try (Connector connector = connector();
             RecordStream<SourceRecord> findings = connector.fetchFindings(assetsOnly)) {
            assertThat(findings.hasNext()).as("findings of an ASSETS-only sync").isFalse();
            if (before.isPresent()) {
                assertThat(requestsSent().orElseThrow()).as("requests sent for an ASSETS-only findings stream")
                        .isEqualTo(before.getAsLong());
            }
        }
    }

    /** Asset streams deliver ASSET records and finding streams FINDING records, each with a source id. */
    @Test
    public void shouldDeliverRecordsOfTheRequestedKind() {
        try (Connector connector = connector()) {
            List<SourceRecord> assets = drain(connector.fetchAssets(request()));
            List<SourceRecord> findings = drain(connector.fetchFindings(request()));

            assertThat(assets).as("asset records of the healthy connector()").isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.kind()).isEqualTo(SourceRecord.Kind.ASSET);
                        assertThat(r.sourceId()).isNotBlank();
                    });
            assertThat(findings).as("finding records of the healthy connector()").isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.kind()).isEqualTo(SourceRecord.Kind.FINDING);
                        assertThat(r.sourceId()).isNotBlank();
                    });
        }
    }

    /** Closing a connector or a stream twice is harmless; a closed stream has no more records. */
    @Test
    public void shouldCloseConnectorsAndStreamsIdempotently() {
        Connector connector = connector();
        RecordStream<SourceRecord> assets = connector.fetchAssets(request());
        assertThat(assets.hasNext()).as("the healthy connector() must have asset records").isTrue();
        assets.next();

        assertThatCode(() -> {
            assets.close();
            assets.close();
        }).as("closing a stream twice").doesNotThrowAnyException();
        assertThat(assets.hasNext()).as("hasNext() of a closed stream").isFalse();
        assertThat(assets.checkpoint()).as("checkpoint of a stream closed before its end").isEmpty();
        assertThatCode(() -> {
            connector.close();
            connector.close();
        }).as("closing a connector twice").doesNotThrowAnyException();
    }

    /** The checkpoint appears only once the finding stream was read to its end without error. */
    @Test
    public void shouldGiveACheckpointOnlyAfterFullConsumption() {
        try (Connector connector = connector();
             RecordStream<SourceRecord> findings = connector.fetchFindings(request())) {
            assertThat(findings.checkpoint()).as("checkpoint before the first hasNext()").isEmpty();
            assertThat(findings.hasNext()).as("the healthy connector() must have finding records").isTrue();
            findings.next();
            assertThat(findings.checkpoint()).as("checkpoint after the first record").isEmpty();
            long count = 1;
            while (findings.hasNext()) {
                assertThat(findings.checkpoint()).as("checkpoint before the end").isEmpty();
                findings.next();
                count++;
            }

            assertThat(findings.stats().records()).as("records counted in stats()").isEqualTo(count);
            assertThat(findings.stats().pages()).as("pages counted in stats()").isPositive();
            if (connector.descriptor().deltaSupported()) {
                Checkpoint checkpoint = findings.checkpoint().orElseThrow(() -> new AssertionError(
                        "a connector that supports delta must give a checkpoint after full consumption"));
                assertThat(checkpoint.connectorId()).as("checkpoint's connector id").isEqualTo(provider().id());
            }
        }
    }

    /** A checkpoint survives encoding and a new connector accepts it for a delta request. */
    @Test
    @Needs("delta")
    public void shouldAcceptItsOwnCheckpointForADeltaRun() {
        Checkpoint checkpoint;
        try (Connector connector = connector()) {
            assumeTrue(connector.descriptor().deltaSupported(), "the connector does not support delta");
            RecordStream<SourceRecord> findings = connector.fetchFindings(request());
            drain(findings);
            checkpoint = findings.checkpoint().orElseThrow(() -> new AssertionError(
                    "a connector that supports delta must give a checkpoint after full consumption"));
        }
        Checkpoint decoded = Checkpoint.decode(checkpoint.encode());
        SyncRequest delta = SyncRequest.builder().from(request()).mode(SyncRequest.Mode.DELTA)
                .checkpoint(decoded).build();
        try (Connector connector = connector()) {
            assertThatCode(() -> connector.fetchFindings(delta).close())
                    .as("opening a delta findings stream from the connector's own checkpoint")
                    .doesNotThrowAnyException();
        }
    }

    /** After a failure the stream gives no checkpoint and rethrows the same error on every call. */
    @Test
    @Needs("failingConnector")
    public void shouldGiveNoCheckpointAfterAFailureAndStayFailed() {
        Optional<Connector> failing = failingConnector();
        assumeTrue(failing.isPresent(), "no failingConnector() given");
        try (Connector connector = failing.get();
             RecordStream<SourceRecord> findings = connector.fetchFindings(request())) {
            assertThat(findings.hasNext()).as("the failingConnector()'s first finding page must have records")
                    .isTrue();
            Throwable error = catchThrowable(() -> {
                while (findings.hasNext()) {
                    findings.next();
                }
            });

            assertThat(error).as("the failingConnector()'s finding stream must fail")
                    .isInstanceOf(ConnectorException.class);
            assertThat(findings.stats().records()).as("records delivered before the failure").isPositive();
            assertThat(findings.checkpoint()).as("checkpoint after a failure").isEmpty();
            assertThatThrownBy(findings::hasNext).as("hasNext() after the failure").isSameAs(error);
            assertThatThrownBy(findings::next).as("next() after the failure").isSameAs(error);
            assertThat(findings.checkpoint()).as("checkpoint after a failure").isEmpty();
        }
    }

    /** Closing the {@code java.util.stream.Stream} view closes the record stream. */
    @Test
    public void shouldCloseTheRecordStreamWhenItsJavaStreamIsClosed() {
        try (Connector connector = connector()) {
            RecordStream<SourceRecord> assets = connector.fetchAssets(request());
            try (Stream<SourceRecord> stream = assets.stream()) {
                assertThat(stream.findFirst()).as("first asset of the healthy connector()").isPresent();
            }

            assertThat(assets.hasNext()).as("hasNext() after its Stream was closed").isFalse();
            assertThat(assets.checkpoint()).as("checkpoint after its Stream was closed early").isEmpty();
        }
    }

    /** An interrupted consumer gets {@link ConnectorInterruptedException} before any request, flag kept. */
    @Test
    public void shouldStopAnInterruptedConsumerBeforeTheFirstRequest() {
        OptionalLong before = requestsSent();
        try (Connector connector = connector();
             RecordStream<SourceRecord> assets = connector.fetchAssets(request())) {
            InterruptOutcome outcome = onOwnThread(() -> {
                Thread.currentThread().interrupt();
                return InterruptOutcome.of(catchThrowable(assets::hasNext));
            });

            assertThat(outcome.error()).as("hasNext() on an interrupted thread")
                    .isInstanceOf(ConnectorInterruptedException.class);
            assertThat(outcome.flagStillSet()).as("interrupt flag after ConnectorInterruptedException").isTrue();
            assertThat(assets.checkpoint()).as("checkpoint of an interrupted stream").isEmpty();
            if (before.isPresent()) {
                assertThat(requestsSent().orElseThrow()).as("requests sent by an interrupted consumer")
                        .isEqualTo(before.getAsLong());
            }
        }
    }

    /** A consumer interrupted between records gets {@link ConnectorInterruptedException} promptly, flag kept. */
    @Test
    public void shouldStopAnInterruptedConsumerBetweenRecords() {
        try (Connector connector = connector();
             RecordStream<SourceRecord> assets = connector.fetchAssets(request())) {
            InterruptOutcome outcome = onOwnThread(() -> {
                assertThat(assets.hasNext()).as("the healthy connector() must have asset records").isTrue();
                assets.next();
                Thread.currentThread().interrupt();
                return InterruptOutcome.of(catchThrowable(() -> {
                    while (assets.hasNext()) {
                        assets.next();
                    }
                }));
            });

            assertThat(outcome.error()).as("reading on after an interrupt")
                    .isInstanceOf(ConnectorInterruptedException.class);
            assertThat(outcome.flagStillSet()).as("interrupt flag after ConnectorInterruptedException").isTrue();
            assertThat(assets.checkpoint()).as("checkpoint of an interrupted stream").isEmpty();
            assertThatThrownBy(assets::hasNext).as("hasNext() after the interrupt")
                    .isInstanceOf(ConnectorInterruptedException.class);
        }
    }

    /**
     * A consumer blocked waiting for a slow page gets {@link ConnectorInterruptedException} soon
     * after it is interrupted, with its interrupt flag kept.
     *
     * @throws InterruptedException if the test's own thread is interrupted while it waits
     */
    @Test
    @Needs("slowConnector")
    public void shouldStopAConsumerInterruptedWhileWaitingForAPage() throws InterruptedException {
        Optional<Connector> slow = slowConnector();
        assumeTrue(slow.isPresent(), "no slowConnector() given");
        OptionalLong before = requestsSent();
        try (Connector connector = slow.get();
             RecordStream<SourceRecord> assets = connector.fetchAssets(request())) {
            AtomicReference<InterruptOutcome> outcome = new AtomicReference<>();
            Thread consumer = new Thread(() -> outcome.set(InterruptOutcome.of(catchThrowable(assets::hasNext))),
                    "contract-test-slow-consumer");
            consumer.setDaemon(true);
            consumer.start();
            awaitBlocked(consumer, before);

            consumer.interrupt();
            consumer.join(TimeUnit.SECONDS.toMillis(HANG_GUARD_SECONDS));

            assertThat(consumer.isAlive()).as("consumer still blocked %d s after its interrupt", HANG_GUARD_SECONDS)
                    .isFalse();
            assertThat(outcome.get().error()).as("hasNext() interrupted while waiting for a page")
                    .isInstanceOf(ConnectorInterruptedException.class);
            assertThat(outcome.get().flagStillSet()).as("interrupt flag after ConnectorInterruptedException")
                    .isTrue();
            assertThat(assets.checkpoint()).as("checkpoint of an interrupted stream").isEmpty();
        }
    }

    /** The provider is listed in {@code META-INF/services} and found by its id. */
    @Test
    public void shouldBeDiscoverableWithServiceLoader() {
        ConnectorProvider provider = provider();

        Optional<ConnectorProvider> found = Connectors.load().find(provider.id());

        assertThat(found).as("Connectors.load().find(\"%s\"): list %s in"
                        + " META-INF/services/dev.exposure.connector.ConnectorProvider", provider.id(),
                provider.getClass().getName()).isPresent();
        assertThat(found.orElseThrow()).isExactlyInstanceOf(provider.getClass());
        assertThat(found.orElseThrow().descriptor()).isEqualTo(provider.descriptor());
    }

    /**
     * Every descriptor text is filled in, every config field is described, secret-looking fields
     * are typed SECRET, and every resource the descriptor names exists.
     */
    @Test
    public void shouldDescribeItselfCompletely() {
        ConnectorProvider provider = provider();
        ConnectorDescriptor d = provider.descriptor();
        SoftAssertions softly = new SoftAssertions();

        softly.assertThat(provider.descriptor()).as("descriptor() returns the same value each time").isEqualTo(d);
        softly.assertThat(provider.id()).as("id()").isEqualTo(d.id());
        softly.assertThat(d.displayName()).as("displayName").isNotBlank();
        softly.assertThat(d.vendor()).as("vendor").isNotBlank();
        softly.assertThat(d.product()).as("product").isNotBlank();
        softly.assertThat(d.category()).as("category").isNotBlank();
        softly.assertThat(d.integrationType()).as("integrationType").isNotBlank();
        softly.assertThat(d.version()).as("version (x.y.z)").matches(VERSION);
        softly.assertThat(d.assetSource()).as("assetSource").isNotBlank();
        softly.assertThat(d.findingVendorProductName()).as("findingVendorProductName").isNotBlank();
        softly.assertThat(d.assetTypes()).as("assetTypes").isNotEmpty().allSatisfy(t -> assertThat(t).isNotBlank());
        softly.assertThat(d.findingTypes()).as("findingTypes").isNotEmpty().doesNotContain(FindingType.UNKNOWN);
        softly.assertThat(d.configFields()).as("configFields").isNotEmpty();
        Set<String> names = new HashSet<>();
        for (ConfigField f : d.configFields()) {
            String field = "config field '" + f.name() + "'";
            softly.assertThat(f.name()).as("a config field's name").isNotBlank();
            softly.assertThat(names.add(f.name())).as(field + " is listed once").isTrue();
            softly.assertThat(f.label()).as(field + " label").isNotBlank();
            softly.assertThat(f.description()).as(field + " description").isNotBlank();
            if (looksSecret(f.name())) {
                softly.assertThat(f.type()).as(field + " looks secret, so its type").isEqualTo(ConfigField.Type.SECRET);
            }
            if (f.type() == ConfigField.Type.CHOICE) {
                softly.assertThat(f.allowedValues()).as(field + " allowed values").isNotEmpty();
                f.defaultValue().ifPresent(v -> softly.assertThat(f.allowedValues())
                        .as(field + " allowed values include its default").contains(v));
            }
        }
        List<String> resources = new ArrayList<>(d.transformMaps());
        d.severityMapping().ifPresent(resources::add);
        for (String name : resources) {
            Optional<InputStream> in = provider.openResource(name);
            softly.assertThat(in).as("resource '%s' named in the descriptor", name).isPresent();
            in.ifPresent(ConnectorContractTest::closeQuietly);
        }
        try (Connector connector = connector()) {
            softly.assertThat(connector.descriptor()).as("the connector's descriptor").isEqualTo(d);
        }
        softly.assertAll();
    }

    /** The connection test reports the five checks in order, tells the listener each one, and passes. */
    @Test
    public void shouldReportTheFiveConnectionChecksInOrder() {
        List<ConnectionTestReport.CheckResult> heard = new ArrayList<>();
        try (Connector connector = connector()) {
            ConnectionTestReport report = connector.testConnection(heard::add);

            assertThat(report.checks()).extracting(ConnectionTestReport.CheckResult::check)
                    .containsExactly(ConnectionTestReport.Check.values());
            assertThat(heard).as("results told to the listener").isEqualTo(report.checks());
            assertThat(report.passed()).as("the healthy connector()'s connection test passed; first failure: %s",
                    report.firstFailure().map(c -> c.check().label() + ": " + c.message()).orElse("none")).isTrue();
        }
    }

    /**
     * Whether a config field name looks like it holds a secret: it contains "secret" or
     * "password", or ends in "token", "apiKey", "privateKey" or "credential(s)"; names that end
     * in "Id", "Url", "Scope", "Name" and the like describe a secret without holding one.
     */
    static boolean looksSecret(String fieldName) {
        String n = fieldName.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
        if (NOT_A_SECRET_SUFFIX.matcher(n).matches()) {
            return false;
        }
        return SECRET_WORD.matcher(n).find() || SECRET_SUFFIX.matcher(n).matches();
    }

    /** What a contract test needs beyond the required hooks: an optional hook's name, or {@code delta}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Needs {
        String value();
    }

    /**
     * Skips, with the reason in the report, a test whose {@link Needs optional hook} the subclass
     * does not override or whose connector does not support delta. Reads only the subclass and
     * the provider's descriptor: no connector is created before the test's own set-up runs.
     */
    static final class OptionalHooks implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Needs needs = context.getTestMethod().map(m -> m.getAnnotation(Needs.class)).orElse(null);
            Object instance = context.getTestInstance().orElse(null);
            if (needs == null || !(instance instanceof ConnectorContractTest)) {
                return ConditionEvaluationResult.enabled("needs no optional hook");
            }
            ConnectorContractTest test = (ConnectorContractTest) instance;
            if (needs.value().equals("delta")) {
                return test.provider().descriptor().deltaSupported()
                        ? ConditionEvaluationResult.enabled("the connector supports delta")
                        : ConditionEvaluationResult.disabled("the connector does not support delta (its descriptor says so)");
            }
            return overrides(test.getClass(), needs.value())
                    ? ConditionEvaluationResult.enabled(needs.value() + "() given")
                    : ConditionEvaluationResult.disabled("no " + needs.value() + "() given: override it to run this test");
        }

        private static boolean overrides(Class<?> type, String hook) {
            for (Class<?> c = type; c != null && c != ConnectorContractTest.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(hook) && m.getParameterCount() == 0) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private long requireRequestCounter() {
        OptionalLong sent = requestsSent();
        assumeTrue(sent.isPresent(), "no requestsSent() counter given");
        return sent.getAsLong();
    }

    /** Waits until the consumer sent its request (when counted) and sits in a wait. */
    private void awaitBlocked(Thread consumer, OptionalLong before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_GUARD_SECONDS);
        while (System.nanoTime() < deadline) {
            boolean sent = before.isEmpty() || requestsSent().orElseThrow() > before.getAsLong();
            Thread.State state = consumer.getState();
            if (sent && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)) {
                return;
            }
            if (state == Thread.State.TERMINATED) {
                fail("the slowConnector()'s first asset page did not block: hasNext() returned at once");
            }
            Thread.sleep(10);
        }
        fail("the slowConnector()'s consumer never blocked on a request within %d s", HANG_GUARD_SECONDS);
    }

    private static List<SourceRecord> drain(RecordStream<SourceRecord> stream) {
        List<SourceRecord> records = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(records::add);
        }
        return records;
    }

    private static InterruptOutcome onOwnThread(Callable<InterruptOutcome> task) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "contract-test-consumer");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<InterruptOutcome> future = executor.submit(task);
            return future.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail("an interrupted consumer was still blocked after %d s", HANG_GUARD_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("the test thread was interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            return fail("the consumer thread failed", cause);
        } finally {
            executor.shutdownNow();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (java.io.IOException e) {
            // nothing to do: it was only opened to prove it exists
        }
    }

    /** What a consumer thread saw after interrupting itself. */
    private record InterruptOutcome(@Nullable Throwable error, boolean flagStillSet) {
        static InterruptOutcome of(@Nullable Throwable error) {
            return new InterruptOutcome(error, Thread.currentThread().isInterrupted());
        }
    }
}
