package dev.exposure.connector.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import picocli.CommandLine;

/**
 * The entry point of the runnable jar: {@code java -jar connector-cli.jar <command> [options]}.
 * Commands: {@code list}, {@code describe}, {@code test}, {@code sync}, {@code demo}; run
 * {@code --help} on any of them. Library logs go to standard error at WARN ({@code --verbose}:
 * DEBUG); the exit codes are listed by {@code --help} and in the module's README.
 */
public final class Main {
    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    /**
     * Loggers silenced unless --verbose: the JDK client warns on every request that it drops the
     * restricted Content-Length header (the JDK sets it itself) and logs an interrupt as an ERROR
     * with a stack trace; azure-identity and MSAL log a refused credential as ERRORs with stack
     * traces. The connector reports every one of these failures itself, in one line.
     */
    private static final List<String> NOISY = List.of("com.azure.core.http.jdk.httpclient", "com.azure.identity",
            "com.microsoft.aad.msal4j");
    private static final String LOGGER = "org.slf4j.simpleLogger.log.";

    private Main() { }

    /**
     * Runs one command and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs one command in this process.
     *
     * @param args the command line
     * @return the exit code
     */
    static int run(String[] args) {
        configureLogging();
        CommandLine cl = ConnectorCli.commandLine(CliEnvironment.system());
        cl.setOut(stdout());
        return cl.execute(args);
    }

    /**
     * Standard output as picocli's default, but on the file descriptor itself rather than on
     * {@code System.out}: a {@link java.io.PrintStream} swallows write errors where a
     * {@link PrintWriter} over a plain stream records them, so a closed pipe or a full device shows
     * in {@link PrintWriter#checkError()} and fails the run instead of losing the records silently.
     */
    static PrintWriter stdout() {
        Charset charset;
        try {
            String name = System.getProperty("sun.stdout.encoding");
            charset = name == null ? Charset.defaultCharset()
                    : Charset.forName(name.equalsIgnoreCase("cp65001") ? "UTF-8" : name);
        } catch (IllegalArgumentException e) {
            charset = Charset.defaultCharset();
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                charset)), true);
    }

    /** Library logs: standard error, WARN, short lines; an explicit -D setting wins. */
    static void configureLogging() {
        setIfAbsent(LEVEL, "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
        NOISY.forEach(name -> setIfAbsent(LOGGER + name, "off"));
    }

    /** Sets the library log level; effective for loggers created afterwards (all of them, before a command runs). */
    static void logLevel(String level) {
        System.setProperty(LEVEL, level);
        NOISY.forEach(name -> System.setProperty(LOGGER + name, level));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
