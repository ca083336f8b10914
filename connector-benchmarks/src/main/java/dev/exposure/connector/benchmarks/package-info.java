/**
 * Benchmark programs (plain {@code main}s, outside the test suite) that measure the SDK against
 * the simulated tenants of connector-sim; results and commands are in {@code docs/BENCHMARKS.md}.
 */
@NullMarked
package dev.exposure.connector.benchmarks;

import org.jspecify.annotations.NullMarked;
