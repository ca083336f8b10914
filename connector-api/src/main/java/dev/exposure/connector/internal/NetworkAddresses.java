package dev.exposure.connector.internal;

import org.jspecify.annotations.Nullable;

/**
 * IP and MAC address text, read and written without any name lookup: the one parser of the SDK,
 * used by the connectors while they read vendor rows and by the transform's {@code ip} and
 * {@code mac} normalisers. IPv4 as four decimal octets (leading zeros read as decimal), IPv6 in any
 * RFC 4291 text form including an embedded IPv4 tail; brackets and an IPv6 zone id ({@code %eth0})
 * are removed. MACs as 12 hex digits with or without {@code :}, {@code -} or {@code .} separators.
 */
public final class NetworkAddresses {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private NetworkAddresses() { }

    /**
     * @param text an address text, may be null, blank, bracketed or carry a zone id
     * @return the 4 or 16 address bytes, or null when the text is blank or not an IP address
     */
    public static byte @Nullable [] parse(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s, 0, s.length());
    }

    /**
     * @param text an address text
     * @return true when it reads as an IPv4 or IPv6 address
     */
    public static boolean isIp(@Nullable String text) {
        return parse(text) != null;
    }

    /**
     * Whether an address may identify a host: not loopback ({@code 127.0.0.0/8}, {@code ::1}), not
     * unspecified ({@code 0.0.0.0}, {@code ::}), not link-local ({@code 169.254.0.0/16}, the APIPA
     * range, and {@code fe80::/10}, including scoped forms such as macOS's
     * {@code fe80:16::1c2b:3aff:fe4d:5e6f}), not multicast, not the IPv4 broadcast address, nor the
     * IPv4-mapped forms of these: every host has such addresses, so they tell hosts apart nowhere.
     *
     * @param b the 4 or 16 bytes of an address
     * @return true if it identifies a host
     */
    public static boolean identifies(byte[] b) {
        if (b.length == 16 && isMapped(b)) {
            b = new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (b.length == 4) {
            int first = b[0] & 0xff;
            return first != 127 && (b[0] | b[1] | b[2] | b[3]) != 0 && !(first == 169 && (b[1] & 0xff) == 254)
                    && !(first >= 224 && first <= 239) && (b[0] & b[1] & b[2] & b[3]) != (byte) 0xff;
        }
        if (b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0x80) {
            return false;
        }
        if (b[0] == (byte) 0xff) {
            return false;   // multicast
        }
        int or = 0;
        for (int i = 0; i < 15; i++) {
            or |= b[i];
        }
        return !(or == 0 && (b[15] == 0 || b[15] == 1));
    }

    /**
     * @param text an address text
     * @return true when it reads as an address that identifies a host (see {@link #identifies(byte[])})
     */
    public static boolean identifies(@Nullable String text) {
        byte[] b = parse(text);
        return b != null && identifies(b);
    }

    /**
     * The canonical text of an address: IPv4 dotted decimal; IPv6 lower-case, RFC 5952 ({@code ::}
     * for the longest run of two or more zero groups), IPv4-mapped as {@code ::ffff:a.b.c.d}.
     *
     * @param b the 4 or 16 bytes of an address
     * @return its canonical text
     */
    public static String text(byte[] b) {
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        if (isMapped(b)) {
            return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static byte @Nullable [] parseV4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int p = from;
        while (part < 4) {
            int v = 0;
            int n = 0;
            while (p < to && isDigit(s.charAt(p))) {
                v = v * 10 + (s.charAt(p) - '0');
                p++;
                if (++n > 3) {
                    return null;
                }
            }
            if (n == 0 || v > 255) {
                return null;
            }
            out[part++] = (byte) v;
            if (part < 4) {
                if (p >= to || s.charAt(p) != '.') {
                    return null;
                }
                p++;
            }
        }
        return p == to ? out : null;
    }

    private static byte @Nullable [] parseV6(String s) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int p = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            p = 2;
            if (p == n) {
                return new byte[16];
            }
        } else if (s.startsWith(":")) {
            return null;
        }
        while (p < n) {
            if (count == 8) {
                return null;
            }
            int q = p;
            int v = 0;
            while (q < n && q - p < 5 && Character.digit(s.charAt(q), 16) >= 0) {
                v = (v << 4) | Character.digit(s.charAt(q), 16);
                q++;
            }
            if (q < n && s.charAt(q) == '.') {
                if (count > 6) {
                    return null;
                }
                byte[] v4 = parseV4(s, p, n);
                if (v4 == null) {
                    return null;
                }
                groups[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                groups[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                p = n;
                break;
            }
            if (q == p || q - p > 4) {
                return null;
            }
            groups[count++] = v;
            p = q;
            if (p == n) {
                break;
            }
            if (s.charAt(p) != ':') {
                return null;
            }
            p++;
            if (p < n && s.charAt(p) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                p++;
            } else if (p == n) {
                return null;
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (count > 7) {
                return null;
            }
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        } else {
            if (count != 8) {
                return null;
            }
            full = groups;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (full[i] >>> 8);
            out[2 * i + 1] = (byte) full[i];
        }
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * @param text a MAC address text: 12 hex digits, any of {@code :}, {@code -}, {@code .} and white
     *     space between them ({@code 00-0D-3A-1B-C7-21}, {@code 000d3a1bc721}, {@code 000d.3a1b.c721})
     * @return the canonical form {@code 00:0d:3a:1b:c7:21} (the all-zero MAC included, see
     *     {@link #isZeroMac}), or null when the text is null, blank or not a MAC address
     */
    public static @Nullable String mac(@Nullable String text) {
        if (text == null) {
            return null;
        }
        char[] out = new char[17];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int d = c < 128 ? Character.digit(c, 16) : -1;
            if (d >= 0) {
                if (n == 12) {
                    return null;
                }
                out[n / 2 * 3 + (n & 1)] = HEX[d];
                n++;
            } else if (c != ':' && c != '-' && c != '.' && c > ' ') {
                return null;
            }
        }
        if (n != 12) {
            return null;
        }
        for (int i = 2; i < 17; i += 3) {
            out[i] = ':';
        }
        return new String(out);
    }

    /**
     * @param canonical a MAC in the form {@link #mac} returns
     * @return true for {@code 00:00:00:00:00:00}, which macOS and tunnels report and which identifies nothing
     */
    public static boolean isZeroMac(String canonical) {
        return canonical.equals("00:00:00:00:00:00");
    }
}
