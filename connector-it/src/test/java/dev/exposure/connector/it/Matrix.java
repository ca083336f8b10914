package dev.exposure.connector.it;

import java.util.Map;
import java.util.TreeMap;

/**
 * Tallies of the fault matrix in this JVM, printed when a matrix class finishes so the figures in
 * docs/GUARANTEES.md can be checked against a run.
 */
final class Matrix {
    /** How a fault case ends. */
    enum Outcome {
        /** The run completed with exactly the records of a clean run. */
        RECOVERED,
        /** The run failed with the expected typed ConnectorException and no checkpoint. */
        FAILED_CORRECTLY,
        /** The consumer stopped the run (interrupt or close): no error hidden, no checkpoint. */
        STOPPED
    }

    private static final Map<String, Outcome> RESULTS = new TreeMap<>();

    private Matrix() { }

    static synchronized void record(String connector, String fault, Outcome outcome) {
        RESULTS.put(connector + " | " + fault, outcome);
    }

    static synchronized String summary() {
        long recovered = RESULTS.values().stream().filter(o -> o == Outcome.RECOVERED).count();
        long failed = RESULTS.values().stream().filter(o -> o == Outcome.FAILED_CORRECTLY).count();
        long stopped = RESULTS.values().stream().filter(o -> o == Outcome.STOPPED).count();
        StringBuilder b = new StringBuilder("fault matrix: ").append(RESULTS.size()).append(" faults tried, ")
                .append(recovered).append(" recovered, ").append(failed).append(" failed correctly, ")
                .append(stopped).append(" stopped by the consumer; texts scanned ").append(SecretScan.textsScanned())
                .append(", secrets leaked ").append(SecretScan.leaks()).append('\n');
        RESULTS.forEach((k, v) -> b.append("  ").append(k).append(" -> ").append(v).append('\n'));
        return b.toString();
    }
}
