package dev.exposure.connector.transform;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reading vendor values (String, Number, Boolean, Map, List) as the target types need them. */
final class Values {
    private Values() {}

    /** @return true for null, blank text and empty lists */
    static boolean isEmpty(@Nullable Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof String s) {
            return s.isEmpty() || s.charAt(0) <= ' ' && s.isBlank();
        }
        if (v instanceof List<?> l) {
            for (Object e : l) {
                if (!isEmpty(e)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * @return the value as trimmed text, null when blank
     * @throws IllegalArgumentException for objects and lists
     */
    static @Nullable String text(@Nullable Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            if (s.isEmpty()) {
                return null;
            }
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if (first > ' ' && last > ' ') {
                return s;
            }
            String t = s.trim();
            return t.isEmpty() ? null : t;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return v.toString();
        }
        if (v instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Boolean || v instanceof Enum<?> || v instanceof java.time.Instant) {
            return v.toString();
        }
        if (v instanceof Map<?, ?>) {
            throw new IllegalArgumentException("expected a single value, found an object");
        }
        if (v instanceof List<?> l) {
            if (l.size() == 1) {
                return text(l.get(0));
            }
            throw new IllegalArgumentException("expected a single value, found a list of " + l.size()
                    + " (use a [n] index, firstNonEmpty or join)");
        }
        return v.toString();
    }

    /**
     * @return the value as a number, null when blank
     * @throws IllegalArgumentException if it is not a number
     */
    static @Nullable Double number(@Nullable Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        String s = text(v);
        if (s == null) {
            return null;
        }
        try {
            return Double.valueOf(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + s + "'");
        }
    }
}
