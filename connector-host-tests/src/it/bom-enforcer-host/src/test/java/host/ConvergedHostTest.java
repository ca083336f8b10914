package host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exposure.connector.ConnectorProvider;
import dev.exposure.connector.Connectors;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.testkit.FakeConnector;
import dev.exposure.connector.testkit.TestRecords;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a host sees with the BOM alone: one Jackson version, both connectors, working transforms. */
class ConvergedHostTest {

    @Test
    void shouldRunOneJacksonVersionForCoreDatabindAndTheJavaTimeModule() {
        String core = com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString();
        assertEquals(core, com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        assertEquals(core, com.fasterxml.jackson.datatype.jsr310.PackageVersion.VERSION.toString());
    }

    @Test
    void shouldDiscoverBothConnectorsAndTransformARecordWithTheirDefaultMaps() {
        assertTrue(Connectors.load().ids().containsAll(List.of("mde-v2", "mdc-vm")), Connectors.load().ids().toString());
        ConnectorProvider mde = Connectors.load().require("mde-v2");
        Transformer transformer = Transformer.builder().defaultsOf(mde).clock(Clock.systemUTC()).build();
        FakeConnector connector = FakeConnector.builder().assetPages(TestRecords.assets(1, 2)).build();
        List<Asset> assets = new ArrayList<>();
        try (TransformedStream<Asset> stream = transformer.assets(connector.fetchAssets(SyncRequest.full()))) {
            stream.forEachRemaining(assets::add);
        }
        assertEquals(2, assets.size());
    }

    @Test
    void shouldDescribeBothConnectorsWithTheVersionOfTheirArtifacts() {
        String artifactVersion = System.getProperty("connector.version");
        assertEquals(artifactVersion, Connectors.load().require("mde-v2").descriptor().version());
        assertEquals(artifactVersion, Connectors.load().require("mdc-vm").descriptor().version());
    }
}
