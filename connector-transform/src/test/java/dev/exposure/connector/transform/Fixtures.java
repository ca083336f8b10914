package dev.exposure.connector.transform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.Page;
import dev.exposure.connector.PagedRecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Records from the fixture files and a real paged stream over them. */
final class Fixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static Map<String, Object> attributes(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/records/" + file)) {
            return JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SourceRecord mdeFinding() {
        Map<String, Object> a = attributes("mde-vulnerability-row.json");
        return SourceRecord.of(SourceRecord.Kind.FINDING, "vulnerability", (String) a.get("id"), a);
    }

    /** The MDE row with some attributes changed. */
    static SourceRecord mdeFinding(Consumer<Map<String, Object>> change) {
        Map<String, Object> a = attributes("mde-vulnerability-row.json");
        change.accept(a);
        return SourceRecord.of(SourceRecord.Kind.FINDING, "vulnerability", String.valueOf(a.get("id")), a);
    }

    static SourceRecord mdcFinding(Consumer<Map<String, Object>> change) {
        Map<String, Object> a = attributes("mdc-assessment-row.json");
        change.accept(a);
        return SourceRecord.of(SourceRecord.Kind.FINDING, "assessment", String.valueOf(a.get("id")), a);
    }

    static SourceRecord mdeMachine(Consumer<Map<String, Object>> change) {
        Map<String, Object> a = attributes("mde-machine.json");
        change.accept(a);
        return SourceRecord.of(SourceRecord.Kind.ASSET, "machine", String.valueOf(a.get("id")), a);
    }

    static Transformer transformer(ErrorPolicy policy) {
        return transformer(policy, false);
    }

    static Transformer transformer(ErrorPolicy policy, boolean strictFields) {
        return Transformer.builder()
                .strictFields(strictFields)
                .assetMap(TransformMapTest.load("mde-machine-map.json"))
                .findingMap(TransformMapTest.load("mde-vulnerability-map.json"))
                .severityMapping(RiskSeverityMapping.mdeDefault())
                .clock(CLOCK)
                .errorPolicy(policy)
                .build();
    }

    static final Checkpoint CHECKPOINT = Checkpoint.builder().connectorId("test").scope("tenant")
            .position("2026-11-22T00:00:00Z").createdAt(Instant.parse("2026-11-22T00:00:00Z")).build();

    /** A real PagedRecordStream over in-memory pages; may fail on one page. */
    static final class PagedSource extends PagedRecordStream<SourceRecord, Integer> {
        private final List<List<SourceRecord>> pages;
        private final int failOnPage;
        boolean closed;

        PagedSource(List<List<SourceRecord>> pages, int failOnPage) {
            super("test findings", new SyncCounters(), SyncListener.NONE);
            this.pages = pages;
            this.failOnPage = failOnPage;
        }

        PagedSource(List<List<SourceRecord>> pages) {
            this(pages, -1);
        }

        @Override
        protected Page<SourceRecord, Integer> fetchPage(@Nullable Integer state, int pageNumber) {
            if (pageNumber == failOnPage) {
                throw new ConnectorException("page " + pageNumber + " failed");
            }
            counters().request();
            return Page.of(pages.get(pageNumber - 1), pageNumber < pages.size() ? pageNumber + 1 : null);
        }

        @Override
        protected Optional<Checkpoint> completionCheckpoint() {
            return Optional.of(CHECKPOINT);
        }

        @Override
        protected void onClose() {
            closed = true;
        }
    }
}
