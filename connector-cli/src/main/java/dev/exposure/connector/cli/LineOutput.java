package dev.exposure.connector.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Where the JSON lines of a run go, written whole lines at a time and failing loudly.
 *
 * <p>Text is collected until at least {@value #BATCH} characters are pending, then everything up to
 * the last line break is written in one piece; a line is never split between two writes, and a
 * trailing partial line is never written: closing with one pending fails the run, so no record is
 * lost without a word. Every write failure (closed pipe, full device, closed
 * stream, I/O error) throws {@link OutputFailedException}, also on standard output, whose
 * {@link PrintWriter} would otherwise swallow it ({@link PrintWriter#checkError()} is checked after
 * each piece), and every later call throws it again. A regular file is cut back to its last whole
 * line when a write fails part-way (a full disk), and forced to the device on close, so that the
 * file holds only valid records and, once a checkpoint is written after it, all of them.
 */
abstract class LineOutput extends Writer {
    /** Characters collected before a piece is written. */
    static final int BATCH = 1 << 16;

    private final StringBuilder pending = new StringBuilder(BATCH + 1024);
    private final String where;
    private @Nullable OutputFailedException failure;
    private boolean closed;

    private LineOutput(String where) {
        this.where = where;
    }

    /**
     * Opens (creates or truncates) a file; its folders are created.
     *
     * @throws OutputFailedException when it cannot be opened
     */
    static LineOutput toFile(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean regular = !Files.exists(path) || Files.isRegularFile(path);
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return new FileOutput(path, ch, regular);
        } catch (IOException e) {
            throw new OutputFailedException(path.toString(), e);
        }
    }

    /** Writes to standard output (picocli's writer), checking it for errors after each piece. */
    static LineOutput toStdout(PrintWriter out) {
        return new StdoutOutput(out);
    }

    /** Writes one piece of whole lines, all of it or throws. */
    abstract void writeWhole(String lines) throws IOException;

    abstract void flushTarget() throws IOException;

    abstract void closeTarget(boolean ok) throws IOException;

    @Override
    public void write(char[] cbuf, int off, int len) {
        check();
        pending.append(cbuf, off, len);
        if (pending.length() >= BATCH) {
            drain();
        }
    }

    @Override
    public void write(String str, int off, int len) {
        check();
        pending.append(str, off, off + len);
        if (pending.length() >= BATCH) {
            drain();
        }
    }

    @Override
    public void flush() {
        check();
        drain();
        try {
            flushTarget();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /**
     * Writes the last whole lines and closes the destination (forcing a regular file to the
     * device). After a failure, which was thrown already, it only closes.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean ok = failure == null;
        try {
            if (ok) {
                drain();
                if (pending.length() > 0) {
                    // a record without its line break would be lost without a word: fail instead
                    throw fail(new IOException("the last record (" + pending.length() + " characters) did not end"
                            + " with a line break, so it was not written"));
                }
            }
            closeTarget(ok);
        } catch (IOException e) {
            throw fail(e);
        } catch (OutputFailedException e) {
            try {
                closeTarget(false);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw fail(new IOException("the output is closed"));
        }
    }

    private void drain() {
        int end = pending.lastIndexOf("\n");
        if (end < 0) {
            return;
        }
        String piece = pending.substring(0, end + 1);
        pending.delete(0, end + 1);
        try {
            writeWhole(piece);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    private OutputFailedException fail(IOException e) {
        if (failure == null) {
            failure = new OutputFailedException(where, e);
        }
        return failure;
    }

    /** A file: a regular one is cut back to its last whole line when a write fails part-way. */
    private static final class FileOutput extends LineOutput {
        private final FileChannel ch;
        private final boolean regular;
        /** Bytes of whole lines known to be written. */
        private long whole;

        FileOutput(Path path, FileChannel ch, boolean regular) {
            super(path.toString());
            this.ch = ch;
            this.regular = regular;
        }

        @Override
        void writeWhole(String lines) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
            try {
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
            } catch (IOException e) {
                if (regular) {
                    try {
                        ch.truncate(whole);
                    } catch (IOException | RuntimeException cut) {
                        e.addSuppressed(cut);
                    }
                }
                throw e;
            }
            whole += bytes.capacity();
        }

        @Override
        void flushTarget() {
            // a channel has no buffer of its own; the device is forced on close
        }

        @Override
        void closeTarget(boolean ok) throws IOException {
            try (ch) {
                if (ok && regular) {
                    ch.force(false);
                }
            }
        }
    }

    /** Standard output: picocli's PrintWriter swallows errors, so they are asked for. */
    private static final class StdoutOutput extends LineOutput {
        private final PrintWriter out;

        StdoutOutput(PrintWriter out) {
            super("stdout");
            this.out = out;
        }

        @Override
        void writeWhole(String lines) throws IOException {
            out.write(lines);
            flushTarget();
        }

        @Override
        void flushTarget() throws IOException {
            if (out.checkError()) {   // flushes, then reports any error so far
                throw new IOException("the standard output was closed or cannot be written (closed pipe, full"
                        + " device or I/O error)");
            }
        }

        @Override
        void closeTarget(boolean ok) throws IOException {
            if (ok) {
                flushTarget();
            }
        }
    }
}
