package dev.exposure.connector;

import java.time.Duration;

/**
 * Progress events of a sync, for progress bars and logs. Called on the consuming thread (or the
 * transport's thread for waits); implementations must be quick and must not throw. All methods
 * default to doing nothing.
 *
 * @since 0.1
 */
public interface SyncListener {

    /** A listener that ignores everything. */
    SyncListener NONE = new SyncListener() { };

    /**
     * A page was fetched completely.
     *
     * @param stream which stream, e.g. {@code mde-v2 findings}
     * @param pageNumber 1-based page number
     * @param recordsSoFar records delivered by this stream so far
     */
    default void onPage(String stream, int pageNumber, long recordsSoFar) { }

    /**
     * The connector is waiting for a rate limit (the vendor's {@code Retry-After} or our budget).
     *
     * @param stream which stream
     * @param wait how long it waits
     */
    default void onThrottled(String stream, Duration wait) { }

    /**
     * A request failed and will be retried.
     *
     * @param stream which stream
     * @param reason why, without secrets
     */
    default void onRetry(String stream, String reason) { }

    /**
     * One attempt of an HTTP request got its answer, or failed without one. Called once per
     * attempt (a retried request reports each attempt, with its own status), access-token requests
     * included (family {@link RequestInfo#TOKEN}), after the attempt and before any wait for the
     * next one; on the thread that sent it.
     *
     * @param stream which stream
     * @param info the endpoint family, status, attempt number and duration (no URL, no id)
     * @since 0.1
     */
    default void onRequest(String stream, RequestInfo info) { }

    /**
     * Something the user should know, such as a delta sync falling back to a full sync.
     *
     * @param stream which stream
     * @param message the notice
     */
    default void onNotice(String stream, String message) { }

    /**
     * An optional field value of a record was repaired or dropped; the record itself was kept.
     * Called once per value (it may be called often on bad data, so keep it cheap).
     *
     * @param issue the field, what was wrong and what was done
     * @since 0.1
     */
    default void onFieldIssue(FieldIssue issue) { }
}
