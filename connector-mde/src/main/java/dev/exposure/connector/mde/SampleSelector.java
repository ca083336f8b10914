package dev.exposure.connector.mde;

import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Sampling mode ("Limit sync to top 1,000 assets and findings"): chooses at most
 * {@code limit} machines by risk among those with active findings.
 *
 * <p>How: (1) one pass over the full vulnerability export (JSON or files, as the run would use)
 * collects the ids of devices that have at least one row with a CVE id (an active finding; the
 * full export holds only current vulnerabilities); (2) one pass over {@code /api/machines} (with
 * the user's filter, if any) keeps, in a bounded heap, the best {@code limit} machines of that set
 * by this order, highest first:
 * <ol>
 *   <li>{@code riskScore}: High &gt; Medium &gt; Low &gt; Informational &gt; None &gt; missing or unknown;</li>
 *   <li>{@code exposureLevel}: High &gt; Medium &gt; Low &gt; None &gt; missing or unknown;</li>
 *   <li>{@code deviceValue}: High &gt; Normal &gt; Low &gt; missing or unknown;</li>
 *   <li>{@code lastSeen}: more recent first (missing last);</li>
 *   <li>{@code id}: ascending, so the choice is deterministic.</li>
 * </ol>
 * Enum values compare case-insensitively. Memory: the set of vulnerable device ids (one string per
 * vulnerable device, about 100 bytes each) and {@code limit} machine rows.
 */
final class SampleSelector {

    private SampleSelector() { }

    /** The chosen machines, best first, and their ids. */
    record Selection(List<SourceRecord> machines, Set<String> ids) { }

    static int riskRank(@Nullable Object v) {
        return rank(v, List.of("none", "informational", "low", "medium", "high"));
    }

    static int exposureRank(@Nullable Object v) {
        return rank(v, List.of("none", "low", "medium", "high"));
    }

    static int valueRank(@Nullable Object v) {
        return rank(v, List.of("low", "normal", "high"));
    }

    private static int rank(@Nullable Object v, List<String> ascending) {
        if (!(v instanceof String s)) {
            return 0;
        }
        int i = ascending.indexOf(s.trim().toLowerCase(Locale.ROOT));
        return i < 0 ? 0 : i + 1;
    }

    /** Best first. */
    static final Comparator<Map<String, Object>> BY_RISK = Comparator
            .<Map<String, Object>>comparingInt(m -> -riskRank(m.get("riskScore")))
            .thenComparingInt(m -> -exposureRank(m.get("exposureLevel")))
            .thenComparingInt(m -> -valueRank(m.get("deviceValue")))
            .thenComparing(m -> lastSeen(m), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(m -> String.valueOf(m.get("id")));

    private static @Nullable Instant lastSeen(Map<String, Object> m) {
        Object v = m.get("lastSeen");
        return v == null ? null : MdeTimestamps.parse(v.toString());
    }

    /**
     * @param vulnerabilityScan runs a full findings pass that reports each row's device id to the
     *     given predicate (which returns false, so nothing is delivered)
     * @param machines opens the machines stream
     * @param limit the most machines to keep
     */
    static Selection select(Function<Predicate<String>, RecordStream<SourceRecord>> vulnerabilityScan,
                            java.util.function.Supplier<RecordStream<SourceRecord>> machines, int limit) {
        Set<String> vulnerable = new HashSet<>();
        try (RecordStream<SourceRecord> scan = vulnerabilityScan.apply(id -> {
            vulnerable.add(id);
            return false;
        })) {
            while (scan.hasNext()) {
                scan.next();
            }
        }
        Comparator<SourceRecord> best = Comparator.comparing(SourceRecord::attributes, BY_RISK);
        PriorityQueue<SourceRecord> heap = new PriorityQueue<>(best.reversed());
        Set<String> inHeap = new HashSet<>();
        try (RecordStream<SourceRecord> all = machines.get()) {
            while (all.hasNext()) {
                SourceRecord m = all.next();
                if (!vulnerable.contains(m.sourceId()) || !inHeap.add(m.sourceId())) {
                    continue;
                }
                heap.add(m);
                if (heap.size() > limit) {
                    inHeap.remove(heap.poll().sourceId());
                }
            }
        }
        List<SourceRecord> chosen = new ArrayList<>(heap);
        chosen.sort(best);
        Set<String> ids = new HashSet<>();
        chosen.forEach(m -> ids.add(m.sourceId()));
        return new Selection(List.copyOf(chosen), Set.copyOf(ids));
    }
}
