package dev.exposure.connector.transform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The shared Jackson configuration for the target model ({@link dev.exposure.connector.model.Asset},
 * {@link dev.exposure.connector.model.Finding}): {@code Optional} and {@code java.time} support,
 * instants as ISO-8601 text, empty optionals left out, unknown properties ignored on reading (so a
 * newer SDK's JSON still reads).
 *
 * @since 0.1
 */
public final class ModelJson {
    private static final ObjectMapper SHARED = create();

    private ModelJson() {}

    /**
     * A new mapper configured for the model; configure it further as you like.
     *
     * @return a new mapper
     */
    public static ObjectMapper create() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
                        JsonInclude.Include.USE_DEFAULTS))
                .build();
    }

    /**
     * The shared mapper. Thread-safe; DO NOT reconfigure it (use {@link #create()} for your own).
     *
     * @return the shared mapper
     */
    public static ObjectMapper mapper() {
        return SHARED;
    }
}
