package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.exposure.connector.mde.MdeTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.exposure.connector.Connector;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.TransientException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MdeTransportTest extends MockedMdeApiTest {
    private static final String PAGE = "{\"value\":[{\"id\":\"a1\"},{\"id\":\"a2\"},{\"id\":\"a3\"},{\"id\":\"a4\"}]}";

    @Test
    void shouldAbortAStalledBodyAndResumeThePageWithoutDeliveringRowsTwice() {
        wm.stubFor(getPath("/api/machines").inScenario("stall").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(PAGE).withChunkedDribbleDelay(4, 6000)).willSetStateTo("ok"));
        wm.stubFor(getPath("/api/machines").inScenario("stall").whenScenarioStateIs("ok").willReturn(json(PAGE)));
        long t0 = System.nanoTime();
        try (Connector c = connector(config(wm).stallTimeout(Duration.ofSeconds(1)).build(), timing);
             RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
            assertThat(drain(s)).extracting(SourceRecord::sourceId).containsExactly("a1", "a2", "a3", "a4");
            assertThat(s.stats().retries()).isEqualTo(1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void shouldFailTransientlyWhenTheConnectionKeepsBreakingMidBody() {
        wm.stubFor(getPath("/api/machines").willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));
        try (Connector c = connector(wm, timing)) {
            TransientException e = catchThrowableOfType(TransientException.class,
                    () -> drain(c.fetchAssets(SyncRequest.full())));
            assertThat(e.getMessage()).contains("/api/machines").doesNotContain(TOKEN);
        }
    }

    @Test
    void shouldRetryAResetConnectionAndSucceed() {
        wm.stubFor(getPath("/api/machines").inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        wm.stubFor(getPath("/api/machines").inScenario("reset").whenScenarioStateIs("ok").willReturn(json(PAGE)));
        try (Connector c = connector(wm, timing); RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
            // the JDK client or the connector's retry policy resends the GET; either way the page arrives once
            assertThat(drain(s)).extracting(SourceRecord::sourceId).containsExactly("a1", "a2", "a3", "a4");
        }
    }
}
