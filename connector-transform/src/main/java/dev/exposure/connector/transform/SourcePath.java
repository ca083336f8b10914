package dev.exposure.connector.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled source path such as {@code properties.metadata.severity}, {@code ipAddresses[].macAddress}
 * or {@code ipAddresses[0].ipAddress}.
 *
 * <p>Grammar: segments separated by {@code .}; a segment is a key (any characters except
 * {@code . [ ]} and white space) optionally followed by {@code []} (every element of an array) or
 * {@code [n]} (element n, from 0). A key matches exactly, or else in its other common casing: with
 * the first letter's case flipped ({@code deviceId}/{@code DeviceId}, {@code Id}/{@code id}) or with a
 * leading lower-case run upper-cased ({@code osPlatform}/{@code OSPlatform}), because the MDE file
 * export spells keys in PascalCase where the JSON API uses camelCase. The other casings are looked
 * up only when the key is missing: a key sent with a null value is null. Lookups are hash lookups
 * only: no scan over the record's keys.
 */
final class SourcePath {
    private static final int FIELD = 0;
    private static final int EACH = 1;
    private static final int INDEX = 2;

    private final String text;
    private final String[] keys;
    private final String[][] alternates;
    /** Tells a key sent with a null value from a missing one in a single look-up. */
    private static final Object ABSENT = new Object();
    private final int[] modes;
    private final int[] indexes;
    private final boolean multi;

    private SourcePath(String text, String[] keys, int[] modes, int[] indexes) {
        this.text = text;
        this.keys = keys;
        this.alternates = new String[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            alternates[i] = alternates(keys[i]);
        }
        this.modes = modes;
        this.indexes = indexes;
        boolean m = false;
        for (int mode : modes) {
            m |= mode == EACH;
        }
        this.multi = m;
    }

    /**
     * @param text the path
     * @return the compiled path
     * @throws IllegalArgumentException naming the problem if it is malformed
     */
    static SourcePath parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("path is empty");
        }
        String[] parts = text.split("\\.", -1);
        String[] keys = new String[parts.length];
        int[] modes = new int[parts.length];
        int[] indexes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            int open = p.indexOf('[');
            String key = open < 0 ? p : p.substring(0, open);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("path '" + text + "' has an empty segment at position " + (i + 1));
            }
            for (int c = 0; c < key.length(); c++) {
                char ch = key.charAt(c);
                if (ch == ']' || Character.isWhitespace(ch)) {
                    throw new IllegalArgumentException("path '" + text + "' has an invalid character '" + ch
                            + "' in segment '" + p + "'");
                }
            }
            keys[i] = key.intern();   // parsers intern field names (Jackson does): equal keys are then identical
            if (open < 0) {
                modes[i] = FIELD;
                continue;
            }
            if (!p.endsWith("]") || p.indexOf('[', open + 1) >= 0) {
                throw new IllegalArgumentException("path '" + text + "' has an unbalanced '[' in segment '" + p
                        + "' (use name[] or name[0])");
            }
            String inner = p.substring(open + 1, p.length() - 1);
            if (inner.isEmpty()) {
                modes[i] = EACH;
            } else {
                try {
                    indexes[i] = Integer.parseInt(inner);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("path '" + text + "' has a non-numeric index '" + inner
                            + "' in segment '" + p + "'");
                }
                if (indexes[i] < 0) {
                    throw new IllegalArgumentException("path '" + text + "' has a negative index in segment '" + p + "'");
                }
                modes[i] = INDEX;
            }
        }
        return new SourcePath(text, keys, modes, indexes);
    }

    /** @return true if the path yields a list (it has a {@code []} segment) */
    boolean isMulti() {
        return multi;
    }

    /**
     * @param root the record attributes
     * @return null when missing; a value; or for multi paths a list of the non-null values found
     */
    @Nullable Object get(Map<String, Object> root) {
        if (!multi) {
            Object cur = root;
            for (int i = 0; i < keys.length; i++) {
                if (!(cur instanceof Map<?, ?> m)) {
                    return null;
                }
                cur = lookup(m, keys[i], alternates[i]);
                if (modes[i] == INDEX) {
                    cur = cur instanceof List<?> l && indexes[i] < l.size() ? l.get(indexes[i]) : null;
                }
                if (cur == null) {
                    return null;
                }
            }
            return cur;
        }
        List<Object> out = new ArrayList<>(4);
        collect(root, 0, out);
        return out;
    }

    private void collect(@Nullable Object cur, int i, List<Object> out) {
        if (cur == null) {
            return;
        }
        if (i == keys.length) {
            out.add(cur);
            return;
        }
        if (!(cur instanceof Map<?, ?> m)) {
            return;
        }
        Object v = lookup(m, keys[i], alternates[i]);
        switch (modes[i]) {
            case EACH -> {
                if (v instanceof List<?> l) {
                    for (Object e : l) {
                        collect(e, i + 1, out);
                    }
                } else {
                    collect(v, i + 1, out);
                }
            }
            case INDEX -> collect(v instanceof List<?> l && indexes[i] < l.size() ? l.get(indexes[i]) : null, i + 1, out);
            default -> collect(v, i + 1, out);
        }
    }

    private static @Nullable Object lookup(Map<?, ?> m, String key, String[] alternates) {
        @SuppressWarnings("unchecked")
        Object v = ((Map<Object, Object>) m).getOrDefault(key, ABSENT);
        if (v != ABSENT) {
            return v;   // null when sent as null under this spelling: the other spellings need no look
        }
        for (String alt : alternates) {
            v = m.get(alt);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** The other common casings of a key: first letter flipped; leading lower-case run upper-cased. */
    static String[] alternates(String key) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        char c = key.charAt(0);
        if (Character.isLowerCase(c)) {
            out.add(Character.toUpperCase(c) + key.substring(1));
            int run = 0;
            while (run < key.length() && Character.isLowerCase(key.charAt(run))) {
                run++;
            }
            if (run > 1) {
                out.add(key.substring(0, run).toUpperCase(java.util.Locale.ROOT) + key.substring(run));
            }
        } else if (Character.isUpperCase(c)) {
            out.add(Character.toLowerCase(c) + key.substring(1));
            int run = 0;
            while (run < key.length() && Character.isUpperCase(key.charAt(run))) {
                run++;
            }
            if (run == key.length()) {
                out.add(key.toLowerCase(java.util.Locale.ROOT));
            } else if (run > 2) {
                out.add(key.substring(0, run - 1).toLowerCase(java.util.Locale.ROOT) + key.substring(run - 1));
            }
        }
        out.remove(key);
        return out.stream().map(String::intern).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return text;
    }
}
