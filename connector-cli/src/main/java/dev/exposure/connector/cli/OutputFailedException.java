package dev.exposure.connector.cli;

import java.io.IOException;

/**
 * The records could not be written: a closed pipe (the consumer exited), a full disk or device, a
 * closed stream or an I/O error. The run fails (exit code 1) and no checkpoint is written, so the
 * next run reads the same records again.
 */
final class OutputFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param where {@code stdout} or the file's path
     * @param cause what the system reported
     */
    OutputFailedException(String where, IOException cause) {
        super("cannot write the records to " + where + " (" + reason(cause) + "); the output is incomplete and no"
                + " checkpoint was written", cause);
    }

    /**
     * @param message what could not be written, and what was written before
     */
    OutputFailedException(String message) {
        super(message);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
