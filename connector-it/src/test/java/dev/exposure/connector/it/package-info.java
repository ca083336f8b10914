/**
 * Reliability and security tests of both connectors on the simulated tenants: the fault matrix,
 * bad input, HTTPS-only endpoints and the secret scan. They prove {@code docs/GUARANTEES.md}.
 */
@NullMarked
package dev.exposure.connector.it;

import org.jspecify.annotations.NullMarked;
