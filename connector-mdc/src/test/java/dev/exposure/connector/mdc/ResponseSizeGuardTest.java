package dev.exposure.connector.mdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.github.tomakehurst.wiremock.core.Options;
import dev.exposure.connector.Connector;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Resource Graph bodies are bounded by their declared length before the SDK buffers them. */
class ResponseSizeGuardTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.builder()
            .configure(c -> c.useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)).build();

    @Test
    void shouldRefuseAResponseLongerThanTheBoundBeforeReadingIt() {
        MdcMock mock = new MdcMock(wm);
        mock.standard();
        Connector connector = new MdcConnectorProvider().create(mock.config().build(), mock.context(),
                mock.tuning().withMaxResponseBytes(1_000));
        assertThatExceptionOfType(DataException.class)
                .isThrownBy(() -> connector.fetchAssets(SyncRequest.full()).hasNext())
                .withMessageContaining("more than the 1000 bytes")
                .withMessageContaining(MdcMock.RG_PATH);
    }

    @Test
    void shouldAcceptResponsesWithinTheBound() {
        MdcMock mock = new MdcMock(wm);
        mock.standard();
        Connector connector = new MdcConnectorProvider().create(mock.config().build(), mock.context(),
                mock.tuning().withMaxResponseBytes(100_000));
        List<SourceRecord> assets = new ArrayList<>();
        try (RecordStream<SourceRecord> s = connector.fetchAssets(SyncRequest.full())) {
            s.forEachRemaining(assets::add);
        }
        assertThat(assets).hasSize(3);
    }
}
