package dev.exposure.connector.mdc;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.RetryOptions;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.testkit.ConnectorContractTest;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.MockEntraCredentials;
import dev.exposure.connector.testkit.TestTls;
import java.util.Optional;
import java.util.OptionalLong;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK's connector contract, through the public API only (provider found by ServiceLoader). */
class MdcConnectorContractTest extends ConnectorContractTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    private static final String SUB_FAILING = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
    private static final String SUB_SLOW = "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9";

    private MdcMock mock;

    @BeforeEach
    void stubs() {
        mock = new MdcMock(wm);
        mock.standard();
        mock.subscription(MdcMock.SUB_A, 200, null);
        mock.subscription(MdcMock.SUB_B, 200, null);
        wm.stubFor(MdcMock.query("| project id\n").withRequestBody(matchingJsonPath("$.options['$top']", equalTo("1")))
                .willReturn(MdcMock.file("mdc-probe.json")));
    }

    private ConnectorContext context() {
        return ConnectorContext.builder().with(HttpClient.class, TestTls.trustingHttpClient())
                .with(SSLContext.class, TestTls.sslContext())
                .with(RetryOptions.class, MockEntraCredentials.noRetries()).build();
    }

    @Override
    protected ConnectorProvider provider() {
        return Connectors.load().require(MdcConnectorProvider.ID);
    }

    @Override
    protected Connector connector() {
        return provider().create(mock.config().build(), context());
    }

    @Override
    protected Optional<Connector> failingConnector() {
        wm.stubFor(MdcMock.query(MdcMock.ASSESSMENTS, "assessment-page-2")
                .withRequestBody(matchingJsonPath("$.subscriptions[0]", equalTo(SUB_FAILING)))
                .willReturn(MdcMock.error(403, "mdc-403-authorizationfailed.json")));
        return Optional.of(provider().create(mock.config().putOptions(MdcOptions.SUBSCRIPTIONS, SUB_FAILING).build(),
                context()));
    }

    @Override
    protected Optional<Connector> slowConnector() {
        wm.stubFor(MdcMock.query(MdcMock.NICS, null).atPriority(1)
                .withRequestBody(matchingJsonPath("$.subscriptions[0]", equalTo(SUB_SLOW)))
                .willReturn(MdcMock.file("mdc-empty.json").withFixedDelay(60_000)));
        return Optional.of(provider().create(mock.config().putOptions(MdcOptions.SUBSCRIPTIONS, SUB_SLOW).build(),
                context()));
    }

    @Override
    protected OptionalLong requestsSent() {
        return OptionalLong.of(wm.getAllServeEvents().size());
    }
}
