/**
 * The connector SPI: discovery ({@link dev.exposure.connector.Connectors},
 * {@link dev.exposure.connector.ConnectorProvider}), the {@link dev.exposure.connector.Connector}
 * contract, lazy paged {@link dev.exposure.connector.RecordStream}s, requests, checkpoints,
 * configuration values, connection tests and the typed error tree.
 *
 * <pre>{@code
 * Connectors connectors = Connectors.load();
 * ConnectorProvider provider = connectors.require("mde-v2");
 * try (Connector connector = provider.create(config, ConnectorContext.empty());
 *      RecordStream<SourceRecord> findings = connector.fetchFindings(SyncRequest.full())) {
 *     findings.forEachRemaining(sink::accept);
 *     findings.checkpoint().ifPresent(store::save);   // only after full consumption
 * }
 * }</pre>
 */
@ConnectorStyle
@NullMarked
package dev.exposure.connector;

import dev.exposure.connector.internal.ConnectorStyle;
import org.jspecify.annotations.NullMarked;
