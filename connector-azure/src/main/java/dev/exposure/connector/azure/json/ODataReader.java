package dev.exposure.connector.azure.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.exposure.connector.DataException;
import dev.exposure.connector.TransientException;
import dev.exposure.connector.azure.diagnostics.AzureFailures;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Reads one OData page ({@code {"@odata.context":..., "value":[...], "@odata.nextLink":...}}) row
 * by row from the open response stream; the next link may come before or after the rows. Memory
 * stays flat whatever the page size.
 *
 * <p>If the connection breaks mid-body (reset, stall), the page is requested again and the rows
 * already delivered from it are skipped by count, at most {@link #MAX_RESUMES} times: the pages
 * of these APIs are snapshots, so the same URL yields the same rows. Malformed JSON or a wrong
 * shape fails with a {@link DataException} naming the URL and page. A 404 the opener lets through
 * (where the API means "no rows" by it) is a page without rows.
 */
public final class ODataReader extends ResumableRows {
    /** How often one page is requested again after its body broke off. */
    public static final int MAX_RESUMES = 2;

    private final Supplier<? extends ResponseBody> opener;
    private final @Nullable UnaryOperator<String> keys;
    private final Consumer<String> onResume;
    private @Nullable String nextLink;
    private boolean inValue;
    private boolean sawValue;
    private int resumes;
    private String url = "";

    /**
     * @param opener sends the page's request (again on a resume) and returns the open response; the
     *     transport checks the URL's host before it attaches a token
     * @param source names the page in errors, e.g. {@code mde-v2 findings page 3}
     * @param keys renames top-level keys (e.g. PascalCase to camelCase); identity when null
     * @param onResume told the reason each time the page is requested again (count it as a retry)
     */
    public ODataReader(Supplier<? extends ResponseBody> opener, String source, @Nullable UnaryOperator<String> keys,
                       Consumer<String> onResume) {
        super(source);
        this.opener = Objects.requireNonNull(opener, "opener must not be null");
        this.keys = keys;
        this.onResume = Objects.requireNonNull(onResume, "onResume must not be null");
    }

    /** @return the page's {@code @odata.nextLink}; valid once the rows are exhausted */
    public @Nullable String nextLink() {
        return nextLink;
    }

    /** @return the rows read from the page (skipped-on-resume rows counted once) */
    public long rows() {
        return delivered();
    }

    @Override
    protected DataException malformed(JsonProcessingException e) {
        return new DataException("the API sent malformed or truncated JSON (" + e.getOriginalMessage()
                + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                + ")", source() + " " + url, e);
    }

    @Override
    protected void broken(Exception e) {
        long delivered = delivered();
        if (resumes >= MAX_RESUMES) {
            throw new TransientException("the response body broke off after " + delivered + " rows ("
                    + AzureFailures.rootText(e) + ") and " + resumes + " resumed attempts; run again later",
                    source() + " " + url, e);
        }
        resumes++;
        onResume.accept("body broke off after " + delivered + " rows (" + AzureFailures.rootText(e)
                + "); requesting the page again and skipping those rows");
    }

    @Override
    protected void open() throws IOException {
        ResponseBody b = opener.get();
        attach(b);
        url = b.url();
        if (b.status() == 404) {   // an empty machine list
            finish();
            return;
        }
        JsonParser p = JsonRows.FACTORY.createParser(b.stream());
        parse(p);
        inValue = false;
        sawValue = false;
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new DataException("the API answered with something other than a JSON object (expected"
                    + " {\"value\":[...]})", source() + " " + url, null);
        }
        // skip rows already delivered before the body broke off
        long delivered = delivered();
        for (long i = 0; i < delivered; i++) {
            if (advance(p, true) == null) {
                throw new DataException("the page had fewer rows when requested again (" + i + " instead of "
                        + delivered + "); it changed underneath the run", source() + " " + url, null);
            }
        }
    }

    @Override
    protected @Nullable Map<String, Object> readRow(JsonParser p) throws IOException {
        return advance(p, false);
    }

    /** Reads to the next row, or to the end of the document (returns null). */
    private @Nullable Map<String, Object> advance(JsonParser p, boolean skip) throws IOException {
        while (true) {
            if (inValue) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT) {
                    if (skip) {
                        p.skipChildren();
                        return Map.of();
                    }
                    return JsonRows.readObject(p, keys);
                }
                if (t == JsonToken.END_ARRAY) {
                    inValue = false;
                    continue;
                }
                if (t == null) {
                    throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "unexpected end of input in 'value'");
                }
                throw new DataException("the 'value' array holds a " + t + " where a row object was expected",
                        source() + " " + url, null);
            }
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_OBJECT) {
                if (!sawValue) {
                    throw new DataException("the API answered without a 'value' array (wrong shape)",
                            source() + " " + url, null);
                }
                if (p.nextToken() != null) {
                    throw new DataException("the API sent data after the end of the JSON document",
                            source() + " " + url, null);
                }
                return null;
            }
            if (t != JsonToken.FIELD_NAME) {
                throw new com.fasterxml.jackson.core.io.JsonEOFException(p, t, "unexpected end of input");
            }
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("value".equals(name)) {
                if (v != JsonToken.START_ARRAY) {
                    throw new DataException("'value' is a " + v + ", not an array (wrong shape)",
                            source() + " " + url, null);
                }
                sawValue = true;
                inValue = true;
            } else if ("@odata.nextLink".equals(name)) {
                if (v == JsonToken.VALUE_STRING) {
                    nextLink = p.getText();
                } else if (v != JsonToken.VALUE_NULL) {
                    throw new DataException("'@odata.nextLink' is a " + v + ", not a string",
                            source() + " " + url, null);
                }
            } else {
                p.skipChildren();
            }
        }
    }
}
