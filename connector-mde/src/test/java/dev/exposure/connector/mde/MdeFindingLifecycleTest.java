package dev.exposure.connector.mde;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.exposure.connector.mde.MdeTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.Connector;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncRequest;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.transform.ErrorPolicy;
import dev.exposure.connector.transform.RiskSeverityMapping;
import dev.exposure.connector.transform.TransformMap;
import dev.exposure.connector.transform.TransformedStream;
import dev.exposure.connector.transform.Transformer;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lifecycle of findings as a consumer sees it: records applied in delivered order to a map
 * keyed by {@code externalFindingId}, through the transform with the shipped maps, over HTTPS.
 * Fixtures ({@code mde-machines-merged.json}, {@code mde-vulns-merged.json},
 * {@code mde-delta-lifecycle-rows.json}) are our own composition after the row shapes of
 * api-facts-mde §3-5; each delta row names the case it stands for in {@code _case} (removed before
 * the rows are served).
 */
class MdeFindingLifecycleTest extends MockedMdeApiTest {
    static final String D1 = "1e5bc9d7e413ddd7902c2932e418702b84d0cc07";
    static final String D2 = "55aa55aa55aa55aa55aa55aa55aa55aa55aa55aa";
    static final String MERGED = "3333333333333333333333333333333333333333";
    static final String FOREIGN = "9999999999999999999999999999999999999999";
    static final String FULL = "/api/machines/SoftwareVulnerabilitiesByMachine";
    static final String DELTA = "/api/machines/SoftwareVulnerabilityChangesByMachine";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MdeConnectorProvider provider = new MdeConnectorProvider();

    @BeforeEach
    void stubMachinesWithAMergedOne() {
        wm.stubFor(getPath("/api/machines").withQueryParam("$top", absent()).withQueryParam("$skip", absent())
                .willReturn(json(fixture("mde-machines-merged.json"))));
    }

    private Transformer transformer() throws Exception {
        RiskSeverityMapping severity;
        try (InputStream in = provider.openResource(provider.descriptor().severityMapping().orElseThrow())
                .orElseThrow()) {
            severity = RiskSeverityMapping.fromJson(in);
        }
        return Transformer.builder().assetMap(map(MdeConnectorProvider.ASSET_MAP))
                .findingMap(map(MdeConnectorProvider.VULNERABILITY_MAP)).severityMapping(severity)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).errorPolicy(ErrorPolicy.FAIL).build();
    }

    private TransformMap map(String name) throws Exception {
        try (InputStream in = provider.openResource(name).orElseThrow()) {
            return TransformMap.fromJson(in);
        }
    }

    private Connector jsonConnector() {
        return connector(config(wm).findingsSource("json").build(), timing);
    }

    private static Checkpoint checkpoint() {
        return Checkpoint.builder().connectorId("mde-v2").scope(TENANT).position(NOW.minus(Duration.ofDays(2)).toString())
                .createdAt(NOW.minus(Duration.ofDays(2)))
                .putAttributes("lastFullSync", NOW.minus(Duration.ofDays(3)).toString()).build();
    }

    /** The consumer: applies each finding in delivered order, keyed by externalFindingId. */
    private static Map<String, Finding> apply(TransformedStream<Finding> stream) {
        Map<String, Finding> state = new LinkedHashMap<>();
        try (stream) {
            stream.forEachRemaining(f -> state.put(f.externalFindingId(), f));
        }
        return state;
    }

    private static String id(String device, String vendor, String name, String version, String cve) {
        return device + "_" + vendor + "_" + name + "_" + version + "_" + cve;
    }

    // ------------------------------------------------------------------ merged machines, unknown devices

    @Test
    void shouldLeaveAMachineMergedIntoAnotherOutOfTheAssetsAndCountIt() throws Exception {
        try (Connector c = connector(wm, timing); RecordStream<SourceRecord> s = c.fetchAssets(SyncRequest.full())) {
            List<SourceRecord> machines = drain(s);

            assertThat(machines).extracting(SourceRecord::sourceId).containsExactly(D1, D2,
                    "4444444444444444444444444444444444444444");
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n)
                    .startsWith("1 machines Defender merged into other machines"))
                    .anySatisfy(n -> assertThat(n).startsWith("1 machines Defender flags as potential duplicates"));
        }
    }

    @Test
    void shouldAttributeTheFindingsOfAMergedMachineToTheMachineItWasMergedInto() throws Exception {
        wm.stubFor(getPath(FULL).willReturn(json(fixture("mde-vulns-merged.json"))));
        try (Connector c = jsonConnector()) {
            TransformedStream<Finding> s = transformer().findings(c.fetchFindings(SyncRequest.full()));
            Map<String, Finding> state = apply(s);

            Finding notepad = state.get(id(D1, "notepad++", "notepad++", "8.6.0.0", "CVE-2023-40031"));
            assertThat(notepad).isNotNull();
            assertThat(notepad.externalAssetId()).isEqualTo(D1);
            assertThat(notepad.attributes()).containsEntry("mergedFromDeviceId", MERGED);
            assertThat(state.keySet()).noneSatisfy(k -> assertThat(k).startsWith(MERGED));
            // the merged machine's firefox row is the same finding as the target's own: one finding
            assertThat(state).containsKey(id(D1, "mozilla", "firefox", "128.0.0.0", "CVE-2024-9680"));
            assertThat(s.report().duplicatesRemoved()).isEqualTo(1);
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n).startsWith(
                    "2 findings of 1 machines Defender merged into other machines were attributed to the machine"));
        }
    }

    @Test
    void shouldCountFindingsOnDevicesThatAreNotAmongTheAssetsAndStillDeliverThem() throws Exception {
        wm.stubFor(getPath(FULL).willReturn(json(fixture("mde-vulns-merged.json"))));
        try (Connector c = jsonConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            List<SourceRecord> records = drain(s);

            assertThat(records).filteredOn(r -> r.sourceId().startsWith(FOREIGN)).hasSize(2);
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n).startsWith(
                    "2 findings are on 1 devices that are not among the assets"));
        }
    }

    @Test
    void shouldReattributeAMergedMachineThatMatchesTheFilterAndLeaveOutDevicesOutsideIt() {
        wm.stubFor(getPath(FULL).willReturn(json(fixture("mde-vulns-merged.json"))));
        try (Connector c = jsonConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.builder()
                .filter("osPlatform eq 'Windows11'").build())) {
            List<SourceRecord> records = drain(s);

            assertThat(records).extracting(SourceRecord::sourceId).containsExactly(
                    id(D1, "mozilla", "firefox", "128.0.0.0", "CVE-2024-9680"),
                    id(D1, "mozilla", "firefox", "128.0.0.0", "CVE-2024-9680"),
                    id(D1, "notepad++", "notepad++", "8.6.0.0", "CVE-2023-40031"));
            assertThat(records.get(1).attribute("mergedFromDeviceId")).isEqualTo(MERGED);
            assertThat(s.stats().notices()).noneSatisfy(n -> assertThat(n).contains("not among the assets"));
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/api/machines")).withQueryParam("$filter", equalTo("osPlatform eq 'Windows11'")));
    }

    @Test
    void shouldCountThePagesAndRecordsOfTheMachinePassNotAsFindings() {
        wm.stubFor(getPath(FULL).willReturn(json(fixture("mde-vulns-merged.json"))));
        try (Connector c = jsonConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            List<SourceRecord> records = drain(s);

            assertThat(records).as("the 5 vulnerability rows of the fixture, no machine").hasSize(5)
                    .allSatisfy(r -> assertThat(r.kind()).isEqualTo(SourceRecord.Kind.FINDING));
            assertThat(s.stats().records()).isEqualTo(records.size());
            assertThat(s.stats().pages()).isEqualTo(1);
            assertThat(s.stats().requests()).isEqualTo(2);
        }
    }

    @Test
    void shouldGoOnWithoutTheMachinePassWhenTheAppMayNotReadMachines() {
        wm.stubFor(getPath("/api/machines").willReturn(json(403, fixture("mde-error-403-machines.json"))));
        wm.stubFor(getPath(FULL).willReturn(json(fixture("mde-vulns-merged.json"))));
        try (Connector c = jsonConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.full())) {
            List<SourceRecord> records = drain(s);

            assertThat(records).hasSize(5);
            assertThat(records).filteredOn(r -> r.sourceId().startsWith(MERGED)).hasSize(2);
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n)
                    .contains("Machine.Read.All is missing").contains("not re-attributed"));
            assertThat(s.checkpoint()).isPresent();
        }
    }

    // ------------------------------------------------------------------ order inside a delta window

    /** The consumer's end state the delta window must produce, whatever the row order. */
    private static void assertTheEndState(Map<String, Finding> state) {
        Map<String, FindingStatus> expected = new LinkedHashMap<>();
        expected.put(id(D1, "microsoft", "edge", "130.0.2849.56", "CVE-2024-49025"), FindingStatus.OPEN);
        expected.put(id(D1, "oracle", "jre", "17.0.8", "CVE-2024-21147"), FindingStatus.RESOLVED);
        expected.put(id(D1, "oracle", "jre", "17.0.12", "CVE-2024-21147"), FindingStatus.OPEN);
        expected.put(id(D2, "oracle", "jre", "8.0.381", "CVE-2024-21147"), FindingStatus.RESOLVED);
        expected.put(id(D2, "oracle", "jre", "17.0.8", "CVE-2024-21147"), FindingStatus.OPEN);
        expected.put(id(D2, "google", "chrome", "130.0.6723.70", "CVE-2024-10487"), FindingStatus.RESOLVED);
        expected.put(id(D2, "mozilla", "firefox", "128.0.0.0", "CVE-2024-9680"), FindingStatus.OPEN);
        expected.put(id(D1, "microsoft", "sql_server_2019", "15.0.4395.2", "CVE-2024-49021"), FindingStatus.ACTIVE);
        expected.put(id(D2, "7-zip", "7-zip", "23.1.0.0", "CVE-2024-11477"), FindingStatus.OPEN);
        expected.put(id(D1, "notepad++", "notepad++", "8.6.0.0", "CVE-2023-40031"), FindingStatus.OPEN);
        expected.put(id(FOREIGN, "simon_tatham", "putty", "0.80.0.0", "CVE-2024-31497"), FindingStatus.OPEN);

        assertThat(state.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().findingStatus()))).isEqualTo(expected);
        // the RBAC move: open, in the new group
        assertThat(state.get(id(D1, "microsoft", "edge", "130.0.2849.56", "CVE-2024-49025")).attributes())
                .containsEntry("rbacGroupName", "Finance-EU").containsEntry("rbacGroupId", "7460");
        // the upgrade: exactly one open finding of that product and CVE on the device, at the new version,
        // with the first-seen date Defender keeps across the upgrade
        List<Finding> openJre = state.values().stream().filter(f -> f.externalAssetId().equals(D1)
                && f.productName().orElse("").equals("jre") && f.findingStatus() == FindingStatus.OPEN).toList();
        assertThat(openJre).singleElement().satisfies(f -> {
            assertThat(f.productVersion()).contains("17.0.12");
            assertThat(f.firstFoundOn()).contains(Instant.parse("2026-09-01T06:00:00Z"));
        });
        assertThat(state.get(id(D1, "notepad++", "notepad++", "8.6.0.0", "CVE-2023-40031")).attributes())
                .containsEntry("mergedFromDeviceId", MERGED);
    }

    /**
     * Serves the fixture's delta rows shuffled by the seed, in pages of 1 to 4 rows linked by
     * next links.
     */
    private void stubShuffledDeltaPages(long seed) throws Exception {
        ArrayNode rows = (ArrayNode) JSON.readTree(fixture("mde-delta-lifecycle-rows.json"));
        List<ObjectNode> list = new ArrayList<>();
        rows.forEach(r -> {
            ObjectNode o = (ObjectNode) r;
            o.remove("_case");
            list.add(o);
        });
        Random random = new Random(seed);
        Collections.shuffle(list, random);
        int page = 1;
        int from = 0;
        while (from < list.size()) {
            int to = Math.min(list.size(), from + 1 + random.nextInt(4));
            ObjectNode body = JSON.createObjectNode();
            ArrayNode value = body.putArray("value");
            list.subList(from, to).forEach(value::add);
            if (to < list.size()) {
                body.put("@odata.nextLink", wm.baseUrl() + DELTA + "?pagesize=50000&$skiptoken=p" + (page + 1));
            }
            wm.stubFor(getPath(DELTA).withQueryParam("$skiptoken", page == 1 ? absent() : equalTo("p" + page))
                    .willReturn(json(JSON.writeValueAsString(body))));
            page++;
            from = to;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void shouldEndInTheSameRightStateWhateverTheOrderOfTheDeltaRows(long seed) throws Exception {
        stubShuffledDeltaPages(seed);
        try (Connector c = jsonConnector()) {
            TransformedStream<Finding> s = transformer().findings(c.fetchFindings(SyncRequest.delta(checkpoint())));
            Map<String, Finding> state = apply(s);

            assertTheEndState(state);
            // the identity keeps status and event time: the dedup drops none of the rows the window let through
            assertThat(s.report().duplicatesRemoved()).isZero();
            assertThat(s.checkpoint()).isPresent();
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n)
                    .startsWith("1 findings are on 1 devices that are not among the assets"));
        }
    }

    @Test
    void shouldDeliverTheRowsOfAFindingInRisingOrderSoThatNoRowUndoesALaterOne() throws Exception {
        stubShuffledDeltaPages(3);
        try (Connector c = jsonConnector(); RecordStream<SourceRecord> s = c.fetchFindings(SyncRequest.delta(checkpoint()))) {
            List<SourceRecord> records = drain(s);

            Map<String, Long> last = new LinkedHashMap<>();
            for (SourceRecord r : records) {
                long rank = DeltaWindow.rank(r.attribute("status"), r.attribute("eventTimestamp"));
                Long before = last.put(r.sourceId(), rank);
                assertThat(before == null || before < rank).as("rows of %s in rising order", r.sourceId()).isTrue();
            }
            long held = 17 - records.size();
            assertThat(held).isPositive();
            assertThat(s.stats().notices()).anySatisfy(n -> assertThat(n).startsWith(held + " delta rows were held back"));
        }
    }

    @Test
    void shouldKeepTwoSideBySideVersionsAsTwoFindingsAndLeaveOneOpenWhenTheOtherIsFixed() throws Exception {
        // seed-independent: the first run opens both Java runtimes, the second fixes Java 8 only
        ArrayNode rows = (ArrayNode) JSON.readTree(fixture("mde-delta-lifecycle-rows.json"));
        List<ObjectNode> opened = new ArrayList<>();
        List<ObjectNode> fixed = new ArrayList<>();
        rows.forEach(r -> {
            ObjectNode o = (ObjectNode) r;
            if (o.get("_case").asText().startsWith("side by side")) {
                o.remove("_case");
                (o.get("status").asText().equals("Fixed") ? fixed : opened).add(o);
            }
        });
        Map<String, Finding> state = new LinkedHashMap<>();
        for (List<ObjectNode> run : List.of(opened, fixed)) {
            wm.resetMappings();
            stubToken(wm);
            stubMachinesWithAMergedOne();
            ObjectNode body = JSON.createObjectNode();
            run.forEach(body.putArray("value")::add);
            wm.stubFor(getPath(DELTA).willReturn(json(JSON.writeValueAsString(body))));
            try (Connector c = jsonConnector()) {
                state.putAll(apply(transformer().findings(c.fetchFindings(SyncRequest.delta(checkpoint())))));
            }
            if (run == opened) {
                assertThat(state.values()).extracting(Finding::findingStatus).containsExactly(FindingStatus.OPEN,
                        FindingStatus.OPEN);
            }
        }
        assertThat(state.get(id(D2, "oracle", "jre", "8.0.381", "CVE-2024-21147")).findingStatus())
                .isEqualTo(FindingStatus.RESOLVED);
        assertThat(state.get(id(D2, "oracle", "jre", "17.0.8", "CVE-2024-21147")).findingStatus())
                .isEqualTo(FindingStatus.OPEN);
    }

    @Test
    void shouldKeepFullSyncsUnchangedOneOpenFindingPerRowKey() throws Exception {
        wm.stubFor(getPath(FULL).withQueryParam("$skiptoken", absent())
                .willReturn(json(fixture("mde-vulns-page1.json", wm))));
        wm.stubFor(getPath(FULL).withQueryParam("$skiptoken", equalTo("eyJwYWdlIjoyfQ"))
                .willReturn(json(fixture("mde-vulns-page2.json", wm))));
        try (Connector c = jsonConnector()) {
            TransformedStream<Finding> s = transformer().findings(c.fetchFindings(SyncRequest.builder().pageSize(3)
                    .build()));
            Map<String, Finding> state = apply(s);

            assertThat(state).hasSize(4);
            assertThat(state.values()).allSatisfy(f -> assertThat(f.findingStatus()).isEqualTo(FindingStatus.OPEN));
            assertThat(s.report().duplicatesRemoved()).isEqualTo(1);
        }
    }

    @Test
    void shouldDeliverMergedMachinesToTheTransformAsNoAssetOfTheirOwn() throws Exception {
        try (Connector c = connector(wm, timing)) {
            TransformedStream<Asset> s = transformer().assets(c.fetchAssets(SyncRequest.full()));
            List<Asset> assets = new ArrayList<>();
            try (s) {
                s.forEachRemaining(assets::add);
            }
            assertThat(assets).extracting(Asset::externalAssetId).doesNotContain(MERGED).contains(D1, D2);
        }
    }
}
