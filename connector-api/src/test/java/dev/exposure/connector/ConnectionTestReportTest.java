package dev.exposure.connector;

import static dev.exposure.connector.ConnectionTestReport.Check.AUTHENTICATION_CREDENTIAL_CHECK;
import static dev.exposure.connector.ConnectionTestReport.Check.AUTHORIZATION_SCOPE_CHECK;
import static dev.exposure.connector.ConnectionTestReport.Check.DATA_FETCH;
import static dev.exposure.connector.ConnectionTestReport.Check.NETWORK_REACHABILITY;
import static dev.exposure.connector.ConnectionTestReport.Check.TLS_HANDSHAKE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.exposure.connector.ConnectionTestReport.Check;
import dev.exposure.connector.ConnectionTestReport.CheckResult;
import dev.exposure.connector.ConnectionTestReport.Outcome;
import dev.exposure.connector.ConnectionTestReport.Probe;
import dev.exposure.connector.ConnectionTestReport.Status;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionTestReportTest {
    private static final Secret SECRET = Secret.of("Xq8~s3cr3t-value");
    private final List<Check> ran = new ArrayList<>();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private Probe passing(Check check) {
        return () -> {
            ran.add(check);
            return Outcome.pass(check.label() + " ok");
        };
    }

    private ConnectionTestReport.Runner allPassingExcept(Check special, Probe probe) {
        ConnectionTestReport.Runner runner = ConnectionTestReport.runner();
        for (Check check : Check.values()) {
            runner.check(check, check == special ? probe : passing(check), "fix " + check.label());
        }
        return runner;
    }

    @Test
    void shouldRunTheFiveChecksInOrderAndPassWhenAllPass() {
        List<CheckResult> heard = new ArrayList<>();

        ConnectionTestReport report = allPassingExcept(null, null).run(heard::add, UnaryOperator.identity());

        assertThat(ran).containsExactly(Check.values());
        assertThat(report.passed()).isTrue();
        assertThat(report.firstFailure()).isEmpty();
        assertThat(heard).isEqualTo(report.checks());
        assertThat(report.checks()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(Status.PASSED);
            assertThat(c.duration().isNegative()).isFalse();
            assertThat(c.remediation()).isEmpty();
        });
        assertThat(report.result(TLS_HANDSHAKE).message()).isEqualTo("TLS Handshake ok");
    }

    @Test
    void shouldSkipEveryCheckAfterAFailure() {
        ConnectionTestReport report = allPassingExcept(AUTHENTICATION_CREDENTIAL_CHECK,
                () -> Outcome.fail("AADSTS7000215: invalid client secret", "Create a new client secret"))
                .run(r -> { }, UnaryOperator.identity());

        assertThat(report.checks()).extracting(CheckResult::status)
                .containsExactly(Status.PASSED, Status.PASSED, Status.FAILED, Status.SKIPPED, Status.SKIPPED);
        assertThat(ran).as("probes run").containsExactly(NETWORK_REACHABILITY, TLS_HANDSHAKE);
        assertThat(report.passed()).isFalse();
        assertThat(report.firstFailure()).hasValueSatisfying(f -> {
            assertThat(f.check()).isEqualTo(AUTHENTICATION_CREDENTIAL_CHECK);
            assertThat(f.remediation()).contains("Create a new client secret");
        });
        assertThat(report.result(DATA_FETCH).duration()).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldTurnAProbeExceptionIntoAFailedCheckWithTheDefaultRemediationAndNoSecret() {
        ConnectionTestReport report = allPassingExcept(AUTHORIZATION_SCOPE_CHECK, () -> {
            throw new IllegalStateException("wrapper", new IOException("server said client_secret="
                    + SECRET.reveal() + " is wrong"));
        }).run(r -> { }, SECRET::redact);

        CheckResult failed = report.result(AUTHORIZATION_SCOPE_CHECK);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.message()).startsWith("IOException: ").contains("client_secret=****")
                .doesNotContain(SECRET.reveal());
        assertThat(failed.remediation()).contains("fix Authorization Scope Check");
        assertThat(report.result(DATA_FETCH).status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void shouldReportAConnectorExceptionByItsOwnMessage() {
        ConnectionTestReport report = allPassingExcept(DATA_FETCH, () -> {
            throw new AuthorizationException("the app lacks Vulnerability.Read.All", "Vulnerability.Read.All",
                    "https://api.securitycenter.microsoft.com/api/machines", null);
        }).run(r -> { }, UnaryOperator.identity());

        assertThat(report.result(DATA_FETCH).message()).contains("Vulnerability.Read.All")
                .contains("https://api.securitycenter.microsoft.com/api/machines");
    }

    @Test
    void shouldStopWithConnectorInterruptedExceptionWhenAProbeIsInterrupted() {
        ConnectionTestReport.Runner runner = allPassingExcept(TLS_HANDSHAKE, () -> {
            throw new InterruptedException("sleeping");
        });

        assertThatExceptionOfType(ConnectorInterruptedException.class)
                .isThrownBy(() -> runner.run(r -> { }, UnaryOperator.identity()))
                .withMessageContaining("TLS Handshake");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(ran).containsExactly(NETWORK_REACHABILITY);
    }

    @Test
    void shouldStopWhenAProbeFailsBecauseItsThreadWasInterrupted() {
        ConnectionTestReport.Runner runner = allPassingExcept(NETWORK_REACHABILITY, () -> {
            Thread.currentThread().interrupt();
            throw new IOException("socket closed by interrupt");
        });

        assertThatExceptionOfType(ConnectorInterruptedException.class)
                .isThrownBy(() -> runner.run(r -> { }, UnaryOperator.identity()))
                .withMessageContaining("Network Reachability");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void shouldStopWhenAProbeFailsWithAWrappedInterruptAndAClearedFlag() {
        ConnectionTestReport.Runner runner = allPassingExcept(AUTHENTICATION_CREDENTIAL_CHECK, () -> {
            throw new RuntimeException(new java.util.concurrent.ExecutionException(new InterruptedException()));
        });

        assertThatExceptionOfType(ConnectorInterruptedException.class)
                .isThrownBy(() -> runner.run(r -> { }, UnaryOperator.identity()))
                .withMessageContaining("Authentication Credential Check");
        assertThat(Thread.currentThread().isInterrupted()).as("flag restored").isTrue();
    }

    @Test
    void shouldPassThroughAConnectorInterruptedExceptionFromAProbe() {
        ConnectorInterruptedException cancelled = new ConnectorInterruptedException("cancelled", null);
        ConnectionTestReport.Runner runner = allPassingExcept(DATA_FETCH, () -> {
            throw cancelled;
        });

        assertThatExceptionOfType(ConnectorInterruptedException.class)
                .isThrownBy(() -> runner.run(r -> { }, UnaryOperator.identity())).isSameAs(cancelled);
    }

    @Test
    void shouldRefuseToRunWithAMissingProbe() {
        ConnectionTestReport.Runner runner = ConnectionTestReport.runner()
                .check(NETWORK_REACHABILITY, passing(NETWORK_REACHABILITY), "x");

        assertThatIllegalStateException().isThrownBy(() -> runner.run(r -> { }, UnaryOperator.identity()))
                .withMessageContaining("TLS_HANDSHAKE");
    }

    @Test
    void shouldRefuseAReportWithoutTheFiveChecksInOrder() {
        CheckResult one = CheckResult.builder().check(DATA_FETCH).status(Status.PASSED).duration(Duration.ZERO)
                .message("ok").build();

        assertThatIllegalStateException().isThrownBy(() -> ConnectionTestReport.builder().addChecks(one).build())
                .withMessageContaining("five checks in order");
    }
}
