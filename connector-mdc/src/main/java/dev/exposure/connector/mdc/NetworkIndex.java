package dev.exposure.connector.mdc;

import dev.exposure.connector.FieldIssues;
import dev.exposure.connector.internal.NetworkAddresses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory join side of the asset stream: network interfaces and public IP addresses of the
 * configured subscriptions, keyed by {@link Rows#hash(String) the hash of the lower-cased ARM id}
 * (ids drift in case between a VM and its NICs). Holds only what assets need: per NIC its
 * lower-cased id, MAC, primary flag and per IP configuration the private address and the public
 * IP's key; per public IP its address. Measured: about 800 bytes per VM with one NIC and one public
 * IP (see the module README). Not thread-safe.
 *
 * <p>Addresses are checked as they are indexed, each reported to the stream's {@link FieldIssues}:
 * an IP in CIDR form ({@code 172.20.2.16/28}) is kept as its address (repaired); an IP or MAC that
 * cannot be read is left out (dropped), and the rest of the NIC is kept.
 */
final class NetworkIndex {
    static final String FIELD_PRIVATE_IP = "networkInterfaces.properties.ipConfigurations[].properties.privateIPAddress";
    static final String FIELD_PUBLIC_IP = "publicIPAddresses.properties.ipAddress";
    static final String FIELD_MAC = "networkInterfaces.properties.macAddress";

    record IpConfig(@Nullable String privateIp, @Nullable UUID publicIp, boolean primary) { }

    record Nic(UUID key, String id, @Nullable String mac, boolean primary, List<IpConfig> ipConfigs) { }

    private final Map<UUID, Nic> nics = new HashMap<>();
    private final Map<UUID, List<UUID>> nicsByVm = new HashMap<>();
    private final Map<UUID, String> publicIps = new HashMap<>();
    private final FieldIssues issues;

    /** @param issues where unreadable and repaired addresses are reported */
    NetworkIndex(FieldIssues issues) {
        this.issues = issues;
    }

    void addNic(Map<String, Object> row) {
        String id = Rows.key(Rows.str(row, "id"));
        if (id == null) {
            return;
        }
        UUID key = Rows.hash(id);
        List<IpConfig> configs = new ArrayList<>();
        for (Object c : Rows.list(row, "properties", "ipConfigurations")) {
            configs.add(new IpConfig(ip(Rows.get(c, "properties", "privateIPAddress"), FIELD_PRIVATE_IP, id),
                    Rows.hash(Rows.str(c, "properties", "publicIPAddress", "id")),
                    Rows.bool(c, "properties", "primary")));
        }
        configs.sort((a, b) -> Boolean.compare(b.primary(), a.primary()));
        nics.put(key, new Nic(key, id, mac(Rows.get(row, "properties", "macAddress"), id),
                Rows.bool(row, "properties", "primary"), List.copyOf(configs)));
        UUID vm = Rows.hash(Rows.str(row, "properties", "virtualMachine", "id"));
        if (vm != null) {
            nicsByVm.computeIfAbsent(vm, k -> new ArrayList<>(1)).add(key);
        }
    }

    void addPublicIp(Map<String, Object> row) {
        UUID key = Rows.hash(Rows.str(row, "id"));
        if (key == null) {
            return;
        }
        String ip = ip(Rows.get(row, "properties", "ipAddress"), FIELD_PUBLIC_IP, Rows.key(Rows.str(row, "id")));
        if (ip != null) {
            publicIps.put(key, ip);
        }
    }

    /**
     * @return the address text (a CIDR suffix removed, reported as repaired), or null when absent
     *     or unreadable (reported as dropped)
     */
    private @Nullable String ip(@Nullable Object raw, String field, @Nullable String recordId) {
        if (raw == null || raw instanceof String s && s.isBlank()) {
            return null;
        }
        IpText.Read read = raw instanceof String s ? IpText.read(s) : null;
        if (read == null) {
            issues.dropped(field, raw, "not an IP address", recordId);
            return null;
        }
        if (read.cidr()) {
            issues.repaired(field, raw, "CIDR suffix removed, the address kept", recordId);
        }
        return read.text();
    }

    /** @return the MAC normalised, or null when absent, all-zero or unreadable (then reported as dropped) */
    private @Nullable String mac(@Nullable Object raw, String recordId) {
        if (raw == null || raw instanceof String s && s.isBlank()) {
            return null;
        }
        String mac = raw instanceof String s ? normalizeMac(s) : null;
        if (mac == null) {
            issues.dropped(FIELD_MAC, raw, "not a MAC address", recordId);
            return null;
        }
        return mac.isEmpty() ? null : mac;
    }

    /**
     * The NICs of a VM: those its network profile names (in that order, primary first), then any
     * NIC that names the VM but is missing from its profile.
     */
    List<Nic> nicsOf(UUID vmKey, List<UUID> profileNicKeys, Set<UUID> primaryKeys) {
        Set<UUID> keys = new LinkedHashSet<>();
        profileNicKeys.stream().filter(primaryKeys::contains).forEach(keys::add);
        keys.addAll(profileNicKeys);
        keys.addAll(nicsByVm.getOrDefault(vmKey, List.of()));
        List<Nic> out = new ArrayList<>(keys.size());
        for (UUID k : keys) {
            Nic n = nics.get(k);
            if (n != null) {
                out.add(n);
            }
        }
        if (primaryKeys.isEmpty()) {
            out.sort((a, b) -> Boolean.compare(b.primary(), a.primary()));
        }
        return out;
    }

    @Nullable String publicIp(@Nullable UUID key) {
        return key == null ? null : publicIps.get(key);
    }

    int nicCount() {
        return nics.size();
    }

    int publicIpCount() {
        return publicIps.size();
    }

    /**
     * @return {@code 00-0D-3A-1B-C7-21} (also with colons, dots or no separators) as
     *     {@code 00:0d:3a:1b:c7:21}; the empty string for an all-zero MAC (no address); null when
     *     the text is not 12 hex digits with separators
     */
    static @Nullable String normalizeMac(String mac) {
        String canonical = NetworkAddresses.mac(mac);
        return canonical == null ? null : NetworkAddresses.isZeroMac(canonical) ? "" : canonical;
    }
}
