/**
 * JSON row reading and resume for the Azure connectors: rows built from Jackson's streaming parser
 * ({@link dev.exposure.connector.azure.json.JsonRows}), read one at a time from an open response and
 * resumed after a broken body without losing or repeating a row
 * ({@link dev.exposure.connector.azure.json.ResumableRows},
 * {@link dev.exposure.connector.azure.json.ODataReader}), and mapped lazily into the pages of
 * {@link dev.exposure.connector.PagedRecordStream} ({@link dev.exposure.connector.azure.json.RowPage}).
 */
@NullMarked
package dev.exposure.connector.azure.json;

import org.jspecify.annotations.NullMarked;
