package dev.exposure.connector.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The scripted faults of one simulated tenant. Thread-safe. Rules are tried in the order they were
 * added; the first that matches a request fires (and uses up one of its repetitions).
 *
 * <pre>{@code
 * tenant.faults().onPage(Endpoint.VULNERABILITIES, 2, Fault.throttle(Duration.ofSeconds(1)));
 * tenant.faults().onRequest(Endpoint.MACHINES, 1, Fault.status(503));
 * tenant.faults().always(Endpoint.VULNERABILITY_CHANGES, Fault.forbidden());
 * }</pre>
 *
 * <p>Request numbers count every request to the family, 1-based, since the tenant started or
 * {@link SimulatedMdeTenant#reset()}. Page numbers are 1-based positions in the paged result
 * ({@code offset / pageSize + 1}; for blobs the file part number + 1); a retry of page k is page k
 * again, so {@code onPage(family, k, fault)} fires once by default and the retry succeeds.
 *
 * @since 0.1
 */
public final class FaultPlan {
    private static final int ANY = -1;

    private final List<Rule> rules = new ArrayList<>();

    FaultPlan() { }

    private static final class Rule {
        final Endpoint endpoint;
        final int request;
        final int page;
        int remaining;
        final Fault fault;

        Rule(Endpoint endpoint, int request, int page, int remaining, Fault fault) {
            this.endpoint = endpoint;
            this.request = request;
            this.page = page;
            this.remaining = remaining;
            this.fault = fault;
        }
    }

    /**
     * Fires once, on the n-th request to the family.
     *
     * @param endpoint the family
     * @param requestNumber 1-based request number
     * @param fault what happens
     * @return this plan
     */
    public FaultPlan onRequest(Endpoint endpoint, int requestNumber, Fault fault) {
        positive(requestNumber, "requestNumber");
        return add(new Rule(Objects.requireNonNull(endpoint, "endpoint"), requestNumber, ANY, 1, fault));
    }

    /**
     * Fires once, the first time page k is requested.
     *
     * @param endpoint the family
     * @param pageNumber 1-based page number
     * @param fault what happens
     * @return this plan
     */
    public FaultPlan onPage(Endpoint endpoint, int pageNumber, Fault fault) {
        return onPage(endpoint, pageNumber, fault, 1);
    }

    /**
     * Fires the first {@code times} times page k is requested.
     *
     * @param endpoint the family
     * @param pageNumber 1-based page number
     * @param fault what happens
     * @param times how many requests of that page it affects, or {@link Integer#MAX_VALUE}
     * @return this plan
     */
    public FaultPlan onPage(Endpoint endpoint, int pageNumber, Fault fault, int times) {
        positive(pageNumber, "pageNumber");
        positive(times, "times");
        return add(new Rule(Objects.requireNonNull(endpoint, "endpoint"), ANY, pageNumber, times, fault));
    }

    /**
     * Fires on every request to the family (e.g. a 403 on one endpoint only).
     *
     * @param endpoint the family
     * @param fault what happens
     * @return this plan
     */
    public FaultPlan always(Endpoint endpoint, Fault fault) {
        return add(new Rule(Objects.requireNonNull(endpoint, "endpoint"), ANY, ANY, Integer.MAX_VALUE, fault));
    }

    /**
     * Fires on the next {@code times} requests to the family.
     *
     * @param endpoint the family
     * @param fault what happens
     * @param times how many requests it affects
     * @return this plan
     */
    public FaultPlan next(Endpoint endpoint, Fault fault, int times) {
        positive(times, "times");
        return add(new Rule(Objects.requireNonNull(endpoint, "endpoint"), ANY, ANY, times, fault));
    }

    /** Removes every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    private synchronized FaultPlan add(Rule r) {
        Objects.requireNonNull(r.fault, "fault must not be null");
        rules.add(r);
        return this;
    }

    /** Whether a page-independent rule matches this request (page rules are checked by {@link #match}). */
    synchronized @Nullable Fault match(Endpoint endpoint, long requestNumber, int page) {
        for (Rule r : rules) {
            if (r.endpoint != endpoint || r.remaining <= 0) {
                continue;
            }
            if (r.request != ANY && r.request != requestNumber) {
                continue;
            }
            if (r.page != ANY && r.page != page) {
                continue;
            }
            if (r.remaining != Integer.MAX_VALUE) {
                r.remaining--;
            }
            return r.fault;
        }
        return null;
    }

    private static void positive(int v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, was " + v);
        }
    }
}
