package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.exposure.connector.mde.MdeTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.Connector;
import dev.exposure.connector.Page;
import dev.exposure.connector.PagedRecordStream;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.azure.http.VirtualWaits;
import dev.exposure.connector.testkit.HttpsWireMockExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SampleSelectorTest {
    @RegisterExtension
    static final HttpsWireMockExtension wm = HttpsWireMockExtension.create();

    private static SourceRecord machine(String id, @Nullable String risk, @Nullable String exposure,
                                        @Nullable String value, @Nullable String lastSeen) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("riskScore", risk);
        m.put("exposureLevel", exposure);
        m.put("deviceValue", value);
        m.put("lastSeen", lastSeen);
        return SourceRecord.of(SourceRecord.Kind.ASSET, "machine", id, m);
    }

    private static RecordStream<SourceRecord> streamOf(List<SourceRecord> records) {
        return new PagedRecordStream<SourceRecord, String>("test", new SyncCounters(), SyncListener.NONE) {
            @Override
            protected Page<SourceRecord, String> fetchPage(@Nullable String state, int pageNumber) {
                return Page.of(records, null);
            }
        };
    }

    /** A findings scan that reports the given device ids, one row each. */
    private static RecordStream<SourceRecord> scanOf(Predicate<String> sink, String... deviceIds) {
        List<SourceRecord> none = new ArrayList<>();
        for (String id : deviceIds) {
            sink.test(id);
        }
        return streamOf(none);
    }

    @Test
    void shouldRankByRiskThenExposureThenValueThenRecencyAndKeepOnlyVulnerableMachines() {
        List<SourceRecord> machines = List.of(
                machine("m-low-risk", "Low", "High", "High", "2026-11-21T00:00:00Z"),
                machine("m-high-risk-low-exp", "HIGH", "Low", "Low", null),
                machine("m-high-risk-high-exp", "high", "High", null, null),
                machine("m-medium-normal", "Medium", "Medium", "Normal", "2026-11-01T00:00:00Z"),
                machine("m-medium-high-value", "medium", "MEDIUM", "High", "2026-10-01T00:00:00Z"),
                machine("m-medium-normal-recent", "Medium", "Medium", "Normal", "2026-11-20T00:00:00.1234567Z"),
                machine("m-unknown", "Severe", null, null, null),
                machine("m-not-vulnerable", "High", "High", "High", null));
        SampleSelector.Selection s = SampleSelector.select(
                sink -> scanOf(sink, "m-low-risk", "m-high-risk-low-exp", "m-high-risk-high-exp", "m-medium-normal",
                        "m-medium-high-value", "m-medium-normal-recent", "m-unknown"),
                () -> streamOf(machines), 1000);

        assertThat(s.machines()).extracting(SourceRecord::sourceId).containsExactly(
                "m-high-risk-high-exp", "m-high-risk-low-exp", "m-medium-high-value", "m-medium-normal-recent",
                "m-medium-normal", "m-low-risk", "m-unknown");
        assertThat(s.ids()).doesNotContain("m-not-vulnerable");
    }

    @Test
    void shouldKeepOnlyTheBestMachinesUpToTheLimitAndEachOnlyOnce() {
        List<SourceRecord> machines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            machines.add(machine("m" + i, i % 2 == 0 ? "High" : "Low", "Low", "Normal", null));
        }
        machines.add(machine("m0", "High", "Low", "Normal", null));
        SampleSelector.Selection s = SampleSelector.select(
                sink -> scanOf(sink, machines.stream().map(SourceRecord::sourceId).toArray(String[]::new)),
                () -> streamOf(machines), 10);
        assertThat(s.machines()).hasSize(10).allSatisfy(m -> assertThat(m.attribute("riskScore")).isEqualTo("High"));
        assertThat(s.machines()).extracting(SourceRecord::sourceId).doesNotHaveDuplicates()
                .startsWith("m0", "m10", "m12");
    }

    @Test
    void shouldDeliverOnlyChosenAssetsAndOnlyTheirFindingsInSamplingMode() {
        stubToken(wm);
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", absent())
                .willReturn(json(fixture("mde-machines-page1.json", wm))));
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("2"))
                .willReturn(json(fixture("mde-machines-page2.json", wm))));
        wm.stubFor(getPath("/api/machines").withQueryParam("$skip", equalTo("3"))
                .willReturn(json(fixture("mde-machines-page3.json", wm))));
        String full = "/api/machines/SoftwareVulnerabilitiesByMachine";
        wm.stubFor(getPath(full).withQueryParam("$skiptoken", absent())
                .willReturn(json(fixture("mde-vulns-page1.json", wm))));
        wm.stubFor(getPath(full).withQueryParam("$skiptoken", equalTo("eyJwYWdlIjoyfQ"))
                .willReturn(json(fixture("mde-vulns-page2.json", wm))));
        VirtualWaits timing = new VirtualWaits();
        SyncRequest sampling = SyncRequest.builder().sampling(true).mode(SyncRequest.Mode.DELTA).build();
        try (Connector c = connector(config(wm).findingsSource("json").build(), timing)) {
            List<SourceRecord> assets = drain(c.fetchAssets(sampling));
            RecordStream<SourceRecord> f = c.fetchFindings(sampling);
            List<SourceRecord> findings = drain(f);

            assertThat(assets).extracting(SourceRecord::sourceId).containsExactly(
                    "1e5bc9d7e413ddd7902c2932e418702b84d0cc07", "55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa",
                    "00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff");
            assertThat(findings).extracting(r -> r.attribute("deviceId")).allMatch(d ->
                    Set.of("1e5bc9d7e413ddd7902c2932e418702b84d0cc07", "55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa",
                            "00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff").contains(d));
            assertThat(findings).hasSize(5);
            assertThat(f.stats().fullSyncFallback()).hasValueSatisfying(r -> assertThat(r).contains("sampling"));
        }
    }

    @Test
    void shouldLeaveOutFindingsOfMachinesTheFilterExcludes() {
        stubToken(wm);
        wm.stubFor(getPath("/api/machines").willReturn(json("{\"value\":[{\"id\":\"55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa\","
                + "\"osPlatform\":\"macOS\"}]}")));
        String full = "/api/machines/SoftwareVulnerabilitiesByMachine";
        wm.stubFor(getPath(full).withQueryParam("$skiptoken", absent())
                .willReturn(json(fixture("mde-vulns-page1.json", wm))));
        wm.stubFor(getPath(full).withQueryParam("$skiptoken", equalTo("eyJwYWdlIjoyfQ"))
                .willReturn(json(fixture("mde-vulns-page2.json", wm))));
        try (Connector c = connector(config(wm).findingsSource("json").build(), new VirtualWaits())) {
            List<SourceRecord> findings = drain(c.fetchFindings(SyncRequest.builder().filter("osPlatform eq 'macOS'")
                    .build()));
            assertThat(findings).hasSize(2).allSatisfy(r -> assertThat(r.attribute("deviceId"))
                    .isEqualTo("55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa"));
        }
    }
}
