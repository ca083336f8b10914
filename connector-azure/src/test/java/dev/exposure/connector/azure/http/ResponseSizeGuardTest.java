package dev.exposure.connector.azure.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.github.tomakehurst.wiremock.core.Options;
import dev.exposure.connector.DataException;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bodies are bounded by their declared length before an SDK client buffers them (moved from connector-mdc). */
class ResponseSizeGuardTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.builder()
            .configure(c -> c.useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)).build();

    private static HttpPipeline pipeline(long maxBytes) {
        return AzureHttp.pipeline(TestTls.trustingHttpClient()).userAgent("test")
                .maxResponseBytes(maxBytes, "Test API").build();
    }

    @Test
    void shouldRefuseAResponseLongerThanTheBoundBeforeReadingIt() {
        wm.stubFor(get("/rows").willReturn(aResponse().withStatus(200).withBody("x".repeat(2_000))));
        assertThatExceptionOfType(DataException.class)
                .isThrownBy(() -> pipeline(1_000).sendSync(new HttpRequest(HttpMethod.GET, wm.baseUrl() + "/rows"),
                        Context.NONE))
                .withMessageContaining("Test API answered with a body of 2000 bytes, more than the 1000 bytes")
                .withMessageContaining("/rows");
    }

    @Test
    void shouldAcceptResponsesWithinTheBound() {
        wm.stubFor(get("/rows").willReturn(aResponse().withStatus(200).withBody("x".repeat(2_000))));
        try (HttpResponse r = pipeline(100_000).sendSync(new HttpRequest(HttpMethod.GET, wm.baseUrl() + "/rows"),
                Context.NONE)) {
            assertThat(r.getBodyAsBinaryData().toString()).hasSize(2_000);
        }
    }
}
