package dev.exposure.connector.mdc;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.Sleeper;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The login host cannot be reached: the token request is retried in ONE loop (not again inside
 * every retry of the Resource Graph request), the error names the login host, and azure-core's
 * retry policy logs nothing of its own.
 */
class MdcLoginHostDownTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String captureStderr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRetryTheTokenRequestInOneLoopAndNameTheLoginHostWhenItIsDown() throws IOException {
        MdcMock mock = new MdcMock(wm);
        int port = closedPort();
        ConnectionConfig config = mock.config().authenticationUrl("https://127.0.0.1:" + port + "/").build();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        ConnectorContext context = ConnectorContext.builder().with(SSLContext.class, TestTls.sslContext())
                .with(Sleeper.class, waits::add).build();
        Throwable[] thrown = new Throwable[1];

        String log = captureStderr(() -> {
            try (Connector c = new MdcConnectorProvider().create(config, context);
                 RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
                thrown[0] = catchThrowable(s::hasNext);
            }
        });

        assertThat(thrown[0]).isInstanceOf(TransientException.class)
                .hasMessageContaining("login host '127.0.0.1'").hasMessageNotContaining("Resource Graph");
        assertThat(waits).as("one retry loop of the token request").hasSizeLessThanOrEqualTo(4);
        wm.verify(0, postRequestedFor(urlPathEqualTo(MdcMock.RG_PATH)));
        assertThat(log).as("azure-core retry policy lines").doesNotContain("com.azure.core.http.policy");
    }
}
