package dev.exposure.connector.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A fast, buffered JSON byte writer over a response stream. Rows are written straight into a
 * 64 KiB buffer and flushed to the (chunked) response as it fills, so a page is never built in
 * memory.
 */
final class ByteSink {
    private static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private final OutputStream out;
    private final byte[] buf;
    private int pos;

    ByteSink(OutputStream out) {
        this.out = out;
        this.buf = new byte[64 * 1024];
    }

    private void ensure(int n) throws IOException {
        if (pos + n > buf.length) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (pos == 0) {
            return;
        }
        out.write(buf, 0, pos);
        pos = 0;
    }

    /** Pushes everything written so far to the client. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    ByteSink raw(byte[] b) throws IOException {
        if (b.length > buf.length) {
            drain();
            out.write(b);
            return this;
        }
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** Writes b, or b without its first byte (an opening quote) when {@code whole} is false. */
    ByteSink raw(byte[] b, boolean whole) throws IOException {
        int off = whole ? 0 : 1;
        ensure(b.length);
        System.arraycopy(b, off, buf, pos, b.length - off);
        pos += b.length - off;
        return this;
    }

    ByteSink ch(char c) throws IOException {
        ensure(1);
        buf[pos++] = (byte) c;
        return this;
    }

    /** Writes ASCII text as-is (no quoting). */
    ByteSink ascii(String s) throws IOException {
        int n = s.length();
        if (n > 4096) {
            return raw(s.getBytes(StandardCharsets.UTF_8));
        }
        ensure(n * 3);
        for (int k = 0; k < n; k++) {
            char c = s.charAt(k);
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, buf, pos, b.length);
                pos += b.length;
            }
        }
        return this;
    }

    /** Writes a JSON string literal (quoted, escaped), or null. */
    ByteSink str(String s) throws IOException {
        if (s == null) {
            return raw(NULL);
        }
        boolean plain = true;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
                plain = false;
                break;
            }
        }
        if (plain) {
            ensure(s.length() + 2);
            buf[pos++] = '"';
            for (int k = 0; k < s.length(); k++) {
                buf[pos++] = (byte) s.charAt(k);
            }
            buf[pos++] = '"';
            return this;
        }
        return raw(MiniJson.quote(s).getBytes(StandardCharsets.UTF_8));
    }

    ByteSink nul() throws IOException {
        return raw(NULL);
    }

    ByteSink bool(boolean b) throws IOException {
        return raw(b ? TRUE : FALSE);
    }

    ByteSink num(long v) throws IOException {
        ensure(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        if (v == 0) {
            buf[pos++] = '0';
            return this;
        }
        int start = pos;
        while (v > 0) {
            buf[pos++] = DIGITS[(int) (v % 10)];
            v /= 10;
        }
        for (int a = start, b = pos - 1; a < b; a++, b--) {
            byte t = buf[a];
            buf[a] = buf[b];
            buf[b] = t;
        }
        return this;
    }

    /** Writes {@code tenths / 10} with one decimal, e.g. 75 as {@code 7.5}. */
    ByteSink tenths(int tenths) throws IOException {
        num(tenths / 10);
        ensure(2);
        buf[pos++] = '.';
        buf[pos++] = DIGITS[tenths % 10];
        return this;
    }

    /** Writes {@code width} zero-padded digits of v (no quotes). */
    ByteSink digits(long v, int width) throws IOException {
        ensure(width);
        for (int k = width - 1; k >= 0; k--) {
            buf[pos + k] = DIGITS[(int) (v % 10)];
            v /= 10;
        }
        pos += width;
        return this;
    }

    /** Writes {@code 16 * n} lower-case hex digits of the longs (no quotes). */
    ByteSink hex(long v, int nibbles) throws IOException {
        ensure(nibbles);
        for (int k = nibbles - 1; k >= 0; k--) {
            buf[pos + k] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        pos += nibbles;
        return this;
    }
}
