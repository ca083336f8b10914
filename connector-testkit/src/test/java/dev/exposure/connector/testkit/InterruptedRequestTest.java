package dev.exposure.connector.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.Page;
import dev.exposure.connector.PagedRecordStream;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A consumer interrupted while the real azure-core JDK client waits for a slow page: the client
 * wraps the InterruptedException and clears the flag, and the SDK's paging state machine must
 * still report an interrupt (not a data error) with the flag set again.
 */
class InterruptedRequestTest {

    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.builder()
            .failOnUnmatchedRequests(false).build();

    @Test
    void shouldReportAnInterruptDuringARealHttpsRequestAsConnectorInterruptedException() throws Exception {
        wm.stubFor(get("/slow-page").willReturn(okJson("{}").withFixedDelay(60_000)));
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(TestTls.trustingHttpClient()).build();
        PagedRecordStream<String, String> stream = new PagedRecordStream<>("slow assets", new SyncCounters(),
                SyncListener.NONE) {
            @Override
            protected Page<String, String> fetchPage(@Nullable String state, int pageNumber) {
                pipeline.sendSync(new HttpRequest(HttpMethod.GET, wm.url("/slow-page")), Context.NONE).close();
                return Page.of(List.of(), null);
            }
        };
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread consumer = new Thread(() -> {
            error.set(catchThrowable(stream::hasNext));
            flag.set(Thread.currentThread().isInterrupted());
        }, "slow-consumer");
        consumer.setDaemon(true);
        consumer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (wm.getAllServeEvents().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        consumer.interrupt();
        consumer.join(10_000);

        assertThat(consumer.isAlive()).as("consumer still blocked after its interrupt").isFalse();
        assertThat(error.get()).isInstanceOf(ConnectorInterruptedException.class)
                .hasMessageContaining("slow assets");
        assertThat(flag.get()).as("interrupt flag after ConnectorInterruptedException").isTrue();
    }
}
