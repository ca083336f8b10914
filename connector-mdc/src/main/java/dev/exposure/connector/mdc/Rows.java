package dev.exposure.connector.mdc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads Resource Graph rows ({@code LinkedHashMap}s from the SDK) by path, matching each key
 * case-insensitively: field names differ in case between channels ({@code Id}/{@code id},
 * {@code Source}/{@code source}).
 */
final class Rows {
    private Rows() { }

    static @Nullable Object get(@Nullable Object node, String... path) {
        Object cur = node;
        for (String key : path) {
            if (!(cur instanceof Map<?, ?> map)) {
                return null;
            }
            Object next = map.get(key);
            if (next == null) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getKey() instanceof String k && k.equalsIgnoreCase(key) && e.getValue() != null) {
                        next = e.getValue();
                        break;
                    }
                }
            }
            cur = next;
        }
        return cur;
    }

    /** @return the scalar at the path as text, or null when absent, blank or not a scalar */
    static @Nullable String str(@Nullable Object node, String... path) {
        Object v = get(node, path);
        if (v == null || v instanceof Map || v instanceof List) {
            return null;
        }
        String s = v.toString().trim();
        return s.isEmpty() ? null : s;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(@Nullable Object node, String... path) {
        Object v = get(node, path);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static boolean bool(@Nullable Object node, String... path) {
        Object v = get(node, path);
        return v instanceof Boolean b ? b : v != null && "true".equalsIgnoreCase(v.toString().trim());
    }

    /**
     * The compact join key of an ARM id: a 128-bit hash (MD5 name-based UUID) of the lower-cased
     * id. 32 bytes instead of a ~200-byte string per index entry; a false match needs a 128-bit
     * collision (about n^2 / 2^129 for n ids).
     *
     * @return the key, or null when the id is absent
     */
    static @Nullable UUID hash(@Nullable String armId) {
        String k = key(armId);
        return k == null ? null : UUID.nameUUIDFromBytes(k.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the ARM id lower-cased, the join key across resources whose ids drift in case */
    static @Nullable String key(@Nullable String armId) {
        if (armId == null) {
            return null;
        }
        String k = armId.trim().toLowerCase(Locale.ROOT);
        while (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        return k.isEmpty() ? null : k;
    }
}
