package dev.exposure.connector.azure.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.exposure.connector.DataException;
import dev.exposure.connector.Page;
import dev.exposure.connector.PagedRecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** RowPage with the skeleton's loop guard, over rows of our own composition. */
class RowPageTest {

    private static List<Map<String, Object>> rows(String... ids) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(Map.of("id", id, "keep", !id.startsWith("x")));
        }
        return rows;
    }

    private static @Nullable SourceRecord asset(Map<String, Object> row) {
        return Boolean.TRUE.equals(row.get("keep"))
                ? SourceRecord.of(SourceRecord.Kind.ASSET, "machine", (String) row.get("id"), row) : null;
    }

    /** Pages of the given rows, each naming a new link: page n links to "/p(n+1)" until the last. */
    private static PagedRecordStream<SourceRecord, String> stream(int maxEmptyPages, List<List<Map<String, Object>>> pages) {
        return new PagedRecordStream<>("test machines", new SyncCounters(), SyncListener.NONE, 100, maxEmptyPages) {
            @Override
            protected Page<SourceRecord, String> fetchPage(@Nullable String state, int pageNumber) {
                String next = pageNumber < pages.size() ? "https://api.example/p" + (pageNumber + 1) : null;
                return new RowPage<>(pages.get(pageNumber - 1).iterator(), () -> { }, RowPageTest::asset,
                        SourceRecord::sourceId, () -> Optional.ofNullable(next));
            }
        };
    }

    @Test
    void shouldLetTheGuardRefuseTheSamePageServedAgainUnderANewLink() {
        PagedRecordStream<SourceRecord, String> stream = stream(5, List.of(rows("a", "b"), rows("c"), rows("a", "b"),
                rows("d")));
        List<String> seen = new ArrayList<>();

        Throwable error = catchThrowable(() -> stream.forEachRemaining(r -> seen.add(r.sourceId())));

        assertThat(error).isInstanceOf(DataException.class).hasMessageContaining("same page again")
                .hasMessageContaining("as page 1").hasMessageContaining("https://api.example/p3")
                .hasMessageContaining("test machines page 3");
        assertThat(seen).containsExactly("a", "b", "c", "a", "b");
        assertThat(stream.checkpoint()).isEmpty();
    }

    @Test
    void shouldCountRowsTheMapperLeftOutSoThatAPageOfThemIsNotEmpty() {
        PagedRecordStream<SourceRecord, String> stream = stream(2, List.of(rows("x1"), rows("x2"), rows("x3"),
                rows("a")));
        List<String> seen = new ArrayList<>();

        stream.forEachRemaining(r -> seen.add(r.sourceId()));

        assertThat(seen).containsExactly("a");
        assertThat(stream.stats().pages()).isEqualTo(4);
    }

    @Test
    void shouldLetTheGuardStopARunOfPagesWithoutRows() {
        PagedRecordStream<SourceRecord, String> stream = stream(2, List.of(rows(), rows(), rows("a")));

        assertThat(catchThrowable(stream::hasNext)).isInstanceOf(DataException.class)
                .hasMessageContaining("2 empty pages in a row").hasMessageContaining("test machines page 2");
    }
}
