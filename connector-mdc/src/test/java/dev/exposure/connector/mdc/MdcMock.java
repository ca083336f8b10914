package dev.exposure.connector.mdc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Secret;
import dev.exposure.connector.testkit.EntraTokenStub;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exposure.connector.azure.http.QuotaHeaderPacer;
import dev.exposure.connector.azure.http.Timing;
import dev.exposure.connector.azure.http.Waits;
import dev.exposure.connector.testkit.TestTls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/** A Defender for Cloud tenant on an HTTPS WireMock: token endpoint, Resource Graph and ARM stubs, fixtures. */
final class MdcMock {
    static final String TENANT = "ff4e2413-65ab-4dc2-9e5b-1ea02d3d94eb";
    static final String CLIENT = "e78a9c6a-7635-45e9-ad52-9c53b6547fe3";
    static final String SECRET = "mdc~Test.Secret_Value-0123456789";
    static final String SUB_A = "54505ff6-e254-4e01-a964-d0ce78bf87a9";
    static final String SUB_B = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
    static final String RG_PATH = "/providers/Microsoft.ResourceGraph/resources";

    static final String VMS = "type =~ 'microsoft.compute/virtualmachines'\n| project id, name";
    static final String NICS = "microsoft.network/networkinterfaces";
    static final String PIPS = "microsoft.network/publicipaddresses";
    static final String ASSESSMENTS = "microsoft.security/assessments";

    /** A fake monotonic clock whose sleeps return at once and are recorded. */
    static final class FakeTime implements Waits {
        long nanos = 1_000_000_000L;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public void sleep(Duration d) {
            if (d.isZero() || d.isNegative()) {
                return;
            }
            sleeps.add(d);
            nanos += d.toNanos();
        }

        @Override
        public long nanoTime() {
            return nanos;
        }
    }

    final WireMockExtension wm;
    final FakeTime time = new FakeTime();

    MdcMock(WireMockExtension wm) {
        this.wm = wm;
    }

    ConnectionConfig.Builder config() {
        return ConnectionConfig.builder().name("mdc test").tenantId(TENANT).clientId(CLIENT)
                .clientSecret(Secret.of(SECRET)).authenticationUrl(wm.baseUrl())
                .putOptions(MdcOptions.CLOUD, MdcOptions.CLOUD_CUSTOM)
                .putOptions(MdcOptions.RESOURCE_MANAGER_URL, wm.baseUrl())
                .putOptions(MdcOptions.SUBSCRIPTIONS, SUB_A + ", " + SUB_B);
    }

    ConnectorContext context() {
        return ConnectorContext.builder().with(HttpClient.class, TestTls.trustingHttpClient())
                .with(SSLContext.class, TestTls.sslContext()).build();
    }

    /** 4 attempts, back-off 1 s doubling to 8 s without jitter, a server's wait honoured up to a minute. */
    static Timing timing() {
        return Timing.DEFAULTS.withMaxRetries(3).withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 0)
                .withMaxRetryAfter(Duration.ofMinutes(1));
    }

    /** @return the context with this mock's virtual time (unless it lends a Sleeper) and {@link #timing()} */
    ConnectorContext withTime(ConnectorContext context) {
        boolean sleeperLent = context.find(dev.exposure.connector.Sleeper.class).isPresent();
        return withTime(context, sleeperLent ? null : time);
    }

    /**
     * @param waits the virtual time to add (unless the context lends its own {@code Waits}); null for none
     * @return the context with the waits and {@link #timing()} added (unless it lends its own)
     */
    static ConnectorContext withTime(ConnectorContext context, @Nullable Waits waits) {
        ConnectorContext.Builder b = ConnectorContext.builder();
        for (Class<?> type : List.of(HttpClient.class, SSLContext.class, com.azure.core.credential.TokenCredential.class,
                com.azure.core.http.policy.RetryOptions.class, dev.exposure.connector.Sleeper.class,
                java.time.Clock.class, com.azure.core.util.ClientOptions.class, com.azure.core.util.Configuration.class,
                Waits.class, Timing.class)) {
            copy(context, b, type);
        }
        if (context.find(Waits.class).isEmpty() && waits != null) {
            b.with(Waits.class, waits);
        }
        if (context.find(Timing.class).isEmpty()) {
            b.with(Timing.class, timing());
        }
        return b.build();
    }

    private static <T> void copy(ConnectorContext from, ConnectorContext.Builder to, Class<T> type) {
        from.find(type).ifPresent(v -> to.with(type, v));
    }

    Connector connector() {
        return connector(config().build(), context());
    }

    Connector connector(ConnectionConfig config, ConnectorContext context) {
        return new MdcConnectorProvider().create(config, withTime(context));
    }

    void token() {
        EntraTokenStub.forTenant(TENANT).clientId(CLIENT).register(wm);
    }

    static MappingBuilder query(String fragment) {
        return post(urlPathEqualTo(RG_PATH)).withQueryParam("api-version", equalTo("2021-03-01"))
                .withHeader("Authorization", equalTo("Bearer " + EntraTokenStub.DEFAULT_ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.query", containing(fragment)));
    }

    static MappingBuilder query(String fragment, @Nullable String skipToken) {
        MappingBuilder b = query(fragment);
        if (skipToken != null) {
            b = b.withRequestBody(matchingJsonPath("$.options['$skipToken']", equalTo(skipToken))).atPriority(1);
        } else {
            b = b.atPriority(5);
        }
        return b;
    }

    static ResponseDefinitionBuilder file(String name) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader(QuotaHeaderPacer.REMAINING, "10").withHeader(QuotaHeaderPacer.RESETS_AFTER, "00:00:04")
                .withBodyFile(name);
    }

    static ResponseDefinitionBuilder error(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBodyFile(file);
    }

    void page(String fragment, @Nullable String skipToken, String file) {
        wm.stubFor(query(fragment, skipToken).willReturn(file(file)));
    }

    /** The standard tenant: 3 VMs over 2 pages, 4 NICs over 2 pages, 3 public IPs, 6 assessments over 2 pages. */
    void standard() {
        token();
        page(VMS, null, "mdc-vms-page1.json");
        page(VMS, "vm-page-2", "mdc-vms-page2.json");
        page(NICS, null, "mdc-nics-page1.json");
        page(NICS, "nic-page-2", "mdc-nics-page2.json");
        page(PIPS, null, "mdc-pips.json");
        page(ASSESSMENTS, null, "mdc-assessments-page1.json");
        page(ASSESSMENTS, "assessment-page-2", "mdc-assessments-page2.json");
    }

    /**
     * A tenant with real-world oddities (see the test resources' README): a NIC IP in CIDR form,
     * unreadable IPs and MAC, link-local and loopback addresses, a secondary NIC with the only
     * public IP, tags as an object map with a non-text value, guest-reported OS, image version
     * {@code latest}, an assessment without severity but with risk, threats and additional data.
     */
    void messy() {
        token();
        page(VMS, null, "mdc-messy-vms.json");
        page(NICS, null, "mdc-messy-nics.json");
        page(PIPS, null, "mdc-messy-pips.json");
        page(ASSESSMENTS, null, "mdc-messy-assessments.json");
    }

    void subscription(String subscription, int status, @Nullable String file) {
        wm.stubFor(get(urlPathEqualTo("/subscriptions/" + subscription))
                .withQueryParam("api-version", equalTo("2022-12-01"))
                .willReturn(file == null ? file("mdc-subscription.json").withStatus(status) : error(status, file)));
    }
}
