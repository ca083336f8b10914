package dev.exposure.connector.sim;

import dev.exposure.connector.sim.SimServer.Abort;
import dev.exposure.connector.sim.SimServer.Call;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** Streams JSON pages and bodies row by row, applying the body-shaping faults. */
final class Paging {
    private Paging() { }

    /** Writes the next row of a page. */
    interface Rows {
        void next(ByteSink s) throws IOException;
    }

    static boolean cuts(@Nullable Fault f) {
        return f != null && (f.kind() == Fault.Kind.RESET_MID_BODY || f.kind() == Fault.Kind.TRUNCATE_MID_BODY
                || f.kind() == Fault.Kind.SAS_EXPIRED_MID_DOWNLOAD);
    }

    static OutputStream body(OutputStream raw, @Nullable Fault f) {
        if (f != null && f.kind() == Fault.Kind.DRIBBLE) {
            return new Dribble(raw, f.bytesPerPiece(), f.duration());
        }
        return raw;
    }

    /**
     * Streams {@code prefix row,row,... suffix}. A cutting fault stops after half of the rows:
     * truncation ends the response cleanly, a reset drops the connection.
     */
    static void stream(Call c, String contentType, String prefix, long count, java.util.function.Supplier<Rows> rowsFactory,
            String suffix, @Nullable Fault f) throws IOException {
        Rows rows = rowsFactory.get();
        OutputStream raw = c.stream(200, contentType);
        OutputStream out = body(raw, f);
        ByteSink s = new ByteSink(out);
        long cut = cuts(f) ? count / 2 : -1;
        s.ascii(prefix);
        for (long i = 0; i < count; i++) {
            if (i == cut) {
                cut(s, raw, f);
                return;
            }
            if (i > 0) {
                s.ch(',');
            }
            rows.next(s);
        }
        if (cut >= 0) {
            cut(s, raw, f);
            return;
        }
        s.ascii(suffix);
        s.flush();
        out.close();
    }

    /** Sends a small JSON body, with the body-shaping faults applied too. */
    static void json(Call c, String json, @Nullable Fault f) throws IOException {
        if (f == null || !(cuts(f) || f.kind() == Fault.Kind.DRIBBLE)) {
            c.json(200, json);
            return;
        }
        OutputStream raw = c.stream(200, "application/json; charset=utf-8");
        OutputStream out = body(raw, f);
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        if (cuts(f)) {
            out.write(b, 0, b.length / 2);
            ByteSink s = new ByteSink(out);
            cut(s, raw, f);
            return;
        }
        out.write(b);
        out.close();
    }

    static void cut(ByteSink s, OutputStream raw, @Nullable Fault f) throws IOException {
        s.flush();
        if (f != null && f.kind() == Fault.Kind.TRUNCATE_MID_BODY) {
            raw.close();
            return;
        }
        throw new Abort();
    }

    static String encodeToken(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static @Nullable String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            try {
                return new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }

    /** An output stream that writes small pieces with a pause after each. */
    static final class Dribble extends OutputStream {
        private final OutputStream out;
        private final int piece;
        private final @Nullable Duration pause;

        Dribble(OutputStream out, int piece, @Nullable Duration pause) {
            this.out = out;
            this.piece = piece;
            this.pause = pause;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int k = 0; k < len; k += piece) {
                out.write(b, off + k, Math.min(piece, len - k));
                out.flush();
                SimServer.pause(pause);
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("interrupted while dribbling");
                }
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
