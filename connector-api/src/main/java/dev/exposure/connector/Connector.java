package dev.exposure.connector;

import java.util.function.Consumer;

/**
 * A configured, read-only integration with one vendor tenant, created by a
 * {@link ConnectorProvider}. Immutable and safe to share between threads; the streams it returns
 * are single-consumer and not thread-safe.
 *
 * <p>Nothing is sent on creation. Fetch methods are lazy: no request is sent before the first
 * {@code hasNext()} of the returned stream; failures surface from {@code hasNext()}/{@code next()}
 * as {@link ConnectorException}s. The caller must close each stream (try-with-resources).
 *
 * @since 0.1
 */
public interface Connector extends AutoCloseable {

    /** @return the descriptor of the provider that created this connector */
    ConnectorDescriptor descriptor();

    /**
     * Runs the five ordered connection checks. A vendor refusal is a failed check, not an
     * exception.
     *
     * @return the report
     * @throws ConnectorInterruptedException if the calling thread is interrupted
     */
    default ConnectionTestReport testConnection() {
        return testConnection(result -> { });
    }

    /**
     * As {@link #testConnection()}, telling the listener about each check as it completes.
     *
     * @param onCheck called once per check, in order
     * @return the report
     * @throws ConnectorInterruptedException if the calling thread is interrupted
     */
    ConnectionTestReport testConnection(Consumer<ConnectionTestReport.CheckResult> onCheck);

    /**
     * Streams the vendor's asset records ({@link SourceRecord.Kind#ASSET}).
     *
     * @param request what to sync
     * @return a lazy stream; close it
     * @throws ConfigurationException if the request asks for something this connector does not
     *     support (e.g. a filter or delta), before any request is sent
     */
    RecordStream<SourceRecord> fetchAssets(SyncRequest request);

    /**
     * Streams the vendor's finding records ({@link SourceRecord.Kind#FINDING}). With
     * {@link SyncRequest.Data#ASSETS} the stream is empty and no finding endpoint is called.
     * {@link RecordStream#checkpoint()} gives the checkpoint for the next delta run once the stream
     * was fully consumed.
     *
     * @param request what to sync
     * @return a lazy stream; close it
     * @throws ConfigurationException if the request asks for something this connector does not
     *     support, before any request is sent
     */
    RecordStream<SourceRecord> fetchFindings(SyncRequest request);

    /** Releases resources. Idempotent; declares no checked exception. */
    @Override
    default void close() {}
}
