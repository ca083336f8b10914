package dev.exposure.connector.transform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
    private static final int VALUE_TABLE = 0;
    private static final int SEVERITY = 1;
    private static final int TIMESTAMP = 2;
    private static final int IP = 3;
    private static final int MAC = 4;
    private static final int LOWERCASE = 5;
    private static final int UPPERCASE = 6;
    private static final int HOST_NAME = 7;
    private static final int ENUM = 8;
    private static final int FIRST_NON_EMPTY = 9;
    private static final int JOIN = 10;
    private static final int CONSTANT = 11;
    private static final int URL_PREFIX = 12;
    private static final int CVE_ID = 13;
    private static final int JSON = 14;

    /**
     * A bound converter: one final class and a switch, so the rule loop makes no megamorphic call.
     * Element converters apply to each element of a list. Returns null for "no value".
     */
    static final class Fn {
        private final int op;
        private final boolean elementwise;
        private final @Nullable String text;
        private final List<String> known;
        private final Map<String, String> exact;
        private final Map<String, String> folded;
        private final @Nullable String fallback;

        private Fn(int op, @Nullable String text, List<String> known, Map<String, String> exact,
                Map<String, String> folded, @Nullable String fallback) {
            this.op = op;
            this.elementwise = op != FIRST_NON_EMPTY && op != JOIN && op != CONSTANT && op != JSON;
            this.text = text;
            this.known = known;
            this.exact = exact;
            this.folded = folded;
            this.fallback = fallback;
        }

        /** @return true for {@code firstNonEmpty}, whose sources can be read one by one until one has a value */
        boolean isFirstNonEmpty() {
            return op == FIRST_NON_EMPTY;
        }

        private static Fn of(int op) {
            return new Fn(op, null, List.of(), Map.of(), Map.of(), null);
        }

        @Nullable Object apply(@Nullable Object v) {
            if (elementwise) {
                if (v instanceof List<?> list) {
                    List<Object> out = new ArrayList<>(list.size());
                    for (Object e : list) {
                        Object r = e == null ? null : one(e);
                        if (r != null) {
                            out.add(r);
                        }
                    }
                    return out;
                }
                return v == null ? null : one(v);
            }
            return switch (op) {
                case FIRST_NON_EMPTY -> firstNonEmpty(v);
                case JOIN -> join(v, text);
                case JSON -> json(v);
                default -> text;
            };
        }

        private @Nullable Object one(Object v) {
            if (op == TIMESTAMP && v instanceof java.time.Instant) {
                return v;
            }
            String s = Values.text(v);
            if (s == null) {
                return null;
            }
            return switch (op) {
                case VALUE_TABLE -> {
                    String r = exact.get(s);
                    if (r == null) {
                        r = folded.get(s.toLowerCase(Locale.ROOT));
                    }
                    if (r == null) {
                        r = fallback != null ? fallback : s;
                    }
                    yield r.isEmpty() ? null : r;
                }
                // the value as text: the severity target resolves it (and keeps it as the vendor's value)
                case SEVERITY -> s;
                case TIMESTAMP -> Normalize.instant(s);
                case IP -> Normalize.ip(s);
                case MAC -> Normalize.mac(s);
                case LOWERCASE -> s.toLowerCase(Locale.ROOT);
                case UPPERCASE -> s.toUpperCase(Locale.ROOT);
                case HOST_NAME -> Normalize.hostName(s);
                case ENUM -> Normalize.enumValue(s, known);
                case URL_PREFIX -> Normalize.urlWithScheme(s, text);
                case CVE_ID -> Normalize.cveId(s);
                default -> throw new IllegalStateException("converter #" + op);
            };
        }
    }

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
        SPECS.put("json", new Spec(1, 1, Set.of(), false, true));
    }

    private Converters() {}

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
    static Fn bind(String name, Map<String, String> args) {
        return switch (name) {
            case "valueTable" -> {
                Map<String, String> exact = new HashMap<>();
                Map<String, String> folded = new HashMap<>();
                String fallback = null;
                for (Map.Entry<String, String> e : args.entrySet()) {
                    if (e.getKey().equals("*")) {
                        fallback = e.getValue();
                    } else {
                        exact.put(e.getKey(), e.getValue());
                        folded.put(e.getKey().trim().toLowerCase(Locale.ROOT), e.getValue());
                    }
                }
                yield new Fn(VALUE_TABLE, null, List.of(), exact, folded, fallback);
            }
            case "severity" -> Fn.of(SEVERITY);
            case "timestamp" -> Fn.of(TIMESTAMP);
            case "ip" -> Fn.of(IP);
            case "mac" -> Fn.of(MAC);
            case "lowercase" -> Fn.of(LOWERCASE);
            case "uppercase" -> Fn.of(UPPERCASE);
            case "hostName" -> Fn.of(HOST_NAME);
            case "enum" -> {
                String values = args.getOrDefault("values", "");
                List<String> known = values.isBlank() ? List.of()
                        : Arrays.stream(values.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
                yield new Fn(ENUM, null, known, Map.of(), Map.of(), null);
            }
            case "firstNonEmpty" -> Fn.of(FIRST_NON_EMPTY);
            case "join" -> new Fn(JOIN, args.getOrDefault("separator", " "), List.of(), Map.of(), Map.of(), null);
            case "constant" -> new Fn(CONSTANT, args.get("value"), List.of(), Map.of(), Map.of(), null);
            case "urlPrefix" -> new Fn(URL_PREFIX, args.getOrDefault("prefix", "https://"), List.of(), Map.of(), Map.of(),
                    null);
            case "cveId" -> Fn.of(CVE_ID);
            case "json" -> Fn.of(JSON);
            default -> throw new IllegalArgumentException("unknown converter '" + name + "'");
        };
    }

    static @Nullable Object firstNonEmpty(@Nullable Object v) {
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

    /**
     * The value as compact JSON text (objects keep the vendor's key order), so a nested vendor
     * structure such as a list of network interfaces can be kept whole in one attribute.
     */
    private static @Nullable Object json(@Nullable Object v) {
        if (Values.isEmpty(v)) {
            return null;
        }
        try {
            return ModelJson.mapper().writeValueAsString(v);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static @Nullable Object join(@Nullable Object v, @Nullable String sep) {
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

    private static void appendAll(@Nullable Object v, @Nullable String sep, StringBuilder sb) {
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
