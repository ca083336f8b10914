package dev.exposure.connector.mdc;

import dev.exposure.connector.internal.NetworkAddresses;
import org.jspecify.annotations.Nullable;

/**
 * Reads the IP address texts of Resource Graph rows (NIC private IPs, public IPs) with the SDK's one
 * address parser ({@link NetworkAddresses}: no name lookup). The address text is kept as Azure wrote
 * it (the transform's {@code ip} converter canonicalises it); only a CIDR suffix
 * ({@code 172.20.2.16/28}, as Azure answers for an IP configuration with
 * {@code privateIPAddressPrefixLength}) is removed.
 */
final class IpText {
    private IpText() { }

    /**
     * An address read from vendor text.
     *
     * @param text the address without CIDR suffix, trimmed
     * @param cidr whether a CIDR suffix was removed
     * @param bytes the address's 4 or 16 bytes
     */
    record Read(String text, boolean cidr, byte[] bytes) {
        /** @return whether the address may identify the VM (see {@link NetworkAddresses#identifies(byte[])}) */
        boolean identifies() {
            return NetworkAddresses.identifies(bytes);
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
        byte[] a = NetworkAddresses.parse(s);
        if (a == null) {
            return null;
        }
        if (prefix != null && !validPrefix(prefix, a.length * 8)) {
            return null;
        }
        return new Read(s, cidr, a);
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
}
