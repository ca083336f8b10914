package dev.exposure.connector.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Context;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.sim.Endpoint;
import dev.exposure.connector.sim.Fault;
import dev.exposure.connector.sim.SimulatedAzureTenant;
import dev.exposure.connector.sim.SimulatedMdeTenant;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedTenantExtensionTest {
    @RegisterExtension
    static SimulatedMdeTenantExtension mde = SimulatedMdeTenantExtension.builder()
            .tenant(t -> t.seed(77).machines(40).vulnerabilitiesPerMachine(25)).build();

    @RegisterExtension
    static SimulatedAzureTenantExtension azure = SimulatedAzureTenantExtension.builder()
            .tenant(t -> t.seed(77).vms(12).subscriptionCount(2)).build();

    static TokenCredential credential(ConnectionConfig c, ConnectorContext ctx) {
        return new ClientSecretCredentialBuilder().tenantId(c.tenantId().orElseThrow()).clientId(c.clientId().orElseThrow())
                .clientSecret(c.clientSecret().orElseThrow().reveal()).authorityHost(c.effectiveAuthenticationUrl())
                .disableInstanceDiscovery().httpClient(ctx.find(HttpClient.class).orElseThrow())
                .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO))).build();
    }

    /** Counts the objects of an MDE page's {@code value} array; its {@code @odata.nextLink} goes to {@code next[0]}. */
    static long countRows(InputStream in, String[] next) throws IOException {
        long rows = 0;
        try (JsonParser jp = new JsonFactory().createParser(in)) {
            assertThat(jp.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (jp.nextToken() == JsonToken.FIELD_NAME) {
                String field = jp.currentName();
                JsonToken t = jp.nextToken();
                if (field.equals("value") && t == JsonToken.START_ARRAY) {
                    while (jp.nextToken() == JsonToken.START_OBJECT) {
                        jp.skipChildren();
                        rows++;
                    }
                } else if (field.equals("@odata.nextLink")) {
                    next[0] = jp.getValueAsString();
                } else {
                    jp.skipChildren();
                }
            }
        }
        return rows;
    }

    @Test
    void shouldHandOutAValidCustomCloudConfigAndATrustingContextForMde() {
        ConnectionConfig c = mde.config();
        assertThat(c.validate(true)).isEmpty();
        assertThat(c.options()).containsEntry("cloud", "custom").containsEntry("apiBaseUrl", mde.tenant().baseUrl().toString())
                .containsEntry("tokenScope", SimulatedMdeTenant.DEFAULT_SCOPE).doesNotContainKey("authenticationUrl");
        assertThat(c.authenticationUrl()).hasValue(mde.tenant().baseUrl() + "/");
        assertThat(c.toString()).doesNotContain(mde.tenant().clientSecret());
        ConnectorContext ctx = mde.context();
        assertThat(ctx.find(HttpClient.class)).isPresent();
        assertThat(ctx.find(SSLContext.class)).isPresent();
    }

    @Test
    @Order(2)
    void shouldServeTheRealCredentialAndPipelineAgainstTheSimulatedMdeTenant() throws Exception {
        ConnectionConfig c = mde.config();
        ConnectorContext ctx = mde.context();
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(ctx.find(HttpClient.class).orElseThrow())
                .policies(new RetryPolicy(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO))),
                        new BearerTokenAuthenticationPolicy(credential(c, ctx), c.options().get("tokenScope")))
                .build();
        long rows = 0;
        String url = c.options().get("apiBaseUrl") + "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=300";
        while (url != null) {
            try (HttpResponse r = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE);
                 InputStream in = r.getBodyAsBinaryData().toStream()) {
                assertThat(r.getStatusCode()).isEqualTo(200);
                String[] next = new String[1];
                rows += countRows(in, next);
                url = next[0];
            }
        }
        assertThat(rows).isEqualTo(mde.tenant().expectedRawFindingRows());
        assertThat(mde.tenant().stats().count(Endpoint.TOKEN)).isEqualTo(1);
        assertThat(mde.tenant().stats().count(Endpoint.VULNERABILITIES)).isEqualTo(mde.tenant().expectedFindingPages(300));
    }

    /** Runs first and leaves a fault behind: the next test passes only if the extension resets it. */
    @Test
    @Order(1)
    void shouldResetFaultsAndCountersBeforeEachTest() {
        assertThat(mde.tenant().stats().total()).isZero();
        mde.tenant().faults().always(Endpoint.VULNERABILITIES, Fault.status(500));
        mde.tenant().faults().always(Endpoint.TOKEN, Fault.status(500));
    }

    @Test
    void shouldServeTheArmTokenAndResourceGraphToTheRealCredential() {
        ConnectionConfig c = azure.config();
        assertThat(c.options()).containsEntry("cloud", "custom")
                .containsEntry("resourceManagerUrl", azure.tenant().baseUrl().toString())
                .containsEntry("tokenScope", SimulatedAzureTenant.DEFAULT_SCOPE)
                .containsEntry("subscriptions", String.join(",", azure.tenant().subscriptions()));
        ConnectorContext ctx = azure.context();
        TokenCredential cred = credential(c, ctx);
        assertThat(cred.getTokenSync(new TokenRequestContext().addScopes(SimulatedAzureTenant.DEFAULT_SCOPE)
                .setCaeEnabled(true)).getToken()).startsWith("sim-");
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(ctx.find(HttpClient.class).orElseThrow())
                .policies(new BearerTokenAuthenticationPolicy(cred, SimulatedAzureTenant.DEFAULT_SCOPE)).build();
        HttpRequest req = new HttpRequest(HttpMethod.POST, c.options().get("resourceManagerUrl")
                + "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01")
                .setHeader(com.azure.core.http.HttpHeaderName.CONTENT_TYPE, "application/json")
                .setBody("{\"query\":\"Resources | where type =~ 'microsoft.compute/virtualmachines'\","
                        + "\"options\":{\"$top\":1000,\"resultFormat\":\"objectArray\"}}");
        try (HttpResponse r = pipeline.sendSync(req, Context.NONE)) {
            assertThat(r.getStatusCode()).isEqualTo(200);
            assertThat(r.getHeaders().getValue(com.azure.core.http.HttpHeaderName.fromString("x-ms-user-quota-remaining"))).isNotBlank();
            assertThat(r.getBodyAsBinaryData().toString()).contains("\"totalRecords\":12");
        }
    }
}
