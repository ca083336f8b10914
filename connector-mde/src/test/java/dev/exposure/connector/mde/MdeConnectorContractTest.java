package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.exposure.connector.mde.MdeTestSupport.*;

import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.azure.http.VirtualWaits;
import dev.exposure.connector.testkit.ConnectorContractTest;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The testkit's connector contract, against an HTTPS mock tenant with the real credential and pipeline. */
class MdeConnectorContractTest extends ConnectorContractTest {
    static final String FULL = "/api/machines/SoftwareVulnerabilitiesByMachine";

    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    /** A second tenant whose findings fail on page 2. */
    @RegisterExtension
    static final HttpsWireMockExtension failing = HttpsWireMockExtension.create();

    /** A tenant whose machine list takes a minute to answer. */
    @RegisterExtension
    static final HttpsWireMockExtension slow = HttpsWireMockExtension.create();

    @BeforeEach
    void stubs() {
        stubToken(slow);
        slow.stubFor(getPath("/api/machines").willReturn(json("{\"value\":[]}").withFixedDelay(60_000)));
        for (HttpsWireMockExtension w : new HttpsWireMockExtension[] {wm, failing}) {
            stubToken(w);
            w.stubFor(getPath("/api/machines").withQueryParam("$skip", absent())
                    .willReturn(json(fixture("mde-machines-page1.json", w))));
            w.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("2"))
                    .willReturn(json(fixture("mde-machines-page2.json", w))));
            w.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("3"))
                    .willReturn(json(fixture("mde-machines-page3.json", w))));
            w.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("100000"))
                    .willReturn(json("{\"value\":[]}")));
            w.stubFor(getPath(FULL).withQueryParam("$skiptoken", absent())
                    .willReturn(json(fixture("mde-vulns-page1.json", w))));
        }
        wm.stubFor(getPath(FULL).withQueryParam("$skiptoken", equalTo("eyJwYWdlIjoyfQ"))
                .willReturn(json(fixture("mde-vulns-page2.json", wm))));
        failing.stubFor(getPath(FULL).withQueryParam("$skiptoken", equalTo("eyJwYWdlIjoyfQ"))
                .willReturn(json("{\"value\":[{\"id\":\"x\",\"deviceId\":")));
    }

    @Override
    protected ConnectorProvider provider() {
        return new MdeConnectorProvider();
    }

    @Override
    protected Connector connector() {
        return MdeTestSupport.connector(wm, new VirtualWaits());
    }

    @Override
    protected Optional<Connector> failingConnector() {
        return Optional.of(MdeTestSupport.connector(failing, new VirtualWaits()));
    }

    @Override
    protected Optional<Connector> slowConnector() {
        return Optional.of(MdeTestSupport.connector(slow, new VirtualWaits()));
    }

    @Override
    protected OptionalLong requestsSent() {
        return OptionalLong.of(wm.getAllServeEvents().size() + failing.getAllServeEvents().size()
                + slow.getAllServeEvents().size());
    }
}
