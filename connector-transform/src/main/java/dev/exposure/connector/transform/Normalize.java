package dev.exposure.connector.transform;

import dev.exposure.connector.internal.NetworkAddresses;
import java.net.IDN;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The normalizers every connector shares: timestamps, IP and MAC addresses, host names, tags and
 * vendor enum values. Pure functions, thread-safe, allocation-light (they sit on the hot path).
 *
 * <p>Methods returning a {@code @Nullable} value return null for blank input; methods that can
 * reject input throw {@link IllegalArgumentException} naming the value. NOTHING HERE RESOLVES NAMES:
 * IP text is parsed by hand, never with {@code InetAddress.getByName}, so no DNS request is ever
 * sent for vendor data.
 *
 * @since 0.1
 */
public final class Normalize {

    private Normalize() {}

    // ------------------------------------------------------------------ timestamps

    /**
     * Parses a vendor timestamp to a UTC instant. Accepted: ISO-8601 date-time with {@code T} or a
     * space between date and time, seconds optional, 0 to 9 fractional digits, and either {@code Z},
     * an offset ({@code +02:00}, {@code +0200}, {@code +02}) or no zone at all, which means UTC (MDE
     * export rows: {@code 2024-05-01 10:11:12.1234567}); also a bare date {@code 2024-05-01}
     * (midnight UTC).
     *
     * @param text the timestamp
     * @return the instant, or null if {@code text} is blank
     * @throws IllegalArgumentException if it is not one of the accepted forms or not a real date/time
     */
    public static @Nullable Instant instant(@Nullable String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        if (start == end) {
            return null;
        }
        try {
            return parseInstant(text, start, end);
        } catch (DateTimeException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a timestamp: '" + text + "'");
        }
    }

    private static Instant parseInstant(String s, int p, int end) {
        int year = digits(s, p, 4);
        p += 4;
        expect(s, p++, '-');
        int month = digits(s, p, 2);
        p += 2;
        expect(s, p++, '-');
        int day = digits(s, p, 2);
        p += 2;
        long epochDay = epochDay(year, month, day);
        if (p == end) {
            return Instant.ofEpochSecond(epochDay * 86_400L);
        }
        char sep = s.charAt(p++);
        if (sep != 'T' && sep != 't' && sep != ' ') {
            throw new DateTimeException("bad separator");
        }
        int hour = digits(s, p, 2);
        p += 2;
        expect(s, p++, ':');
        int minute = digits(s, p, 2);
        p += 2;
        int second = 0;
        int nanos = 0;
        if (p < end && s.charAt(p) == ':') {
            second = digits(s, p + 1, 2);
            p += 3;
            if (p < end && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
                p++;
                int n = 0;
                int count = 0;
                while (p < end && isDigit(s.charAt(p))) {
                    if (count < 9) {
                        n = n * 10 + (s.charAt(p) - '0');
                    }
                    count++;
                    p++;
                }
                if (count == 0 || count > 9) {
                    throw new DateTimeException("fraction");
                }
                for (int k = count; k < 9; k++) {
                    n *= 10;
                }
                nanos = n;
            }
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DateTimeException("time out of range");
        }
        int offsetSeconds = 0;
        if (p < end) {
            char z = s.charAt(p);
            if ((z == 'Z' || z == 'z') && p + 1 == end) {
                p++;
            } else if (z == '+' || z == '-') {
                int oh = digits(s, p + 1, 2);
                int om = 0;
                int q = p + 3;
                if (q < end) {
                    if (s.charAt(q) == ':') {
                        q++;
                    }
                    om = digits(s, q, 2);
                    q += 2;
                }
                if (q != end || oh > 18 || om > 59) {
                    throw new DateTimeException("offset");
                }
                offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
                p = end;
            } else {
                throw new DateTimeException("zone");
            }
        }
        long secs = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(secs, nanos);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date, checked like {@code LocalDate.of} (no allocation). */
    private static long epochDay(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            throw new DateTimeException("date out of range");
        }
        boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        int max = month == 2 ? (leap ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
        if (day > max) {
            throw new DateTimeException("day out of range");
        }
        // days from civil (H. Hinnant), shifted so that March is the first month
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(String s, int p, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(p + i);
            if (!isDigit(c)) {
                throw new DateTimeException("digit expected");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void expect(String s, int p, char c) {
        if (s.charAt(p) != c) {
            throw new DateTimeException("'" + c + "' expected");
        }
    }

    // ------------------------------------------------------------------ IP addresses

    /**
     * Canonical text of an IPv4 or IPv6 address: dotted decimal for IPv4; RFC 5952 for IPv6
     * (lower-case, no leading zeros, the longest run of two or more zero groups as {@code ::},
     * IPv4-mapped addresses as {@code ::ffff:a.b.c.d}). Brackets and an IPv6 zone id
     * ({@code %eth0}) are removed. IPv4 octets with leading zeros are read as decimal.
     *
     * @param text the address
     * @return the canonical text, or null if {@code text} is blank
     * @throws IllegalArgumentException if it is not an IP address
     */
    public static @Nullable String ip(@Nullable String text) {
        byte[] b = ipBytes(text);
        return b == null ? null : ipText(b);
    }

    /**
     * Whether an address may identify an asset: not loopback ({@code 127.0.0.0/8}, {@code ::1}),
     * not unspecified ({@code 0.0.0.0}, {@code ::}) and not link-local ({@code 169.254.0.0/16}, the
     * APIPA range, and {@code fe80::/10}, including scoped forms such as macOS's
     * {@code fe80:16::1c2b:3aff:fe4d:5e6f}), nor the IPv4-mapped forms of these: every host has such
     * addresses, so they tell hosts apart nowhere; nor multicast or the IPv4 broadcast address.
     *
     * @param canonical the address, canonical or not
     * @return true if it identifies a host
     * @throws IllegalArgumentException if it is not an IP address
     */
    public static boolean isIdentityIp(String canonical) {
        byte[] b = ipBytes(canonical);
        return b != null && NetworkAddresses.identifies(b);
    }

    static byte @Nullable [] ipBytes(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        byte[] b = NetworkAddresses.parse(text);
        if (b == null) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        return b;
    }

    static String ipText(byte[] b) {
        return NetworkAddresses.text(b);
    }

    // ------------------------------------------------------------------ MAC addresses

    /**
     * Canonical MAC address: lower-case, colon-separated ({@code 00:0d:3a:1b:c7:21}), from 12 hex
     * digits with or without {@code :}, {@code -} or {@code .} separators ({@code 00155D3A4B12},
     * {@code 00-0D-3A-1B-C7-21}, {@code 000d.3a1b.c721}). The all-zero address is no identity and
     * gives null.
     *
     * @param text the address
     * @return the canonical address, or null if {@code text} is blank or all zeros
     * @throws IllegalArgumentException if it is not a MAC address
     */
    public static @Nullable String mac(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String mac = NetworkAddresses.mac(text);
        if (mac == null) {
            throw new IllegalArgumentException("not a MAC address: '" + text + "'");
        }
        return NetworkAddresses.isZeroMac(mac) ? null : mac;
    }

    // ------------------------------------------------------------------ host names, tags, enums

    /**
     * A host name as the model keeps it: trimmed, lower-case, without a trailing dot; Unicode kept.
     * Only a plausible DNS host name is accepted: dot-separated labels of 1 to 63 letters, digits,
     * {@code -} or {@code _} (Unicode letters and digits included, for internationalized names), no
     * label starting or ending with {@code -}, at most 253 characters. A display name such as
     * {@code Mara’s Pixel 7} or {@code ipad air (2nd generation)} (spaces, parentheses, apostrophes
     * and other punctuation) is refused: keep it as the asset's name instead.
     *
     * @param text the name
     * @return the name, or null if blank
     * @throws IllegalArgumentException if it is not a plausible DNS host name
     */
    public static @Nullable String hostName(@Nullable String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        if (n > 0 && text.charAt(0) > ' ' && text.charAt(n - 1) > ' ' && text.charAt(n - 1) != '.') {
            boolean plain = true;
            for (int i = 0; i < n && plain; i++) {
                char c = text.charAt(i);
                plain = c < 128 && (c < 'A' || c > 'Z');
            }
            if (plain) {
                return checkHostName(text, text);
            }
        }
        String s = text.trim();
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? null : checkHostName(s.toLowerCase(Locale.ROOT), text);
    }

    /** The longest host name DNS allows, in characters (RFC 1035, without the trailing dot). */
    private static final int MAX_HOST_NAME = 253;

    private static String checkHostName(String h, String original) {
        int n = h.length();
        boolean ok = n <= MAX_HOST_NAME;
        int label = 0;
        for (int i = 0; i < n && ok; i++) {
            char c = h.charAt(i);
            if (c == '.') {
                ok = label > 0 && h.charAt(i - 1) != '-';
                label = 0;
                continue;
            }
            if (c == '-') {
                ok = label > 0;
            } else if (c < 128) {
                ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
            } else {
                int cp = h.codePointAt(i);
                int type = Character.getType(cp);
                ok = Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                        || type == Character.COMBINING_SPACING_MARK;
                i += Character.charCount(cp) - 1;
            }
            ok &= ++label <= 63;
        }
        ok &= label > 0 && h.charAt(n - 1) != '-';
        if (!ok) {
            throw new IllegalArgumentException("not a DNS host name: '" + original + "'");
        }
        return h;
    }

    /**
     * The ASCII (punycode) form of a host name, only when it differs from {@link #hostName}; null
     * for pure ASCII names and for names IDNA cannot encode (the Unicode form is still kept).
     *
     * @param text the name
     * @return the punycode form, or null
     */
    public static @Nullable String hostNameAscii(@Nullable String text) {
        String h;
        try {
            h = hostName(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (h == null) {
            return null;
        }
        boolean ascii = true;
        for (int i = 0; i < h.length() && ascii; i++) {
            ascii = h.charAt(i) < 128;
        }
        if (ascii) {
            return null;
        }
        try {
            String a = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            return a.equals(h) ? null : a;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Tags trimmed, blanks dropped, de-duplicated ignoring case (the first spelling wins), order kept.
     *
     * @param tags the vendor's tags
     * @return the tags
     */
    public static List<String> tags(Collection<String> tags) {
        List<String> out = new ArrayList<>(tags.size());
        Set<String> seen = new HashSet<>();
        for (String t : tags) {
            if (t == null) {
                continue;
            }
            String s = t.trim();
            if (!s.isEmpty() && seen.add(s.toLowerCase(Locale.ROOT))) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Folds the casing of a vendor enum value: the canonical spelling from {@code known} when one
     * matches ignoring case ({@code onboarded} becomes {@code Onboarded}); otherwise the trimmed
     * value with its first letter upper-cased.
     *
     * @param value the vendor value
     * @param known the canonical spellings, may be empty
     * @return the folded value, or null if blank
     */
    public static @Nullable String enumValue(@Nullable String value, Collection<String> known) {
        if (value == null) {
            return null;
        }
        String s = value.trim();
        if (s.isEmpty()) {
            return null;
        }
        for (String k : known) {
            if (k.equalsIgnoreCase(s)) {
                return k;
            }
        }
        return Character.isUpperCase(s.charAt(0)) ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Extracts a CVE id: {@code CVE-YYYY-N...} (at least four digits), case-insensitive, upper-cased.
     * Other vulnerability ids ({@code TVM-2020-0002}) give null, so they never enter a finding's CVE list.
     *
     * @param text the id or text containing one
     * @return the CVE id upper-case, or null
     */
    public static @Nullable String cveId(@Nullable String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        for (int i = 0; i + 12 <= n; i++) {
            if ((text.charAt(i) | 0x20) != 'c' || (text.charAt(i + 1) | 0x20) != 'v'
                    || (text.charAt(i + 2) | 0x20) != 'e' || text.charAt(i + 3) != '-') {
                continue;
            }
            if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
                continue;
            }
            int p = i + 4;
            int y = 0;
            while (p < n && y < 4 && isDigit(text.charAt(p))) {
                p++;
                y++;
            }
            if (y != 4 || p >= n || text.charAt(p) != '-') {
                continue;
            }
            p++;
            int d = 0;
            while (p < n && isDigit(text.charAt(p))) {
                p++;
                d++;
            }
            if (d >= 4 && (p == n || !Character.isLetterOrDigit(text.charAt(p)))) {
                if (i == 0 && p == n && text.charAt(0) == 'C' && text.charAt(1) == 'V' && text.charAt(2) == 'E') {
                    return text;
                }
                return "CVE-" + text.substring(i + 4, p);
            }
        }
        return null;
    }

    /**
     * Adds a scheme to a link that has none ({@code portal.azure.com/#blade/...} becomes
     * {@code https://portal.azure.com/#blade/...}).
     *
     * @param link the link
     * @param prefix the prefix to add, e.g. {@code https://}
     * @return the link with a scheme, or null if blank
     */
    public static @Nullable String urlWithScheme(@Nullable String link, String prefix) {
        if (link == null) {
            return null;
        }
        String s = link.trim();
        if (s.isEmpty()) {
            return null;
        }
        int colon = s.indexOf("://");
        if (colon > 0) {
            boolean scheme = true;
            for (int i = 0; i < colon && scheme; i++) {
                char c = s.charAt(i);
                scheme = Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.';
            }
            if (scheme) {
                return s;
            }
        }
        if (s.startsWith("//")) {
            s = s.substring(2);
        }
        return prefix + s;
    }
}
