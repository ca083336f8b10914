package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.exposure.connector.mde.MdeTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.exposure.connector.Connector;
import dev.exposure.connector.DataException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MdeFileExportTest extends MockedMdeApiTest {
    @BeforeEach
    void stubTheMachineIndex() {
        stubMachineIndex(wm);
    }

    static final String EXPORT = "/api/machines/SoftwareVulnerabilitiesExport";
    static final String PART0 = "/tvm-export/flat-va/2026-11-22/0600/json/_RbacGroupId=7458/part-00000.json.gz";
    static final String PART1 = "/tvm-export/flat-va/2026-11-22/0600/json/_RbacGroupId=0/part-00001.json.gz";

    private String list(String sig) {
        return fixture("mde-export-list.json", wm).replace("{{sig}}", sig);
    }

    private Connector filesConnector() {
        return connector(config(wm).findingsSource("files").build(), timing);
    }

    private static byte[] part(String name) {
        return gzip(fixture(name));
    }

    @Test
    void shouldReadGzipJsonLinesFilesWithPascalCaseKeysNormalizedAndWithoutTheToken() {
        wm.stubFor(getPath(EXPORT).withQueryParam("sasValidHours", equalTo("2")).willReturn(json(list("s1"))));
        wm.stubFor(getPath(PART0).withQueryParam("sig", equalTo("s1"))
                .willReturn(aResponse().withStatus(200).withBody(part("mde-export-part0.jsonl"))));
        wm.stubFor(getPath(PART1).withQueryParam("sig", equalTo("s1"))
                .willReturn(aResponse().withStatus(200).withBody(part("mde-export-part1.jsonl"))));
        try (Connector c = filesConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            List<SourceRecord> records = drain(s);

            assertThat(records).hasSize(5);
            SourceRecord first = records.get(0);
            assertThat(first.attributes()).containsKeys("deviceId", "cveId", "osPlatform", "osVersion",
                    "rbacGroupId", "cveBatchTitle", "isOnboarded").doesNotContainKeys("DeviceId", "OSPlatform");
            assertThat(first.sourceId()).isEqualTo(
                    "1e5bc9d7e413ddd7902c2932e418702b84d0cc07_mozilla_firefox_128.0.0.0_CVE-2024-9680");
            assertThat(records.get(1).sourceId()).endsWith("_TVM-2024-0007");
            assertThat(records.get(3).attribute("someNewColumn")).isNotNull();
            assertThat(s.checkpoint()).isPresent();
            assertThat(s.stats().pages()).isEqualTo(2);
        }
        wm.verify(getRequestedFor(urlPathEqualTo(PART0)).withHeader("Authorization", absent()));
        wm.verify(getRequestedFor(urlPathEqualTo(PART1)).withHeader("Authorization", absent()));
        wm.verify(getRequestedFor(urlPathEqualTo(EXPORT)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    private void listThenRenewed(String first, String renewed) {
        wm.stubFor(getPath(EXPORT).inScenario("list").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(first)).willSetStateTo("renewed"));
        wm.stubFor(getPath(EXPORT).inScenario("list").whenScenarioStateIs("renewed").willReturn(json(renewed)));
    }

    private static final String EXPIRED = "<?xml version=\"1.0\"?><Error><Code>AuthenticationFailed</Code>"
            + "<Message>Signature not valid in the specified time frame</Message></Error>";

    private static final List<String> ALL_CVES = List.of("CVE-2024-9680", "TVM-2024-0007", "CVE-2024-10487",
            "CVE-2024-49021", "CVE-2024-10826");

    @Test
    void shouldRenewAnExpiredDownloadLinkAndDownloadTheFileOnce() {
        listThenRenewed(list("s1"), list("s2"));
        wm.stubFor(getPath(PART0).willReturn(aResponse().withStatus(200).withBody(part("mde-export-part0.jsonl"))));
        wm.stubFor(getPath(PART1).withQueryParam("sig", equalTo("s1")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml").withBody(EXPIRED)));
        wm.stubFor(getPath(PART1).withQueryParam("sig", equalTo("s2"))
                .willReturn(aResponse().withStatus(200).withBody(part("mde-export-part1.jsonl"))));
        try (Connector c = filesConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            assertThat(drain(s)).extracting(r -> r.attribute("cveId")).containsExactlyElementsOf(ALL_CVES);
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n).contains("link 2 was renewed", "HTTP 403"));
            assertThat(s.checkpoint()).isPresent();
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo(PART1)).withQueryParam("sig", equalTo("s1")));
        wm.verify(1, getRequestedFor(urlPathEqualTo(PART1)).withQueryParam("sig", equalTo("s2")));
        wm.verify(2, getRequestedFor(urlPathEqualTo(EXPORT)));
    }

    @Test
    void shouldResumeABrokenDownloadFromARenewedLinkWithoutDeliveringRowsTwice() {
        listThenRenewed(list("s1"), list("s2"));
        wm.stubFor(getPath(PART0).willReturn(aResponse().withStatus(200).withBody(part("mde-export-part0.jsonl"))));
        byte[] full = part("mde-export-part1.jsonl");
        wm.stubFor(getPath(PART1).withQueryParam("sig", equalTo("s1"))
                .willReturn(aResponse().withStatus(200).withBody(Arrays.copyOf(full, full.length - 40))));
        wm.stubFor(getPath(PART1).withQueryParam("sig", equalTo("s2"))
                .willReturn(aResponse().withStatus(200).withBody(full)));
        try (Connector c = filesConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            assertThat(drain(s)).extracting(r -> r.attribute("cveId")).containsExactlyElementsOf(ALL_CVES);
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n).contains("renewed", "broke off"));
            assertThat(s.checkpoint()).isPresent();
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo(PART1)).withQueryParam("sig", equalTo("s2")));
    }

    @Test
    void shouldNeitherSkipNorRepeatAFileWhenTheRenewedListIsInAnotherOrder() {
        String first = list("s1");
        String renewed = list("s2");
        String swapped = renewed.replace(PART0, "@0@").replace(PART1, PART0).replace("@0@", PART1);
        listThenRenewed(first, swapped);
        wm.stubFor(getPath(PART0).withQueryParam("sig", equalTo("s1")).willReturn(aResponse().withStatus(403)
                .withBody(EXPIRED)));
        wm.stubFor(getPath(PART0).withQueryParam("sig", equalTo("s2"))
                .willReturn(aResponse().withStatus(200).withBody(part("mde-export-part0.jsonl"))));
        wm.stubFor(getPath(PART1).withQueryParam("sig", equalTo("s2"))
                .willReturn(aResponse().withStatus(200).withBody(part("mde-export-part1.jsonl"))));
        try (Connector c = filesConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            assertThat(drain(s)).extracting(r -> r.attribute("cveId")).containsExactlyElementsOf(ALL_CVES);
            assertThat(s.checkpoint()).isPresent();
        }
        assertThat(swapped.indexOf("part-00001")).as("the renewed list is reordered").isLessThan(swapped.indexOf("part-00000"));
        wm.verify(1, getRequestedFor(urlPathEqualTo(PART0)).withQueryParam("sig", equalTo("s2")));
        wm.verify(1, getRequestedFor(urlPathEqualTo(PART1)).withQueryParam("sig", equalTo("s2")));
    }

    @Test
    void shouldCountAnEmptyExportFileAsAPartWithNoRowsWithoutAskingForTheListAgain() {
        wm.stubFor(getPath(EXPORT).willReturn(json(list("s1"))));
        wm.stubFor(getPath(PART0).willReturn(aResponse().withStatus(200).withBody(new byte[0])));
        wm.stubFor(getPath(PART1).willReturn(aResponse().withStatus(200).withBody(part("mde-export-part1.jsonl"))));
        try (Connector c = filesConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            assertThat(drain(s)).extracting(r -> r.attribute("cveId"))
                    .containsExactlyElementsOf(ALL_CVES.subList(2, ALL_CVES.size()));
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n).contains("file 1 of 2", "empty"));
            assertThat(s.stats().retries()).isZero();
            assertThat(s.checkpoint()).isPresent();
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo(EXPORT)));
        wm.verify(1, getRequestedFor(urlPathEqualTo(PART0)));
    }

    @Test
    void shouldStillRecoverAGzipBodyThatBreaksOffInItsHeader() {
        listThenRenewed(list("s1"), list("s2"));
        byte[] full = part("mde-export-part0.jsonl");
        wm.stubFor(getPath(PART0).withQueryParam("sig", equalTo("s1"))
                .willReturn(aResponse().withStatus(200).withBody(Arrays.copyOf(full, 5))));
        wm.stubFor(getPath(PART0).withQueryParam("sig", equalTo("s2"))
                .willReturn(aResponse().withStatus(200).withBody(full)));
        wm.stubFor(getPath(PART1).willReturn(aResponse().withStatus(200).withBody(part("mde-export-part1.jsonl"))));
        try (Connector c = filesConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            assertThat(drain(s)).extracting(r -> r.attribute("cveId")).containsExactlyElementsOf(ALL_CVES);
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n).contains("link 1 was renewed"));
        }
        wm.verify(2, getRequestedFor(urlPathEqualTo(EXPORT)));
    }

    @Test
    void shouldChooseTheFileExportAutomaticallyAboveTheDeviceThreshold() {
        wm.stubFor(getPath("/api/machines").withQueryParam("$top", equalTo("1")).withQueryParam("$skip", equalTo("2"))
                .willReturn(json("{\"value\":[{\"id\":\"third-device\"}]}")));
        wm.stubFor(getPath(EXPORT).willReturn(json(
                "{\"exportFiles\":[],\"generatedTime\":\"2026-11-22T06:00:00Z\"}")));
        try (Connector c = connector(config(wm).fileExportThreshold(2).build(), timing);
             RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            assertThat(drain(s)).isEmpty();
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n).contains("more than 2 devices"));
            assertThat(s.checkpoint()).isPresent();
        }
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/machines/SoftwareVulnerabilitiesByMachine")));
    }

    @Test
    void shouldUseTheJsonExportAtOrBelowTheDeviceThreshold() {
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("2")).willReturn(json("{\"value\":[]}")));
        wm.stubFor(getPath("/api/machines/SoftwareVulnerabilitiesByMachine").willReturn(json("{\"value\":[]}")));
        try (Connector c = connector(config(wm).fileExportThreshold(2).build(), timing)) {
            assertThat(drain(c.fetchFindings(SyncRequest.full()))).isEmpty();
        }
        wm.verify(0, getRequestedFor(urlPathEqualTo(EXPORT)));
    }

    @Test
    void shouldRefuseADownloadLinkThatIsNotHttps() {
        wm.stubFor(getPath(EXPORT).willReturn(json(
                "{\"exportFiles\":[\"http://evil.example/part.json.gz?sig=x\"],\"generatedTime\":\"2026-11-22T06:00:00Z\"}")));
        try (Connector c = filesConnector()) {
            assertThatThrownBy(() -> drain(c.fetchFindings(SyncRequest.full()))).isInstanceOf(DataException.class)
                    .hasMessageContaining("not plain https").hasMessageNotContaining("sig=x");
        }
        wm.verify(0, getRequestedFor(urlPathMatching("/part.*")));
    }
}
