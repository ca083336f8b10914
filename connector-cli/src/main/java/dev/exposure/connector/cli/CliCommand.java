package dev.exposure.connector.cli;

import dev.exposure.connector.Connector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/** What every subcommand shares: the root (environment, verbosity, secret mask) and its writers. */
abstract class CliCommand {
    @Nullable ConnectorCli root;

    @CommandLine.Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    ConnectorCli root() {
        return Objects.requireNonNull(root, "root");
    }

    CliEnvironment env() {
        return root().environment;
    }

    PrintWriter out() {
        return Objects.requireNonNull(spec).commandLine().getOut();
    }

    PrintWriter err() {
        return Objects.requireNonNull(spec).commandLine().getErr();
    }

    UnaryOperator<String> redact() {
        return root().redactor();
    }

    void warn(String message) {
        err().println("warning: " + ConnectorCli.safe(redact().apply(message)));
        err().flush();
    }

    /** Loads and validates a config file, prints its warnings and masks its secret from now on. */
    ConfigFile.Loaded loadConfig(Path file) {
        ConfigFile.Loaded loaded = ConfigFile.load(file, env().connectors.get(), env().context, env().env);
        root().addSecret(loaded.secret());
        loaded.warnings().forEach(this::warn);
        return loaded;
    }

    /** Creates the connector of a loaded config with the environment's context. */
    Connector connect(ConfigFile.Loaded loaded) {
        return loaded.provider().create(loaded.config(), env().context);
    }

    /** Prints an error (one line; every field for configuration errors) and returns its exit code. */
    int fail(Throwable e) {
        ConnectorCli.printError(err(), e, redact());
        if (root().verbose) {
            ConnectorCli.printTrace(err(), e, redact());
        }
        err().flush();
        return ExitCodes.of(e);
    }
}
