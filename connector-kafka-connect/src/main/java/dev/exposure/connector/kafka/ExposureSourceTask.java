package dev.exposure.connector.kafka;

import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.internal.BuildVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.jspecify.annotations.Nullable;

/**
 * The task of every connector of this plugin: runs one connection (or, for Resource Graph, one
 * share of its subscriptions) on its schedule.
 *
 * <p>The SDK sync runs on a thread the task owns and hands records over through a bounded queue;
 * {@link #poll()} drains it, waiting at most {@link #POLL_TIMEOUT} for the first record, so it
 * returns promptly between runs and while a run waits for the vendor (throttling, slow pages).
 * {@link #stop()} sets a flag and interrupts the thread; poll returns within its timeout and the
 * thread ends within a second.
 *
 * @since 0.1
 */
public class ExposureSourceTask extends SourceTask {
    /** The longest {@link #poll()} waits for a record. */
    static final Duration POLL_TIMEOUT = Duration.ofMillis(250);
    /** Task config key: this task's share of the subscriptions (split connectors only). */
    static final String TASK_SUBSCRIPTIONS = "task.subscriptions";

    private final Clock clock;
    private final CountDownLatch stopLatch = new CountDownLatch(1);
    private volatile boolean stopped;
    private @Nullable Outbox outbox;
    private @Nullable SyncLoop loop;
    private @Nullable Thread thread;

    /** Creates the task; Connect calls this. */
    public ExposureSourceTask() {
        this(Clock.systemUTC());
    }

    ExposureSourceTask(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return BuildVersion.of(ExposureSourceTask.class);
    }

    @Override
    public void start(Map<String, String> props) {
        String fixed = props.get(ExposureSourceConnector.TASK_PROVIDER);
        SourceSettings settings;
        try {
            Map<String, String> connectorProps = new HashMap<>(props);
            connectorProps.remove(ExposureSourceConnector.TASK_PROVIDER);
            connectorProps.remove(TASK_SUBSCRIPTIONS);
            settings = SourceSettings.parse(SourceSettings.provider(fixed, connectorProps, getClass().getClassLoader()),
                    connectorProps, fixed == null);
        } catch (ConfigurationException e) {
            throw new ConnectException(e.getMessage());
        }
        List<String> share = Optional.ofNullable(props.get(TASK_SUBSCRIPTIONS)).filter(s -> !s.isBlank())
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).toList()).orElse(List.of());
        SourceSettings effective = share.isEmpty() ? settings : settings.withOption(SourceSettings.SUBSCRIPTIONS,
                String.join(",", share));
        Outbox box = new Outbox(Outbox.DEFAULT_CAPACITY, () -> stopped);
        SyncRun run = new SyncRun(effective, share, box, clock, () -> stopped);
        List<Map<String, Object>> partitions = run.partitions();
        Map<Map<String, Object>, Map<String, Object>> stored = context.offsetStorageReader().offsets(partitions);
        Optional<RunOffset> last = RunOffset.newest(new ArrayList<>(stored.values()));
        Function<String, String> redact = settings.secret == null ? Function.identity() : settings.secret::redact;
        start(effective.connectionName(), settings, last, box, run::run, redact);
    }

    /** Starts the loop; separate so that tests can give their own runner. */
    void start(String name, SourceSettings settings, Optional<RunOffset> last, Outbox box, SyncLoop.Runner runner,
               Function<String, String> redact) {
        this.outbox = box;
        this.loop = new SyncLoop(name, settings.schedule, last, clock, this::awaitStop, runner, redact);
        Thread t = new Thread(loop, "exposure-sync-" + name);
        t.setDaemon(true);
        this.thread = t;
        t.start();
    }

    private boolean awaitStop(Duration d) throws InterruptedException {
        return stopLatch.await(d.toMillis(), TimeUnit.MILLISECONDS) || stopped;
    }

    @Override
    public @Nullable List<SourceRecord> poll() throws InterruptedException {
        Outbox box = outbox;
        SyncLoop l = loop;
        if (box == null || l == null || stopped) {
            return null;
        }
        List<SourceRecord> batch = box.drain(POLL_TIMEOUT);
        if (batch == null) {
            RuntimeException fatal = l.fatal();
            if (fatal != null) {
                throw new ConnectException(fatal.getMessage());
            }
        }
        return batch;
    }

    @Override
    public void commitRecord(SourceRecord record, @Nullable RecordMetadata metadata) {
        Outbox box = outbox;
        if (box != null) {
            box.acknowledged();
        }
    }

    @Override
    public void stop() {
        stopped = true;
        stopLatch.countDown();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** @return the sync thread, for tests */
    @Nullable Thread thread() {
        return thread;
    }

    /** @return the loop, for tests */
    @Nullable SyncLoop loop() {
        return loop;
    }
}
