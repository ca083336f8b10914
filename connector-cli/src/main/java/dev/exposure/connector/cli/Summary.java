package dev.exposure.connector.cli;

import dev.exposure.connector.DataQualityReport;
import dev.exposure.connector.model.FindingStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;

/** Prints the summary of a sync run. */
final class Summary {
    private static final Map<Integer, String> LEVELS = Map.of(5, "critical", 4, "high", 3, "medium", 2, "low",
            1, "informational");

    private Summary() { }

    static void print(PrintWriter w, SyncRunner.Result r, List<String> extra, UnaryOperator<String> redact) {
        w.println(String.format(Locale.ROOT, "%s %s sync (%s) finished in %.1f s", r.connectorId(),
                r.mode().name().toLowerCase(Locale.ROOT), r.data().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                r.duration().toMillis() / 1000.0));
        w.println(String.format(Locale.ROOT, "  assets      %,d (raw %,d, duplicates removed %,d, skipped %,d)",
                r.assets(), r.assetsRaw(), r.assetDuplicates(), r.assetsSkipped()));
        w.println(String.format(Locale.ROOT, "  findings    %,d (raw %,d, duplicates removed %,d, skipped %,d)",
                r.findings(), r.findingsRaw(), r.findingDuplicates(), r.findingsSkipped()));
        if (r.format() != SyncRunner.Format.RAW) {
            StringJoiner sev = new StringJoiner(", ");
            for (int level = 5; level >= 1; level--) {
                sev.add(LEVELS.get(level) + " " + String.format(Locale.ROOT, "%,d",
                        r.findingsBySeverity().getOrDefault(level, 0L)));
            }
            w.println("    by severity  " + sev);
            StringJoiner st = new StringJoiner(", ");
            for (FindingStatus s : FindingStatus.values()) {
                long n = r.findingsByStatus().getOrDefault(s, 0L);
                if (n > 0 || s == FindingStatus.OPEN) {
                    st.add(s.name().toLowerCase(Locale.ROOT) + " " + String.format(Locale.ROOT, "%,d", n));
                }
            }
            w.println("    by status    " + st);
        } else {
            w.println("    (raw format: vendor records as delivered, no transform and no dedup)");
        }
        w.println(String.format(Locale.ROOT, "  duplicates  %,d removed", r.assetDuplicates() + r.findingDuplicates()));
        w.println(String.format(Locale.ROOT, "  API calls   %,d (pages %,d, retries %,d, throttled %.1f s)", r.apiCalls(),
                r.assetStats().pages() + r.findingStats().pages(), r.assetStats().retries() + r.findingStats().retries(),
                (r.assetStats().throttledTime().toMillis() + r.findingStats().throttledTime().toMillis()) / 1000.0));
        w.println(String.format(Locale.ROOT, "  duration    %.1f s", r.duration().toMillis() / 1000.0));
        r.skippedReasons().forEach((reason, n) -> w.println("  skipped     " + n + " x " + safe(redact, reason)));
        DataQualityReport quality = r.dataQuality();
        if (quality.isEmpty()) {
            w.println("  data quality every field readable");
        } else {
            w.println(String.format(Locale.ROOT, "  data quality %,d values repaired, %,d dropped (records kept; per field:)",
                    quality.repaired(), quality.dropped()));
            for (DataQualityReport.Field f : quality.fields()) {
                w.println("    " + safe(redact, f.toString()));
            }
        }
        for (String notice : r.notices()) {
            w.println("  notice      " + safe(redact, notice));
        }
        for (String line : extra) {
            w.println("  " + safe(redact, line));
        }
        w.flush();
    }

    /** Server- and file-supplied text: secrets masked first, then made safe to print (see {@link ConnectorCli#safe}). */
    private static String safe(UnaryOperator<String> redact, String text) {
        return ConnectorCli.safe(redact.apply(text));
    }
}
