package dev.exposure.connector.mde;

import static dev.exposure.connector.mde.MdeTestSupport.connector;
import static dev.exposure.connector.mde.MdeTestSupport.drain;
import static dev.exposure.connector.mde.MdeTestSupport.getPath;
import static dev.exposure.connector.mde.MdeTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Connector;
import dev.exposure.connector.SyncRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A host's azure-core tracing sees the connector's requests, as it sees any Azure client's. */
class MdeTracingTest extends MockedMdeApiTest {

    @AfterEach
    void stopRecording() {
        RecordingTracerProvider.recording = false;
        RecordingTracerProvider.SPANS.clear();
    }

    @Test
    void shouldOpenASpanForEachApiRequestThroughTheHostsAzureCoreTracer() {
        RecordingTracerProvider.SPANS.clear();
        RecordingTracerProvider.recording = true;
        wm.stubFor(getPath("/api/machines").willReturn(json("{\"value\":[{\"id\":\"a1\"}]}")));

        try (Connector c = connector(wm, timing)) {
            drain(c.fetchAssets(SyncRequest.full()));
        }

        assertThat(RecordingTracerProvider.SPANS).filteredOn(s -> s.getOrDefault("http.url", "").contains("/api/machines"))
                .singleElement().satisfies(span -> {
                    assertThat(span).containsEntry("ended", "true").containsEntry("http.method", "GET");
                });
        assertThat(RecordingTracerProvider.SPANS).allSatisfy((Map<String, String> s) ->
                assertThat(s.toString()).doesNotContain(MdeTestSupport.TOKEN, MdeTestSupport.SECRET));
    }
}
