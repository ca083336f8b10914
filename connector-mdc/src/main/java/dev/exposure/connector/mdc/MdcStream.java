package dev.exposure.connector.mdc;

import dev.exposure.connector.DataException;
import dev.exposure.connector.FieldIssues;
import dev.exposure.connector.Page;
import dev.exposure.connector.PagedRecordStream;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The asset and finding streams. On its first page an asset stream reads the network interfaces
 * and public IPs into a {@link NetworkIndex}, then streams the VMs page by page, joining each to
 * its NICs; a finding stream reads the VMs into a VM index ({@link MdcRecords.VmSummary} per VM),
 * then streams the assessments page by page, joining each to its VM by the assessed resource id,
 * and/or (option {@code findings}) the vulnerability sub-assessments, joined the same way.
 * Assessments of VMs outside the index (deleted meanwhile, or beyond a sampling run's VMs) are
 * skipped and counted in a notice. Not thread-safe.
 */
final class MdcStream extends PagedRecordStream<SourceRecord, MdcStream.Next> {
    private static final Logger LOG = LoggerFactory.getLogger(MdcStream.class);

    enum Kind { ASSETS, FINDINGS, NONE }

    /**
     * The state of the next page: which query (the sub-assessments' when {@code sub} and
     * {@code findings=both}) and where in it (null: its first page).
     */
    record Next(boolean sub, QueryPager.@Nullable Position position) { }

    private final Kind kind;
    private final ResourceGraph graph;
    private final MdcSettings settings;
    private final int top;
    private final int limit;
    private final QueryPager pager;
    /** The sub-assessments' pager when {@link MdcSettings#findings()} asks for vulnerabilities too. */
    private final @Nullable QueryPager subPager;
    /** The stream's page number before the first sub-assessment page (pages are numbered per query). */
    private int subPageOffset;
    private @Nullable NetworkIndex network;
    private @Nullable Map<UUID, MdcRecords.VmSummary> vms;
    private final FieldIssues issues;
    private int deliveredVms;
    private long skipped;
    private long skippedSub;

    /**
     * @param strictFields whether an unreadable optional field fails the run
     *     ({@link dev.exposure.connector.SyncRequest#strictFields()}) instead of being dropped and counted
     */
    MdcStream(Kind kind, ResourceGraph graph, MdcSettings settings, int top, int limit, SyncListener listener,
              boolean strictFields) {
        super("mdc-vm " + (kind == Kind.ASSETS ? "assets" : "findings"), new SyncCounters(), listener,
                QueryPager.MAX_PAGES);
        this.issues = new FieldIssues(description(), counters(), listener(), strictFields);
        this.kind = kind;
        this.graph = graph;
        this.settings = settings;
        this.top = top;
        this.limit = limit;
        MdcSettings.Findings findings = settings.findings();
        boolean subOnly = kind == Kind.FINDINGS && !findings.assessments();
        this.pager = new QueryPager(graph, kind != Kind.FINDINGS ? Query.VIRTUAL_MACHINES
                : subOnly ? Query.SUB_ASSESSMENTS : Query.ASSESSMENTS, settings.subscriptions(), top);
        this.subPager = kind == Kind.FINDINGS && findings == MdcSettings.Findings.BOTH
                ? new QueryPager(graph, Query.SUB_ASSESSMENTS, settings.subscriptions(), top) : null;
        this.subOnly = subOnly;
    }

    /** Whether the only query of the finding stream is the sub-assessments'. */
    private final boolean subOnly;

    @Override
    protected Page<SourceRecord, Next> fetchPage(@Nullable Next state, int pageNumber) {
        if (kind == Kind.NONE) {
            return Page.of(List.of(), null);
        }
        if (pageNumber == 1) {
            prepare();
        }
        boolean sub = state == null ? subOnly : state.sub();
        QueryPager.Position position = state == null ? null : state.position();
        boolean second = sub && subPager != null;   // the sub-assessments after the assessments
        if (second && position == null) {
            subPageOffset = pageNumber - 1;
        }
        int queryPage = second ? pageNumber - subPageOffset : pageNumber;
        QueryPager.Step step = (second ? subPager : pager).fetch(position, queryPage, counters(), listener(),
                description());
        List<Map<String, Object>> rows = step.rows();
        Next next = step.next() != null ? new Next(sub, step.next())
                : subPager != null && !sub ? new Next(true, null) : null;
        if (kind == Kind.ASSETS) {
            if (deliveredVms + rows.size() >= limit) {
                rows = rows.subList(0, limit - deliveredVms);
                next = null;
            }
            deliveredVms += rows.size();
        }
        return step.page(rows, row -> convert(row, queryPage, sub), SourceRecord::sourceId, next);
    }

    private void prepare() {
        if (kind == Kind.ASSETS) {
            NetworkIndex index = new NetworkIndex(issues);
            new QueryPager(graph, Query.NETWORK_INTERFACES, settings.subscriptions(), top)
                    .forEach(index::addNic, Integer.MAX_VALUE, counters(), listener(), description());
            new QueryPager(graph, Query.PUBLIC_IP_ADDRESSES, settings.subscriptions(), top)
                    .forEach(index::addPublicIp, Integer.MAX_VALUE, counters(), listener(), description());
            network = index;
            LOG.info("{}: indexed {} network interfaces and {} public IP addresses", description(), index.nicCount(),
                    index.publicIpCount());
        } else {
            Map<UUID, MdcRecords.VmSummary> index = new HashMap<>();
            new QueryPager(graph, Query.VIRTUAL_MACHINES, settings.subscriptions(), top).forEach(row -> {
                UUID key = Rows.hash(Rows.str(row, "id"));
                if (key != null) {
                    index.put(key, MdcRecords.summary(row));
                }
            }, limit, counters(), listener(), description());
            vms = index;
            LOG.info("{}: indexed {} virtual machines", description(), index.size());
        }
    }

    private @Nullable SourceRecord convert(Map<String, Object> row, int pageNumber, boolean sub) {
        if (kind == Kind.ASSETS) {
            if (Rows.str(row, "id") == null) {
                throw new DataException("a virtual machine row has no id", "Resource Graph query '"
                        + Query.VIRTUAL_MACHINES.label() + "' page " + pageNumber, null);
            }
            return MdcRecords.asset(row, java.util.Objects.requireNonNull(network), issues);
        }
        if (sub) {
            return vulnerability(row, pageNumber);
        }
        if (Rows.str(row, "id") == null) {
            throw new DataException("an assessment row has no id", "Resource Graph query '"
                    + Query.ASSESSMENTS.label() + "' page " + pageNumber, null);
        }
        String key = MdcRecords.assessedKey(row);
        MdcRecords.VmSummary vm = key == null ? null
                : java.util.Objects.requireNonNull(vms).get(Rows.hash(key));
        if (vm == null) {
            skipped++;
            return null;
        }
        return MdcRecords.finding(row, vm, key, issues);   // key is not null when vm is found
    }

    /** A sub-assessment joined to its VM by its resource details' id, else by the prefix of its own id. */
    private @Nullable SourceRecord vulnerability(Map<String, Object> row, int pageNumber) {
        if (Rows.str(row, "id") == null) {
            throw new DataException("a sub-assessment row has no id", "Resource Graph query '"
                    + Query.SUB_ASSESSMENTS.label() + "' page " + pageNumber, null);
        }
        Map<UUID, MdcRecords.VmSummary> index = java.util.Objects.requireNonNull(vms);
        for (String key : MdcRecords.subAssessedKeys(row)) {
            MdcRecords.VmSummary vm = index.get(Rows.hash(key));
            if (vm != null) {
                return MdcRecords.vulnerability(row, vm, key, issues);
            }
        }
        skippedSub++;
        return null;
    }

    @Override
    protected void onClose() {
        var stats = stats();
        LOG.info("{}: {} records in {} pages ({} requests, {} retries, {} ms throttled)", description(),
                stats.records(), stats.pages(), stats.requests(), stats.retries(), stats.throttledTime().toMillis());
        if (skipped > 0) {
            counters().notice(skipped + " assessments were skipped: their virtual machine was not among the VMs"
                    + " read at the start of the run (deleted meanwhile, or beyond a sampling run's VMs)");
        }
        if (skippedSub > 0) {
            counters().notice(skippedSub + " vulnerability findings (sub-assessments) were skipped: their machine was"
                    + " not among the VMs read at the start of the run (deleted meanwhile, or beyond a sampling run's"
                    + " VMs)");
        }
        network = null;
        vms = null;
    }
}
