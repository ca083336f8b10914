package dev.exposure.connector.mde;

import static dev.exposure.connector.mde.MdeTestSupport.config;
import static dev.exposure.connector.mde.MdeTestSupport.drain;
import static dev.exposure.connector.mde.MdeTestSupport.getPath;
import static dev.exposure.connector.mde.MdeTestSupport.json;
import static dev.exposure.connector.mde.MdeTestSupport.stubMachineIndex;
import static dev.exposure.connector.mde.MdeTestSupport.stubToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpClient;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.Sleeper;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestTls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Microsoft's limits apply per application and tenant: a host that lends a {@link Sleeper} still
 * shares the JVM's budget of that application and tenant with its other connections.
 */
class MdeSharedBudgetWithLentSleeperTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    static final String EXPORT = "/api/machines/SoftwareVulnerabilitiesExport";

    private static Connector connector(Sleeper sleeper) {
        ConnectorContext context = ConnectorContext.builder()
                .with(HttpClient.class, TestTls.trustingHttpClient())
                .with(SSLContext.class, TestTls.sslContext())
                .with(Sleeper.class, sleeper)
                .build();
        return new MdeConnectorProvider().create(config(wm).findingsSource("files").build(), context);
    }

    @Test
    void shouldShareTheFileExportBudgetOfTheTenantBetweenConnectionsThatWereLentASleeper() {
        stubToken(wm);
        stubMachineIndex(wm);
        wm.stubFor(getPath(EXPORT).willReturn(json("{\"exportFiles\":[],\"generatedTime\":\"2026-11-22T06:00:00Z\"}")));
        List<Duration> first = new CopyOnWriteArrayList<>();
        List<Duration> second = new CopyOnWriteArrayList<>();

        try (Connector a = connector(first::add)) {
            for (int i = 0; i < 5; i++) { // the file export's budget: 5 calls a minute
                try (RecordStream<SourceRecord> s = a.fetchFindings(SyncRequest.full())) {
                    drain(s);
                }
            }
        }
        try (Connector b = connector(second::add);
             RecordStream<SourceRecord> s = b.fetchFindings(SyncRequest.full())) {
            drain(s);
            assertThat(s.stats().throttledTime()).isGreaterThan(Duration.ofSeconds(50));
        }
        assertThat(first).isEmpty();
        assertThat(second).singleElement().satisfies(d -> assertThat(d).isGreaterThan(Duration.ofSeconds(50)));
    }
}
