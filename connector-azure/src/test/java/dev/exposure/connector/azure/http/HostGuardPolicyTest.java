package dev.exposure.connector.azure.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import dev.exposure.connector.DataException;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestTls;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** The {@link HostGuardPolicy}: a request to a foreign host is refused before a token exists for it. */
class HostGuardPolicyTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    private static final String TOKEN = "eyJ0eXAiOiJKV1QifQ.guarded-token.sig";

    @Test
    void shouldRefuseANextLinkToAnotherHostBeforeAnyTokenIsAttachedAndNameTheHostWithoutTheToken() {
        String host = URI.create(wm.baseUrl()).getHost();
        String foreign = host.equals("localhost") ? "127.0.0.1" : "localhost";
        AtomicInteger asked = new AtomicInteger();
        CountingPolicy attempts = new CountingPolicy();
        HttpPipeline p = AzureHttp.pipeline(TestTls.trustingHttpClient()).userAgent("azure-test")
                .retry(RetryRules.DEFAULT, Timing.DEFAULTS, new VirtualWaits(), Pacer.NONE)
                .hostGuard(host, wm.getHttpsPort())
                .bearer(request -> {
                    asked.incrementAndGet();
                    return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
                }, "https://api.example.test/.default", null)
                .perAttempt(attempts).build();
        String nextLink = "https://" + foreign + ":" + wm.getHttpsPort() + "/things?$skiptoken=2";

        assertThatThrownBy(() -> p.sendSync(new HttpRequest(HttpMethod.GET, nextLink), Context.NONE))
                .isInstanceOf(DataException.class).hasMessageContaining("'" + foreign + "'")
                .hasMessageContaining("'" + host + "'").hasMessageNotContaining(TOKEN);

        assertThat(asked).hasValue(0);
        assertThat(attempts.attempts).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldLetTheConfiguredHostThroughWhateverItsCase() {
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/things")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)));
        HttpPipeline p = AzureHttp.pipeline(TestTls.trustingHttpClient()).userAgent("azure-test")
                .hostGuard(URI.create(wm.baseUrl()).getHost().toUpperCase(java.util.Locale.ROOT), wm.getHttpsPort())
                .build();

        assertThat(p.sendSync(new HttpRequest(HttpMethod.GET, wm.url("/things")),
                Context.NONE).getStatusCode()).isEqualTo(200);
    }
}
