package dev.exposure.connector.ocsf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden-file checks of OCSF output, shared by the connectors' tests (in this module's test jar):
 * the events written for a list of records must equal, document by document, a JSON array kept as a
 * test resource. Every event is first validated against the OCSF schemas ({@link OcsfSchemas}).
 *
 * <p>To regenerate an expected file after an intended change, run the test with
 * {@code -Docsf.golden.update=true}: it writes the file under {@code src/test/resources} of the
 * module being tested (review the diff before committing).
 */
public final class OcsfGolden {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonFactory FACTORY = new JsonFactory();

    private OcsfGolden() {}

    /**
     * @param writer the writer to use
     * @param assets assets, written first
     * @param findings findings, written after the assets
     * @return one OCSF event per written record
     */
    public static List<JsonNode> events(OcsfWriter writer, List<Asset> assets, List<Finding> findings) {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (Asset a : assets) {
                StringWriter s = new StringWriter();
                try (JsonGenerator g = FACTORY.createGenerator(s)) {
                    writer.writeAsset(a, g);
                }
                out.add(JSON.readTree(s.toString()));
            }
            for (Finding f : findings) {
                StringWriter s = new StringWriter();
                boolean written;
                try (JsonGenerator g = FACTORY.createGenerator(s)) {
                    written = writer.writeFinding(f, g);
                }
                if (written) {
                    out.add(JSON.readTree(s.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Asserts that every event validates and that the events equal the expected file.
     *
     * @param events the events written
     * @param resource the expected file's class-path name, e.g. {@code /ocsf/mde-full.ocsf.json}
     */
    public static void assertMatches(List<JsonNode> events, String resource) {
        for (JsonNode e : events) {
            assertThat(OcsfSchemas.problems(e)).as(e.toString()).isEmpty();
        }
        ArrayNode actual = JSON.createArrayNode().addAll(events);
        try {
            if (Boolean.getBoolean("ocsf.golden.update")) {
                Path file = Path.of("src/test/resources").resolve(resource.substring(1));
                Files.createDirectories(file.getParent());
                Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
                return;
            }
            JsonNode expected;
            try (InputStream in = OcsfGolden.class.getResourceAsStream(resource)) {
                assertThat(in).as("expected file " + resource + " (regenerate with -Docsf.golden.update=true)").isNotNull();
                expected = JSON.readTree(in);
            }
            assertThat(actual.size()).as("events").isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(JSON.writeValueAsString(actual.get(i))).as("event " + i + " of " + resource)
                        .isEqualTo(JSON.writeValueAsString(expected.get(i)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
