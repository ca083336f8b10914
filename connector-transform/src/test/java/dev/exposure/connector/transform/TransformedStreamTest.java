package dev.exposure.connector.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.DataQualityReport;
import dev.exposure.connector.FieldIssue;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.model.Asset;
import dev.exposure.connector.model.Finding;
import dev.exposure.connector.model.FindingStatus;
import dev.exposure.connector.model.QdsSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class TransformedStreamTest {

    private static SourceRecord row(String device, String cve) {
        return Fixtures.mdeFinding(a -> {
            a.put("id", device + "_" + cve);
            a.put("deviceId", device);
            a.put("cveId", cve);
        });
    }

    private static List<Finding> drain(TransformedStream<Finding> s) {
        List<Finding> out = new ArrayList<>();
        s.forEachRemaining(out::add);
        return out;
    }

    @Test
    void shouldHandOutTheCheckpointOnlyAfterFullConsumption() {
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(
                List.of(row("d1", "CVE-2024-0001"), row("d1", "CVE-2024-0002")),
                List.of(row("d2", "CVE-2024-0001"))));
        try (TransformedStream<Finding> s = Fixtures.transformer(ErrorPolicy.FAIL).findings(source)) {
            assertThat(s.checkpoint()).isEmpty();
            assertThat(s.next().externalAssetId()).isEqualTo("d1");
            assertThat(s.next().cveIds()).containsExactly("CVE-2024-0002");
            assertThat(s.checkpoint()).isEmpty();
            assertThat(s.next().externalAssetId()).isEqualTo("d2");
            assertThat(s.checkpoint()).as("the end is not yet known").isEmpty();
            assertThat(s.hasNext()).isFalse();
            assertThat(s.checkpoint()).contains(Fixtures.CHECKPOINT);
            assertThat(s.stats().pages()).isEqualTo(2);
            assertThat(s.stats().records()).isEqualTo(3);
            assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(s::next);
            TransformReport r = s.report();
            assertThat(r.raw()).isEqualTo(3);
            assertThat(r.delivered()).isEqualTo(3);
            assertThat(r.finishedAt()).contains(Fixtures.CLOCK.instant());
            assertThat(r.startedAt()).isEqualTo(Fixtures.CLOCK.instant());
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void shouldNeverHandOutACheckpointAfterASourceFailure() {
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(List.of(row("d1", "CVE-2024-0001")),
                List.of(row("d2", "CVE-2024-0001"))), 2);
        TransformedStream<Finding> s = Fixtures.transformer(ErrorPolicy.SKIP_AND_REPORT).findings(source);
        assertThat(s.next()).isNotNull();
        assertThatExceptionOfType(ConnectorException.class).isThrownBy(s::hasNext).withMessageContaining("page 2 failed");
        assertThatExceptionOfType(ConnectorException.class).as("stays failed").isThrownBy(s::hasNext);
        assertThat(s.checkpoint()).isEmpty();
    }

    @Test
    void shouldRemoveExactCrossPageAndCaseVariantDuplicates() {
        SourceRecord upper = Fixtures.mdeFinding(a -> {
            a.put("id", "other-id-format");
            a.put("deviceId", "D1");
            a.put("cveId", "cve-2024-0001");
            a.put("softwareVendor", "MICROSOFT");
        });
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(
                List.of(row("d1", "CVE-2024-0001"), row("d1", "CVE-2024-0001"), row("d1", "CVE-2024-0002")),
                List.of(row("d1", "CVE-2024-0002"), upper, row("d2", "CVE-2024-0001"))));
        TransformedStream<Finding> s = Fixtures.transformer(ErrorPolicy.FAIL).findings(source);
        List<Finding> out = drain(s);
        assertThat(out).extracting(Finding::externalFindingId)
                .containsExactly("d1_CVE-2024-0001", "d1_CVE-2024-0002", "d2_CVE-2024-0001");
        TransformReport r = s.report();
        assertThat(r.raw()).isEqualTo(6);
        assertThat(r.delivered()).isEqualTo(3);
        assertThat(r.duplicatesRemoved()).isEqualTo(3);
        assertThat(r.skipped()).isZero();
        assertThat(s.checkpoint()).isPresent();
    }

    @Test
    void shouldKeepRowsThatDifferOnlyInSoftwareVersion() {
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(List.of(
                row("d1", "CVE-2024-0001"),
                Fixtures.mdeFinding(a -> {
                    a.put("id", "d1_CVE-2024-0001");
                    a.put("deviceId", "d1");
                    a.put("cveId", "CVE-2024-0001");
                    a.put("softwareVersion", "121.0");
                }))));
        assertThat(drain(Fixtures.transformer(ErrorPolicy.FAIL).findings(source))).hasSize(2);
    }

    @Test
    void shouldDeduplicateAssetsOnTheirLowerCasedId() {
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(
                List.of(Fixtures.mdeMachine(m -> m.put("id", "AAA"))),
                List.of(Fixtures.mdeMachine(m -> m.put("id", "aaa")), Fixtures.mdeMachine(m -> m.put("id", "bbb")))));
        TransformedStream<Asset> s = Fixtures.transformer(ErrorPolicy.FAIL).assets(source);
        List<Asset> out = new ArrayList<>();
        s.forEachRemaining(out::add);
        assertThat(out).extracting(Asset::externalAssetId).containsExactly("aaa", "bbb");
        assertThat(s.report().duplicatesRemoved()).isEqualTo(1);
    }

    @Test
    void shouldNotCarryValuesFromOneAssetIntoTheNext() {
        SourceRecord sparse = Fixtures.mdeMachine(m -> {
            m.put("id", "bbb");
            for (String k : List.of("computerDnsName", "lastIpAddress", "lastExternalIpAddress", "ipAddresses",
                    "machineTags", "vmMetadata", "deviceValue", "rbacGroupName", "firstSeen")) {
                m.remove(k);
            }
        });
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(List.of(Fixtures.mdeMachine(m -> { }), sparse)));
        List<Asset> out = new ArrayList<>();
        Fixtures.transformer(ErrorPolicy.FAIL).assets(source).forEachRemaining(out::add);
        assertThat(out).hasSize(2);
        Asset full = out.get(0);
        assertThat(full.tags()).isNotEmpty();
        assertThat(full.cloud()).isPresent();
        assertThat(full.criticality()).isPresent();
        Asset second = out.get(1);
        assertThat(second.externalAssetId()).isEqualTo("bbb");
        assertThat(second.hostName()).isEmpty();
        assertThat(second.ipAddress()).isEmpty();
        assertThat(second.ipAddresses()).isEmpty();
        assertThat(second.publicIpAddresses()).isEmpty();
        assertThat(second.macAddresses()).isEmpty();
        assertThat(second.tags()).isEmpty();
        assertThat(second.cloud()).isEmpty();
        assertThat(second.deviceValue()).isEmpty();
        assertThat(second.criticality()).as("not derived from the first asset's deviceValue").isEmpty();
        assertThat(second.firstSeen()).isEmpty();
        assertThat(second.attributes()).isEmpty();
        assertThat(full.ipAddresses()).as("read after the second was built").contains("10.1.2.3");
    }

    @Test
    void shouldSkipAndReportRecordsThatCannotBeTransformed() {
        SourceRecord noDevice = Fixtures.mdeFinding(a -> {
            a.put("id", "bad-3");
            a.remove("deviceId");
        });
        SourceRecord asset = Fixtures.mdeMachine(m -> { });
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(
                List.of(row("d1", "CVE-2024-0001")),
                List.of(noDevice, asset, row("d2", "CVE-2024-0001"))));
        TransformedStream<Finding> s = Fixtures.transformer(ErrorPolicy.SKIP_AND_REPORT).findings(source);
        assertThat(drain(s)).hasSize(2);
        assertThat(s.checkpoint()).as("skips do not fail the run").isPresent();
        TransformReport r = s.report();
        assertThat(r.raw()).isEqualTo(4);
        assertThat(r.skipped()).isEqualTo(2);
        assertThat(r.delivered()).isEqualTo(2);
        assertThat(r.skippedByReason()).anySatisfy((k, v) -> assertThat(k).startsWith("externalAssetId <- deviceId"));
        assertThat(r.skippedByReason()).anySatisfy((k, v) -> assertThat(k).contains("the record is ASSET"));
        assertThat(r.samples()).extracting(TransformReport.Skipped::recordId)
                .containsExactly("bad-3", asset.sourceId());
        assertThat(r.toString()).contains("raw=4", "delivered=2", "skipped=2");
    }

    @Test
    void shouldKeepARecordWithAnUnreadableOptionalFieldAndReportTheDroppedValue() {
        SourceRecord badTime = Fixtures.mdeFinding(a -> {
            a.put("id", "bad-1");
            a.put("firstSeenTimestamp", "yesterday");
        });
        SourceRecord badTime2 = Fixtures.mdeFinding(a -> {
            a.put("id", "bad-2");
            a.put("deviceId", "d9");
            a.put("firstSeenTimestamp", "last week");
        });
        List<FieldIssue> heard = new java.util.ArrayList<>();
        Transformer t = Transformer.builder()
                .assetMap(TransformMapTest.load("mde-machine-map.json"))
                .findingMap(TransformMapTest.load("mde-vulnerability-map.json"))
                .severityMapping(RiskSeverityMapping.mdeDefault()).clock(Fixtures.CLOCK)
                .listener(new SyncListener() {
                    @Override
                    public void onFieldIssue(FieldIssue issue) {
                        heard.add(issue);
                    }
                })
                .build();
        TransformedStream<Finding> s = t.findings(new Fixtures.PagedSource(List.of(
                List.of(row("d1", "CVE-2024-0001"), badTime, badTime2))));
        List<Finding> out = drain(s);
        assertThat(out).hasSize(3);
        assertThat(out.get(1).firstFoundOn()).as("only the bad field is left out").isEmpty();
        assertThat(out.get(1).externalFindingId()).isEqualTo("bad-1");
        assertThat(out.get(1).lastFoundOn()).as("the other fields stay").isPresent();
        assertThat(s.report().skipped()).isZero();
        DataQualityReport dq = s.stats().dataQuality();
        DataQualityReport.Field f = dq.field("transform map 'MDE V2 Vulnerability Transformation Map'",
                "firstSeenTimestamp");
        assertThat(dq.fields()).as(dq.toString()).hasSize(1);
        assertThat(dq.fields().get(0).field()).isEqualTo("firstSeenTimestamp");
        assertThat(dq.fields().get(0).dropped()).isEqualTo(2);
        assertThat(dq.fields().get(0).examples()).containsExactly("yesterday", "last week");
        assertThat(dq.fields().get(0).reasons()).first().asString().contains("not a timestamp");
        assertThat(heard).extracting(FieldIssue::recordId).containsExactly("bad-1", "bad-2");
        assertThat(heard).extracting(FieldIssue::action).containsOnly(FieldIssue.Action.DROPPED);
        assertThat(f.dropped()).as("found by stream and field").isEqualTo(2);
    }

    @Test
    void shouldFailARecordWithAnUnreadableOptionalFieldInStrictMode() {
        SourceRecord badTime = Fixtures.mdeFinding(a -> a.put("firstSeenTimestamp", "yesterday"));
        TransformedStream<Finding> s = Fixtures.transformer(ErrorPolicy.SKIP_AND_REPORT, true)
                .findings(new Fixtures.PagedSource(List.of(List.of(badTime, row("d1", "CVE-2024-0001")))));
        assertThat(drain(s)).hasSize(1);
        assertThat(s.report().skipped()).isEqualTo(1);
        assertThat(s.report().samples().get(0).problem()).contains("'yesterday'");
        assertThat(s.stats().dataQuality().isEmpty()).isTrue();
    }

    @Test
    void shouldDropADuplicateBeforeTransformingIt() {
        SourceRecord unparseableCopy = Fixtures.mdeFinding(a -> {
            a.put("id", "d1_CVE-2024-0001");
            a.put("deviceId", "D1");
            a.put("cveId", "CVE-2024-0001");
            a.put("firstSeenTimestamp", "yesterday");
        });
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(List.of(row("d1", "CVE-2024-0001"),
                unparseableCopy)));
        TransformedStream<Finding> s = Fixtures.transformer(ErrorPolicy.FAIL).findings(source);
        assertThat(drain(s)).hasSize(1);
        assertThat(s.report().duplicatesRemoved()).as("known by its identity, never transformed").isEqualTo(1);
        assertThat(s.report().skipped()).isZero();
    }

    @Test
    void shouldDeliverALaterGoodCopyOfARecordThatFailedToTransform() {
        SourceRecord bad = Fixtures.mdeFinding(a -> {
            a.put("id", "d1_CVE-2024-0001");
            a.put("deviceId", "d1");
            a.put("cveId", "CVE-2024-0001");
            a.put("lastSeenTimestamp", "2024-13-01 00:00:00");
        });
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(List.of(bad), List.of(row("d1", "CVE-2024-0001"))));
        TransformedStream<Finding> s = Fixtures.transformer(ErrorPolicy.SKIP_AND_REPORT, true).findings(source);
        assertThat(drain(s)).extracting(Finding::externalFindingId).containsExactly("d1_CVE-2024-0001");
        assertThat(s.report().skipped()).isEqualTo(1);
        assertThat(s.report().duplicatesRemoved()).isZero();
    }

    @Test
    void shouldSkipARecordWhoseIdentityValueIsAnObjectNamingThePath() {
        SourceRecord nested = Fixtures.mdeFinding(a -> a.put("softwareName", java.util.Map.of("name", "edge")));
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(List.of(nested, row("d1", "CVE-2024-0001"))));
        TransformedStream<Finding> s = Fixtures.transformer(ErrorPolicy.SKIP_AND_REPORT).findings(source);
        assertThat(drain(s)).hasSize(1);
        assertThat(s.report().samples()).singleElement().satisfies(k -> {
            assertThat(k.recordId()).isEqualTo(nested.sourceId());
            assertThat(k.problem()).contains("identity path 'softwareName'", "found an object");
        });
    }

    @Test
    void shouldNotCarryValuesFromOneRecordIntoTheNext() {
        SourceRecord full = Fixtures.mdeFinding(a -> {
            a.put("id", "d1_CVE-2024-0001");
            a.put("deviceId", "d1");
            a.put("cveId", "CVE-2024-0001");
            a.put("status", "Fixed");
            a.put("eventTimestamp", "2024-02-02 10:00:00");
            a.put("recommendedSecurityUpdateId", "KB5034441");
        });
        SourceRecord sparse = Fixtures.mdeFinding(a -> {
            a.put("id", "d2_CVE-2024-0002");
            a.put("deviceId", "d2");
            a.put("cveId", "CVE-2024-0002");
            a.remove("vulnerabilitySeverityLevel");
            a.remove("cvssScore");
            a.remove("recommendedSecurityUpdate");
            a.remove("rbacGroupName");
            a.remove("diskPaths");
            a.remove("firstSeenTimestamp");
        });
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(List.of(full, sparse)));
        List<Finding> out = drain(Fixtures.transformer(ErrorPolicy.FAIL).findings(source));
        assertThat(out).hasSize(2);
        Finding first = out.get(0);
        assertThat(first.vendorStatus()).contains("Fixed");
        assertThat(first.fixingKbId()).contains("KB5034441");
        assertThat(first.cvssScore()).contains(8.8);
        Finding second = out.get(1);
        assertThat(second.cveIds()).containsExactly("CVE-2024-0002");
        assertThat(second.vendorStatus()).isEmpty();
        assertThat(second.updatedOn()).isEmpty();
        assertThat(second.fixingKbId()).isEmpty();
        assertThat(second.cvssScore()).isEmpty();
        assertThat(second.vendorSeverity()).isEmpty();
        assertThat(second.recommendation()).isEmpty();
        assertThat(second.firstFoundOn()).isEmpty();
        assertThat(first.findingStatus()).isEqualTo(FindingStatus.RESOLVED);
        assertThat(second.findingStatus()).as("the default, not the first record's").isEqualTo(FindingStatus.OPEN);
        assertThat(second.attributes()).doesNotContainKeys("rbacGroupName", "diskPaths");
        assertThat(second.qdsSource()).isEqualTo(QdsSource.SEVERITY_MAPPING);
        assertThat(first.attributes()).as("read after the second was built").containsKeys("rbacGroupName", "diskPaths");
        assertThat(first.cveIds()).containsExactly("CVE-2024-0001");
    }

    @Test
    void shouldHashAnIdentityAlikeWhetherOrNotItsAssetCameJustBefore() {
        CompiledMap<Targets.FindingDraft, Finding> plan = CompiledMap.findings(
                TransformMapTest.load("mde-vulnerability-map.json"), RiskSeverityMapping.mdeDefault());
        List<SourceRecord> rows = List.of(row("d1", "CVE-2024-0001"), row("d1", "CVE-2024-0002"),
                row("D1", "CVE-2024-0002"), row("d2", "CVE-2024-0001"), row("d1", "CVE-2024-0001"),
                Fixtures.mdeFinding(a -> a.put("deviceId", 42)), Fixtures.mdeFinding(a -> a.put("deviceId", 42)),
                Fixtures.mdeFinding(a -> a.remove("deviceId")));
        CompiledMap<Targets.FindingDraft, Finding>.IdentityHasher streaming = plan.identityHasher();
        List<String> keys = new ArrayList<>();
        for (SourceRecord r : rows) {
            Hash128 alone = plan.identityHasher().hash(r);
            Hash128 inStream = streaming.hash(r);
            assertThat(inStream.high()).as(r.sourceId()).isEqualTo(alone.high());
            assertThat(inStream.low()).isEqualTo(alone.low());
            keys.add(inStream.high() + "/" + inStream.low());
        }
        assertThat(keys.get(0)).isEqualTo(keys.get(4)).isNotEqualTo(keys.get(1)).isNotEqualTo(keys.get(3));
        assertThat(keys.get(1)).as("asset ids compare ignoring case").isEqualTo(keys.get(2));
        assertThat(keys.get(5)).isEqualTo(keys.get(6)).isNotEqualTo(keys.get(7));
    }

    @Test
    void shouldFailTheRunOnABadRecordUnderTheFailPolicy() {
        SourceRecord bad = Fixtures.mdeFinding(a -> a.put("lastSeenTimestamp", "2024-13-01 00:00:00"));
        Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(List.of(row("d1", "CVE-2024-0001"), bad)));
        TransformedStream<Finding> s = Fixtures.transformer(ErrorPolicy.FAIL, true).findings(source);
        assertThat(s.next()).isNotNull();
        assertThatExceptionOfType(RecordTransformException.class).isThrownBy(s::hasNext)
                .satisfies(e -> assertThat(e.rule()).contains("findingLastFoundOn <- lastSeenTimestamp + timestamp"));
        assertThatExceptionOfType(RecordTransformException.class).isThrownBy(s::next);
        assertThat(s.checkpoint()).isEmpty();
    }

    @Test
    void shouldGiveEachStreamItsOwnDedupState() {
        Transformer t = Fixtures.transformer(ErrorPolicy.FAIL);
        for (int run = 0; run < 2; run++) {
            Fixtures.PagedSource source = new Fixtures.PagedSource(List.of(List.of(row("d1", "CVE-2024-0001"))));
            assertThat(drain(t.findings(source))).hasSize(1);
        }
    }

    @Test
    void shouldReadTimeOnlyFromTheGivenClock() {
        java.time.Clock later = java.time.Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        Transformer t = Transformer.builder().findingMap(TransformMapTest.load("mde-vulnerability-map.json"))
                .severityMapping(RiskSeverityMapping.mdeDefault()).clock(later).build();
        TransformedStream<Finding> s = t.findings(new Fixtures.PagedSource(List.of(List.of())));
        drain(s);
        assertThat(s.report().startedAt()).isEqualTo(later.instant());
        assertThat(s.report().finishedAt()).contains(later.instant());
    }
}
