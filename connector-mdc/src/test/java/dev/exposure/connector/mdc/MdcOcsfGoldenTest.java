package dev.exposure.connector.mdc;

import dev.exposure.connector.ConnectorDescriptor;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The held-in Defender for Cloud fixtures (VMs, NICs, public IPs, assessments of the mocked Resource
 * Graph), through the shipped maps, as OCSF 1.8.0 events: exactly the expected documents in
 * {@code src/test/resources/ocsf/}.
 */
class MdcOcsfGoldenTest extends MockedMdcApiTest {
    private static final MdcConnectorProvider PROVIDER = new MdcConnectorProvider();
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    private static <T> List<T> all(TransformedStream<T> s) {
        List<T> out = new ArrayList<>();
        try (s) {
            s.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void shouldWriteTheFixturesAsExactlyTheExpectedOcsfEvents() throws Exception {
        mock.standard();
        ConnectorDescriptor d = PROVIDER.descriptor();
        Transformer transformer;
        try (InputStream a = PROVIDER.openResource(d.transformMaps().get(0)).orElseThrow();
             InputStream f = PROVIDER.openResource(d.transformMaps().get(1)).orElseThrow();
             InputStream s = PROVIDER.openResource(d.severityMapping().orElseThrow()).orElseThrow()) {
            transformer = Transformer.builder().assetMap(TransformMap.fromJson(a)).findingMap(TransformMap.fromJson(f))
                    .severityMapping(RiskSeverityMapping.fromJson(s)).errorPolicy(ErrorPolicy.FAIL)
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        }
        List<Asset> assets = all(transformer.assets(mock.connector().fetchAssets(SyncRequest.full())));
        List<Finding> findings = all(transformer.findings(mock.connector().fetchFindings(SyncRequest.full())));

        OcsfWriter writer = OcsfWriter.builder(d).time(NOW).build();
        OcsfGolden.assertMatches(OcsfGolden.events(writer, assets, findings), "/ocsf/mdc-full.ocsf.json");
    }
}
