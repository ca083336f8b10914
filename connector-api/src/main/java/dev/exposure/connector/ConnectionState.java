package dev.exposure.connector;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a connection, as the product shows it, with its legal transitions:
 *
 * <pre>
 * REGISTERED -> SCHEDULED | PROCESSING
 * SCHEDULED  -> PROCESSING
 * PROCESSING -> PROCESSED | ERRORED
 * PROCESSED  -> SCHEDULED | PROCESSING
 * ERRORED    -> SCHEDULED | PROCESSING
 * </pre>
 *
 * @since 0.1
 */
public enum ConnectionState {
    /** Created and registered; no data fetched yet. */
    REGISTERED,
    /** Queued for its next scheduled run. */
    SCHEDULED,
    /** Fetching assets and findings. */
    PROCESSING,
    /** Assets imported; findings may still be processing. */
    PROCESSED,
    /** The last run failed; see its error. */
    ERRORED;

    /**
     * @return the states this one may move to
     */
    public Set<ConnectionState> next() {
        return switch (this) {
            case REGISTERED -> EnumSet.of(SCHEDULED, PROCESSING);
            case SCHEDULED -> EnumSet.of(PROCESSING);
            case PROCESSING -> EnumSet.of(PROCESSED, ERRORED);
            case PROCESSED, ERRORED -> EnumSet.of(SCHEDULED, PROCESSING);
        };
    }

    /**
     * @param target the state to move to
     * @return whether the move is legal
     */
    public boolean canMoveTo(ConnectionState target) {
        return next().contains(target);
    }

    /**
     * @param target the state to move to
     * @return the target
     * @throws IllegalStateException naming both states and the legal targets, if the move is illegal
     */
    public ConnectionState moveTo(ConnectionState target) {
        if (!canMoveTo(target)) {
            throw new IllegalStateException("A connection cannot move from " + this + " to " + target
                    + "; from " + this + " it can move to " + next());
        }
        return target;
    }
}
