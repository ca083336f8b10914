package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.exposure.connector.mde.MdeTestSupport.*;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.Connector;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.ocsf.OcsfGolden;
import dev.exposure.connector.ocsf.OcsfWriter;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TransformMap;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The held-in MDE fixtures (machines, vulnerability pages, delta page), through the shipped maps,
 * as OCSF 1.8.0 events: exactly the expected documents in {@code src/test/resources/ocsf/}.
 */
class MdeOcsfGoldenTest extends MockedMdeApiTest {
    private final MdeConnectorProvider provider = new MdeConnectorProvider();

    private Transformer transformer() throws Exception {
        RiskSeverityMapping severity;
        try (InputStream in = provider.openResource(provider.descriptor().severityMapping().orElseThrow()).orElseThrow()) {
            severity = RiskSeverityMapping.fromJson(in);
        }
        try (InputStream a = provider.openResource(MdeConnectorProvider.ASSET_MAP).orElseThrow();
             InputStream f = provider.openResource(MdeConnectorProvider.VULNERABILITY_MAP).orElseThrow()) {
            return Transformer.builder().assetMap(TransformMap.fromJson(a)).findingMap(TransformMap.fromJson(f))
                    .severityMapping(severity).clock(Clock.fixed(NOW, ZoneOffset.UTC)).errorPolicy(ErrorPolicy.FAIL)
                    .build();
        }
    }

    private OcsfWriter writer() {
        return OcsfWriter.builder(provider.descriptor()).time(NOW).build();
    }

    private static <T> List<T> all(TransformedStream<T> s) {
        List<T> out = new ArrayList<>();
        try (s) {
            s.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void shouldWriteTheFullSyncFixturesAsExactlyTheExpectedOcsfEvents() throws Exception {
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
        Transformer t = transformer();
        try (Connector c = connector(config(wm).findingsSource("json").build(), timing)) {
            List<Asset> assets = all(t.assets(c.fetchAssets(SyncRequest.full())));
            List<Finding> findings = all(t.findings(c.fetchFindings(SyncRequest.full())));

            OcsfGolden.assertMatches(OcsfGolden.events(writer(), assets, findings), "/ocsf/mde-full.ocsf.json");
        }
    }

    @Test
    void shouldWriteTheDeltaFixtureAsCreateUpdateAndCloseEvents() throws Exception {
        MdeTestSupport.stubMachineIndex(wm);
        wm.stubFor(getPath("/api/machines/SoftwareVulnerabilityChangesByMachine")
                .willReturn(json(fixture("mde-delta-page1.json", wm))));
        Checkpoint previous = Checkpoint.builder().connectorId("mde-v2").scope(TENANT)
                .position(NOW.minus(Duration.ofDays(1)).toString()).createdAt(NOW.minus(Duration.ofDays(1)))
                .putAttributes("lastFullSync", NOW.minus(Duration.ofDays(2)).toString()).build();
        try (Connector c = connector(wm, timing)) {
            List<Finding> findings = all(transformer().findings(c.fetchFindings(SyncRequest.delta(previous))));

            OcsfGolden.assertMatches(OcsfGolden.events(writer(), List.of(), findings), "/ocsf/mde-delta.ocsf.json");
        }
    }
}
