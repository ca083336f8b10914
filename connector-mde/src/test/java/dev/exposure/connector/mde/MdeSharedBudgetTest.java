package dev.exposure.connector.mde;

import static dev.exposure.connector.mde.MdeTestSupport.CLIENT;
import static dev.exposure.connector.mde.MdeTestSupport.TENANT;
import static dev.exposure.connector.mde.MdeTestSupport.config;
import static dev.exposure.connector.mde.MdeTestSupport.contextBuilder;
import static dev.exposure.connector.mde.MdeTestSupport.drain;
import static dev.exposure.connector.mde.MdeTestSupport.getPath;
import static dev.exposure.connector.mde.MdeTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Connector;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SharedRateBudget;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A budget lent by the host (shared by several pods) paces the connector instead of the JVM's own. */
class MdeSharedBudgetTest extends MockedMdeApiTest {

    @Test
    void shouldAskTheLentBudgetBeforeEachRequestAndWaitWhatItSays() {
        List<String> asked = new CopyOnWriteArrayList<>();
        SharedRateBudget shared = (key, perMinute, perHour) -> {
            asked.add(key + " " + perMinute + "/" + perHour);
            return asked.size() == 1 ? Duration.ofSeconds(7) : Duration.ZERO;
        };
        wm.stubFor(getPath("/api/machines").willReturn(json("{\"value\":[{\"id\":\"a1\"}]}")));

        try (Connector c = new MdeConnectorProvider().create(config(wm).build(),
                contextBuilder(timing).with(SharedRateBudget.class, shared).build());
             RecordStream<SourceRecord> assets = c.fetchAssets(SyncRequest.full())) {
            drain(assets);
            assertThat(assets.stats().throttledTime()).isEqualTo(Duration.ofSeconds(7));
        }

        assertThat(asked).singleElement().asString()
                .startsWith("mde-v2|" + TENANT.toLowerCase() + "|" + CLIENT.toLowerCase() + "|")
                .endsWith("|machines 100/1500");
        assertThat(timing.sleeps).contains(Duration.ofSeconds(7));
    }
}
