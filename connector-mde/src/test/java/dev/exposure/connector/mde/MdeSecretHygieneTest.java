package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.exposure.connector.mde.MdeTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.Connector;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.azure.http.VirtualWaits;
import dev.exposure.connector.testkit.EntraTokenStub;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failure after failure, no message, cause, notice or report carries the secret, the token or a signature. */
class MdeSecretHygieneTest {
    static final String SIG = "sig-ZmFrZS1zaWduYXR1cmU";
    static final String EXPORT = "/api/machines/SoftwareVulnerabilitiesExport";

    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.builder().failOnUnmatchedRequests(false).build();

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("wrong secret", (Consumer<HttpsWireMockExtension>) w ->
                        EntraTokenStub.forTenant(TENANT).invalidClient().register(w)),
                Arguments.of("expired secret", (Consumer<HttpsWireMockExtension>) w ->
                        EntraTokenStub.forTenant(TENANT).expiredSecret().register(w)),
                Arguments.of("token endpoint 500", (Consumer<HttpsWireMockExtension>) w ->
                        EntraTokenStub.forTenant(TENANT).error(500, "server_error", "AADSTS50000: boom").register(w)),
                Arguments.of("api 401", api(json(401, fixture("mde-error-401.json")))),
                Arguments.of("api 403", api(json(403, fixture("mde-error-403-vulns.json")))),
                Arguments.of("api 429", api(json(429, fixture("mde-error-429.json")).withHeader("Retry-After", "1"))),
                Arguments.of("api 502 html", api(json(502, "<html><body>Bad gateway</body></html>"))),
                Arguments.of("reset", api(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))),
                Arguments.of("garbage then close", api(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE))),
                Arguments.of("truncated JSON", api(json("{\"exportFiles\":[\"https://localhost/x?sig=" + SIG))),
                Arguments.of("expired download link", (Consumer<HttpsWireMockExtension>) w -> {
                    stubToken(w);
                    w.stubFor(getPath(EXPORT).willReturn(json("{\"exportFiles\":[\"" + w.baseUrl()
                            + "/blob/p.json.gz?sv=1&sig=" + SIG + "\"]}")));
                    w.stubFor(getPath("/blob/p.json.gz").willReturn(aResponse().withStatus(403)
                            .withBody("<Error><Code>AuthenticationFailed</Code><Message>sig=" + SIG
                                    + "</Message></Error>")));
                }),
                Arguments.of("download 500", (Consumer<HttpsWireMockExtension>) w -> {
                    stubToken(w);
                    w.stubFor(getPath(EXPORT).willReturn(json("{\"exportFiles\":[\"" + w.baseUrl()
                            + "/blob/p.json.gz?sv=1&sig=" + SIG + "\"]}")));
                    w.stubFor(getPath("/blob/p.json.gz").willReturn(json(500, "{\"error\":\"sig=" + SIG + "\"}")));
                }));
    }

    private static Consumer<HttpsWireMockExtension> api(
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        return w -> {
            stubToken(w);
            w.stubFor(getPath(EXPORT).willReturn(response));
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void shouldFailWithATypedErrorThatLeaksNoSecret(String name, Consumer<HttpsWireMockExtension> fault) {
        fault.accept(wm);
        VirtualWaits timing = new VirtualWaits();
        StringBuilder seen = new StringBuilder();
        try (Connector c = connector(config(wm).findingsSource("files").build(), timing);
             RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            Throwable error = catchThrowable(() -> s.forEachRemaining(r -> { }));
            assertThat(error).as(name).isInstanceOf(ConnectorException.class);
            for (Throwable t = error; t != null; t = t.getCause()) {
                seen.append(t).append('\n');
            }
            seen.append(s.stats());
            assertThat(s.checkpoint()).isEmpty();
            seen.append(c.testConnection());
        }
        assertThat(seen.toString()).as(name).doesNotContain(SECRET).doesNotContain(TOKEN).doesNotContain(SIG);
    }
}
