package dev.exposure.connector.kafka;

import dev.exposure.connector.ConnectorInterruptedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;

/**
 * The bounded hand-over between the task's sync thread (which puts) and Connect's poll thread
 * (which drains), plus the count of records Kafka acknowledged. Memory is bounded by the capacity:
 * when Kafka is slower than the vendor API, the sync thread waits (in slices, so a stop is seen
 * within one slice) and the vendor stream is read no faster than Kafka takes it.
 */
final class Outbox {
    /** Records held at most between the two threads. */
    static final int DEFAULT_CAPACITY = 2_000;
    /** The most records one {@code poll()} returns. */
    static final int MAX_BATCH = 1_000;
    /** The longest single wait of the sync thread before it looks at the stop flag again. */
    static final Duration SLICE = Duration.ofMillis(100);

    private final BlockingQueue<SourceRecord> queue;
    private final BooleanSupplier stopped;
    private final Object ackLock = new Object();
    private long put;
    private long acked;

    Outbox(int capacity, BooleanSupplier stopped) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.stopped = stopped;
    }

    /**
     * Hands a record over, waiting while the outbox is full.
     *
     * @throws ConnectorInterruptedException when the task is stopped or the thread interrupted while waiting
     */
    void put(SourceRecord record) {
        try {
            while (!queue.offer(record, SLICE.toMillis(), TimeUnit.MILLISECONDS)) {
                checkStopped();
            }
            synchronized (ackLock) {
                put++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorInterruptedException("the task was stopped", e);
        }
    }

    /**
     * Waits until Kafka acknowledged every record put so far (Connect calls
     * {@code commitRecord} for each, also for records a transformation dropped).
     *
     * @throws ConnectorInterruptedException when the task is stopped or the thread interrupted while waiting
     */
    void awaitAllAcknowledged() {
        synchronized (ackLock) {
            while (acked < put) {
                checkStopped();
                try {
                    ackLock.wait(SLICE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorInterruptedException("the task was stopped", e);
                }
            }
        }
    }

    /** Counts one record Kafka acknowledged. */
    void acknowledged() {
        synchronized (ackLock) {
            acked++;
            ackLock.notifyAll();
        }
    }

    /**
     * Drains what is ready, waiting at most {@code timeout} for the first record.
     *
     * @return up to {@value #MAX_BATCH} records, or null when none came in time
     */
    @Nullable List<SourceRecord> drain(Duration timeout) throws InterruptedException {
        SourceRecord first = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(MAX_BATCH, queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        return batch;
    }

    private void checkStopped() {
        if (stopped.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new ConnectorInterruptedException("the task was stopped", null);
        }
    }
}
