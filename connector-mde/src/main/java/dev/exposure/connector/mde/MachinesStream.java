package dev.exposure.connector.mde;

import dev.exposure.connector.DataException;
import dev.exposure.connector.FieldIssues;
import dev.exposure.connector.Page;
import dev.exposure.connector.PagedRecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.azure.json.ODataReader;
import dev.exposure.connector.azure.json.RowPage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/machines}: follows {@code @odata.nextLink} (a short page may still carry one);
 * pages with {@code $top}/{@code $skip} instead when the machine page size is below 10,000, and
 * falls back to it when a next link lost the filter (the API's known nextLink bug). With a filter,
 * every request carries it and every row is re-checked client-side; rows that fail it are dropped
 * and counted in a notice. The page state is a {@link Link} or a {@link Skip}. Each delivered row goes
 * through {@link MachineRows} (address entries repaired, the host's own addresses added); a row
 * without a readable {@code id} is refused with a {@link DataException}.
 *
 * <p>As the asset stream, a machine Defender merged into another ({@code mergedIntoMachineId} set
 * to another id) is not delivered; merged machines and machines flagged
 * {@code isPotentialDuplication} (delivered) are counted in notices. As the findings stream's
 * index pass ({@code assets == false}) every machine is delivered, merged ones included, and the
 * pass's requests count in the findings stream's counters; its rows are not repaired (they are not
 * delivered) and count no field issues.
 */
final class MachinesStream extends PagedRecordStream<SourceRecord, MachinesStream.Next> {
    private static final Logger LOG = LoggerFactory.getLogger(MachinesStream.class);
    static final String PATH = "/api/machines";

    /** The state of the next page. */
    sealed interface Next permits Link, Skip { }

    /** The {@code @odata.nextLink} the previous page named. */
    record Link(String url) implements Next { }

    /** {@code $top}/{@code $skip} paging from a row offset. */
    record Skip(long offset) implements Next { }

    private final MdeTransport transport;
    private final @Nullable ODataFilter filter;
    private final int pageSize;
    private final boolean skipMode;
    private final boolean assets;
    private final SyncCounters callCounters;
    private long rawRows;
    private long dropped;
    private long merged;
    private long potentialDuplicates;
    private final MachineRows machineRows;

    MachinesStream(MdeTransport transport, @Nullable ODataFilter filter, SyncCounters counters,
                   SyncListener listener, String description, FieldIssues issues) {
        this(transport, filter, true, counters, counters, listener, description, issues);
    }

    /**
     * @param assets true for the asset stream (merged machines left out), false for the findings
     *     stream's index pass (every machine)
     * @param callCounters the counters the requests count in
     */
    MachinesStream(MdeTransport transport, @Nullable ODataFilter filter, boolean assets, SyncCounters counters,
                   SyncCounters callCounters, SyncListener listener, String description, FieldIssues issues) {
        super(description, counters, listener, DEFAULT_MAX_PAGES, VulnerabilityStream.MAX_EMPTY_PAGES);
        this.assets = assets;
        this.callCounters = callCounters;
        this.machineRows = new MachineRows(issues);
        this.transport = transport;
        this.filter = filter;
        this.pageSize = transport.settings().machinePageSize;
        this.skipMode = pageSize < MdeSettings.MAX_MACHINE_PAGE;
    }

    private String skipUrl(long offset) {
        StringBuilder q = new StringBuilder();
        if (filter != null) {
            q.append(filter.queryParameter()).append('&');
        }
        q.append("$top=").append(pageSize);
        if (offset > 0) {
            q.append("&$skip=").append(offset);
        }
        return transport.apiUrl(PATH, q.toString());
    }

    @Override
    protected Page<SourceRecord, Next> fetchPage(@Nullable Next state, int pageNumber) {
        boolean skipping = state instanceof Skip || state == null && skipMode;
        String url = state instanceof Link link ? link.url()
                : skipping ? skipUrl(state == null ? 0 : ((Skip) state).offset())
                : transport.apiUrl(PATH, filter == null ? null : filter.queryParameter());
        Call call = new Call(RateBudget.Family.MACHINES, callCounters, listener(), description(),
                description() + " page " + pageNumber);
        if (pageNumber == 1) {
            LOG.info("{}: starting ({} paging{})", description(), skipping ? "$top/$skip" : "next-link",
                    filter == null ? "" : ", filtered");
        }
        LOG.debug("{}: fetching page {}", description(), pageNumber);
        ODataReader reader = VulnerabilityStream.reader(transport, url, call, true, null);
        return new RowPage<>(reader, reader, row -> map(row, call), SourceRecord::sourceId, () -> {
            if (skipping) {
                return reader.rows() >= pageSize ? Optional.of(new Skip(rawRows)) : finish();
            }
            String link = reader.nextLink();
            if (link == null) {
                return finish();
            }
            if (filter != null && !carriesFilter(link)) {
                counters().notice("the API's next link dropped the filter; paging on with $top/$skip from row "
                        + rawRows);
                LOG.debug("{}: next link lost the filter; switching to $skip paging", description());
                return Optional.of(new Skip(rawRows));
            }
            return Optional.of(new Link(link));
        });
    }

    private Optional<Next> finish() {
        LOG.info("{}: complete, {} rows read, {} dropped by the filter re-check", description(), rawRows, dropped);
        if (dropped > 0) {
            String n = dropped + " machine rows the API returned did not match the filter and were dropped";
            counters().notice(n);
            listener().onNotice(description(), n);
        }
        if (merged > 0) {
            String n = merged + " machines Defender merged into other machines (mergedIntoMachineId) were not"
                    + " delivered as assets; their findings go to the machine they were merged into";
            counters().notice(n);
            listener().onNotice(description(), n);
        }
        if (potentialDuplicates > 0) {
            String n = potentialDuplicates + " machines Defender flags as potential duplicates"
                    + " (isPotentialDuplication) were delivered, with that attribute";
            counters().notice(n);
            listener().onNotice(description(), n);
        }
        return Optional.empty();
    }

    private boolean carriesFilter(String link) {
        try {
            String q = URI.create(link).getRawQuery();
            if (q == null) {
                return false;
            }
            for (String part : q.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0 && URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8).equalsIgnoreCase("$filter")) {
                    String v = URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                    return ODataFilter.parse(v).map(f -> f.canonical().equals(filter.canonical())).orElse(false);
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private @Nullable SourceRecord map(Map<String, Object> row, Call call) {
        rawRows++;
        Object id = row.get("id");
        if (!(id instanceof String s) || s.isBlank()) {
            throw new DataException("a machine row has no 'id' (row " + rawRows + " of the stream)", call.source(),
                    null);
        }
        if (filter != null && !filter.matches(row)) {
            dropped++;
            return null;
        }
        if (assets) {
            if (MachineIndex.mergeTarget(row) != null) {
                merged++;
                return null;
            }
            if (Boolean.TRUE.equals(row.get("isPotentialDuplication"))) {
                potentialDuplicates++;
            }
            machineRows.apply(row, s);
        }
        return SourceRecord.of(SourceRecord.Kind.ASSET, "machine", s, row);
    }
}
