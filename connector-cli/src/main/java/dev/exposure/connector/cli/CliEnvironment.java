package dev.exposure.connector.cli;

import dev.exposure.connector.ConnectorContext;
import dev.exposure.connector.Connectors;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the commands take from the process: environment variables, the working directory, the
 * connector registry, the context lent to connectors, the Ctrl-C signal, whether stderr is a
 * terminal and how often progress is printed. {@link #system()} is the real process; tests build
 * their own so that everything runs in-process.
 */
final class CliEnvironment {
    final Function<String, @Nullable String> env;
    final Path workingDirectory;
    final Supplier<Connectors> connectors;
    final ConnectorContext context;
    final Signals signals;
    final boolean stderrIsTerminal;
    final Duration progressInterval;
    final Clock clock;
    final boolean configureLogging;

    private CliEnvironment(Builder b) {
        this.env = b.env;
        this.workingDirectory = b.workingDirectory;
        this.connectors = b.connectors;
        this.context = b.context;
        this.signals = b.signals;
        this.stderrIsTerminal = b.stderrIsTerminal;
        this.progressInterval = b.progressInterval;
        this.clock = b.clock;
        this.configureLogging = b.configureLogging;
    }

    /** @return the real process: System.getenv, the current directory, JVM shutdown hooks */
    static CliEnvironment system() {
        boolean tty = Terminal.stderrIsTerminal();
        return builder().stderrIsTerminal(tty).configureLogging(true)
                .progressInterval(tty ? Duration.ofMillis(250) : Duration.ofSeconds(5))
                .build();
    }

    static Builder builder() {
        return new Builder();
    }

    /** How a command learns of Ctrl-C. */
    interface Signals {
        /**
         * Registers an action to run on Ctrl-C (SIGINT/SIGTERM) while a command runs.
         *
         * @param onInterrupt interrupts the worker and waits for it to stop
         * @return removes the registration
         */
        Runnable onInterrupt(Runnable onInterrupt);

        /** JVM shutdown hooks: Ctrl-C starts the shutdown sequence, which runs the hook. */
        Signals JVM = onInterrupt -> {
            Thread hook = new Thread(onInterrupt, "connector-cli-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            return () -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or ran: nothing to remove
                }
            };
        };
    }

    static final class Builder {
        private Function<String, @Nullable String> env = System::getenv;
        private Path workingDirectory = Paths.get("").toAbsolutePath();
        private Supplier<Connectors> connectors = Connectors::load;
        private ConnectorContext context = ConnectorContext.empty();
        private Signals signals = Signals.JVM;
        private boolean stderrIsTerminal;
        private Duration progressInterval = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private boolean configureLogging;

        Builder configureLogging(boolean v) {
            configureLogging = v;
            return this;
        }

        Builder env(Function<String, @Nullable String> v) {
            env = Objects.requireNonNull(v);
            return this;
        }

        Builder workingDirectory(Path v) {
            workingDirectory = v.toAbsolutePath();
            return this;
        }

        Builder connectors(Supplier<Connectors> v) {
            connectors = Objects.requireNonNull(v);
            return this;
        }

        Builder context(ConnectorContext v) {
            context = Objects.requireNonNull(v);
            return this;
        }

        Builder signals(Signals v) {
            signals = Objects.requireNonNull(v);
            return this;
        }

        Builder stderrIsTerminal(boolean v) {
            stderrIsTerminal = v;
            return this;
        }

        Builder progressInterval(Duration v) {
            progressInterval = Objects.requireNonNull(v);
            return this;
        }

        Builder clock(Clock v) {
            clock = Objects.requireNonNull(v);
            return this;
        }

        CliEnvironment build() {
            return new CliEnvironment(this);
        }
    }
}
