package dev.exposure.connector.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The converter registry: names, argument checks (at load time) and the bound functions (at
 * compile time). Element converters apply to each element of a list value.
 */
final class Converters {
    /** A bound converter. Returns null for "no value". */
    interface Fn {
        @Nullable Object apply(@Nullable Object value);
    }

    /** A severity resolved by the {@code severity} converter: the vendor's raw value and its row. */
    record Graded(String raw, RiskSeverityMapping.Row row) {}

    /** How a converter reads its sources and arguments. */
    private record Spec(int minSources, int maxSources, Set<String> allowedArgs, boolean anyArgs,
            boolean aggregates) {}

    private static final Map<String, Spec> SPECS = new TreeMap<>();

    static {
        SPECS.put("valueTable", new Spec(1, 1, Set.of(), true, false));
        SPECS.put("severity", new Spec(1, 1, Set.of(), false, false));
        SPECS.put("timestamp", new Spec(1, 1, Set.of(), false, false));
        SPECS.put("ip", new Spec(1, 1, Set.of(), false, false));
        SPECS.put("mac", new Spec(1, 1, Set.of(), false, false));
        SPECS.put("lowercase", new Spec(1, 1, Set.of(), false, false));
        SPECS.put("uppercase", new Spec(1, 1, Set.of(), false, false));
        SPECS.put("hostName", new Spec(1, 1, Set.of(), false, false));
        SPECS.put("enum", new Spec(1, 1, Set.of("values"), false, false));
        SPECS.put("firstNonEmpty", new Spec(1, Integer.MAX_VALUE, Set.of(), false, true));
        SPECS.put("join", new Spec(1, Integer.MAX_VALUE, Set.of("separator"), false, true));
        SPECS.put("constant", new Spec(0, 0, Set.of("value"), false, true));
        SPECS.put("urlPrefix", new Spec(1, 1, Set.of("prefix"), false, false));
        SPECS.put("cveId", new Spec(1, 1, Set.of(), false, false));
    }

    private Converters() {}

    /** @return every converter name, sorted */
    static Set<String> names() {
        return SPECS.keySet();
    }

    static boolean exists(String name) {
        return SPECS.containsKey(name);
    }

    /** @return true if the converter turns several values (or a list) into one */
    static boolean aggregates(String name) {
        Spec s = SPECS.get(name);
        return s != null && s.aggregates();
    }

    /**
     * Checks a rule's use of a converter.
     *
     * @return the problems, empty when fine
     */
    static List<String> check(String name, int sources, Map<String, String> args) {
        List<String> problems = new ArrayList<>();
        Spec s = SPECS.get(name);
        if (s == null) {
            problems.add("unknown converter '" + name + "'; known converters: " + String.join(", ", SPECS.keySet()));
            return problems;
        }
        if (sources < s.minSources() || sources > s.maxSources()) {
            String want = s.maxSources() == 0 ? "no source" : s.maxSources() == 1 ? "exactly one source"
                    : "at least " + s.minSources() + " source";
            problems.add("converter '" + name + "' takes " + want + ", the rule has " + sources);
        }
        if (!s.anyArgs()) {
            for (String a : args.keySet()) {
                if (!s.allowedArgs().contains(a)) {
                    problems.add("converter '" + name + "' has no argument '" + a + "'"
                            + (s.allowedArgs().isEmpty() ? " (it takes none)" : "; allowed: " + s.allowedArgs()));
                }
            }
        }
        switch (name) {
            case "valueTable" -> {
                if (args.isEmpty()) {
                    problems.add("converter 'valueTable' needs at least one entry in 'args' (vendor value -> target value;"
                            + " '*' for every other value)");
                }
                Map<String, String> seen = new LinkedHashMap<>();
                for (String k : args.keySet()) {
                    if (seen.put(k.trim().toLowerCase(Locale.ROOT), k) != null) {
                        problems.add("converter 'valueTable' lists '" + k + "' twice (keys match ignoring case)");
                    }
                }
            }
            case "constant" -> {
                if (!args.containsKey("value")) {
                    problems.add("converter 'constant' needs the argument 'value'");
                }
            }
            default -> { }
        }
        return problems;
    }

    /** Binds a checked converter. */
    static Fn bind(String name, Map<String, String> args, RiskSeverityMapping severities) {
        return switch (name) {
            case "valueTable" -> each(valueTable(args));
            case "severity" -> each(v -> {
                String s = Values.text(v);
                return s == null ? null : new Graded(s, severities.resolve(s));
            });
            case "timestamp" -> each(v -> v instanceof java.time.Instant ? v : Normalize.instant(Values.text(v)));
            case "ip" -> each(v -> Normalize.ip(Values.text(v)));
            case "mac" -> each(v -> Normalize.mac(Values.text(v)));
            case "lowercase" -> each(v -> {
                String s = Values.text(v);
                return s == null ? null : s.toLowerCase(Locale.ROOT);
            });
            case "uppercase" -> each(v -> {
                String s = Values.text(v);
                return s == null ? null : s.toUpperCase(Locale.ROOT);
            });
            case "hostName" -> each(v -> Normalize.hostName(Values.text(v)));
            case "enum" -> {
                String values = args.getOrDefault("values", "");
                List<String> known = values.isBlank() ? List.of()
                        : Arrays.stream(values.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
                yield each(v -> Normalize.enumValue(Values.text(v), known));
            }
            case "firstNonEmpty" -> Converters::firstNonEmpty;
            case "join" -> {
                String sep = args.getOrDefault("separator", " ");
                yield v -> join(v, sep);
            }
            case "constant" -> {
                String value = args.get("value");
                yield v -> value;
            }
            case "urlPrefix" -> {
                String prefix = args.getOrDefault("prefix", "https://");
                yield each(v -> Normalize.urlWithScheme(Values.text(v), prefix));
            }
            case "cveId" -> each(v -> Normalize.cveId(Values.text(v)));
            default -> throw new IllegalArgumentException("unknown converter '" + name + "'");
        };
    }

    private static Fn valueTable(Map<String, String> args) {
        Map<String, String> exact = new LinkedHashMap<>();
        Map<String, String> folded = new LinkedHashMap<>();
        String fallback = null;
        for (Map.Entry<String, String> e : args.entrySet()) {
            if (e.getKey().equals("*")) {
                fallback = e.getValue();
            } else {
                exact.put(e.getKey(), e.getValue());
                folded.put(e.getKey().trim().toLowerCase(Locale.ROOT), e.getValue());
            }
        }
        String other = fallback;
        return v -> {
            String s = Values.text(v);
            if (s == null) {
                return null;
            }
            String r = exact.get(s);
            if (r == null) {
                r = folded.get(s.toLowerCase(Locale.ROOT));
            }
            if (r == null) {
                r = other != null ? other : s;
            }
            return r.isEmpty() ? null : r;
        };
    }

    private static Fn each(Fn f) {
        return v -> {
            if (v instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object e : list) {
                    Object r = f.apply(e);
                    if (r != null) {
                        out.add(r);
                    }
                }
                return out;
            }
            return v == null ? null : f.apply(v);
        };
    }

    private static @Nullable Object firstNonEmpty(@Nullable Object v) {
        if (v instanceof List<?> list) {
            for (Object e : list) {
                Object r = firstNonEmpty(e);
                if (r != null) {
                    return r;
                }
            }
            return null;
        }
        return Values.isEmpty(v) ? null : v;
    }

    private static @Nullable Object join(@Nullable Object v, String sep) {
        if (v instanceof List<?> l && l.size() == 1 && !(l.get(0) instanceof List<?>)) {
            return Values.text(l.get(0));
        }
        if (!(v instanceof List<?>)) {
            return Values.text(v);
        }
        StringBuilder sb = new StringBuilder();
        appendAll(v, sep, sb);
        return sb.length() == 0 ? null : sb.toString();
    }

    private static void appendAll(@Nullable Object v, String sep, StringBuilder sb) {
        if (v instanceof List<?> list) {
            for (Object e : list) {
                appendAll(e, sep, sb);
            }
            return;
        }
        String s = Values.text(v);
        if (s != null) {
            if (sb.length() > 0) {
                sb.append(sep);
            }
            sb.append(s);
        }
    }
}
