package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.exposure.connector.mde.MdeTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.Connector;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MdeFindingsTest extends MockedMdeApiTest {
    @BeforeEach
    void stubTheMachineIndex() {
        stubMachineIndex(wm);
    }

    static final String FULL = "/api/machines/SoftwareVulnerabilitiesByMachine";
    static final String DELTA = "/api/machines/SoftwareVulnerabilityChangesByMachine";

    private void stubFullPages() {
        wm.stubFor(getPath(FULL).withQueryParam("$skiptoken", absent()).withQueryParam("pageSize", equalTo("3"))
                .willReturn(json(fixture("mde-vulns-page1.json", wm))));
        wm.stubFor(getPath(FULL).withQueryParam("$skiptoken", equalTo("eyJwYWdlIjoyfQ"))
                .willReturn(json(fixture("mde-vulns-page2.json", wm))));
    }

    private Connector jsonConnector() {
        return connector(config(wm).findingsSource("json").build(), timing);
    }

    @Test
    void shouldStreamFullFindingsAcrossPagesSkippingInventoryRowsWithoutCve() {
        stubFullPages();
        try (Connector c = jsonConnector();
             RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.builder().pageSize(3).build())) {
            List<SourceRecord> records = drain(s);

            assertThat(records).extracting(SourceRecord::sourceId).containsExactly(
                    "1e5bc9d7e413ddd7902c2932e418702b84d0cc07_mozilla_firefox_128.0.0.0_CVE-2024-9680",
                    "1e5bc9d7e413ddd7902c2932e418702b84d0cc07_microsoft_windows_11_10.0.26100.2314_TVM-2024-0007",
                    "55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa_google_chrome_130.0.6723.70_CVE-2024-10487",
                    "55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa_google_chrome_130.0.6723.70_CVE-2024-10487",
                    "00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff_microsoft_sql_server_2019_15.0.4395.2_CVE-2024-49021");
            assertThat(records).allSatisfy(r -> {
                assertThat(r.kind()).isEqualTo(SourceRecord.Kind.FINDING);
                assertThat(r.type()).isEqualTo("softwareVulnerability");
            });
            SourceRecord first = records.get(0);
            assertThat(first.attribute("lastSeenTimestamp")).isEqualTo("2026-11-20 07:45:03.7791856");
            assertThat(first.attribute("cvssScore")).isEqualTo(9.8);
            assertThat(first.attribute("endOfSupportStatus")).isEqualTo("NotApplicable");
            assertThat(records.get(1).attribute("cvssScore")).isNull();
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n).contains("1 software rows without a CVE"));
            Checkpoint cp = s.checkpoint().orElseThrow();
            assertThat(cp.connectorId()).isEqualTo("mde-v2");
            assertThat(cp.scope()).isEqualTo(TENANT);
            assertThat(cp.position()).isEqualTo(NOW.minus(MdeConnector.DELTA_OVERLAP).toString());
            assertThat(cp.attributes()).containsEntry("lastFullSync", NOW.toString()).containsEntry("mode", "full");
        }
    }

    @Test
    void shouldNotCallAnyFindingEndpointForAnAssetsOnlySync() {
        try (Connector c = jsonConnector();
             RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.builder().data(SyncRequest.Data.ASSETS).build())) {
            assertThat(s.hasNext()).isFalse();
            assertThat(s.checkpoint()).isEmpty();
        }
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldRefuseAPageSizeAboveTheApiMaximumBeforeAnyRequest() {
        try (Connector c = jsonConnector()) {
            assertThatThrownBy(() -> c.fetchFindings(SyncRequest.builder().pageSize(200_001).build()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("200000");
        }
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldNameVulnerabilityReadAllWhenTheExportIsForbidden() {
        wm.stubFor(getPath(FULL).willReturn(json(403, fixture("mde-error-403-vulns.json"))));
        try (Connector c = jsonConnector()) {
            AuthorizationException e = catchThrowableOfType(AuthorizationException.class,
                    () -> drain(c.fetchFindings(SyncRequest.full())));
            assertThat(e.missingPermission()).contains("Vulnerability.Read.All");
        }
    }

    @Test
    void shouldGiveNoCheckpointWhenTheRunFailsOnALaterPage() {
        wm.stubFor(getPath(FULL).withQueryParam("$skiptoken", absent())
                .willReturn(json(fixture("mde-vulns-page1.json", wm))));
        wm.stubFor(getPath(FULL).withQueryParam("$skiptoken", equalTo("eyJwYWdlIjoyfQ"))
                .willReturn(json(500, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"boom\"}}")));
        try (Connector c = jsonConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            assertThatThrownBy(() -> s.forEachRemaining(r -> { }))
                    .isInstanceOf(dev.exposure.connector.TransientException.class);
            assertThat(s.stats().records()).isEqualTo(2);
            assertThat(s.checkpoint()).isEmpty();
        }
    }

    @Test
    void shouldRefuseAVulnerabilityNextLinkToAnotherHost() {
        wm.stubFor(getPath(FULL).willReturn(json("{\"value\":[],\"@odata.nextLink\":"
                + "\"https://wpatdadi-eus-stg.cloudapp.net/api/machines/SoftwareVulnerabilitiesTimeline?x=1\"}")));
        try (Connector c = jsonConnector()) {
            assertThatThrownBy(() -> drain(c.fetchFindings(SyncRequest.full()))).isInstanceOf(DataException.class)
                    .hasMessageContaining("wpatdadi-eus-stg.cloudapp.net");
        }
    }

    @Test
    void shouldReadDeltaChangesSinceTheCheckpointAndKeepTheirStatus() {
        Checkpoint previous = checkpoint(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(3)));
        wm.stubFor(getPath(DELTA).withQueryParam("sinceTime", equalTo(NOW.minus(Duration.ofDays(2)).toString()))
                .withQueryParam("pageSize", equalTo("50000"))
                .willReturn(json(fixture("mde-delta-page1.json", wm))));
        try (Connector c = jsonConnector();
             RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.delta(Checkpoint.decode(previous.encode())))) {
            List<SourceRecord> records = drain(s);
            assertThat(records).extracting(r -> r.attribute("status")).containsExactly("Fixed", "New", "updated");
            assertThat(records).allSatisfy(r -> assertThat(r.type()).isEqualTo("softwareVulnerabilityChange"));
            assertThat(records.get(1).attribute("eventTimestamp")).isEqualTo("2026-11-21 12:00:00.0000000");
            assertThat(s.stats().fullSyncFallback()).isEmpty();
            Checkpoint next = s.checkpoint().orElseThrow();
            assertThat(next.attributes()).containsEntry("lastFullSync", NOW.minus(Duration.ofDays(3)).toString())
                    .containsEntry("mode", "delta");
        }
        wm.verify(0, getRequestedFor(urlPathEqualTo(FULL)));
    }

    @Test
    void shouldFallBackToAFullSyncWhenTheCheckpointIsOlderThanFourteenDays() {
        stubFullPages();
        Checkpoint old = checkpoint(NOW.minus(Duration.ofDays(15)), NOW.minus(Duration.ofDays(3)));
        try (Connector c = jsonConnector(); RecordStream<SourceRecord> s = c.fetchFindings(
                SyncRequest.builder().mode(SyncRequest.Mode.DELTA).checkpoint(old).pageSize(3).build())) {
            assertThat(drain(s)).hasSize(5);
            assertThat(s.stats().fullSyncFallback()).hasValueSatisfying(r -> assertThat(r).contains("14-day"));
            assertThat(s.checkpoint().orElseThrow().attributes()).containsEntry("lastFullSync", NOW.toString());
        }
        wm.verify(0, getRequestedFor(urlPathEqualTo(DELTA)));
    }

    @Test
    void shouldFallBackToAFullSyncWhenNoFullSyncRanWithinAWeek() {
        stubFullPages();
        Checkpoint stale = checkpoint(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(8)));
        try (Connector c = jsonConnector(); RecordStream<SourceRecord> s = c.fetchFindings(
                SyncRequest.builder().mode(SyncRequest.Mode.DELTA).checkpoint(stale).pageSize(3).build())) {
            drain(s);
            assertThat(s.stats().fullSyncFallback()).hasValueSatisfying(r -> assertThat(r).contains("7 days"));
        }
    }

    @Test
    void shouldFallBackToAFullSyncWithoutACheckpoint() {
        stubFullPages();
        try (Connector c = jsonConnector(); RecordStream<SourceRecord> s = c.fetchFindings(
                SyncRequest.builder().mode(SyncRequest.Mode.DELTA).pageSize(3).build())) {
            drain(s);
            assertThat(s.stats().fullSyncFallback()).contains("no checkpoint was given");
        }
    }

    @Test
    void shouldRefuseACheckpointOfAnotherTenantBeforeAnyRequest() {
        Checkpoint foreign = Checkpoint.builder().connectorId("mde-v2").scope("00000000-0000-0000-0000-000000000000")
                .position(NOW.minus(Duration.ofDays(1)).toString()).createdAt(NOW).build();
        try (Connector c = jsonConnector()) {
            assertThatThrownBy(() -> c.fetchFindings(SyncRequest.delta(foreign)))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("another tenant");
        }
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldStopWhenTheApiKeepsSendingEmptyPagesWithNextLinks() {
        wm.stubFor(getPath(FULL).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"value\":[],\"@odata.nextLink\":\"" + wm.baseUrl() + FULL
                        + "?$skiptoken={{randomValue length=12 type='ALPHANUMERIC'}}\"}")
                .withTransformers("response-template")));
        try (Connector c = jsonConnector()) {
            assertThatThrownBy(() -> drain(c.fetchFindings(SyncRequest.full()))).isInstanceOf(DataException.class)
                    .hasMessageContaining("5 empty pages");
        }
        wm.verify(5, getRequestedFor(urlPathEqualTo(FULL)));
    }

    private static Checkpoint checkpoint(Instant position, Instant lastFull) {
        return Checkpoint.builder().connectorId("mde-v2").scope(TENANT).position(position.toString())
                .createdAt(position).putAttributes("lastFullSync", lastFull.toString()).build();
    }
}
