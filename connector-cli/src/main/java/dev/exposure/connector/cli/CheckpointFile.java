package dev.exposure.connector.cli;

import dev.exposure.connector.Checkpoint;
import dev.exposure.connector.ConfigurationException;
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
import java.util.Optional;

/**
 * The checkpoint file of {@code sync --checkpoint FILE}: one encoded {@link Checkpoint} line. Read
 * before a run; replaced atomically after a successful run only (write a temporary file in the same
 * folder, fsync it, move it over the old one atomically, fsync the folder), so a crash at any moment
 * leaves either the old or the new checkpoint, never a torn one.
 */
final class CheckpointFile {
    private static final long MAX_BYTES = 64 * 1024;

    private CheckpointFile() { }

    /**
     * @return the checkpoint, or empty when the file does not exist
     * @throws ConfigurationException when the file is unreadable, altered or not a checkpoint
     */
    static Optional<Checkpoint> read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigurationException("checkpoint", "file " + file
                        + " is too large to be a checkpoint; delete it to run a full sync");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            try {
                return Optional.of(Checkpoint.decode(text));
            } catch (ConfigurationException e) {
                throw new ConfigurationException("checkpoint", "file " + file + ": "
                        + e.errors().get(0).message());
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigurationException("checkpoint", "file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "); check its permissions");
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
