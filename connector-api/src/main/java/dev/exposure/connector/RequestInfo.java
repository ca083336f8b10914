package dev.exposure.connector;

import java.time.Duration;
import java.util.Objects;

/**
 * One attempt of one HTTP request a connector sent, as reported to
 * {@link SyncListener#onRequest(String, RequestInfo)}: which endpoint family it went to, how the
 * server answered, which attempt it was and how long it took. It carries no URL, host, id, header
 * or message, so every part is safe for logs and bounded enough for a metric tag.
 *
 * @param family the endpoint family: a short lowercase id from the connector's fixed vocabulary
 *     (e.g. {@code machines}, {@code vulnerability-export}, {@code resource-graph}), or
 *     {@link #TOKEN} for a request to the login host
 * @param status the HTTP status of the answer, or {@link #NO_ANSWER} when none came (the
 *     connection failed or timed out)
 * @param attempt 1 for the first attempt of the request, 2 for its first retry, ...
 * @param duration from sending the attempt to its answer's status and headers (or to the failure),
 *     measured on the connector's clock (which tests may make virtual); waits between attempts
 *     are not included
 * @since 0.1
 */
public record RequestInfo(String family, int status, int attempt, Duration duration) {

    /** The family of access-token requests to the login host. */
    public static final String TOKEN = "token";

    /** The status of an attempt that got no answer (failed connection, timeout). */
    public static final int NO_ANSWER = 0;

    /** The longest family id, in characters. */
    public static final int MAX_FAMILY = 40;

    private static final java.util.regex.Pattern FAMILY = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * Checks the parts.
     *
     * @param family the endpoint family
     * @param status the HTTP status, or {@link #NO_ANSWER}
     * @param attempt the attempt number, from 1
     * @param duration how long the attempt took
     * @throws IllegalArgumentException if the family is not a short lowercase id
     *     ({@code [a-z0-9][a-z0-9-]*}, at most {@value #MAX_FAMILY} characters), the status neither
     *     {@code 0} nor three digits ({@code 100..999}, what an HTTP client accepts), the attempt below 1 or the duration negative
     */
    public RequestInfo {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(duration, "duration");
        if (family.length() > MAX_FAMILY || !FAMILY.matcher(family).matches()) {
            throw new IllegalArgumentException("family must be a short lowercase id, not '"
                    + SafeText.of(family, MAX_FAMILY) + "'");
        }
        if (status != NO_ANSWER && (status < 100 || status > 999)) {
            // any three digits: a server may send 999, and reporting it must not fail the request
            throw new IllegalArgumentException("status must be 0 (no answer) or 100..999, not " + status);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, not " + attempt);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
    }

    /** @return whether the server answered (any status) */
    public boolean answered() {
        return status != NO_ANSWER;
    }
}
