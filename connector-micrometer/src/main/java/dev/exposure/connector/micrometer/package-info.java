/**
 * Metrics of connector syncs for a host's Micrometer registry: {@link
 * dev.exposure.connector.micrometer.ConnectorMetrics}.
 */
@NullMarked
package dev.exposure.connector.micrometer;

import org.jspecify.annotations.NullMarked;
