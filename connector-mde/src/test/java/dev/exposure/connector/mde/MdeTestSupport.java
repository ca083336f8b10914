package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.azure.core.http.HttpClient;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Connector;
import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.Secret;
import dev.exposure.connector.azure.http.Timing;
import dev.exposure.connector.azure.http.VirtualWaits;
import dev.exposure.connector.azure.http.Waits;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.testkit.EntraTokenStub;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import dev.exposure.connector.testkit.TestConnections;
import dev.exposure.connector.testkit.TestTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/** Shared test wiring: a mock-bound configuration, a context with virtual time, fixtures. */
final class MdeTestSupport {
    static final String TENANT = TestConnections.TENANT_ID;
    static final String CLIENT = TestConnections.CLIENT_ID;
    static final String SECRET = TestConnections.CLIENT_SECRET_VALUE;
    static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.mde-test-token.sig";
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    /** The default timing without back-off: a retry without a server-named wait follows at once. */
    static final Timing NO_BACKOFF = Timing.DEFAULTS.withBackoff(Duration.ZERO, Duration.ZERO, 0);

    private MdeTestSupport() { }

    static MdeConfig config(HttpsWireMockExtension wm) {
        return MdeConfig.builder().name("MDE test").tenantId(TENANT).clientId(CLIENT).clientSecret(Secret.of(SECRET))
                .authenticationUrl(wm.baseUrl() + "/").cloud("custom").apiBaseUrl(wm.baseUrl()).maxRetries(2)
                .stallTimeout(Duration.ofSeconds(5));
    }

    static ConnectorContext.Builder contextBuilder(VirtualWaits timing) {
        return ConnectorContext.builder()
                .with(HttpClient.class, TestTls.trustingHttpClient())
                .with(SSLContext.class, TestTls.sslContext())
                .with(Waits.class, timing)
                .with(Timing.class, NO_BACKOFF)
                .with(Clock.class, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Connector connector(HttpsWireMockExtension wm, VirtualWaits timing) {
        return connector(config(wm).build(), timing);
    }

    static Connector connector(ConnectionConfig config, VirtualWaits timing) {
        return new MdeConnectorProvider().create(config, contextBuilder(timing).build());
    }

    static void stubToken(HttpsWireMockExtension wm) {
        EntraTokenStub.forTenant(TENANT).accessToken(TOKEN).register(wm);
    }

    /**
     * Stubs the findings stream's pass over {@code GET /api/machines} (no {@code $top}/{@code $skip})
     * with the machines of the finding fixtures, so that none of their findings is on an unknown device.
     */
    static void stubMachineIndex(HttpsWireMockExtension wm) {
        wm.stubFor(getPath("/api/machines").withQueryParam("$top", absent()).withQueryParam("$skip", absent())
                .willReturn(json(fixture("mde-machines-of-findings.json"))));
    }

    static String fixture(String name) {
        try (InputStream in = MdeTestSupport.class.getResourceAsStream("/__files/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture with {@code {{base}}} replaced by the mock's base URL. */
    static String fixture(String name, HttpsWireMockExtension wm) {
        return fixture(name).replace("{{base}}", wm.baseUrl());
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; odata.metadata=minimal")
                .withBody(body);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static MappingBuilder getPath(String path) {
        return get(urlPathEqualTo(path));
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<SourceRecord> drain(RecordStream<SourceRecord> stream) {
        List<SourceRecord> out = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(out::add);
        }
        return out;
    }
}
