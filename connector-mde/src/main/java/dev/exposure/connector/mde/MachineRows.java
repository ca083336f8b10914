package dev.exposure.connector.mde;

import dev.exposure.connector.FieldIssues;
import dev.exposure.connector.internal.NetworkAddresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Field tolerance and network identity of machine rows, in place, before a row becomes a record.
 *
 * <p><b>{@code ipAddresses} entries.</b> An entry sent as text that reads as an IP address
 * ({@code "10.1.2.3"}) is repaired to {@code {"ipAddress": "10.1.2.3"}}; a single entry sent without
 * its list is put in one; any other entry (a number, text that is no address) is dropped. Each is
 * counted in the stream's {@link FieldIssues} as field {@code ipAddresses[]} (strict mode fails the
 * run on a drop). An entry object whose {@code ipAddress} or {@code macAddress} cannot be read
 * stays in the list but gives the host no address or MAC, counted as dropped
 * {@code ipAddresses[].ipAddress} / {@code ipAddresses[].macAddress}. The repaired list stays under
 * {@code ipAddresses}, every interface with its
 * {@code type} and {@code operationalStatus}, for consumers that filter themselves.
 *
 * <p><b>The host's own addresses.</b> MDE lists every address of every adapter: down adapters,
 * loopback, link-local, host-only and container bridges (same MAC on the IPv4, IPv6 and link-local
 * entries of one adapter). The connector adds two lists the shipped map reads:
 * <ul>
 *   <li>{@value #HOST_IPS}: addresses of entries that are up (status not {@code Down}), whose MAC is
 *       not a host-only or container bridge's, and whose address is not loopback, unspecified or
 *       link-local ({@code 169.254.0.0/16}, {@code fe80::/10} incl. scoped forms like
 *       {@code fe80:16::…}); {@code lastIpAddress} first when it is one of them, or when no entry
 *       lists it (a phone that reports no adapters) and it is no loopback or link-local address;
 *       the shipped map takes the first as the asset's {@code ipAddress};</li>
 *   <li>{@value #HOST_MACS}: the MACs of those entries (null, blank, unreadable and all-zero MACs
 *       never), the MAC of the entry carrying {@code lastIpAddress} first, so it becomes the
 *       asset's primary MAC.</li>
 * </ul>
 * Host-only and container bridges are told by their MAC's prefix, the only sign MDE gives:
 * {@code 02:42} (Docker's bridge and containers), {@code 0A:00:27} (VirtualBox host-only) and
 * {@code 00:50:56:C0:00} (VMware's host adapters VMnet1/VMnet8; VMware guests' own
 * {@code 00:50:56} MACs stay). A Hyper-V host's virtual switch shares its {@code 00:15:5D} prefix
 * with real Hyper-V guests and cannot be told apart.
 *
 * <p>Addresses and MACs are read and classified by the SDK's one parser,
 * {@link NetworkAddresses} (the transform's {@code ip} and {@code mac} normalisers use it too).
 * Memory: the row's own entries, nothing kept between rows.
 */
final class MachineRows {
    static final String HOST_IPS = "hostIpAddresses";
    static final String HOST_MACS = "hostMacAddresses";
    static final String FIELD = "ipAddresses[]";

    private static final List<String> BRIDGE_PREFIXES = List.of("0242", "0A0027", "005056C000");

    private final FieldIssues issues;

    MachineRows(FieldIssues issues) {
        this.issues = issues;
    }

    /** Repairs the row's {@code ipAddresses} and adds {@value #HOST_IPS} and {@value #HOST_MACS}. */
    void apply(Map<String, Object> row, String id) {
        List<Map<?, ?>> entries = entries(row, id);
        Object last = row.get("lastIpAddress");
        String lastIp = last instanceof String s ? s.trim() : null;
        List<String> ips = new ArrayList<>();
        List<String> macs = new ArrayList<>();
        String primaryMac = null;
        boolean lastListed = false;
        for (Map<?, ?> e : entries) {
            Object rawIp = e.get("ipAddress");
            String ip = rawIp instanceof String s ? s.trim() : null;
            if (ip == null || !NetworkAddresses.isIp(ip)) {
                if (rawIp != null) {
                    issues.dropped(FIELD + ".ipAddress", rawIp, "is no IP address; the entry stays in"
                            + " ipAddresses but gives the host no address", id);
                }
                continue;
            }
            Object rawMac = e.get("macAddress");
            String mac = hex12(rawMac);
            if (mac == null && rawMac != null && !(rawMac instanceof String t && t.isBlank())) {
                issues.dropped(FIELD + ".macAddress", rawMac, "is no MAC address (12 hex digits); the entry"
                        + " stays in ipAddresses but gives the host no MAC", id);
            }
            if (lastIp != null && ip.equalsIgnoreCase(lastIp)) {
                lastListed = true;
                if (mac != null && primaryMac == null) {
                    primaryMac = mac;
                }
            }
            if (isDown(e.get("operationalStatus")) || mac != null && isBridge(mac)
                    || !NetworkAddresses.identifies(ip)) {
                continue;
            }
            if (!ips.contains(ip)) {
                ips.add(ip);
            }
            if (mac != null && !mac.equals("000000000000") && !macs.contains(mac)) {
                macs.add(mac);
            }
        }
        if (primaryMac != null && macs.remove(primaryMac)) {
            macs.add(0, primaryMac);
        }
        if (lastIp != null) {
            String listed = null;
            for (String ip : ips) {
                if (ip.equalsIgnoreCase(lastIp)) {
                    listed = ip;
                }
            }
            if (listed != null) {
                ips.remove(listed);
                ips.add(0, listed);
            } else if (!lastListed && NetworkAddresses.isIp(lastIp) && NetworkAddresses.identifies(lastIp)) {
                ips.add(0, lastIp);
            }
        }
        row.put(HOST_IPS, ips);
        row.put(HOST_MACS, macs);
    }

    /** The entries as objects, repaired in the row; unreadable ones dropped and counted. */
    private List<Map<?, ?>> entries(Map<String, Object> row, String id) {
        Object v = row.get("ipAddresses");
        if (v == null) {
            return List.of();
        }
        List<?> list;
        if (v instanceof List<?> l) {
            list = l;
        } else if (v instanceof Map<?, ?> || v instanceof String s && NetworkAddresses.isIp(s.trim())) {
            issues.repaired("ipAddresses", v, "a single entry without its list, put in one", id);
            list = List.of(v);
        } else {
            issues.dropped("ipAddresses", v, "is neither a list of addresses nor one address", id);
            row.remove("ipAddresses");
            return List.of();
        }
        List<Map<?, ?>> out = new ArrayList<>(list.size());
        boolean changed = list != v;
        for (Object e : list) {
            if (e instanceof Map<?, ?> m) {
                out.add(m);
            } else if (e instanceof String s && NetworkAddresses.isIp(s.trim())) {
                Map<String, Object> m = new LinkedHashMap<>(2);
                m.put("ipAddress", s.trim());
                issues.repaired(FIELD, s, "an address sent as text, read as {\"ipAddress\": \"" + s.trim() + "\"}",
                        id);
                out.add(m);
                changed = true;
            } else {
                issues.dropped(FIELD, e, "is neither an address object nor an IP address", id);
                changed = true;
            }
        }
        if (changed) {
            row.put("ipAddresses", out);
        }
        return out;
    }

    private static boolean isDown(@Nullable Object status) {
        return status instanceof String s && s.trim().equalsIgnoreCase("down");
    }

    private static boolean isBridge(String mac) {
        for (String p : BRIDGE_PREFIXES) {
            if (mac.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** @return the MAC as 12 upper-case hex digits without separators, or null when none or unreadable */
    static @Nullable String hex12(@Nullable Object v) {
        String mac = v instanceof String s ? NetworkAddresses.mac(s) : null;
        return mac == null ? null : mac.replace(":", "").toUpperCase(java.util.Locale.ROOT);
    }
}
