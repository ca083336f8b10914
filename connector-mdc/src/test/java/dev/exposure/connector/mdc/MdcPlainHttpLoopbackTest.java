package dev.exposure.connector.mdc;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.testkit.EntraTokenStub;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** Plain http is accepted on loopback only (tests), and then works end to end with a lent credential. */
class MdcPlainHttpLoopbackTest {
    @RegisterExtension
    static final WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @Test
    void shouldFetchAssetsAndPassTheConnectionTestOverLoopbackHttpWithALentCredential() {
        MdcMock mock = new MdcMock(wm);
        mock.standard();
        mock.subscription(MdcMock.SUB_A, 200, null);
        mock.subscription(MdcMock.SUB_B, 200, null);
        wm.stubFor(MdcMock.query("| project id\n").atPriority(1).willReturn(MdcMock.file("mdc-probe.json")));
        String base = "http://127.0.0.1:" + wm.getPort();
        TokenCredential lent = ctx -> Mono.just(new AccessToken(EntraTokenStub.DEFAULT_ACCESS_TOKEN,
                OffsetDateTime.now().plusHours(1)));
        ConnectionConfig config = mock.config().authenticationUrl(base)
                .putOptions(MdcOptions.RESOURCE_MANAGER_URL, base).build();
        Connector connector = mock.connector(config, ConnectorContext.builder().with(TokenCredential.class, lent)
                .build());

        List<SourceRecord> assets = new ArrayList<>();
        try (RecordStream<SourceRecord> s = connector.fetchAssets(SyncRequest.full())) {
            s.forEachRemaining(assets::add);
        }
        assertThat(assets).hasSize(3);
        ConnectionTestReport report = connector.testConnection();
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.result(ConnectionTestReport.Check.TLS_HANDSHAKE).message()).contains("no TLS");
    }
}
