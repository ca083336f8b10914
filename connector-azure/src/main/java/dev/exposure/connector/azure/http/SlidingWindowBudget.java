package dev.exposure.connector.azure.http;

import dev.exposure.connector.SharedRateBudget;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A client-side request budget per bucket at documented per-minute and per-hour limits, so that a
 * connection's own traffic never earns a 429: a sliding-window log of send times per bucket (at
 * most {@code perHour} longs per bucket). A bucket without a limit is not paced. Thread-safe.
 *
 * <p>Sharing: vendor limits apply per application and tenant, so every connection of this JVM with
 * the same key shares one budget ({@link #shared}), whatever {@code Sleeper} each was lent: the
 * shared budget measures time with its own clock, the monotonic clock plus every wait some
 * connection was asked to do for it and did not really sleep (a host's virtual sleeper), so mixed
 * sleepers stay consistent and the budget only gets stricter. A host running several processes
 * lends a {@link SharedRateBudget} instead ({@link #lent}).
 */
public final class SlidingWindowBudget implements Pacer {

    /**
     * @param perMinute requests per sliding minute
     * @param perHour requests per sliding hour
     */
    public record Limit(int perMinute, int perHour) { }

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long HOUR = Duration.ofHours(1).toNanos();
    private static final Map<String, SlidingWindowBudget> SHARED = new ConcurrentHashMap<>();

    private final Map<String, Limit> limits;
    private final Map<String, ArrayDeque<Long>> sent = new HashMap<>();
    private final LongSupplier clock;
    private final AtomicLong skipped = new AtomicLong();

    /**
     * A budget of one's own, measured with the given clock (tests pass a virtual one whose time
     * advances by the waits).
     *
     * @param limits the limit per bucket
     * @param clock monotonic nanoseconds
     */
    public SlidingWindowBudget(Map<String, Limit> limits, LongSupplier clock) {
        this.limits = Map.copyOf(limits);
        this.clock = clock;
        for (String bucket : this.limits.keySet()) {
            sent.put(bucket, new ArrayDeque<>());
        }
    }

    /**
     * @param key what shares a budget (e.g. vendor, tenant, application and API host, lower case)
     * @param limits the limit per bucket (the first caller's limits are kept)
     * @return the JVM's budget for that key
     */
    public static SlidingWindowBudget shared(String key, Map<String, Limit> limits) {
        return SHARED.computeIfAbsent(key, k -> new SlidingWindowBudget(limits, System::nanoTime));
    }

    /**
     * A budget kept by the host, shared with its other processes: asked before each request with
     * the key {@code keyPrefix + bucket}; its answer is waited.
     *
     * @param lent the host's budget
     * @param keyPrefix e.g. {@code "mde-v2|tenant|client|host|"}
     * @param limits the limit per bucket
     * @return the pacer
     */
    public static Pacer lent(SharedRateBudget lent, String keyPrefix, Map<String, Limit> limits) {
        Map<String, Limit> copy = Map.copyOf(limits);
        return (bucket, waits) -> {
            Limit limit = copy.get(bucket);
            if (limit == null) {
                return Duration.ZERO;
            }
            Duration wait = lent.reserve(keyPrefix + bucket, limit.perMinute(), limit.perHour());
            if (wait.isNegative() || wait.isZero()) {
                return Duration.ZERO;
            }
            waits.sleep(wait);
            return wait;
        };
    }

    private long now() {
        return clock.getAsLong() + skipped.get();
    }

    @Override
    public Duration acquire(String bucket, Waits waits) {
        Limit limit = limits.get(bucket);
        if (limit == null) {
            return Duration.ZERO;
        }
        Duration waited = Duration.ZERO;
        while (true) {
            long wait;
            synchronized (this) {
                long now = now();
                ArrayDeque<Long> log = sent.get(bucket);
                while (!log.isEmpty() && now - log.peekFirst() >= HOUR) {
                    log.pollFirst();
                }
                wait = log.size() >= limit.perHour() ? log.peekFirst() + HOUR - now : 0;
                if (log.size() >= limit.perMinute()) {
                    // the oldest of the newest perMinute sends must have left the minute
                    long nth = nthNewest(log, limit.perMinute());
                    wait = Math.max(wait, nth + MINUTE - now);
                }
                if (wait <= 0) {
                    log.addLast(now);
                    return waited;
                }
            }
            Duration d = Duration.ofNanos(wait);
            long t0 = clock.getAsLong();
            waits.sleep(d);
            long shortfall = wait - (clock.getAsLong() - t0);
            if (shortfall > 0) {
                skipped.addAndGet(shortfall);
            }
            waited = waited.plus(d);
        }
    }

    /**
     * Moves the bucket's newest send time to now. The server counts a request when it arrives,
     * which can be well after {@link #acquire} (a token fetch and a connection set-up come first);
     * the answer's arrival bounds the server's count from above, so the window kept here is never
     * shorter than the server's. With several requests of a bucket in flight another one's entry may
     * move instead; every move is to a later time, so the budget only gets stricter.
     */
    @Override
    public void answered(String bucket, com.azure.core.http.@Nullable HttpResponse response, Waits waits) {
        if (!limits.containsKey(bucket)) {
            return;
        }
        synchronized (this) {
            ArrayDeque<Long> log = sent.get(bucket);
            long now = now();
            if (!log.isEmpty() && now > log.peekLast()) {
                log.pollLast();
                log.addLast(now);
            }
        }
    }

    private static long nthNewest(ArrayDeque<Long> log, int n) {
        int i = 0;
        long t = 0;
        for (Iterator<Long> it = log.descendingIterator(); it.hasNext() && i < n; i++) {
            t = it.next();
        }
        return t;
    }
}
