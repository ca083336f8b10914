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

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.exposure.connector.AuthenticationException;
import dev.exposure.connector.AuthorizationException;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.Connector;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RateLimitedException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.TransientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MdeAssetsTest extends MockedMdeApiTest {
    private void stubThreePages() {
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", absent())
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(json(fixture("mde-machines-page1.json", wm))));
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("2"))
                .willReturn(json(fixture("mde-machines-page2.json", wm))));
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("3"))
                .willReturn(json(fixture("mde-machines-page3.json", wm))));
    }

    @Test
    void shouldFollowNextLinksAcrossShortPagesAndKeepVendorAttributesAsParsed() {
        stubThreePages();
        try (Connector c = connector(wm, timing)) {
            RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full());
            List<SourceRecord> records = drain(s);

            assertThat(records).hasSize(5).allSatisfy(r -> {
                assertThat(r.kind()).isEqualTo(SourceRecord.Kind.ASSET);
                assertThat(r.type()).isEqualTo("machine");
            });
            SourceRecord first = records.get(0);
            assertThat(first.sourceId()).isEqualTo("1e5bc9d7e413ddd7902c2932e418702b84d0cc07");
            assertThat(first.attribute("lastSeen")).isEqualTo("2026-11-20T07:45:03.7791856Z");
            assertThat(first.attribute("rbacGroupId")).isEqualTo(7458);
            assertThat(first.attribute("osBuild")).isEqualTo(26100);
            assertThat(first.attribute("machineTags")).isEqualTo(List.of("finance", "vip"));
            assertThat(first.attributes()).containsKey("someFutureField").containsEntry("osVersion", null);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> ips = (List<Map<String, Object>>) first.attribute("ipAddresses");
            assertThat(ips).hasSize(3);
            assertThat(ips.get(2)).containsEntry("macAddress", null);
            assertThat(records.get(1).attribute("riskScore")).isEqualTo("none");
            assertThat(records.get(2).attribute("rbacGroupId")).isEqualTo("12");
            // the API's duplicate row is delivered again: delivery is at least once, dedup happens downstream
            assertThat(records.get(3).sourceId()).isEqualTo(first.sourceId());
            assertThat(s.stats().pages()).isEqualTo(3);
            assertThat(s.stats().requests()).isEqualTo(3);
        }
        wm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token")));
    }

    @Test
    void shouldTreatA404MachineListAsAnEmptyTenant() {
        wm.stubFor(getPath("/api/machines").willReturn(json(404,
                "{\"error\":{\"code\":\"NotFound\",\"message\":\"No machines\",\"target\":\"x\"}}")));
        try (Connector c = connector(wm, timing)) {
            assertThat(drain(c.fetchAssets(SyncRequest.full()))).isEmpty();
        }
    }

    @Test
    void shouldRefuseANextLinkToAForeignHostWithoutSendingTheToken() {
        wm.stubFor(getPath("/api/machines").willReturn(json(fixture("mde-machines-foreign-link.json"))));
        try (Connector c = connector(wm, timing); RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
            assertThat(s.hasNext()).isTrue();
            s.next();
            DataException e = catchThrowableOfType(DataException.class, s::hasNext);
            assertThat(e.getMessage()).contains("wpatdadi-eus-stg.cloudapp.net").contains("refused")
                    .doesNotContain(TOKEN);
            assertThat(s.checkpoint()).isEmpty();
        }
        assertThat(wm.getAllServeEvents()).hasSize(2);
    }

    @Test
    void shouldStopALoopingNextLink() {
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", absent()).willReturn(json(
                "{\"value\":[{\"id\":\"a1\"}],\"@odata.nextLink\":\"" + wm.baseUrl() + "/api/machines?$skip=1\"}")));
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("1")).willReturn(json(
                "{\"value\":[{\"id\":\"a2\"}],\"@odata.nextLink\":\"" + wm.baseUrl() + "/api/machines?$skip=1\"}")));
        try (Connector c = connector(wm, timing)) {
            assertThatThrownBy(() -> drain(c.fetchAssets(SyncRequest.full()))).isInstanceOf(DataException.class)
                    .hasMessageContaining("already returned");
        }
    }

    @Test
    void shouldStopWhenTheSamePageComesBackUnderANewLink() {
        wm.stubFor(getPath("/api/machines").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"value\":[{\"id\":\"a1\"},{\"id\":\"a2\"}],\"@odata.nextLink\":\"" + wm.baseUrl()
                        + "/api/machines?$skip={{randomValue length=8 type='NUMERIC'}}\"}")
                .withTransformers("response-template")));
        try (Connector c = connector(wm, timing)) {
            assertThatThrownBy(() -> drain(c.fetchAssets(SyncRequest.full()))).isInstanceOf(DataException.class)
                    .hasMessageContaining("same page");
        }
    }

    @Test
    void shouldRejectABadFilterBeforeAnyRequest() {
        try (Connector c = connector(wm, timing)) {
            assertThatThrownBy(() -> c.fetchAssets(SyncRequest.builder().filter("osPlatfrom eq 'Linux'").build()))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("osPlatfrom")
                    .hasMessageContaining("computerDnsName");
        }
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void shouldSendTheFilterEncodedSoNothingCanSmuggleQueryParameters() {
        wm.stubFor(getPath("/api/machines").willReturn(json("{\"value\":[]}")));
        try (Connector c = connector(wm, timing)) {
            drain(c.fetchAssets(SyncRequest.builder()
                    .filter("RbacGroupId eq 0 or computerDnsName eq 'x&$top=1#y'").build()));
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/api/machines"))
                .withQueryParam("$filter", equalTo("rbacGroupId eq 0 or computerDnsName eq 'x&$top=1#y'"))
                .withQueryParam("$top", absent()));
    }

    @Test
    void shouldSwitchToSkipPagingWhenTheNextLinkLosesTheFilterAndDropRowsThatDoNotMatch() {
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", absent())
                .willReturn(json(fixture("mde-machines-filter-mangled.json", wm))));
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("2"))
                .withQueryParam("$filter", equalTo("osPlatform eq 'Windows10'"))
                .withQueryParam("$top", equalTo("10000"))
                .willReturn(json(fixture("mde-machines-filter-skip.json"))));
        try (Connector c = connector(wm, timing);
             RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.builder().filter("osPlatform eq 'Windows10'")
                     .build())) {
            List<SourceRecord> records = drain(s);
            assertThat(records).extracting(SourceRecord::sourceId).containsExactly(
                    "1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222",
                    "3333333333333333333333333333333333333333");
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n).contains("dropped the filter"))
                    .anySatisfy(n -> assertThat(n).contains("1 machine rows"));
        }
    }

    @Test
    void shouldPageWithTopAndSkipWhenTheMachinePageSizeIsSmall() {
        wm.stubFor(getPath("/api/machines").withQueryParam("$top", equalTo("2")).withQueryParam("$skip", absent())
                .willReturn(json("{\"value\":[{\"id\":\"a1\"},{\"id\":\"a2\"}]}")));
        wm.stubFor(getPath("/api/machines").withQueryParam("$top", equalTo("2"))
                .withQueryParam("$skip", equalTo("2")).willReturn(json("{\"value\":[{\"id\":\"a3\"}]}")));
        try (Connector c = connector(config(wm).machinePageSize(2).build(), timing)) {
            assertThat(drain(c.fetchAssets(SyncRequest.full()))).extracting(SourceRecord::sourceId)
                    .containsExactly("a1", "a2", "a3");
        }
    }

    @Test
    void shouldMapA401ToAnAuthenticationErrorWithTheSpecsGuidance() {
        wm.stubFor(getPath("/api/machines").willReturn(json(401, fixture("mde-error-401.json"))));
        try (Connector c = connector(wm, timing)) {
            AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                    () -> drain(c.fetchAssets(SyncRequest.full())));
            assertThat(e.getMessage()).contains("401").contains("Client Secret may be expired or incorrect")
                    .contains("/api/machines").contains("|4bc1f0a2").doesNotContain(SECRET).doesNotContain(TOKEN);
        }
    }

    @Test
    void shouldNameTheMissingPermissionOnA403() {
        wm.stubFor(getPath("/api/machines").willReturn(json(403, fixture("mde-error-403-machines.json"))));
        try (Connector c = connector(wm, timing)) {
            AuthorizationException e = catchThrowableOfType(AuthorizationException.class,
                    () -> drain(c.fetchAssets(SyncRequest.full())));
            assertThat(e.missingPermission()).contains("Machine.Read.All");
            assertThat(e.getMessage()).contains("admin consent");
        }
    }

    @Test
    void shouldWaitWhatRetryAfterAsksAndCountItAsThrottled() {
        wm.stubFor(getPath("/api/machines").inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, fixture("mde-error-429.json")).withHeader("Retry-After", "7"))
                .willSetStateTo("ok"));
        wm.stubFor(getPath("/api/machines").inScenario("throttle").whenScenarioStateIs("ok")
                .willReturn(json("{\"value\":[{\"id\":\"a1\"}]}")));
        try (Connector c = connector(wm, timing); RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
            assertThat(drain(s)).hasSize(1);
            assertThat(timing.sleeps).containsExactly(Duration.ofSeconds(7));
            assertThat(s.stats().throttledTime()).isEqualTo(Duration.ofSeconds(7));
            assertThat(s.stats().retries()).isEqualTo(1);
            assertThat(s.stats().requests()).isEqualTo(2);
        }
    }

    @Test
    void shouldGiveUpOnPersistentThrottlingWithTheServersRetryAfter() {
        wm.stubFor(getPath("/api/machines").willReturn(json(429, fixture("mde-error-429.json"))
                .withHeader("Retry-After", "3")));
        try (Connector c = connector(wm, timing)) {
            RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
                    () -> drain(c.fetchAssets(SyncRequest.full())));
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
            assertThat(e.isRetryable()).isTrue();
        }
        assertThat(wm.getAllServeEvents().stream().filter(ev -> ev.getRequest().getUrl().startsWith("/api")))
                .hasSize(3);
    }

    @Test
    void shouldRetryServerErrorsAndFailTransientlyWhenTheyPersist() {
        wm.stubFor(getPath("/api/machines").willReturn(json(503, "<html>Service Unavailable</html>")));
        try (Connector c = connector(wm, timing)) {
            TransientException e = catchThrowableOfType(TransientException.class,
                    () -> drain(c.fetchAssets(SyncRequest.full())));
            assertThat(e.getMessage()).contains("503").contains("Service Unavailable");
        }
    }

    @Test
    void shouldFailWithADataErrorNamingTheUrlOnMalformedJson() {
        wm.stubFor(getPath("/api/machines").willReturn(json("{\"value\":[{\"id\":\"a1\"},{\"id\":")));
        try (Connector c = connector(wm, timing); RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
            assertThat(s.hasNext()).isTrue();
            s.next();
            DataException e = catchThrowableOfType(DataException.class, s::hasNext);
            assertThat(e.getMessage()).contains("malformed or truncated JSON").contains("/api/machines")
                    .contains("page 1");
        }
    }

    @Test
    void shouldFailWithADataErrorOnTheWrongShape() {
        wm.stubFor(getPath("/api/machines").willReturn(json("{\"items\":[{\"id\":\"a1\"}]}")));
        try (Connector c = connector(wm, timing)) {
            assertThatThrownBy(() -> drain(c.fetchAssets(SyncRequest.full()))).isInstanceOf(DataException.class)
                    .hasMessageContaining("without a 'value' array");
        }
    }

    @Test
    void shouldFetchAFreshTokenWhenTheFirstExpiresMidRun() {
        stubTwoTokensAndAFirstPage(Duration.ZERO);
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("1"))
                .withHeader("Authorization", equalTo("Bearer token-two"))
                .willReturn(json("{\"value\":[{\"id\":\"a2\"}]}")));
        try (Connector c = connector(wm, timing)) {
            assertThat(drain(c.fetchAssets(SyncRequest.full()))).extracting(SourceRecord::sourceId)
                    .containsExactly("a1", "a2");
        }
    }

    @Test
    void shouldKeepItsOwnTrafficWithinTheMachinesBudgetAndCountTheWait() {
        wm.stubFor(getPath("/api/machines").withQueryParam("$top", equalTo("1")).atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"value\":[{\"id\":\"m{{request.query.[$skip]}}\"}]}")
                        .withTransformers("response-template")));
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("101")).atPriority(1)
                .willReturn(json("{\"value\":[]}")));
        try (Connector c = connector(config(wm).machinePageSize(1).build(), timing);
             RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
            assertThat(drain(s)).hasSize(101).extracting(SourceRecord::sourceId).doesNotHaveDuplicates();
            assertThat(s.stats().requests()).isEqualTo(102);
            assertThat(timing.sleeps).containsExactly(Duration.ofMinutes(1));
            assertThat(s.stats().throttledTime()).isEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void shouldAnswerARevokedTokenOnceWithAFreshToken() {
        stubTwoTokensAndAFirstPage(null);
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("1"))
                .withHeader("Authorization", equalTo("Bearer token-one"))
                .willReturn(json(401, fixture("mde-error-401.json"))));
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("1"))
                .withHeader("Authorization", equalTo("Bearer token-two"))
                .willReturn(json("{\"value\":[{\"id\":\"a2\"}]}")));
        try (Connector c = connector(wm, timing)) {
            assertThat(drain(c.fetchAssets(SyncRequest.full()))).extracting(SourceRecord::sourceId)
                    .containsExactly("a1", "a2");
        }
    }

    /** Reconciled with mdc (connector-azure's BearerPolicy): a 401 gets exactly one resend, then stands. */
    @Test
    void shouldResendExactlyOnceAndLetTheSecond401StandWhenTheFreshTokenIsTheOneRefused() {
        wm.stubFor(getPath("/api/machines").willReturn(json(401, fixture("mde-error-401.json"))));
        try (Connector c = connector(wm, timing)) {
            assertThatThrownBy(() -> drain(c.fetchAssets(SyncRequest.full())))
                    .isInstanceOf(AuthenticationException.class);
        }
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/machines")));
    }

    /**
     * Token "token-one" (expiring after {@code firstLifetime} when given), then "token-two"; the
     * first machines page answers only to token-one and links to {@code $skip=1}.
     */
    private void stubTwoTokensAndAFirstPage(@org.jspecify.annotations.Nullable Duration firstLifetime) {
        wm.resetMappings();
        var first = dev.exposure.connector.testkit.EntraTokenStub.forTenant(TENANT).accessToken("token-one");
        if (firstLifetime != null) {
            first = first.expiresIn(firstLifetime);
        }
        wm.stubFor(first.toMapping().inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second"));
        wm.stubFor(dev.exposure.connector.testkit.EntraTokenStub.forTenant(TENANT).accessToken("token-two")
                .toMapping().inScenario("tokens").whenScenarioStateIs("second"));
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", absent())
                .withHeader("Authorization", equalTo("Bearer token-one"))
                .willReturn(json("{\"value\":[{\"id\":\"a1\"}],\"@odata.nextLink\":\"" + wm.baseUrl()
                        + "/api/machines?$skip=1\"}")));
    }
}
