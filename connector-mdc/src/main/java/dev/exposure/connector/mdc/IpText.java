package dev.exposure.connector.mdc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the IP address texts of Resource Graph rows (NIC private IPs, public IPs). Never resolves a
 * name: IPv4 is parsed by hand, and IPv6 text is handed to the JDK in brackets, which makes it
 * parse a literal or fail, never look a name up. The address text is kept as Azure wrote it (the
 * transform's {@code ip} converter canonicalises it); only a CIDR suffix ({@code 172.20.2.16/28},
 * as Azure answers for an IP configuration with {@code privateIPAddressPrefixLength}) is removed.
 */
final class IpText {
    private IpText() { }

    /**
     * An address read from vendor text.
     *
     * @param text the address without CIDR suffix, trimmed
     * @param cidr whether a CIDR suffix was removed
     * @param address the parsed address
     */
    record Read(String text, boolean cidr, InetAddress address) {
        /** @return whether the address may identify the VM (see {@link IpText#identifies}) */
        boolean identifies() {
            return IpText.identifies(address);
        }
    }

    /**
     * @param text the vendor's text, not blank
     * @return the address, or null when the text is not an IPv4/IPv6 address (with or without a
     *     valid CIDR suffix)
     */
    static @Nullable Read read(String text) {
        String s = text.trim();
        boolean cidr = false;
        int slash = s.indexOf('/');
        String prefix = null;
        if (slash >= 0) {
            prefix = s.substring(slash + 1);
            s = s.substring(0, slash).trim();
            cidr = true;
        }
        InetAddress a = parse(s);
        if (a == null) {
            return null;
        }
        if (prefix != null && !validPrefix(prefix, a.getAddress().length * 8)) {
            return null;
        }
        return new Read(s, cidr, a);
    }

    /**
     * Whether an address may identify a host on the network: not loopback ({@code 127.0.0.0/8},
     * {@code ::1}), link-local ({@code 169.254.0.0/16}, APIPA; {@code fe80::/10}), unspecified
     * ({@code 0.0.0.0}, {@code ::}), multicast or the IPv4 broadcast address.
     *
     * @param a an address
     * @return true when it identifies a host
     */
    static boolean identifies(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        return !(b.length == 4 && (b[0] & b[1] & b[2] & b[3]) == (byte) 0xff);
    }

    private static boolean validPrefix(String prefix, int bits) {
        if (prefix.isEmpty() || prefix.length() > 3) {
            return false;
        }
        int n = 0;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            n = n * 10 + (c - '0');
        }
        return n <= bits;
    }

    private static @Nullable InetAddress parse(String s) {
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        try {
            if (s.indexOf(':') >= 0) {
                int zone = s.indexOf('%');
                String literal = zone >= 0 ? s.substring(0, zone) : s;
                // bracketed, the JDK parses an IPv6 literal or throws; it never resolves a name
                return literal.isEmpty() ? null : InetAddress.getByName("[" + literal + "]");
            }
            byte[] v4 = ipv4(s);
            return v4 == null ? null : InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** @return four decimal octets 0-255 separated by dots, or null */
    private static byte @Nullable [] ipv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && part < 4) {
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }
}
