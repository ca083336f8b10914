package dev.exposure.connector.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Gzip helpers; the fastest compression level, so that compression is not the simulator's bottleneck. */
final class Gz {
    private Gz() { }

    static GZIPOutputStream fast(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 64 * 1024, true) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    static byte[] gzip(String text) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream g = fast(b)) {
                g.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
