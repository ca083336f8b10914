package dev.exposure.connector.cli;

import dev.exposure.connector.SafeText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The lock of a checkpoint file, so that two syncs never run on one checkpoint: an operating-system
 * lock ({@link FileChannel#tryLock()}) on the file {@code <checkpoint>.lock} next to it, taken
 * before the checkpoint is read and released after it was written (or the run failed).
 *
 * <p>Taking it never waits: when another process holds it, {@link #acquire} fails at once with a
 * {@link CheckpointLockedException} naming the holder (process id and start time, which the holder
 * writes into the lock file). The operating system releases the lock when its process ends, even
 * by a crash or {@code kill -9}, so a lock file left by a dead process blocks nothing: its content
 * is merely overwritten. The lock file itself is never deleted (deleting it would let two
 * processes lock two different files of the same name). Locks on network file systems are only as
 * reliable as the file system's lock support.
 */
final class CheckpointLock implements AutoCloseable {
    /** The most bytes of the lock file read to name the holder. */
    static final int MAX_HOLDER_BYTES = 1024;

    private final FileChannel channel;
    private final FileLock lock;

    private CheckpointLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @return the lock file of a checkpoint file: {@code <checkpoint>.lock} in the same folder */
    static Path lockFile(Path checkpoint) {
        Path target = checkpoint.toAbsolutePath();
        return target.resolveSibling(target.getFileName() + ".lock");
    }

    /**
     * Takes the lock of a checkpoint file, without waiting.
     *
     * @param checkpoint the checkpoint file (it need not exist); its folder is created
     * @param now the time written into the lock file as this run's start
     * @throws CheckpointLockedException when another run holds it
     * @throws IOException when the lock file cannot be created or locked
     */
    static CheckpointLock acquire(Path checkpoint, Instant now) throws IOException {
        Path file = lockFile(checkpoint);
        Files.createDirectories(file.getParent());
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file (a device, FIFO or folder)");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;   // held by another run in this same JVM
            }
            if (lock == null) {
                String holder = holder(ch);
                ch.close();
                throw new CheckpointLockedException(checkpoint, file, holder);
            }
            ch.truncate(0);
            ByteBuffer text = ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + now + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            while (text.hasRemaining()) {
                ch.write(text, text.position());
            }
            ch.force(false);
            return new CheckpointLock(ch, lock);
        } catch (IOException | RuntimeException e) {
            if (ch.isOpen()) {
                ch.close();
            }
            throw e;
        }
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(MAX_HOLDER_BYTES);
            while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
                // read up to the limit
            }
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "a process that has not written its id yet" : SafeText.of(text);
        } catch (IOException e) {
            return "a process whose lock file cannot be read (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Empties the lock file and releases the lock. */
    @Override
    public void close() throws IOException {
        try (channel) {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        }
    }

    /** Another run holds the lock of the checkpoint file. */
    static final class CheckpointLockedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckpointLockedException(Path checkpoint, Path lockFile, String holder) {
            super("checkpoint file " + checkpoint + " is in use by another sync (" + holder + ", lock " + lockFile
                    + "); wait for it to finish, or run with another --checkpoint");
        }
    }
}
