package dev.exposure.connector.cli;

import dev.exposure.connector.ConfigError;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.SafeText;
import dev.exposure.connector.Secret;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level command: global options, subcommands, error and exit-code handling. */
@Command(name = "connector", mixinStandardHelpOptions = true, versionProvider = ConnectorCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Pull host assets and findings out of Microsoft Defender for Endpoint and Defender for Cloud"
                + " as normalized JSON lines.",
        subcommands = {ListCommand.class, DescribeCommand.class, TestCommand.class, SyncCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (test: all five checks passed)",
            "1:failure (network, service, data, writing the output, checkpoint in use, a failed connection check)",
            "2:wrong command line (unknown command or option, missing parameter)",
            "3:configuration error (config file, validation, checkpoint file, unsupported request)",
            "4:authentication or authorization refused",
            "130:interrupted (Ctrl-C); no checkpoint written"})
final class ConnectorCli implements Runnable {
    /** The longest message line printed, in characters; longer ones are cut (a server's 900 KB body, too). */
    static final int MAX_LINE = 1000;
    final CliEnvironment environment;
    /** Every secret this process has read, masked in everything printed. */
    private final List<Secret> secrets = new ArrayList<>();

    volatile boolean verbose;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print library log lines at DEBUG and stack traces of errors (never secrets).")
    void verbose(boolean value) {
        verbose = verbose || value;
        if (verbose && environment.configureLogging) {
            Main.logLevel("debug");
        }
    }

    @CommandLine.Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    ConnectorCli(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        CommandLine cl = java.util.Objects.requireNonNull(spec).commandLine();
        cl.usage(cl.getOut());
    }

    synchronized void addSecret(@Nullable Secret secret) {
        if (secret != null && !secret.isBlank()) {
            secrets.add(secret);
        }
    }

    /** @return a function masking every secret read so far */
    UnaryOperator<String> redactor() {
        return text -> {
            String t = text;
            synchronized (this) {
                for (Secret s : secrets) {
                    t = s.redact(t);
                }
            }
            return t;
        };
    }

    /**
     * Builds the command line with the error handling every command shares.
     *
     * @return the command line; {@code execute(args)} returns the exit code
     */
    static CommandLine commandLine(CliEnvironment environment) {
        ConnectorCli root = new ConnectorCli(environment);
        CommandLine cl = new CommandLine(root, new Factory(root));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println("error: " + safe(String.valueOf(ex.getMessage())) + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter err = c.getErr();
            UnaryOperator<String> redact = root.redactor();
            printError(err, ex, redact);
            if (root.verbose) {
                printTrace(err, ex, redact);
            }
            err.flush();
            return ExitCodes.of(ex);
        });
        return cl;
    }

    static void printError(PrintWriter err, Throwable ex, UnaryOperator<String> redact) {
        if (ex instanceof ConfigurationException ce && ce.errors().size() > 1) {
            err.println("error: " + ce.errors().size() + " configuration problems:");
            for (ConfigError e : ce.errors()) {
                err.println("  " + safe(redact.apply(e.field() + ": " + e.message())));
            }
        } else if (ex instanceof ConfigurationException ce) {
            ConfigError e = ce.errors().get(0);
            err.println("error: " + safe(redact.apply(e.field() + ": " + e.message())));
        } else {
            err.println("error: " + safe(redact.apply(describe(ex))));
        }
    }

    /**
     * Makes one line of text from a server or a file safe to print: control characters (terminal
     * escape sequences included) replaced by {@code ?}, cut after {@value #MAX_LINE} characters
     * ({@link SafeText}). Applied after the secret mask, to every message the commands print.
     */
    static String safe(String line) {
        return SafeText.of(line, MAX_LINE);
    }

    /**
     * Prints a stack trace whose messages are masked and made safe ({@link #safe(String)}, so a
     * message cannot break the trace into lines of its own); frames are printed as they are.
     */
    static void printTrace(PrintWriter err, Throwable ex, UnaryOperator<String> redact) {
        trace(err, ex, "", redact, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static void trace(PrintWriter err, @Nullable Throwable t, String prefix, UnaryOperator<String> redact,
                              java.util.Set<Throwable> seen) {
        if (t == null || !seen.add(t) || seen.size() > 50) {
            return;
        }
        String msg = t.getMessage();
        err.println(prefix + t.getClass().getName() + (msg == null ? "" : ": " + safe(redact.apply(msg))));
        for (StackTraceElement frame : t.getStackTrace()) {
            err.println("\tat " + frame);
        }
        for (Throwable s : t.getSuppressed()) {
            trace(err, s, "Suppressed: ", redact, seen);
        }
        trace(err, t.getCause(), "Caused by: ", redact, seen);
    }

    static String describe(Throwable ex) {
        String msg = ex.getMessage();
        if (ex instanceof java.io.UncheckedIOException && ex.getCause() != null) {
            msg = msg + ": " + ex.getCause().getClass().getSimpleName()
                    + (ex.getCause().getMessage() == null ? "" : " " + ex.getCause().getMessage());
        }
        if (msg == null || msg.isBlank()) {
            msg = ex.getClass().getSimpleName();
        }
        return msg.replace('\n', ' ').replace('\r', ' ');
    }

    /** Gives subcommands the root, so that they reach the environment and the secret mask. */
    private static final class Factory implements CommandLine.IFactory {
        private final ConnectorCli root;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(ConnectorCli root) {
            this.root = root;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ConnectorCli.class) {
                return cls.cast(root);
            }
            if (CliCommand.class.isAssignableFrom(cls)) {
                K k = fallback.create(cls);
                ((CliCommand) k).root = root;
                return k;
            }
            return fallback.create(cls);
        }
    }

    /** {@code --version}: the jar's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ConnectorCli.class.getPackage().getImplementationVersion();
            return new String[] {"connector " + (v == null ? "(development build)" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
