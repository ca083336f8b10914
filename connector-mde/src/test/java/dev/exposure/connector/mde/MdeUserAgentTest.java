package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.exposure.connector.mde.MdeTestSupport.config;
import static dev.exposure.connector.mde.MdeTestSupport.contextBuilder;
import static dev.exposure.connector.mde.MdeTestSupport.drain;
import static dev.exposure.connector.mde.MdeTestSupport.getPath;
import static dev.exposure.connector.mde.MdeTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.ClientOptions;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.SyncRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The User-Agent names the artifact's version, after the host's application id when it lends one. */
class MdeUserAgentTest extends MockedMdeApiTest {
    /** Surefire passes the pom's version; the build filters the same value into the jar. */
    private static final String VERSION = System.getProperty("connector.expectedVersion");

    private String userAgentOfOneRun(ConnectorContext context) {
        wm.stubFor(getPath("/api/machines").willReturn(json("{\"value\":[{\"id\":\"a1\"}]}")));
        try (Connector c = new MdeConnectorProvider().create(config(wm).build(), context)) {
            drain(c.fetchAssets(SyncRequest.full()));
        }
        List<LoggedRequest> requests = wm.findAll(getRequestedFor(urlPathEqualTo("/api/machines")));
        assertThat(requests).hasSize(1);
        return requests.get(0).getHeader("User-Agent");
    }

    @Test
    void shouldNameTheArtifactVersionInTheUserAgentAndTheDescriptor() {
        assertThat(VERSION).as("connector.expectedVersion from surefire").isNotBlank();

        assertThat(userAgentOfOneRun(contextBuilder(timing).build())).isEqualTo("connector-mde/" + VERSION);
        assertThat(new MdeConnectorProvider().descriptor().version()).isEqualTo(VERSION);
    }

    @Test
    void shouldPutTheHostsApplicationIdFirstInTheUserAgent() {
        ConnectorContext context = contextBuilder(timing)
                .with(ClientOptions.class, new ClientOptions().setApplicationId("acme-sync/2.4")).build();

        assertThat(userAgentOfOneRun(context)).isEqualTo("acme-sync/2.4 connector-mde/" + VERSION);
    }
}
