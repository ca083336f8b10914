package dev.exposure.connector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.ConnectorException;
import dev.exposure.connector.ConnectorInterruptedException;
import dev.exposure.connector.RecordStream;
import dev.exposure.connector.SourceRecord;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

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

    /** What a fault case expects. */
    enum Expect { RECOVERED, FAILED, STOPPED }

    /**
     * One row of a connector's matrix.
     *
     * @param name the fault, as in the table of docs/GUARANTEES.md
     * @param kind the stream read
     * @param arrange scripts the fault on the tenant
     * @param midRun called after each delivered record (interrupt, close, pause)
     * @param expect the outcome
     * @param error the typed error expected when the run fails
     * @param <K> the connector's kinds of stream
     * @param <C> what the connector's cases can touch
     */
    record Case<K, C>(String name, K kind, Consumer<C> arrange,
                      BiConsumer<RecordStream<SourceRecord>, Integer> midRun, Expect expect,
                      @Nullable Class<? extends ConnectorException> error) {
        /** A case whose run must recover with exactly the clean run's records. */
        static <K, C> Case<K, C> recovers(String name, K kind, Consumer<C> arrange) {
            return new Case<>(name, kind, arrange, Run.NOTHING, Expect.RECOVERED, null);
        }

        /** A case whose run must fail with {@code error} and hand out no checkpoint. */
        static <K, C> Case<K, C> fails(String name, K kind, Consumer<C> arrange,
                                       Class<? extends ConnectorException> error) {
            return new Case<>(name, kind, arrange, Run.NOTHING, Expect.FAILED, error);
        }

        /**
         * A case whose consuming thread is interrupted 300 ms after the first record, while
         * {@code arrange} holds the next page back: the run must fail with
         * {@link ConnectorInterruptedException}.
         */
        static <K, C> Case<K, C> interruptedAfterFirstRecord(K kind, Consumer<C> arrange) {
            return new Case<>("interrupt of the consuming thread", kind, arrange, (s, n) -> {
                if (n == 1) {
                    MdeFaultMatrixTest.interruptLater(Thread.currentThread(), java.time.Duration.ofMillis(300));
                }
            }, Expect.FAILED, ConnectorInterruptedException.class);
        }

        /** A case whose consumer closes the stream after {@code records} records, in the middle of a page. */
        static <K, C> Case<K, C> closedAfter(K kind, int records) {
            return new Case<>("close in the middle of a page", kind, c -> { }, (s, n) -> {
                if (n == records) {
                    s.close();
                }
            }, Expect.STOPPED, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<String, Outcome> RESULTS = new TreeMap<>();

    private Matrix() { }

    static synchronized void record(String connector, String fault, Outcome outcome) {
        RESULTS.put(connector + " | " + fault, outcome);
    }

    /**
     * The checks every connector's matrix makes of a run: a recovered run delivers exactly the
     * records of the clean run; a failed one ends with the expected typed error naming what
     * failed, delivered only real data and kept the interrupt flag when interrupted; a stopped one
     * ends quietly after the records the consumer took.
     *
     * @param expect what the case expects
     * @param error the typed error expected when the run fails
     * @param run the run
     * @param clean id -> deliveries of the clean run of the same stream
     * @param interruptFlag whether the consumer's thread was left interrupted
     * @param stoppedAfter how many records a stopped run delivers
     * @return the outcome to {@link #record} once the connector's own checks pass
     */
    static Outcome assertOutcome(Expect expect, @Nullable Class<? extends ConnectorException> error, Run run,
                                 Map<String, Integer> clean, boolean interruptFlag, int stoppedAfter) {
        switch (expect) {
            case RECOVERED -> {
                assertThat(run.error()).as("error of a run that should recover").isNull();
                assertThat(run.multiset()).as("exactly the records of a clean run").isEqualTo(clean);
                return Outcome.RECOVERED;
            }
            case FAILED -> {
                assertThat(run.error()).as("typed error").isInstanceOf(error);
                assertThat(run.error().getMessage()).as("the error says what failed").isNotBlank();
                assertThat(run.multiset().keySet()).as("what was delivered is real data").isSubsetOf(clean.keySet());
                if (error == ConnectorInterruptedException.class) {
                    assertThat(interruptFlag).as("the interrupt flag is kept").isTrue();
                }
                return Outcome.FAILED_CORRECTLY;
            }
            default -> {
                assertThat(run.error()).isNull();
                assertThat(run.ids()).hasSize(stoppedAfter);
                return Outcome.STOPPED;
            }
        }
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
