/**
 * Simulated Defender tenants (MDE V2 and Defender for Cloud on Resource Graph) served over the JDK's
 * HTTPS server: real wire formats, injectable faults and the counts a correct sync must produce.
 */
package dev.exposure.connector.sim;
