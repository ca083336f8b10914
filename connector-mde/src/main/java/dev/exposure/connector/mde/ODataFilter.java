package dev.exposure.connector.mde;

import dev.exposure.connector.ConfigurationException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's OData v4 filter for {@code GET /api/machines}, parsed and validated before any
 * request, then re-serialized in a canonical form (so nothing in it can add query parameters) and
 * evaluated client-side on every row (so a page on which the API applied the filter badly, see
 * microsoft-365-docs#8316, cannot leak rows that do not match).
 *
 * <p>Grammar: {@code expr := term ('or' term)*; term := factor ('and' factor)*;
 * factor := 'not' factor | '(' expr ')' | field op literal | startswith(computerDnsName,'x')
 * | machineTags/any(v: v eq 'x')}; {@code op} is one of eq ne gt ge lt le; literals are
 * single-quoted strings ({@code ''} escapes a quote), numbers, dates or date-times
 * ({@code 2024-01-31}, {@code 2024-01-31Z}, {@code 2024-01-31T10:00:00Z}), {@code true},
 * {@code false}, {@code null}. Fields are the documented filterable ones, matched
 * case-insensitively ({@code RbacGroupId} works) and sent in their documented casing. Enum fields
 * check their values case-insensitively.
 */
final class ODataFilter {
    static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("computerdnsname", "computerDnsName"), Map.entry("id", "id"), Map.entry("version", "version"),
            Map.entry("devicevalue", "deviceValue"), Map.entry("aaddeviceid", "aadDeviceId"),
            Map.entry("machinetags", "machineTags"), Map.entry("lastseen", "lastSeen"),
            Map.entry("exposurelevel", "exposureLevel"), Map.entry("onboardingstatus", "onboardingStatus"),
            Map.entry("lastipaddress", "lastIpAddress"), Map.entry("healthstatus", "healthStatus"),
            Map.entry("osplatform", "osPlatform"), Map.entry("riskscore", "riskScore"),
            Map.entry("rbacgroupid", "rbacGroupId"));
    static final Map<String, List<String>> ENUMS = Map.of(
            "riskScore", List.of("None", "Informational", "Low", "Medium", "High"),
            "exposureLevel", List.of("None", "Low", "Medium", "High"),
            "deviceValue", List.of("Normal", "Low", "High"),
            "healthStatus", List.of("Active", "Inactive", "ImpairedCommunication", "NoSensorData",
                    "NoSensorDataImpairedCommunication", "Unknown"),
            "onboardingStatus", List.of("Onboarded", "CanBeOnboarded", "Unsupported", "InsufficientInfo"));
    private static final Set<String> OPS = Set.of("eq", "ne", "gt", "ge", "lt", "le");
    private static final String FIELD = "filter";
    static final int MAX_LENGTH = 2_000;

    /** A node of the parsed filter. */
    sealed interface Node permits Or, And, Not, Cmp, StartsWith, AnyTag { }

    record Or(List<Node> parts) implements Node { }

    record And(List<Node> parts) implements Node { }

    record Not(Node inner) implements Node { }

    /** field op literal; literal is String, BigDecimal, Instant, Boolean or null. */
    record Cmp(String field, String op, Object literal, String literalText) implements Node { }

    record StartsWith(String field, String prefix) implements Node { }

    record AnyTag(String variable, String tag) implements Node { }

    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final Node root;
    private final String canonical;

    private ODataFilter(Node root) {
        this.root = root;
        this.canonical = render(root, true);
    }

    /** @return the filter in canonical form, e.g. {@code rbacGroupId eq 0 or rbacGroupId eq 7458} */
    String canonical() {
        return canonical;
    }

    /** @return the canonical filter as a URL query parameter, {@code $filter=...}, fully percent-encoded */
    String queryParameter() {
        return "$filter=" + URLEncoder.encode(canonical, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Parses and validates.
     *
     * @param text the user's filter
     * @return the filter, or empty when the text is blank
     * @throws ConfigurationException naming the offending field or token and the fix
     */
    static Optional<ODataFilter> parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.length() > MAX_LENGTH) {
            throw error("is " + t.length() + " characters long; keep it under " + MAX_LENGTH);
        }
        if (t.startsWith("$") || t.toLowerCase(Locale.ROOT).startsWith("?")) {
            throw error("must be the filter expression only, without '$filter=' or other query options, e.g."
                    + " osPlatform eq 'Windows10'");
        }
        Parser p = new Parser(tokenize(t));
        Node n = p.expr();
        if (!p.atEnd()) {
            throw error("has an unexpected '" + p.peek().text + "' at position " + (p.peek().pos + 1)
                    + "; join conditions with 'and' or 'or'");
        }
        return Optional.of(new ODataFilter(n));
    }

    private static ConfigurationException error(String message) {
        return new ConfigurationException(FIELD, message);
    }

    // ---------------------------------------------------------------- tokenizer

    private enum Kind { WORD, STRING, NUMBER, DATE, LPAREN, RPAREN, COMMA, COLON, SLASH }

    private record Tok(Kind kind, String text, int pos) { }

    private static List<Tok> tokenize(String s) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Tok(Kind.LPAREN, "(", i++));
            } else if (c == ')') {
                out.add(new Tok(Kind.RPAREN, ")", i++));
            } else if (c == ',') {
                out.add(new Tok(Kind.COMMA, ",", i++));
            } else if (c == ':') {
                out.add(new Tok(Kind.COLON, ":", i++));
            } else if (c == '/') {
                out.add(new Tok(Kind.SLASH, "/", i++));
            } else if (c == '\'') {
                int start = i++;
                StringBuilder sb = new StringBuilder();
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '\'') {
                        if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                            sb.append('\'');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    sb.append(d);
                    i++;
                }
                if (!closed) {
                    throw error("has a string starting at position " + (start + 1)
                            + " that is never closed; end it with ' (write '' for a quote inside)");
                }
                out.add(new Tok(Kind.STRING, sb.toString(), start));
            } else if (Character.isDigit(c) || c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                int start = i;
                i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || ".:-+".indexOf(s.charAt(i)) >= 0)) {
                    i++;
                }
                String lit = s.substring(start, i);
                out.add(new Tok(lit.matches("-?\\d+(\\.\\d+)?") ? Kind.NUMBER : Kind.DATE, lit, start));
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                        || s.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Tok(Kind.WORD, s.substring(start, i), start));
            } else {
                throw error("has an unexpected character '" + c + "' at position " + (i + 1)
                        + "; only fields, eq/ne/gt/ge/lt/le, and/or/not, parentheses and literals are allowed");
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- parser

    private static final class Parser {
        private final List<Tok> toks;
        private int i;

        Parser(List<Tok> toks) {
            this.toks = toks;
        }

        boolean atEnd() {
            return i >= toks.size();
        }

        Tok peek() {
            if (atEnd()) {
                throw error("ends too early; complete the condition (e.g. field eq 'value')");
            }
            return toks.get(i);
        }

        Tok take() {
            Tok t = peek();
            i++;
            return t;
        }

        boolean word(String w) {
            return !atEnd() && toks.get(i).kind == Kind.WORD && toks.get(i).text.equalsIgnoreCase(w);
        }

        void expect(Kind k, String what) {
            Tok t = peek();
            if (t.kind != k) {
                throw error("expects " + what + " at position " + (t.pos + 1) + " but found '" + t.text + "'");
            }
            i++;
        }

        Node expr() {
            List<Node> parts = new ArrayList<>();
            parts.add(term());
            while (word("or")) {
                i++;
                parts.add(term());
            }
            return parts.size() == 1 ? parts.get(0) : new Or(parts);
        }

        Node term() {
            List<Node> parts = new ArrayList<>();
            parts.add(factor());
            while (word("and")) {
                i++;
                parts.add(factor());
            }
            return parts.size() == 1 ? parts.get(0) : new And(parts);
        }

        Node factor() {
            if (word("not")) {
                i++;
                return new Not(factor());
            }
            Tok t = peek();
            if (t.kind == Kind.LPAREN) {
                i++;
                Node n = expr();
                expect(Kind.RPAREN, "')'");
                return n;
            }
            if (t.kind != Kind.WORD) {
                throw error("expects a field name at position " + (t.pos + 1) + " but found '" + t.text + "'");
            }
            if (t.text.equalsIgnoreCase("startswith")) {
                i++;
                expect(Kind.LPAREN, "'(' after startswith");
                String f = field(take());
                if (!f.equals("computerDnsName")) {
                    throw error("allows startswith only on computerDnsName, not on " + f);
                }
                expect(Kind.COMMA, "','");
                Tok s = take();
                if (s.kind != Kind.STRING) {
                    throw error("startswith needs a quoted string at position " + (s.pos + 1));
                }
                expect(Kind.RPAREN, "')'");
                return new StartsWith(f, s.text);
            }
            String f = field(take());
            if (f.equals("machineTags")) {
                if (atEnd() || peek().kind != Kind.SLASH) {
                    throw error("filters machineTags only as machineTags/any(t: t eq 'tag')");
                }
                i++;
                Tok any = take();
                if (!any.text.equalsIgnoreCase("any")) {
                    throw error("supports only machineTags/any(...), not machineTags/" + any.text);
                }
                expect(Kind.LPAREN, "'(' after any");
                Tok v = take();
                if (v.kind != Kind.WORD) {
                    throw error("expects a variable name in any(...) at position " + (v.pos + 1));
                }
                expect(Kind.COLON, "':'");
                Tok v2 = take();
                if (!v2.text.equals(v.text)) {
                    throw error("uses '" + v2.text + "' inside any(" + v.text + ": ...); use the same variable");
                }
                Tok op = take();
                if (!op.text.equalsIgnoreCase("eq")) {
                    throw error("supports only 'eq' inside machineTags/any(...), not '" + op.text + "'");
                }
                Tok s = take();
                if (s.kind != Kind.STRING) {
                    throw error("machineTags/any(...) needs a quoted tag at position " + (s.pos + 1));
                }
                expect(Kind.RPAREN, "')'");
                return new AnyTag(v.text, s.text);
            }
            Tok op = take();
            String o = op.text.toLowerCase(Locale.ROOT);
            if (op.kind != Kind.WORD || !OPS.contains(o)) {
                throw error("has '" + op.text + "' after " + f + " at position " + (op.pos + 1)
                        + "; use one of eq, ne, gt, ge, lt, le");
            }
            Tok lit = take();
            return new Cmp(f, o, literal(f, lit), lit.text);
        }

        private String field(Tok t) {
            String canonical = t.kind == Kind.WORD ? FIELDS.get(t.text.toLowerCase(Locale.ROOT)) : null;
            if (canonical == null) {
                throw error("uses '" + t.text + "', which is not a filterable machine field; use one of "
                        + String.join(", ", new java.util.TreeSet<>(FIELDS.values())));
            }
            return canonical;
        }

        private Object literal(String field, Tok t) {
            switch (t.kind) {
                case STRING: {
                    if (field.equals("lastSeen")) {
                        throw error("compares lastSeen with a string; write the date without quotes, e.g."
                                + " lastSeen gt 2024-01-31T00:00:00Z");
                    }
                    if (field.equals("rbacGroupId")) {
                        // documented as String, live as a number: accept both
                        return t.text;
                    }
                    List<String> allowed = ENUMS.get(field);
                    if (allowed != null && allowed.stream().noneMatch(a -> a.equalsIgnoreCase(t.text))) {
                        throw error("compares " + field + " with '" + t.text + "', which is not one of its values: "
                                + String.join(", ", allowed));
                    }
                    return t.text;
                }
                case NUMBER:
                    if (!field.equals("rbacGroupId")) {
                        throw error("compares " + field + " with the number " + t.text + "; quote text values,"
                                + " e.g. " + field + " eq '" + t.text + "'");
                    }
                    return new BigDecimal(t.text);
                case DATE: {
                    if (!field.equals("lastSeen")) {
                        throw error("compares " + field + " with '" + t.text + "'; only lastSeen takes a date");
                    }
                    return parseDate(t);
                }
                case WORD: {
                    String w = t.text.toLowerCase(Locale.ROOT);
                    if (w.equals("null")) {
                        return NULL;
                    }
                    if (w.equals("true") || w.equals("false")) {
                        throw error("compares " + field + " with " + w + "; none of the filterable fields is boolean");
                    }
                    throw error("expects a value after the operator at position " + (t.pos + 1) + " but found '"
                            + t.text + "'; quote text values, e.g. " + field + " eq '" + t.text + "'");
                }
                default:
                    throw error("expects a value at position " + (t.pos + 1) + " but found '" + t.text + "'");
            }
        }

        private static Instant parseDate(Tok t) {
            String s = t.text;
            try {
                if (s.matches("\\d{4}-\\d{2}-\\d{2}Z?")) {
                    return LocalDate.parse(s.substring(0, 10)).atStartOfDay().toInstant(ZoneOffset.UTC);
                }
                return OffsetDateTime.parse(s).toInstant();
            } catch (RuntimeException e) {
                throw error("has '" + s + "', which is not a date or date-time; use e.g. 2024-01-31Z or"
                        + " 2024-01-31T10:00:00Z");
            }
        }
    }

    // ---------------------------------------------------------------- rendering

    private static String render(Node n, boolean top) {
        if (n instanceof Or o) {
            String s = String.join(" or ", o.parts().stream().map(p -> render(p, false)).toList());
            return top ? s : "(" + s + ")";
        }
        if (n instanceof And a) {
            String s = String.join(" and ", a.parts().stream().map(p -> render(p, false)).toList());
            return top ? s : "(" + s + ")";
        }
        if (n instanceof Not x) {
            return "not (" + render(x.inner(), true) + ")";
        }
        if (n instanceof StartsWith sw) {
            return "startswith(" + sw.field() + "," + quote(sw.prefix()) + ")";
        }
        if (n instanceof AnyTag at) {
            return "machineTags/any(" + at.variable() + ":" + at.variable() + " eq " + quote(at.tag()) + ")";
        }
        Cmp c = (Cmp) n;
        Object lit = c.literal();
        String l;
        if (lit == NULL) {
            l = "null";
        } else if (lit instanceof String s) {
            l = quote(s);
        } else if (lit instanceof Instant) {
            l = c.literalText();
        } else {
            l = lit.toString();
        }
        return c.field() + " " + c.op() + " " + l;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    // ---------------------------------------------------------------- client-side evaluation

    /**
     * Evaluates the filter on a machine row. Comparisons the client cannot judge with certainty
     * (an unparsable value, an operator on text other than eq/ne) count as matching, so that the
     * check only ever drops rows that clearly fail the filter.
     */
    boolean matches(Map<String, Object> row) {
        return eval(root, row);
    }

    private static boolean eval(Node n, Map<String, Object> row) {
        if (n instanceof Or o) {
            return o.parts().stream().anyMatch(p -> eval(p, row));
        }
        if (n instanceof And a) {
            return a.parts().stream().allMatch(p -> eval(p, row));
        }
        if (n instanceof Not x) {
            return !eval(x.inner(), row);
        }
        if (n instanceof StartsWith sw) {
            Object v = row.get(sw.field());
            return v instanceof String s && s.toLowerCase(Locale.ROOT).startsWith(sw.prefix().toLowerCase(Locale.ROOT));
        }
        if (n instanceof AnyTag at) {
            Object v = row.get("machineTags");
            return v instanceof List<?> l && l.stream().anyMatch(x -> x instanceof String s && s.equalsIgnoreCase(at.tag()));
        }
        Cmp c = (Cmp) n;
        Object v = row.get(c.field());
        Object lit = c.literal();
        if (lit == NULL || v == null) {
            boolean bothNull = lit == NULL && v == null;
            return switch (c.op()) {
                case "eq" -> bothNull;
                case "ne" -> !bothNull;
                default -> false;
            };
        }
        Integer cmp = compare(v, lit);
        if (cmp == null) {
            return true;
        }
        return switch (c.op()) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "gt" -> cmp > 0;
            case "ge" -> cmp >= 0;
            case "lt" -> cmp < 0;
            default -> cmp <= 0;
        };
    }

    private static Integer compare(Object value, Object literal) {
        try {
            if (literal instanceof Instant at) {
                Instant v = MdeTimestamps.parse(value.toString());
                return v == null ? null : v.compareTo(at);
            }
            if (literal instanceof BigDecimal num) {
                return new BigDecimal(value.toString().trim()).compareTo(num);
            }
            String lit = (String) literal;
            if (value instanceof Number) {
                return new BigDecimal(value.toString()).compareTo(new BigDecimal(lit.trim()));
            }
            return value.toString().compareToIgnoreCase(lit);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
