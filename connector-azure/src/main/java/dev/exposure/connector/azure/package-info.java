/**
 * The Azure layer: what every Microsoft connector of this SDK does the same way (credentials, cloud
 * profiles, the HTTP pipeline, Retry-After, failure mapping with vendor guidance, connection probes,
 * JSON row reading, waits and proxies). Vendor modules keep only their API shape, records, queries and
 * guidance text.
 */
@NullMarked
package dev.exposure.connector.azure;

import org.jspecify.annotations.NullMarked;
