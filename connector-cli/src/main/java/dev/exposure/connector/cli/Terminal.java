package dev.exposure.connector.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Whether standard error is a terminal: Java has no direct API, so ask the OS where it can. */
final class Terminal {
    private Terminal() { }

    static boolean stderrIsTerminal() {
        Path fd2 = Paths.get("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // not Linux, or not readable: fall through
        }
        return System.console() != null;
    }
}
