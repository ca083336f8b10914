package dev.exposure.connector.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The "Risk Severity Mapping" of a connection: exactly five rows, each mapping vendor severity values
 * (case-insensitive) to a severity level 1-5 and a detection score (QDS) 0-100, plus a default level
 * used when a record has no severity or one no row lists.
 *
 * <p><b>Which findings it scores.</b> Every finding gets its severity level from this mapping. Its
 * QDS comes from the mapping too ({@link dev.exposure.connector.model.QdsSource#SEVERITY_MAPPING}),
 * except for a finding that has a CVE id AND a vendor CVSS score: that one takes its QDS from CVE data,
 * {@code round(cvss x 10)} ({@link dev.exposure.connector.model.QdsSource#CVE_DATA}), as the platform's
 * threat database overrides the mapping for CVE-based vulnerabilities.
 *
 * <p><b>Defaults</b> follow the QDS bands Critical 90-100, High 70-89, Medium 40-69, Low 1-39:
 * <table>
 * <caption>default rows</caption>
 * <tr><th>level</th><th>QDS</th><th>MDE values</th><th>MDC values</th></tr>
 * <tr><td>5</td><td>95</td><td>Critical</td><td>Critical (Defender CSPM risk level)</td></tr>
 * <tr><td>4</td><td>80</td><td>High</td><td>High</td></tr>
 * <tr><td>3</td><td>55</td><td>Medium</td><td>Medium</td></tr>
 * <tr><td>2</td><td>25</td><td>Low</td><td>Low</td></tr>
 * <tr><td>1</td><td>10</td><td>Informational, None</td><td>Informational, None</td></tr>
 * </table>
 * An absent or unknown severity gets level 3 (Medium) in both defaults.
 *
 * <p>JSON form ({@link #fromJson}, {@link #toJson}):
 * <pre>{@code
 * {"defaultSeverity": 3,
 *  "rows": [{"sourceValues": ["Critical"], "level": 5, "qds": 95}, ...]}
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RiskSeverityMapping {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The number of rows a mapping has. */
    public static final int ROWS = 5;

    /** One row: vendor values, a level 1-5 and a QDS 0-100. Immutable. */
    public static final class Row {
        private final List<String> sourceValues;
        private final int level;
        private final int qds;

        private Row(List<String> sourceValues, int level, int qds) {
            this.sourceValues = List.copyOf(sourceValues);
            this.level = level;
            this.qds = qds;
        }

        /**
         * @param level the severity level 1 (lowest) to 5 (highest)
         * @param qds the detection score 0-100
         * @param sourceValues the vendor values that map to this row (may be none)
         * @return the row (checked when the mapping is built)
         */
        public static Row of(int level, int qds, String... sourceValues) {
            return new Row(List.of(sourceValues), level, qds);
        }

        /**
         * @param level the severity level
         * @param qds the detection score
         * @param sourceValues the vendor values
         * @return the row
         */
        public static Row of(int level, int qds, List<String> sourceValues) {
            return new Row(sourceValues, level, qds);
        }

        /** @return the vendor values mapped to this row, as configured */
        public List<String> sourceValues() {
            return sourceValues;
        }

        /** @return the severity level 1-5 */
        public int level() {
            return level;
        }

        /** @return the QDS 0-100 */
        public int qds() {
            return qds;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && level == r.level && qds == r.qds && sourceValues.equals(r.sourceValues);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sourceValues, level, qds);
        }

        @Override
        public String toString() {
            return "Row{" + sourceValues + " -> level " + level + ", QDS " + qds + "}";
        }
    }

    private final List<Row> rows;
    private final int defaultLevel;
    private final Row[] byLevel = new Row[ROWS + 1];
    private final Map<String, Row> exact = new HashMap<>();

    private RiskSeverityMapping(List<Row> rows, int defaultLevel) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(Row::level).reversed());
        this.rows = List.copyOf(sorted);
        this.defaultLevel = defaultLevel;
        for (Row r : this.rows) {
            byLevel[r.level] = r;
            for (String v : r.sourceValues) {
                exact.put(v.trim(), r);
            }
        }
    }

    /**
     * Builds and checks a mapping.
     *
     * @param rows exactly five rows, one per level 1-5
     * @param defaultLevel the level for absent or unknown values, 1-5
     * @return the mapping
     * @throws ConfigurationException listing every problem: row count, levels out of range or
     *     repeated, QDS out of 0-100 or falling as the level rises, blank or duplicate source values
     *     (ignoring case), a default level out of range
     */
    public static RiskSeverityMapping of(List<Row> rows, int defaultLevel) {
        List<ConfigError> errors = new ArrayList<>();
        if (rows.size() != ROWS) {
            errors.add(ConfigError.of("rows", "has " + rows.size() + " rows; a risk severity mapping has exactly "
                    + ROWS + ", one per severity level 1-5"));
        }
        Map<Integer, Integer> levelAt = new HashMap<>();
        Map<String, Integer> valueAt = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String field = "rows[" + i + "]";
            if (r.level < 1 || r.level > 5) {
                errors.add(ConfigError.of(field + ".level", "is " + r.level + "; use a level from 1 to 5"));
            } else if (levelAt.putIfAbsent(r.level, i) != null) {
                errors.add(ConfigError.of(field + ".level", "repeats level " + r.level + " of rows["
                        + levelAt.get(r.level) + "]; give each level 1-5 exactly one row"));
            }
            if (r.qds < 0 || r.qds > 100) {
                errors.add(ConfigError.of(field + ".qds", "is " + r.qds + "; use a QDS from 0 to 100"));
            }
            for (String v : r.sourceValues) {
                if (v == null || v.isBlank()) {
                    errors.add(ConfigError.of(field + ".sourceValues", "contains a blank value; remove it"));
                    continue;
                }
                Integer prev = valueAt.putIfAbsent(v.trim().toLowerCase(Locale.ROOT), i);
                if (prev != null) {
                    errors.add(ConfigError.of(field + ".sourceValues", "repeats '" + v.trim() + "' of rows[" + prev
                            + "] (values match ignoring case); list each vendor value in one row only"));
                }
            }
        }
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(Row::level));
        for (int i = 1; i < sorted.size(); i++) {
            Row lo = sorted.get(i - 1);
            Row hi = sorted.get(i);
            if (hi.level != lo.level && hi.qds < lo.qds) {
                errors.add(ConfigError.of("rows", "level " + hi.level + " has QDS " + hi.qds + ", below level " + lo.level
                        + "'s QDS " + lo.qds + "; a higher level needs an equal or higher QDS"));
            }
        }
        if (defaultLevel < 1 || defaultLevel > 5) {
            errors.add(ConfigError.of("defaultSeverity", "is " + defaultLevel + "; use a level from 1 to 5"));
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        return new RiskSeverityMapping(rows, defaultLevel);
    }

    /** @return the default mapping for Defender for Endpoint (see the class documentation) */
    public static RiskSeverityMapping mdeDefault() {
        return of(List.of(Row.of(5, 95, "Critical"), Row.of(4, 80, "High"), Row.of(3, 55, "Medium"),
                Row.of(2, 25, "Low"), Row.of(1, 10, "Informational", "None")), 3);
    }

    /** @return the default mapping for Defender for Cloud (see the class documentation) */
    public static RiskSeverityMapping mdcDefault() {
        return of(List.of(Row.of(5, 95, "Critical"), Row.of(4, 80, "High"), Row.of(3, 55, "Medium"),
                Row.of(2, 25, "Low"), Row.of(1, 10, "Informational", "None")), 3);
    }

    /** @return the five rows, highest level first */
    public List<Row> rows() {
        return rows;
    }

    /** @return the level used for absent or unknown vendor values */
    public int defaultLevel() {
        return defaultLevel;
    }

    /**
     * @param level a level 1-5
     * @return its row
     * @throws IllegalArgumentException if the level is outside 1-5
     */
    public Row row(int level) {
        if (level < 1 || level > 5) {
            throw new IllegalArgumentException("severity level must be 1-5, was " + level);
        }
        return byLevel[level];
    }

    /**
     * The row for a vendor value, matched ignoring case and surrounding blanks; the default row for
     * null, blank or unknown values.
     *
     * @param vendorValue the vendor's severity, may be null
     * @return the row
     */
    public Row resolve(@Nullable String vendorValue) {
        Row r = find(vendorValue);
        return r != null ? r : byLevel[defaultLevel];
    }

    /**
     * @param vendorValue the vendor's severity
     * @return true if a row lists it (ignoring case)
     */
    public boolean isKnown(@Nullable String vendorValue) {
        return find(vendorValue) != null;
    }

    private @Nullable Row find(@Nullable String v) {
        if (v == null) {
            return null;
        }
        Row r = exact.get(v);
        if (r != null) {
            return r;
        }
        String t = v.trim();
        for (Row row : rows) {
            for (String s : row.sourceValues) {
                if (s.trim().equalsIgnoreCase(t)) {
                    return row;
                }
            }
        }
        return null;
    }

    /**
     * Reads a mapping from its JSON form.
     *
     * @param in the JSON; read fully, not closed
     * @return the mapping
     * @throws ConfigurationException listing every problem (malformed JSON included)
     */
    public static RiskSeverityMapping fromJson(InputStream in) {
        try {
            return fromTree(JSON.readTree(in));
        } catch (IOException e) {
            throw new ConfigurationException("riskSeverityMapping", "is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * @param json the JSON text
     * @return the mapping
     * @throws ConfigurationException listing every problem
     */
    public static RiskSeverityMapping fromJson(String json) {
        try {
            return fromTree(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("riskSeverityMapping", "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static RiskSeverityMapping fromTree(@Nullable JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ConfigurationException("riskSeverityMapping", "must be a JSON object with 'rows' and 'defaultSeverity'");
        }
        List<ConfigError> errors = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("rows") && !f.equals("defaultSeverity")) {
                errors.add(ConfigError.of(f, "is not a field of a risk severity mapping; use 'rows' and 'defaultSeverity'"));
            }
        }
        JsonNode def = root.get("defaultSeverity");
        if (def == null || !def.isInt()) {
            errors.add(ConfigError.of("defaultSeverity", "is missing or not a whole number; give a level 1-5"));
        }
        JsonNode rowsNode = root.get("rows");
        List<Row> rows = new ArrayList<>();
        if (rowsNode == null || !rowsNode.isArray()) {
            errors.add(ConfigError.of("rows", "is missing or not an array; give five rows"));
        } else {
            for (int i = 0; i < rowsNode.size(); i++) {
                JsonNode r = rowsNode.get(i);
                JsonNode level = r.get("level");
                JsonNode qds = r.get("qds");
                JsonNode values = r.get("sourceValues");
                if (level == null || !level.isInt() || qds == null || !qds.isInt()
                        || (values != null && !values.isArray())) {
                    errors.add(ConfigError.of("rows[" + i + "]", "needs a whole-number 'level' and 'qds' and an"
                            + " array 'sourceValues'"));
                    continue;
                }
                List<String> vs = new ArrayList<>();
                if (values != null) {
                    values.forEach(v -> vs.add(v.asText()));
                }
                rows.add(Row.of(level.asInt(), qds.asInt(), vs));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        return of(rows, def.asInt());
    }

    /** @return the mapping in its JSON form, pretty-printed */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("defaultSeverity", defaultLevel);
        ArrayNode arr = root.putArray("rows");
        for (Row r : rows) {
            ObjectNode o = arr.addObject();
            ArrayNode vs = o.putArray("sourceValues");
            r.sourceValues.forEach(vs::add);
            o.put("level", r.level);
            o.put("qds", r.qds);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RiskSeverityMapping m && defaultLevel == m.defaultLevel && rows.equals(m.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, defaultLevel);
    }

    @Override
    public String toString() {
        return "RiskSeverityMapping{" + rows + ", default " + defaultLevel + "}";
    }
}
