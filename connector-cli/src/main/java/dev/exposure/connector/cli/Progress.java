package dev.exposure.connector.cli;

import dev.exposure.connector.SyncListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The progress display of a sync on stderr: pages, records, records per second and throttle waits
 * of the running stream. On a terminal one line updated in place; otherwise a line every interval
 * (for log files and CI). Thread-safe: the connector calls it from its threads, a daemon timer
 * prints, the worker counts records.
 */
final class Progress implements SyncListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean tty;
    private final UnaryOperator<String> redact;
    private final ScheduledExecutorService timer;
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong throttleWaits = new AtomicLong();
    private final AtomicLong throttledNanos = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private volatile String phase = "";
    private volatile long phaseStart = System.nanoTime();
    private int lastWidth;

    Progress(PrintWriter err, boolean tty, Duration interval, UnaryOperator<String> redact) {
        this.err = err;
        this.tty = tty;
        this.redact = redact;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "connector-cli-progress");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(50, interval.toMillis());
        timer.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Starts counting a new stream, e.g. {@code mde-v2 findings}. */
    void begin(String name) {
        pages.set(0);
        records.set(0);
        throttleWaits.set(0);
        throttledNanos.set(0);
        retries.set(0);
        phaseStart = System.nanoTime();
        phase = name;
    }

    /** Counts one record written. */
    void record() {
        records.incrementAndGet();
    }

    /** Prints the final line of the current stream. */
    void end(String outcome) {
        print(line() + " " + outcome, true);
        phase = "";
    }

    @Override
    public void onPage(String stream, int pageNumber, long recordsSoFar) {
        pages.incrementAndGet();
    }

    @Override
    public void onThrottled(String stream, Duration wait) {
        throttleWaits.incrementAndGet();
        throttledNanos.addAndGet(wait.toNanos());
    }

    @Override
    public void onRetry(String stream, String reason) {
        retries.incrementAndGet();
    }

    @Override
    public void onNotice(String stream, String message) {
        print("notice: " + stream + ": " + message, true);
    }

    private void tick() {
        if (!phase.isEmpty()) {
            print(line(), false);
        }
    }

    private String line() {
        double secs = Math.max(1e-3, (System.nanoTime() - phaseStart) / 1e9);
        long r = records.get();
        return String.format(Locale.ROOT, "%s: %,d pages, %,d records, %,.0f records/s, %d throttle waits (%.1f s), %d retries",
                phase, pages.get(), r, r / secs, throttleWaits.get(), throttledNanos.get() / 1e9, retries.get());
    }

    private synchronized void print(String text, boolean permanent) {
        String safe = ConnectorCli.safe(redact.apply(text));
        if (tty) {
            String pad = safe.length() < lastWidth ? " ".repeat(lastWidth - safe.length()) : "";
            err.print("\r" + safe + pad);
            if (permanent) {
                err.println();
                lastWidth = 0;
            } else {
                lastWidth = safe.length();
            }
        } else {
            err.println((permanent ? "" : "progress: ") + safe);
        }
        err.flush();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            if (tty && lastWidth > 0) {
                err.println();
                err.flush();
                lastWidth = 0;
            }
        }
    }
}
