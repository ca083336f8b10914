package dev.exposure.connector.ocsf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Validates OCSF events against the JSON Schemas generated from the OCSF 1.8.0 sources (test
 * resources {@code ocsf-1.8.0/}, made by {@link OcsfSchemaGenerator}). Shipped in this module's test
 * jar so that other modules' tests validate their OCSF output the same way. Thread-safe.
 */
public final class OcsfSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, JsonSchema> BY_CLASS = Map.of(
            OcsfWriter.VULNERABILITY_FINDING, load("vulnerability_finding.schema.json"),
            OcsfWriter.COMPLIANCE_FINDING, load("compliance_finding.schema.json"),
            OcsfWriter.DEVICE_INVENTORY_INFO, load("inventory_info.schema.json"));

    private OcsfSchemas() {}

    private static JsonSchema load(String file) {
        try (InputStream in = OcsfSchemas.class.getResourceAsStream("/ocsf-1.8.0/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource ocsf-1.8.0/" + file);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param event one OCSF event
     * @return what is wrong with it: empty when it is valid for its class_uid (2002, 2003 or 5001)
     */
    public static List<String> problems(JsonNode event) {
        JsonSchema schema = BY_CLASS.get(event.path("class_uid").asInt());
        if (schema == null) {
            return List.of("class_uid " + event.path("class_uid") + " is not one of 2002, 2003, 5001");
        }
        return schema.validate(event).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * @param json one OCSF event as JSON text
     * @return what is wrong with it, as {@link #problems(JsonNode)}
     */
    public static List<String> problems(String json) {
        try {
            return problems(JSON.readTree(json));
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }
}
