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
 * {@code [n]} (element n, from 0). Keys are matched exactly first, then ignoring case (the MDE file
 * export spells keys in PascalCase, the JSON API in camelCase).
 */
final class SourcePath {
    private static final int FIELD = 0;
    private static final int EACH = 1;
    private static final int INDEX = 2;

    private final String text;
    private final String[] keys;
    private final int[] modes;
    private final int[] indexes;
    private final boolean multi;

    private SourcePath(String text, String[] keys, int[] modes, int[] indexes) {
        this.text = text;
        this.keys = keys;
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
            keys[i] = key;
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
                cur = lookup(m, keys[i]);
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
        Object v = lookup(m, keys[i]);
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

    private static @Nullable Object lookup(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v != null || m.containsKey(key)) {
            return v;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getKey() instanceof String k && k.equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
