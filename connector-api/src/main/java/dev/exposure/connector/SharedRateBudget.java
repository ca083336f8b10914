package dev.exposure.connector;

import java.time.Duration;

/**
 * A request budget that the host lends so that connectors in several processes share one vendor
 * rate limit. Lend it through the context:
 * {@code ConnectorContext.builder().with(SharedRateBudget.class, budget)}.
 *
 * <p>Vendors limit requests per application and tenant (MDE: 100 calls per minute and 1,500 per
 * hour for machines, fewer for exports). A connector paces itself to those limits, but by default
 * its budget lives in its JVM: two pods syncing the same tenant with the same app registration
 * each spend the whole limit, and the vendor answers 429. A host running several such processes
 * implements this interface over storage they share (a database row, a Redis sorted set, ...) and
 * lends it to every connector.
 *
 * <p>Before each request the connector calls {@link #reserve} once and waits the returned time
 * itself (interruptibly, through its {@link Sleeper}, reported to
 * {@link SyncListener#onThrottled}). Implementations must be thread-safe, quick and must not block;
 * an exception fails the request.
 *
 * @since 0.1
 */
public interface SharedRateBudget {

    /**
     * Reserves one request slot of a budget for the time now plus the returned wait, which must
     * keep the budget within both limits over sliding windows.
     *
     * @param key names the budget: connector id, tenant id, application (client) id, API host and
     *     endpoint family, e.g. {@code mde-v2|<tenant>|<client>|api.securitycenter.microsoft.com|machines};
     *     never a secret, bounded by the host's connections
     * @param perMinute the vendor's documented limit per minute for this key
     * @param perHour the vendor's documented limit per hour for this key
     * @return how long the caller must wait before sending; {@link Duration#ZERO} to send now
     */
    Duration reserve(String key, int perMinute, int perHour);
}
