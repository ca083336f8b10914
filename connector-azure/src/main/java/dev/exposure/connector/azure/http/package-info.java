/**
 * The HTTP layer shared by the Microsoft connectors, for connector implementers (not for hosts):
 * {@link dev.exposure.connector.azure.http.AzureHttp} builds the azure-core HTTP client and the
 * pipelines (user agent, one retry loop with vendor {@link dev.exposure.connector.azure.http.RetryRules},
 * pacing by a {@link dev.exposure.connector.azure.http.SlidingWindowBudget} or by
 * {@link dev.exposure.connector.azure.http.QuotaHeaderPacer}, host guard, bearer token with one 401
 * resend, response size guard); {@link dev.exposure.connector.azure.http.RetryAfter} reads the
 * server's wait; {@link dev.exposure.connector.azure.http.Timing} holds the timeouts and retry values;
 * {@link dev.exposure.connector.azure.http.Waits} is the only way anything here waits (through the
 * host's {@code Sleeper}); {@link dev.exposure.connector.azure.http.StallWatchdog} aborts silent bodies.
 */
@NullMarked
package dev.exposure.connector.azure.http;

import org.jspecify.annotations.NullMarked;
