package dev.exposure.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link Connector#testConnection()}: the spec's five ordered checks, each PASSED,
 * FAILED or SKIPPED (every check after a failure is skipped), with its duration, a message and,
 * on failure, a remediation hint.
 *
 * <p>Connectors build it with {@link #runner()}, which runs probes in order, times them, turns a
 * probe's exception into a failed check and skips the rest.
 *
 * @since 0.1
 */
@Value.Immutable
public abstract class ConnectionTestReport {

    /** The five checks, in the order they run. */
    public enum Check {
        /** The API and login hosts answer on their HTTPS port. */
        NETWORK_REACHABILITY("Network Reachability"),
        /** A TLS session can be established with them. */
        TLS_HANDSHAKE("TLS Handshake"),
        /** The identity provider issues a token for the credential. */
        AUTHENTICATION_CREDENTIAL_CHECK("Authentication Credential Check"),
        /** The token carries every permission the sync needs. */
        AUTHORIZATION_SCOPE_CHECK("Authorization Scope Check"),
        /** One record can be fetched. */
        DATA_FETCH("Data Fetch");

        private final String label;

        Check(String label) {
            this.label = label;
        }

        /** @return the name the product shows, e.g. {@code TLS Handshake} */
        public String label() {
            return label;
        }
    }

    /** The outcome of one check. */
    public enum Status {
        /** The check succeeded. */
        PASSED,
        /** The check failed; see the message and remediation. */
        FAILED,
        /** The check did not run because an earlier one failed. */
        SKIPPED
    }

    /** One check's result. */
    @Value.Immutable
    public abstract static class CheckResult {
        /** @return which check */
        public abstract Check check();

        /** @return its outcome */
        public abstract Status status();

        /** @return how long it took */
        public abstract Duration duration();

        /** @return what it found, without secrets */
        public abstract String message();

        /** @return what to do about a failure */
        public abstract Optional<String> remediation();

        /** @return a new builder */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link CheckResult}. */
        public static final class Builder extends ImmutableCheckResult.Builder {}
    }

    /** What a probe found. */
    public static final class Outcome {
        private final boolean passed;
        private final String message;
        private final @Nullable String remediation;

        private Outcome(boolean passed, String message, @Nullable String remediation) {
            this.passed = passed;
            this.message = Objects.requireNonNull(message, "message must not be null");
            this.remediation = remediation;
        }

        /**
         * @param message what was verified
         * @return a passing outcome
         */
        public static Outcome pass(String message) {
            return new Outcome(true, message, null);
        }

        /**
         * @param message what failed, without secrets
         * @param remediation what the user should do
         * @return a failing outcome
         */
        public static Outcome fail(String message, String remediation) {
            return new Outcome(false, message, remediation);
        }
    }

    /** One check's probe. */
    @FunctionalInterface
    public interface Probe {
        /**
         * @return the outcome
         * @throws Exception any failure, reported as a failed check with the probe's default remediation
         */
        Outcome run() throws Exception;
    }

    /** @return the five results, in order */
    public abstract List<CheckResult> checks();

    /** @return true only when all five checks passed */
    @Value.Derived
    public boolean passed() {
        return checks().size() == Check.values().length
                && checks().stream().allMatch(c -> c.status() == Status.PASSED);
    }

    /**
     * @param check a check
     * @return its result
     */
    public CheckResult result(Check check) {
        return checks().stream().filter(c -> c.check() == check).findFirst()
                .orElseThrow(() -> new IllegalStateException("report has no result for " + check));
    }

    /** @return the first failed check, if any */
    public Optional<CheckResult> firstFailure() {
        return checks().stream().filter(c -> c.status() == Status.FAILED).findFirst();
    }

    /** Checks the invariants; called by the generated builder, which throws what this throws. */
    @Value.Check
    protected void check() {
        List<Check> order = checks().stream().map(CheckResult::check).toList();
        if (!order.equals(List.of(Check.values()))) {
            throw new IllegalStateException("a connection test report must hold the five checks in order, had " + order);
        }
    }

    /** @return a runner that runs probes in order */
    public static Runner runner() {
        return new Runner();
    }

    /** Runs the five probes in order; see {@link ConnectionTestReport}. */
    public static final class Runner {
        private final Map<Check, Probe> probes = new EnumMap<>(Check.class);
        private final Map<Check, String> remediations = new EnumMap<>(Check.class);

        private Runner() { }

        /**
         * @param check the check
         * @param probe its probe
         * @param remediation what to tell the user when the probe throws
         * @return this runner
         */
        public Runner check(Check check, Probe probe, String remediation) {
            probes.put(check, probe);
            remediations.put(check, remediation);
            return this;
        }

        /**
         * Runs the probes in order, telling the listener about each result as it is known.
         *
         * @param onCheck called once per check, in order
         * @param redact cleans any text taken from an exception (e.g. {@link Secret#redact})
         * @return the report
         * @throws IllegalStateException if a probe is missing
         * @throws ConnectorInterruptedException if the thread is interrupted
         */
        public ConnectionTestReport run(Consumer<CheckResult> onCheck, java.util.function.UnaryOperator<String> redact) {
            List<CheckResult> results = new ArrayList<>();
            boolean failed = false;
            for (Check check : Check.values()) {
                Probe probe = probes.get(check);
                if (probe == null) {
                    throw new IllegalStateException("no probe for " + check);
                }
                CheckResult result;
                if (failed) {
                    result = CheckResult.builder().check(check).status(Status.SKIPPED).duration(Duration.ZERO)
                            .message("skipped: an earlier check failed").build();
                } else {
                    long t0 = System.nanoTime();
                    Outcome outcome;
                    try {
                        outcome = probe.run();
                    } catch (ConnectorInterruptedException e) {
                        throw e;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ConnectorInterruptedException("connection test interrupted during " + check.label(), e);
                    } catch (Exception e) {
                        if (Interrupts.causedByInterrupt(e)) {
                            Thread.currentThread().interrupt();
                            throw new ConnectorInterruptedException("connection test interrupted during "
                                    + check.label(), e);
                        }
                        outcome = Outcome.fail(redact.apply(describe(e)), remediations.get(check));
                    }
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    result = CheckResult.builder().check(check).status(outcome.passed ? Status.PASSED : Status.FAILED)
                            .duration(took).message(redact.apply(outcome.message))
                            .remediation(Optional.ofNullable(outcome.remediation)).build();
                    failed = !outcome.passed;
                }
                results.add(result);
                onCheck.accept(result);
            }
            return builder().checks(results).build();
        }

        private static String describe(Throwable e) {
            Throwable root = e;
            for (int depth = 0; depth < 32 && root.getCause() != null && root.getCause() != root; depth++) {
                root = root.getCause();   // bounded: a cause cycle longer than one must not hang the check
            }
            String msg = e instanceof ConnectorException ? e.getMessage() : null;
            if (msg == null) {
                msg = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
            }
            return msg;
        }
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ConnectionTestReport}. */
    public static final class Builder extends ImmutableConnectionTestReport.Builder {}
}
