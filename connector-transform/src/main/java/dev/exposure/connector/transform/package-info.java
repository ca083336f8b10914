/**
 * The pure transform stage between a connector and the host: {@link
 * dev.exposure.connector.transform.TransformMap transform maps} (JSON data, validated and compiled
 * once), the {@link dev.exposure.connector.transform.RiskSeverityMapping risk severity mapping},
 * {@link dev.exposure.connector.transform.Normalize normalizers}, streaming de-duplication and
 * {@link dev.exposure.connector.transform.TruRisk risk scoring}.
 *
 * <p>Nothing here performs I/O except on streams the caller hands in, and nothing reads the clock:
 * the host passes a {@link java.time.Clock}. Every public type is immutable and thread-safe unless
 * its Javadoc says otherwise.
 *
 * <pre>{@code
 * Transformer transformer = Transformer.builder()
 *         .findingMap(TransformMap.fromJson(mapStream))
 *         .severityMapping(RiskSeverityMapping.mdeDefault())
 *         .clock(Clock.systemUTC())
 *         .errorPolicy(ErrorPolicy.SKIP_AND_REPORT)
 *         .build();
 * try (TransformedStream<Finding> findings = transformer.findings(connector.fetchFindings(request))) {
 *     findings.forEachRemaining(sink::accept);
 *     findings.checkpoint().ifPresent(store::save);   // only after full consumption
 *     log.info("{}", findings.report());
 * }
 * }</pre>
 */
@NullMarked
package dev.exposure.connector.transform;

import org.jspecify.annotations.NullMarked;
