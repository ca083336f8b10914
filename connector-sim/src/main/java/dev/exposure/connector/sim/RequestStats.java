package dev.exposure.connector.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a simulated server saw: requests per endpoint family, the peak request rate per family in a
 * sliding window, the last requests, and every {@code Host} that came with an
 * {@code Authorization} header. Thread-safe.
 *
 * @since 0.1
 */
public final class RequestStats {
    private static final int LOG_LIMIT = 10_000;

    private final Map<Endpoint, long[]> times = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Integer> counts = new EnumMap<>(Endpoint.class);
    private final List<RecordedRequest> log = new ArrayList<>();
    private final Set<String> authorizationHosts = new LinkedHashSet<>();
    private long withAuthorization;

    RequestStats() { }

    /**
     * One request as the server saw it.
     *
     * @param endpoint the family
     * @param method the HTTP method
     * @param uri the request URI (path and query, as sent)
     * @param host the {@code Host} header
     * @param authorization whether an {@code Authorization} header came with it
     * @param number the 1-based request number within the family
     */
    public record RecordedRequest(Endpoint endpoint, String method, String uri, String host, boolean authorization,
            long number) { }

    synchronized long record(Endpoint e, String method, String uri, @Nullable String host, boolean authorization) {
        int n = counts.getOrDefault(e, 0);
        long[] t = times.get(e);
        if (t == null) {
            t = new long[64];
        } else if (n == t.length) {
            t = Arrays.copyOf(t, n * 2);
        }
        t[n] = System.nanoTime();
        times.put(e, t);
        counts.put(e, n + 1);
        String h = host == null ? "" : host;
        if (authorization) {
            withAuthorization++;
            authorizationHosts.add(h);
        }
        if (log.size() < LOG_LIMIT) {
            log.add(new RecordedRequest(e, method, uri, h, authorization, n + 1L));
        }
        return n + 1L;
    }

    /**
     * @param e an endpoint family
     * @return requests to it so far
     */
    public synchronized int count(Endpoint e) {
        return counts.getOrDefault(e, 0);
    }

    /** @return requests to all families so far */
    public synchronized int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The largest number of requests to the family within any window of the given length.
     *
     * @param e an endpoint family
     * @param window the sliding window, e.g. one minute
     * @return the peak count
     */
    public synchronized int peak(Endpoint e, Duration window) {
        int n = counts.getOrDefault(e, 0);
        long[] t = times.get(e);
        if (t == null || n == 0) {
            return 0;
        }
        long w = window.toNanos();
        int best = 0;
        int lo = 0;
        for (int hi = 0; hi < n; hi++) {
            while (t[hi] - t[lo] >= w) {
                lo++;
            }
            best = Math.max(best, hi - lo + 1);
        }
        return best;
    }

    /**
     * @param e an endpoint family
     * @return the peak number of requests to it within any sliding minute
     */
    public int peakPerMinute(Endpoint e) {
        return peak(e, Duration.ofMinutes(1));
    }

    /** @return the first 10,000 requests, in arrival order */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(log);
    }

    /** @return requests that carried an {@code Authorization} header */
    public synchronized long requestsWithAuthorization() {
        return withAuthorization;
    }

    /** @return every {@code Host} header value that came with an {@code Authorization} header */
    public synchronized Set<String> authorizationHosts() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(authorizationHosts));
    }

    /** Forgets everything. */
    public synchronized void reset() {
        times.clear();
        counts.clear();
        log.clear();
        authorizationHosts.clear();
        withAuthorization = 0;
    }

    @Override
    public synchronized String toString() {
        return "RequestStats" + counts;
    }
}
