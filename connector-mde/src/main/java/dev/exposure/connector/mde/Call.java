package dev.exposure.connector.mde;

import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;

/**
 * What one request belongs to: its budget family, the stream's counters and listener, and the
 * text that names it in errors (e.g. {@code mde-v2 machines page 3}).
 */
record Call(RateBudget.Family family, SyncCounters counters, SyncListener listener, String stream, String source) {}
