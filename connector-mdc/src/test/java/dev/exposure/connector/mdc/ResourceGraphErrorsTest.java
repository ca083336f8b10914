package dev.exposure.connector.mdc;

import dev.exposure.connector.azure.http.QuotaHeaderPacer;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.exposure.connector.AuthenticationException;
import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.ServiceException;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.testkit.EntraTokenStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceGraphErrorsTest extends MockedMdcApiTest {
    private void network() {
        mock.token();
        mock.page(MdcMock.NICS, null, "mdc-empty.json");
        mock.page(MdcMock.PIPS, null, "mdc-empty.json");
    }

    private static List<SourceRecord> drain(RecordStream<SourceRecord> stream, List<SourceRecord> sink) {
        try (stream) {
            stream.forEachRemaining(sink::add);
        }
        return sink;
    }

    private void throttleThenServe(String fragment, String file, String... retryAfter) {
        var first = aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader(QuotaHeaderPacer.REMAINING, "0").withHeader(QuotaHeaderPacer.RESETS_AFTER, "00:00:03")
                .withBodyFile("mdc-429-ratelimiting.json");
        if (retryAfter.length > 0) {
            first = first.withHeader("Retry-After", retryAfter[0]);
        }
        wm.stubFor(MdcMock.query(fragment, null).inScenario("throttle").whenScenarioStateIs(STARTED)
                .willReturn(first).willSetStateTo("served"));
        wm.stubFor(MdcMock.query(fragment, null).inScenario("throttle").whenScenarioStateIs("served")
                .willReturn(MdcMock.file(file)));
    }

    @Test
    void shouldWaitOutA429WithRetryAfterAndDeliverEverything() {
        network();
        throttleThenServe(MdcMock.VMS, "mdc-vms-page2.json", "7");
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());
        assertThat(drain(stream, new ArrayList<>())).hasSize(1);

        assertThat(mock.time.sleeps).contains(Duration.ofSeconds(7));
        assertThat(stream.stats().retries()).isEqualTo(1);
        assertThat(stream.stats().throttledTime()).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
        wm.verify(4, postRequestedFor(urlPathEqualTo(MdcMock.RG_PATH)));
    }

    @Test
    void shouldWaitForTheQuotaResetWhenA429HasNoRetryAfter() {
        network();
        throttleThenServe(MdcMock.VMS, "mdc-vms-page2.json");
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());
        assertThat(drain(stream, new ArrayList<>())).hasSize(1);

        assertThat(mock.time.sleeps).contains(Duration.ofSeconds(3));
        assertThat(stream.stats().retries()).isEqualTo(1);
    }

    @Test
    void shouldFailWithRateLimitedAfterBoundedRetriesInsteadOfReturningNothing() {
        network();
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "2")
                .withBodyFile("mdc-429-ratelimiting.json")));
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());

        assertThatExceptionOfType(RateLimitedException.class).isThrownBy(stream::hasNext)
                .withMessageContaining("RateLimiting").withMessageContaining("virtual machines")
                .satisfies(e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)));
        assertThat(stream.checkpoint()).isEmpty();
        assertThat(stream.stats().retries()).isEqualTo(3);
        wm.verify(4, postRequestedFor(urlPathEqualTo(MdcMock.RG_PATH))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.query",
                        com.github.tomakehurst.wiremock.client.WireMock.containing(MdcMock.VMS))));
    }

    @Test
    void shouldNameTheReaderRoleAndSubscriptionOnAuthorizationFailed() {
        network();
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).willReturn(MdcMock.error(403, "mdc-403-authorizationfailed.json")));
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());

        assertThatExceptionOfType(AuthorizationException.class).isThrownBy(stream::hasNext)
                .withMessageContaining("Reader role on subscription " + MdcMock.SUB_B)
                .satisfies(e -> assertThat(e.missingPermission()).contains("Reader role on subscription " + MdcMock.SUB_B));
    }

    @Test
    void shouldMapA401FromResourceManagerToAuthentication() {
        network();
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"The access token is invalid.\"}}")));
        assertThatExceptionOfType(AuthenticationException.class)
                .isThrownBy(() -> mock.connector().fetchAssets(SyncRequest.full()).hasNext())
                .withMessageContaining("InvalidAuthenticationToken");
    }

    @Test
    void shouldFetchAFreshTokenAndResendOnceWhenATokenIsRevokedMidRun() {
        network();
        var revoked = aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"The token is revoked.\"}}");
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).inScenario("revoked").whenScenarioStateIs(STARTED)
                .willReturn(revoked).willSetStateTo("fresh"));
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).inScenario("revoked").whenScenarioStateIs("fresh")
                .willReturn(MdcMock.file("mdc-vms-page2.json")));
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());

        assertThat(drain(stream, new ArrayList<>())).hasSize(1);
        assertThat(stream.stats().retries()).isZero();
        wm.verify(2, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/oauth2/v2.0/token")));
    }

    @Test
    void shouldResendOnlyOnceWhenResourceManagerKeepsRefusingTheToken() {
        network();
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"no\"}}")));
        assertThatExceptionOfType(AuthenticationException.class)
                .isThrownBy(() -> mock.connector().fetchAssets(SyncRequest.full()).hasNext());
        wm.verify(2, postRequestedFor(urlPathEqualTo(MdcMock.RG_PATH))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.query",
                        com.github.tomakehurst.wiremock.client.WireMock.containing(MdcMock.VMS))));
    }

    @Test
    void shouldRetryA503AndFailTransientWhenItPersists() {
        network();
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}}")));
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());
        assertThatExceptionOfType(TransientException.class).isThrownBy(stream::hasNext)
                .withMessageContaining("503");
        assertThat(mock.time.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void shouldMapA400ToAServiceExceptionWithTheVendorCode() {
        network();
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"BadRequest\",\"message\":\"Please provide a valid query\","
                        + "\"details\":[{\"code\":\"InvalidQuery\",\"message\":\"bad\"}]}}")));
        assertThatExceptionOfType(ServiceException.class)
                .isThrownBy(() -> mock.connector().fetchAssets(SyncRequest.full()).hasNext())
                .satisfies(e -> assertThat(e.statusCode()).isEqualTo(400))
                .satisfies(e -> assertThat(e.vendorErrorCode()).contains("BadRequest"));
    }

    @Test
    void shouldRefuseATruncatedResultNamingTheQueryAndPage() {
        network();
        mock.page(MdcMock.VMS, null, "mdc-truncated.json");
        assertThatExceptionOfType(DataException.class)
                .isThrownBy(() -> mock.connector().fetchAssets(SyncRequest.full()).hasNext())
                .withMessageContaining("resultTruncated")
                .withMessageContaining("query 'virtual machines' page 1");
    }

    @Test
    void shouldRefuseADataFieldThatIsNotAnArrayOfRows() {
        network();
        mock.page(MdcMock.VMS, null, "mdc-table-shape.json");
        assertThatExceptionOfType(DataException.class)
                .isThrownBy(() -> mock.connector().fetchAssets(SyncRequest.full()).hasNext())
                .withMessageContaining("'data' array")
                .withMessageContaining("page 1");
    }

    @Test
    void shouldFailTheRunWhenALaterPageFailsAfterDeliveringTheFirst() {
        network();
        mock.page(MdcMock.VMS, null, "mdc-vms-page1.json");
        wm.stubFor(MdcMock.query(MdcMock.VMS, "vm-page-2").willReturn(MdcMock.error(403, "mdc-403-authorizationfailed.json")));
        List<SourceRecord> delivered = new ArrayList<>();
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());

        assertThatExceptionOfType(AuthorizationException.class).isThrownBy(() -> drain(stream, delivered))
                .withMessageContaining("page 2");
        assertThat(delivered).hasSize(2);
        assertThat(stream.checkpoint()).isEmpty();
    }

    @Test
    void shouldReportARefusedClientSecretWithoutTheSecret() {
        EntraTokenStub.forTenant(MdcMock.TENANT).invalidClient().register(wm);
        assertThatExceptionOfType(AuthenticationException.class)
                .isThrownBy(() -> mock.connector().fetchFindings(SyncRequest.full()).hasNext())
                .withMessageContaining("AADSTS7000215")
                .satisfies(e -> assertThat(allText(e)).doesNotContain(MdcMock.SECRET));
    }

    private static String allText(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t).append('\n');
        }
        return sb.toString();
    }

    @Test
    void shouldPaceRequestsWhenTheQuotaIsExhausted() {
        network();
        wm.stubFor(MdcMock.query(MdcMock.VMS, null).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBodyFile("mdc-vms-page1.json")
                .withHeader(QuotaHeaderPacer.REMAINING, "0").withHeader(QuotaHeaderPacer.RESETS_AFTER, "00:00:02")));
        mock.page(MdcMock.VMS, "vm-page-2", "mdc-vms-page2.json");
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());
        assertThat(drain(stream, new ArrayList<>())).hasSize(3);
        assertThat(mock.time.sleeps).containsExactly(Duration.ofSeconds(2));
        assertThat(stream.stats().retries()).isZero();
    }

    @Test
    void shouldKeepTheFailureWhenAskedAgain() {
        network();
        mock.page(MdcMock.VMS, null, "mdc-truncated.json");
        RecordStream<SourceRecord> stream = mock.connector().fetchAssets(SyncRequest.full());
        ConnectorException first = org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class, stream::hasNext);
        ConnectorException second = org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class, stream::hasNext);
        assertThat(second).isSameAs(first);
    }
}
