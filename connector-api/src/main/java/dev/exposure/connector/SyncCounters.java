package dev.exposure.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The live, thread-safe counters behind {@link RecordStream#stats()}. Connector implementations
 * update them from their transport (requests, retries, throttle waits); {@link PagedRecordStream}
 * counts pages and records. Readers take {@link #snapshot()}s from any thread.
 *
 * @since 0.1
 */
public final class SyncCounters {
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttledNanos = new AtomicLong();
    private final List<String> notices = new ArrayList<>();
    private volatile @Nullable String fullSyncFallback;
    private final DataQualityReport.Accumulator dataQuality = new DataQualityReport.Accumulator();

    /** Counts one page fetched completely. */
    public void page() {
        pages.incrementAndGet();
    }

    /** Counts one record delivered. */
    public void record() {
        records.incrementAndGet();
    }

    /** Counts one HTTP request sent to the vendor API. */
    public void request() {
        requests.incrementAndGet();
    }

    /** Counts one retried request. */
    public void retry() {
        retries.incrementAndGet();
    }

    /**
     * Adds time spent waiting for a rate limit.
     *
     * @param wait the time waited
     */
    public void throttled(Duration wait) {
        throttledNanos.addAndGet(wait.toNanos());
    }

    /**
     * Records a notable event.
     *
     * @param notice a short sentence, without secrets
     */
    public void notice(String notice) {
        synchronized (notices) {
            notices.add(notice);
        }
    }

    /**
     * Records that a requested delta ran as a full sync, and why.
     *
     * @param reason e.g. "checkpoint is older than the API's 14-day limit"
     */
    public void fullSyncFallback(String reason) {
        this.fullSyncFallback = reason;
        notice("delta sync ran as a full sync: " + reason);
    }

    /**
     * Counts an optional field value that was repaired or dropped (see {@link FieldIssues}, which
     * also tells the listener).
     *
     * @param issue the issue
     * @since 0.1
     */
    public void fieldIssue(FieldIssue issue) {
        dataQuality.add(issue);
    }

    /** @return the records delivered so far */
    public long records() {
        return records.get();
    }

    /** @return the requests sent so far */
    public long requests() {
        return requests.get();
    }

    /** @return a consistent-enough snapshot of the counters */
    public SyncStats snapshot() {
        List<String> n;
        synchronized (notices) {
            n = List.copyOf(notices);
        }
        return SyncStats.builder()
                .pages(pages.get())
                .records(records.get())
                .requests(requests.get())
                .retries(retries.get())
                .throttledTime(Duration.ofNanos(throttledNanos.get()))
                .fullSyncFallback(java.util.Optional.ofNullable(fullSyncFallback))
                .notices(n)
                .dataQuality(dataQuality.report())
                .build();
    }
}
