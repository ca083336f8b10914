package dev.exposure.connector.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModelJsonTest {
    private static final Pattern SECRET_LIKE = Pattern.compile(
            "(?i).*(secret|password|token|credential|authorization|bearer|sig=|sas).*");
    private final ObjectMapper json = ModelJson.mapper();
    private final Transformer mde = Fixtures.transformer(ErrorPolicy.FAIL);

    @Test
    void shouldRoundTripAFindingThroughJson() throws Exception {
        Finding f = mde.toFinding(Fixtures.mdeFinding());
        String text = json.writeValueAsString(f);
        assertThat(text).contains("\"firstFoundOn\":\"2024-01-17T08:12:44Z\"", "\"qdsSource\":\"CVE_DATA\"",
                "\"cvssScore\":8.8").doesNotContain("\"fixingKbId\"");
        assertThat(json.readValue(text, Finding.class)).isEqualTo(f);
    }

    @Test
    void shouldRoundTripAnAssetThroughJson() throws Exception {
        Asset a = mde.toAsset(Fixtures.mdeMachine(m -> { }));
        String text = json.writeValueAsString(a);
        assertThat(text).contains("\"lastSeen\":\"2024-02-01T05:59:59.999999900Z\"", "\"criticality\":5",
                "\"hostName\":\"büro-pc.corp.example\"");
        assertThat(json.readValue(text, Asset.class)).isEqualTo(a);
        assertThat(ModelJson.create().readValue(text.replace("{\"externalAssetId\"", "{\"futureField\":1,\"externalAssetId\""),
                Asset.class)).isEqualTo(a);
    }

    @Test
    void shouldSerializeNothingSecretLike() throws Exception {
        Finding f = mde.toFinding(Fixtures.mdeFinding(r -> r.put("clientSecret", "s3cr3t-value")));
        Asset a = mde.toAsset(Fixtures.mdeMachine(m -> m.put("accessToken", "eyJ0eXAiOiJKV1Qi")));
        for (Object o : List.of(f, a)) {
            String text = json.writeValueAsString(o);
            assertThat(text).doesNotContain("s3cr3t-value", "eyJ0eXAiOiJKV1Qi");
            assertThat(fieldNames(json.readTree(text))).noneMatch(n -> SECRET_LIKE.matcher(n).matches());
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            out.add(n);
            out.addAll(fieldNames(node.get(n)));
        }
        node.elements().forEachRemaining(e -> {
            if (node.isArray()) {
                out.addAll(fieldNames(e));
            }
        });
        return out;
    }
}
