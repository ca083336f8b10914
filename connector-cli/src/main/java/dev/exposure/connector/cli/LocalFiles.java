package dev.exposure.connector.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the small local files the command line is given (config, secret, checkpoint) without
 * trusting them: only a regular file is opened (a device such as {@code /dev/zero}, a FIFO or a
 * folder is refused before it is opened, so nothing blocks), and at most a limit of bytes is read
 * whatever size the file system reports (it reports 0 for {@code /proc} files and devices).
 */
final class LocalFiles {
    /** The file is not a regular file: a device, a FIFO, a socket or a folder. */
    static final class NotARegularFile extends IOException {
        private static final long serialVersionUID = 1L;

        NotARegularFile(Path file) {
            super(file + " is not a regular file (a device, FIFO, socket or folder)");
        }
    }

    /** The file holds more than the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        final long limit;

        TooLarge(Path file, long limit) {
            super(file + " is larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    private LocalFiles() { }

    /**
     * @param file the file
     * @param maxBytes the most bytes accepted
     * @return its content, decoded as UTF-8
     * @throws NoSuchFileException when it does not exist
     * @throws NotARegularFile when it is not a regular file (checked before opening it)
     * @throws TooLarge when it holds more than {@code maxBytes}
     * @throws CharacterCodingException when it is not UTF-8
     * @throws IOException when it cannot be read
     */
    static String readText(Path file, long maxBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            throw new NotARegularFile(file);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
            throw new TooLarge(file, maxBytes);
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}
