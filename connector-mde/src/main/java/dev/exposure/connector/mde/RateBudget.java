package dev.exposure.connector.mde;

import dev.exposure.connector.SharedRateBudget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The client-side request budget per endpoint family at Microsoft's documented limits, so that our
 * own traffic never earns a 429: a sliding-window log of send times per family (at most one
 * hour's worth, i.e. at most 1,500 longs). Thread-safe. Microsoft's limits apply per application
 * and tenant, so every connector of this JVM with the same tenant, client and API host shares one
 * budget ({@link #shared}); a connector lent a {@code Sleeper} (or its own {@link MdeTiming}) gets its own.
 * A host that runs several processes lends a {@link SharedRateBudget} instead ({@link #lent}).
 */
final class RateBudget {

    /** Endpoint families and their documented limits. */
    enum Family {
        MACHINES("machines", 100, 1_500, "Machine.Read.All"),
        VULNERABILITY_EXPORT("vulnerability export", 30, 1_000, "Vulnerability.Read.All"),
        FILE_EXPORT("file export", 5, 20, "Vulnerability.Read.All"),
        /** Download links of the file export: Azure Storage, not the MDE API; no budget, no token. */
        DOWNLOAD("export file download", Integer.MAX_VALUE, Integer.MAX_VALUE, "Vulnerability.Read.All");

        final String label;
        final int perMinute;
        final int perHour;
        final String permission;

        Family(String label, int perMinute, int perHour, String permission) {
            this.label = label;
            this.perMinute = perMinute;
            this.perHour = perHour;
            this.permission = permission;
        }
    }

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long HOUR = Duration.ofHours(1).toNanos();

    private final MdeTiming timing;
    private final Map<Family, ArrayDeque<Long>> sent = new EnumMap<>(Family.class);
    /** The host's budget shared with other processes, or null for this JVM's own. */
    private final @Nullable SharedRateBudget lent;
    private final String lentKey;

    private static final java.util.concurrent.ConcurrentHashMap<String, RateBudget> SHARED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param tenantId the tenant
     * @param clientId the application
     * @param apiHost the API host
     * @param timing the connector's timing
     * @return the budget of that application and tenant in this JVM
     */
    static RateBudget shared(String tenantId, String clientId, String apiHost, MdeTiming timing) {
        if (timing != MdeTiming.SYSTEM) {
            return new RateBudget(timing);
        }
        String key = tenantId.toLowerCase(java.util.Locale.ROOT) + "|" + clientId.toLowerCase(java.util.Locale.ROOT)
                + "|" + apiHost;
        return SHARED.computeIfAbsent(key, k -> new RateBudget(timing));
    }

    /**
     * A budget kept by the host ({@link SharedRateBudget}, lent through the context), shared with
     * the host's other processes.
     *
     * @param lent the host's budget
     * @return a budget that asks it before each request and waits what it says
     */
    static RateBudget lent(SharedRateBudget lent, String tenantId, String clientId, String apiHost, MdeTiming timing) {
        return new RateBudget(timing, lent, "mde-v2|" + tenantId.toLowerCase(java.util.Locale.ROOT) + "|"
                + clientId.toLowerCase(java.util.Locale.ROOT) + "|" + apiHost + "|");
    }

    RateBudget(MdeTiming timing) {
        this(timing, null, "");
    }

    private RateBudget(MdeTiming timing, @Nullable SharedRateBudget lent, String lentKey) {
        this.lent = lent;
        this.lentKey = lentKey;
        this.timing = timing;
        for (Family f : Family.values()) {
            sent.put(f, new ArrayDeque<>());
        }
    }

    /**
     * Takes one request from the family's budget, waiting first if the budget is spent.
     *
     * @param family the endpoint family
     * @return how long it waited (zero if not at all)
     */
    Duration acquire(Family family) {
        if (family.perMinute == Integer.MAX_VALUE) {
            return Duration.ZERO;
        }
        if (lent != null) {
            Duration wait = lent.reserve(lentKey + family.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    family.perMinute, family.perHour);
            if (wait.isNegative() || wait.isZero()) {
                return Duration.ZERO;
            }
            timing.sleep(wait);
            return wait;
        }
        Duration waited = Duration.ZERO;
        while (true) {
            long wait;
            synchronized (this) {
                long now = timing.nanoTime();
                ArrayDeque<Long> log = sent.get(family);
                while (!log.isEmpty() && now - log.peekFirst() >= HOUR) {
                    log.pollFirst();
                }
                wait = 0;
                if (log.size() >= family.perHour) {
                    wait = log.peekFirst() + HOUR - now;
                }
                int inMinute = 0;
                Long oldestInMinute = null;
                for (java.util.Iterator<Long> it = log.descendingIterator(); it.hasNext(); ) {
                    long t = it.next();
                    if (now - t >= MINUTE) {
                        break;
                    }
                    inMinute++;
                    oldestInMinute = t;
                }
                if (inMinute >= family.perMinute && oldestInMinute != null) {
                    // wait until the oldest of the last perMinute sends leaves the window
                    long nth = nthNewest(log, family.perMinute);
                    wait = Math.max(wait, nth + MINUTE - now);
                }
                if (wait <= 0) {
                    log.addLast(now);
                    return waited;
                }
            }
            Duration d = Duration.ofNanos(wait);
            timing.sleep(d);
            waited = waited.plus(d);
        }
    }

    /**
     * Records that the family's latest request was answered now. The server counts a request when
     * it arrives, which can be well after {@link #acquire} (the bearer token is fetched, and a
     * connection set up, after the budget was taken), so the send time logged at acquire can be
     * earlier than the server's count by that delay, and the 31st request of a minute could then
     * reach the server less than a minute after the 1st. The response's arrival bounds the server's
     * count from above, so the newest entry moves to now: the window the budget keeps is then never
     * shorter than the server's. With several streams of one family in flight at once, another
     * request's entry may move instead; every move is to a later time, so the budget only gets
     * stricter.
     *
     * @param family the endpoint family whose request was answered
     */
    void answered(Family family) {
        if (family.perMinute == Integer.MAX_VALUE || lent != null) {
            return;
        }
        synchronized (this) {
            ArrayDeque<Long> log = sent.get(family);
            if (!log.isEmpty()) {
                long now = timing.nanoTime();
                if (now > log.peekLast()) {
                    log.pollLast();
                    log.addLast(now);
                }
            }
        }
    }

    private static long nthNewest(ArrayDeque<Long> log, int n) {
        int i = 0;
        long t = 0;
        for (java.util.Iterator<Long> it = log.descendingIterator(); it.hasNext() && i < n; i++) {
            t = it.next();
        }
        return t;
    }
}
