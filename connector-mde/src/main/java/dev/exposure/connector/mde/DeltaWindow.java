package dev.exposure.connector.mde;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Makes the order of delta rows irrelevant to a consumer that applies findings in delivered order
 * keyed by their id. Microsoft does not promise any order of the rows of
 * {@code SoftwareVulnerabilityChangesByMachine}, within a page or across the pages of one run; an
 * RBAC group move, for one, is a {@code Fixed} row (old group) and a {@code New} row (new group)
 * of the same finding at the same {@code eventTimestamp}, in either order.
 *
 * <p>Each row gets a rank: its {@code eventTimestamp} first, then its status, {@code New} &gt;
 * {@code Updated} &gt; {@code Fixed} &gt; missing or unknown (so at one event time the finding stays
 * open; a {@code Fixed} strictly later than a {@code New} wins). An unreadable or missing
 * {@code eventTimestamp} ranks before every readable one. A row is delivered only if it ranks above
 * every row of the same finding delivered before it in this run; otherwise it is held back
 * (counted), because applied after the winner it would undo it. So the last row delivered per
 * finding is the one that ranks highest, whatever the order the API sent them in, and the rows
 * delivered per finding rank strictly higher one after another (no two delivered rows of a
 * finding share status and event time). Nothing is buffered.
 *
 * <p>Memory: one {@link KeyTable} entry per finding seen in the run (the 128-bit key of the
 * lower-cased finding id and the best rank, 32-64 bytes). Not thread-safe.
 */
final class DeltaWindow {
    /** Rank of a row whose {@code eventTimestamp} cannot be read: below every readable time. */
    private static final long NO_TIME = Long.MIN_VALUE / 8;

    private final KeyTable best = new KeyTable(4096);

    /**
     * @param findingId the finding's id (its source id, after any merge re-attribution)
     * @param status the row's {@code status}
     * @param eventTimestamp the row's {@code eventTimestamp}
     * @return true if the row is to be delivered, false if a row of the same finding that must win
     *     over it was delivered already
     */
    boolean admit(String findingId, @Nullable Object status, @Nullable Object eventTimestamp) {
        long rank = rank(status, eventTimestamp);
        var key = KeyTable.key(findingId);
        long before = best.get(key);
        if (before != KeyTable.ABSENT && rank <= before) {
            return false;
        }
        best.put(key, rank);
        return true;
    }

    /** 9999-12-31T23:59:59Z: later event times rank as unreadable (no overflow of the rank). */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    /** @return the row's rank: event time in microseconds, times 4, plus the status's rank */
    static long rank(@Nullable Object status, @Nullable Object eventTimestamp) {
        Instant t = eventTimestamp == null ? null : MdeTimestamps.parse(eventTimestamp.toString());
        long micros = NO_TIME;
        // a year beyond 9999 is no real event time, and would overflow the rank: it ranks as unreadable
        if (t != null && t.getEpochSecond() <= MAX_EPOCH_SECOND && t.getEpochSecond() >= -MAX_EPOCH_SECOND) {
            micros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
        }
        return micros * 4 + statusRank(status);
    }

    /** @return 3 for New, 2 for Updated, 1 for Fixed (any casing), 0 otherwise */
    static int statusRank(@Nullable Object status) {
        if (!(status instanceof String s)) {
            return 0;
        }
        switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "new":
                return 3;
            case "updated":
                return 2;
            case "fixed":
                return 1;
            default:
                return 0;
        }
    }

    /** @return findings seen in this run */
    int findings() {
        return best.size();
    }

    /** @return the bytes of the table */
    long memoryBytes() {
        return best.memoryBytes();
    }
}
