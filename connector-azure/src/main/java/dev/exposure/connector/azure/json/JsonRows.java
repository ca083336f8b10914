package dev.exposure.connector.azure.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Builds rows as plain {@code LinkedHashMap}/{@code ArrayList} trees straight from Jackson's
 * streaming parser (no databind): the fastest general shape measured, and the one
 * {@code SourceRecord} attributes take. The one JSON row builder of the Azure connectors.
 */
public final class JsonRows {
    /** One parser factory for every reader; bounded nesting and string sizes guard against absurd input. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(5_000_000).build())
            .build();

    private JsonRows() { }

    /**
     * Reads the object whose START_OBJECT is the current token.
     *
     * @param p the parser, positioned on START_OBJECT
     * @param keys renames top-level keys (e.g. PascalCase to camelCase); identity when null
     * @return the object
     * @throws IOException when the input breaks off or is not JSON
     */
    public static Map<String, Object> readObject(JsonParser p, @Nullable UnaryOperator<String> keys) throws IOException {
        return readObject(p, keys, ROW_CAPACITY);
    }

    /**
     * Initial capacity of a row's map: export rows have 25 to 30 fields, which a default map (16)
     * reaches only after resizing twice (16, 32, 64); sized for them from the start, no row is
     * rehashed. Nested objects start small.
     */
    private static final int ROW_CAPACITY = 64;

    private static Map<String, Object> readObject(JsonParser p, @Nullable UnaryOperator<String> keys, int capacity)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(capacity);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            m.put(keys == null ? name : keys.apply(name), readValue(p));
        }
        return m;
    }

    /**
     * Reads the value whose first token is the current token.
     *
     * @param p the parser, positioned on the value's first token
     * @return the value: a map, list, string, number, boolean or null
     * @throws IOException when the input breaks off or is not JSON
     */
    public static @Nullable Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
        }
        switch (t) {
            case START_OBJECT:
                return readObject(p, null, 16);
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() == null) {
                        throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input in array");
                    }
                    list.add(readValue(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return p.getIntValue();
                    case LONG:
                        return p.getLongValue();
                    default:
                        return p.getBigIntegerValue();
                }
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
        }
    }

    /**
     * Normalizes a key to camelCase: a leading run of capitals is lower-cased, keeping the last one
     * when a lower-case letter follows ({@code DeviceId -> deviceId}, {@code OSPlatform -> osPlatform},
     * {@code CveId -> cveId}, {@code URL -> url}); camelCase keys are unchanged.
     *
     * @param key a JSON key
     * @return the key in camelCase
     */
    public static String camelKey(String key) {
        if (key.isEmpty() || !Character.isUpperCase(key.charAt(0))) {
            return key;
        }
        String known = CAMEL.get(key);
        if (known != null) {
            return known;
        }
        String camel = toCamel(key);
        if (CAMEL.size() < 4096) {
            CAMEL.put(key, camel);
        }
        return camel;
    }

    /** Export files repeat the same few dozen keys on every row: normalize each once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> CAMEL =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String toCamel(String key) {
        int run = 0;
        while (run < key.length() && Character.isUpperCase(key.charAt(run))) {
            run++;
        }
        if (run == 1 || run == key.length()) {
            return key.substring(0, run).toLowerCase(java.util.Locale.ROOT) + key.substring(run);
        }
        boolean lowerFollows = Character.isLowerCase(key.charAt(run));
        int cut = lowerFollows ? run - 1 : run;
        return key.substring(0, cut).toLowerCase(java.util.Locale.ROOT) + key.substring(cut);
    }
}
