package dev.exposure.connector.cli;

import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.ConnectionTestReport.Check;
import dev.exposure.connector.ConnectionTestReport.CheckResult;
import dev.exposure.connector.ConnectionTestReport.Status;
import dev.exposure.connector.Connector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code test --config FILE}: the five connection checks. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the five connection checks (network, TLS, authentication, authorization, data fetch),"
                + " printing each as it completes. Exit code 0 only when all pass.")
final class TestCommand extends CliCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The connection config file (JSON).")
    Path config = Path.of("");

    @Override
    public Integer call() {
        try (Worker worker = new Worker(env().signals)) {
            try {
                ConfigFile.Loaded loaded = loadConfig(config);
                PrintWriter out = out();
                out.println("Testing " + loaded.provider().id() + " connection '"
                        + ConnectorCli.safe(loaded.config().name().orElse("")) + "' (5 checks)");
                out.flush();
                ConnectionTestReport report = worker.run("connection test", () -> {
                    try (Connector connector = connect(loaded)) {
                        return connector.testConnection(r -> print(out, r, redact()));
                    }
                });
                return verdict(out, report);
            } catch (Exception e) {
                return fail(e);
            }
        }
    }

    static void print(PrintWriter out, CheckResult r, UnaryOperator<String> redact) {
        out.println(String.format(Locale.ROOT, "  %-8s %-32s %6d ms  %s", r.status(), r.check().label(),
                r.duration().toMillis(), ConnectorCli.safe(redact.apply(r.message()))));
        r.remediation().filter(x -> r.status() == Status.FAILED)
                .ifPresent(x -> out.println("           remediation: " + ConnectorCli.safe(redact.apply(x))));
        out.flush();
    }

    static int verdict(PrintWriter out, ConnectionTestReport report) {
        if (report.passed()) {
            out.println("Result: all 5 checks passed");
            out.flush();
            return ExitCodes.OK;
        }
        CheckResult failed = report.firstFailure().orElseThrow();
        out.println("Result: FAILED at " + failed.check().label());
        out.flush();
        return failed.check() == Check.AUTHENTICATION_CREDENTIAL_CHECK
                || failed.check() == Check.AUTHORIZATION_SCOPE_CHECK ? ExitCodes.AUTH : ExitCodes.FAILURE;
    }
}
