package dev.exposure.connector.cli;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigurationException;
import dev.exposure.connector.SafeText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The checkpoint file of {@code sync --checkpoint FILE}: one encoded {@link Checkpoint} line. Read
 * before a run; replaced atomically after a successful run only (write a temporary file in the same
 * folder, fsync it, move it over the old one atomically, fsync the folder), so a crash at any moment
 * leaves either the old or the new checkpoint, never a torn one.
 */
final class CheckpointFile {
    /** The largest checkpoint file read, in bytes. */
    static final long MAX_BYTES = 64 * 1024;
    /** How far after now a checkpoint's createdAt or position may lie (clock skew) before it is refused. */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private CheckpointFile() { }

    /**
     * @return the checkpoint, or empty when the file does not exist
     * @throws ConfigurationException when the file is unreadable, altered or not a checkpoint
     */
    static Optional<Checkpoint> read(Path file) {
        try {
            String text = LocalFiles.readText(file, MAX_BYTES);
            try {
                return Optional.of(Checkpoint.decode(text));
            } catch (ConfigurationException e) {
                throw new ConfigurationException("checkpoint", "file " + file + ": "
                        + e.errors().get(0).message());
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (LocalFiles.NotARegularFile e) {
            throw notARegularFile(file);
        } catch (LocalFiles.TooLarge e) {
            throw new ConfigurationException("checkpoint", "file " + file + " is larger than " + MAX_BYTES
                    + " bytes, too large to be a checkpoint; delete it to run a full sync");
        } catch (IOException e) {
            throw new ConfigurationException("checkpoint", "file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "); check its permissions");
        }
    }

    /** @return the error for a checkpoint path that is a device, FIFO or folder */
    static ConfigurationException notARegularFile(Path file) {
        return new ConfigurationException("checkpoint", "file " + file + " is not a regular file (a device, FIFO"
                + " or folder); give the path of a file the checkpoint is kept in");
    }

    /**
     * Checks a checkpoint read for a delta run before anything is sent or written: its position
     * must be an ISO-8601 instant (the delta start time, which is what every connector of this SDK
     * that issues checkpoints keeps there), and neither it nor {@code createdAt} may lie more than
     * {@link #MAX_SKEW} after {@code now}.
     *
     * @throws ConfigurationException naming the file, the value and the fix
     */
    static void requireUsable(Path file, Checkpoint checkpoint, Instant now) {
        String fix = "; delete it to run a full sync";
        Instant latest = now.plus(MAX_SKEW);
        if (checkpoint.createdAt().isAfter(latest)) {
            throw new ConfigurationException("checkpoint", "file " + file + " was created in the future ("
                    + checkpoint.createdAt() + ", now " + now + "); it was not issued by this clock" + fix);
        }
        Instant position;
        try {
            position = Instant.parse(checkpoint.position());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("checkpoint", "file " + file + " has an unreadable position ('"
                    + SafeText.of(checkpoint.position()) + "', not an ISO-8601 instant)" + fix);
        }
        if (position.isAfter(latest)) {
            throw new ConfigurationException("checkpoint", "file " + file + " has a position in the future ("
                    + position + ", now " + now + "); it was not issued by this clock" + fix);
        }
    }

    /**
     * Replaces the file's content with the checkpoint, atomically.
     *
     * @throws IOException when it cannot be written; the old file is then unchanged
     */
    static void write(Path file, Checkpoint checkpoint) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap((checkpoint.encode() + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // not every OS lets a directory be opened (Windows); the file itself was forced
        }
    }
}
