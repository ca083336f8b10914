package dev.exposure.connector.mde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.exposure.connector.DataException;
import dev.exposure.connector.Page;
import dev.exposure.connector.SourceRecord;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.azure.json.JsonRows;
import dev.exposure.connector.azure.json.ResumableRows;
import dev.exposure.connector.azure.json.RowPage;
import dev.exposure.connector.azure.diagnostics.AzureFailures;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file export, {@code GET /api/machines/SoftwareVulnerabilitiesExport}: a list of gzip'd
 * JSON-lines files behind expiring signed (SAS) links, one file per page. Files are downloaded
 * WITHOUT the bearer token, over https only, and parsed line by line (PascalCase keys normalized
 * to camelCase).
 *
 * <p>An empty file (HTTP 200 with 0 bytes, not even a gzip header) is a part with no rows: it is
 * counted in a notice and the next file follows, without asking for the list again (that endpoint
 * allows 5 calls a minute and 20 an hour).
 *
 * <p>Expired links: when a download answers 403 or 404, or a body that is not gzip or whose gzip
 * header breaks off (Elastic saw undecodable bodies for expired links), a fresh export list is requested (budget: 5/min, 20/hour) and the same file
 * (matched by its link without the signature, else by position) is fetched again; rows already
 * delivered from that file are skipped by count, so nothing is delivered twice. A body that breaks
 * off mid-file is recovered the same way. At most {@link #MAX_RECOVERIES} recoveries per file.
 * When the fresh list comes from a newer snapshot ({@code generatedTime} changed) the file is
 * delivered again from its start (at-least-once: duplicates collapse downstream).
 *
 * <p>The pages of the file export in the findings stream ({@link VulnerabilityStream}): one page
 * per file, the next page's state a {@link Part}. Not thread-safe.
 */
final class FileExport {
    private static final Logger LOG = LoggerFactory.getLogger(FileExport.class);
    static final String PATH = "/api/machines/SoftwareVulnerabilitiesExport";
    static final int MAX_RECOVERIES = 3;
    static final int MAX_FILES = 100_000;

    /**
     * The state of a file page: the file by its link without signature (a renewed list may order
     * the files differently), and its position in the list when it was named.
     */
    record Part(int index, String file) implements VulnerabilityStream.Next { }

    private final MdeTransport transport;
    private final SyncCounters counters;
    private final SyncCounters callCounters;
    private final SyncListener listener;
    private final String description;
    private List<String> files = List.of();
    /** Files delivered to their end, by link without signature: a renewed list may order them differently. */
    private final java.util.Set<String> done = new java.util.HashSet<>();
    private @Nullable String generatedTime;

    /**
     * @param counters the counters the export's notices go to
     * @param callCounters the counters its requests and retries count in
     */
    FileExport(MdeTransport transport, SyncCounters counters, SyncCounters callCounters, SyncListener listener,
               String description) {
        this.transport = transport;
        this.counters = counters;
        this.callCounters = callCounters;
        this.listener = listener;
        this.description = description;
    }

    private SyncCounters counters() {
        return counters;
    }

    private SyncListener listener() {
        return listener;
    }

    private String description() {
        return description;
    }

    private Call listCall() {
        return new Call(RateBudget.Family.FILE_EXPORT, callCounters, listener(), description(),
                description() + " export list");
    }

    /** Requests the export list; small (one link per file), read whole. */
    private void loadList() {
        Call call = listCall();
        String url = transport.apiUrl(PATH, "sasValidHours=" + transport.settings().sasValidHours);
        List<String> links = new ArrayList<>();
        String generated = null;
        boolean sawFiles = false;
        try (MdeTransport.Body body = transport.get(url, call, false);
             JsonParser p = JsonRows.FACTORY.createParser(body.stream())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DataException("the export list is not a JSON object", call.source() + " " + url, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                if ("exportFiles".equals(f)) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new DataException("'exportFiles' is not an array", call.source() + " " + url, null);
                    }
                    sawFiles = true;
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        if (links.size() >= MAX_FILES) {
                            throw new DataException("the export lists more than " + MAX_FILES + " files",
                                    call.source() + " " + url, null);
                        }
                        links.add(p.getText());
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        throw new DataException("'exportFiles' holds a " + p.currentToken() + " instead of links",
                                call.source() + " " + url, null);
                    }
                } else if ("generatedTime".equals(f) && t == JsonToken.VALUE_STRING) {
                    generated = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new DataException("the export list is malformed JSON (" + e.getOriginalMessage() + ")",
                    call.source() + " " + url, e);
        } catch (IOException e) {
            throw new TransientException("reading the export list failed (" + AzureFailures.rootText(e) + ")",
                    call.source() + " " + url, e);
        }
        if (!sawFiles) {
            throw new DataException("the export list has no 'exportFiles' array (wrong shape)",
                    call.source() + " " + url, null);
        }
        files = List.copyOf(links);
        generatedTime = generated;
        LOG.info("{}: file export lists {} files (generated {})", description(), files.size(), generated);
    }

    /**
     * Requests the export list and returns the page of its first file.
     *
     * @param end called at the end of the export (notices), returns the end
     */
    Page<SourceRecord, VulnerabilityStream.Next> first(FindingRows mapper,
                                                       Supplier<Optional<VulnerabilityStream.Next>> end) {
        loadList();
        if (files.isEmpty()) {
            counters().notice("the file export listed no files");
            return Page.of(List.of(), null);
        }
        return part(new Part(0, identity(files.get(0))), mapper, end);
    }

    /**
     * @param part the file
     * @param end called at the end of the export (notices), returns the end
     * @return the page of the file's rows; its next state is the first file not yet delivered
     */
    Page<SourceRecord, VulnerabilityStream.Next> part(Part part, FindingRows mapper,
                                                      Supplier<Optional<VulnerabilityStream.Next>> end) {
        int index = indexOf(part);
        Call call = new Call(RateBudget.Family.DOWNLOAD, callCounters, listener(), description(),
                description() + " file " + (index + 1) + " of " + files.size());
        FileRows reader = new FileRows(index, call);
        RowPage<SourceRecord, VulnerabilityStream.Next> rows = new RowPage<>(reader, reader, mapper::map,
                SourceRecord::sourceId, () -> {
            // by name, not position: a list renewed during this file may list the files in another order
            done.add(identity(files.get(reader.index)));
            for (int next = 0; next < files.size(); next++) {
                String file = identity(files.get(next));
                if (!done.contains(file)) {
                    return Optional.of(new Part(next, file));
                }
            }
            LOG.info("{}: file export complete after {} files", description(), files.size());
            return end.get();
        });
        // export files are listed, not linked page to page: an empty file is a normal part, so the
        // page does not tell the loop guard its content (the guard still refuses a file named twice)
        return new Page<>() {
            @Override
            public Iterator<SourceRecord> items() {
                return rows.items();
            }

            @Override
            public Optional<VulnerabilityStream.Next> next() {
                return rows.next();
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }

    /** @return the part's position in the current list, found by its name if the list was renewed */
    private int indexOf(Part part) {
        if (part.index() < files.size() && identity(files.get(part.index())).equals(part.file())) {
            return part.index();
        }
        for (int i = 0; i < files.size(); i++) {
            if (identity(files.get(i)).equals(part.file())) {
                return i;
            }
        }
        throw new TransientException("the export changed while it was being downloaded (file '" + part.file()
                + "' is no longer listed); run again", description(), null);
    }

    private static String identity(String link) {
        return AzureFailures.withoutQuery(link);
    }

    /** The rows of one export file, recovering from expired links and broken bodies. */
    private final class FileRows extends ResumableRows {
        private final Call call;
        private int index;
        private int recoveries;

        FileRows(int index, Call call) {
            super(call.source());
            this.call = call;
            this.index = index;
        }

        @Override
        protected @Nullable Map<String, Object> readRow(JsonParser p) throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new DataException("an export line holds a " + t + " instead of a JSON object (line "
                        + (delivered() + 1) + ")", call.source() + " " + shown(), null);
            }
            return JsonRows.readObject(p, JsonRows::camelKey);
        }

        @Override
        protected DataException malformed(JsonProcessingException e) {
            return new DataException("an export file holds malformed JSON (" + e.getOriginalMessage()
                    + " near line " + (delivered() + 1) + ")", call.source() + " " + shown(), e);
        }

        @Override
        protected void broken(Exception e) {
            recover("the download broke off after " + delivered() + " rows (" + AzureFailures.rootText(e) + ")");
        }

        private String shown() {
            return index < files.size() ? identity(files.get(index)) : "";
        }

        private void recover(String why) {
            if (recoveries >= MAX_RECOVERIES) {
                throw new TransientException(why + "; gave up after " + recoveries + " recoveries",
                        call.source() + " " + shown(), null);
            }
            recoveries++;
            callCounters.retry();
            listener().onRetry(description(), why + "; recovering");
            String before = identity(files.get(index));
            String oldGenerated = generatedTime;
            List<String> oldFiles = files;
            int oldCount = oldFiles.size();
            loadList();
            int found = -1;
            for (int i = 0; i < files.size(); i++) {
                if (identity(files.get(i)).equals(before)) {
                    found = i;
                    break;
                }
            }
            if (found < 0 && files.size() == oldCount) {
                // every name changed but not the count: the same files under new names, in the same order
                found = index;
                List<String> renamed = new ArrayList<>();
                for (int i = 0; i < oldFiles.size(); i++) {
                    if (done.contains(identity(oldFiles.get(i)))) {
                        renamed.add(identity(files.get(i)));
                    }
                }
                done.clear();
                done.addAll(renamed);
            }
            if (found < 0) {
                throw new TransientException("the export changed while it was being downloaded (file '" + before
                        + "' is no longer listed); run again", call.source(), null);
            }
            index = found;
            if (!Objects.equals(oldGenerated, generatedTime)) {
                counters().notice("the file export was regenerated during the run; file " + (index + 1)
                        + " is delivered again from its start");
                restart();
            }
            counters().notice("export download link " + (index + 1) + " was renewed (" + why + ")");
        }

        @Override
        protected void open() throws IOException {
            while (true) {
                MdeTransport.Body b = transport.download(files.get(index), call);
                int status = b.status();
                if (status == 403 || status == 404) {
                    b.close();
                    recover("the download link answered HTTP " + status + " (expired or revoked link)");
                    continue;
                }
                if (status < 200 || status >= 300) {
                    throw transport.failure(b, call);
                }
                attach(b);
                java.io.PushbackInputStream raw = new java.io.PushbackInputStream(b.stream(), 1);
                int first = raw.read();
                if (first < 0) {
                    // 0 bytes, not even a gzip header: a part without rows (not an expired link)
                    if (delivered() > 0) {
                        throw new DataException("an export file was empty when downloaded again (" + delivered()
                                + " rows were delivered from it before)", call.source() + " " + shown(), null);
                    }
                    counters().notice("export file " + (index + 1) + " of " + files.size()
                            + " was empty (0 bytes): counted as a part with no rows");
                    finish();
                    return;
                }
                raw.unread(first);
                InputStream in;
                try {
                    in = new GZIPInputStream(raw, 64 * 1024);
                } catch (EOFException | ZipException e) {
                    closeBody();
                    recover("the download answered an empty or undecodable body (" + AzureFailures.rootText(e)
                            + "), as expired links sometimes do");
                    continue;
                }
                JsonParser p = JsonRows.FACTORY.createParser(in);
                parse(p);
                long delivered = delivered();
                for (long i = 0; i < delivered; i++) {
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        throw new DataException("an export file had fewer rows when downloaded again (" + i
                                + " instead of " + delivered + ")", call.source() + " " + shown(), null);
                    }
                    p.skipChildren();
                }
                return;
            }
        }
    }
}
