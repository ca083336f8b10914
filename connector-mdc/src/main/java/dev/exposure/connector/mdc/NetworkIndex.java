package dev.exposure.connector.mdc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 */
final class NetworkIndex {

    record IpConfig(@Nullable String privateIp, @Nullable UUID publicIp, boolean primary) { }

    record Nic(UUID key, String id, @Nullable String mac, boolean primary, List<IpConfig> ipConfigs) { }

    private final Map<UUID, Nic> nics = new HashMap<>();
    private final Map<UUID, List<UUID>> nicsByVm = new HashMap<>();
    private final Map<UUID, String> publicIps = new HashMap<>();

    void addNic(Map<String, Object> row) {
        String id = Rows.key(Rows.str(row, "id"));
        if (id == null) {
            return;
        }
        UUID key = Rows.hash(id);
        List<IpConfig> configs = new ArrayList<>();
        for (Object c : Rows.list(row, "properties", "ipConfigurations")) {
            configs.add(new IpConfig(Rows.str(c, "properties", "privateIPAddress"),
                    Rows.hash(Rows.str(c, "properties", "publicIPAddress", "id")),
                    Rows.bool(c, "properties", "primary")));
        }
        configs.sort((a, b) -> Boolean.compare(b.primary(), a.primary()));
        nics.put(key, new Nic(key, id, normalizeMac(Rows.str(row, "properties", "macAddress")),
                Rows.bool(row, "properties", "primary"), List.copyOf(configs)));
        UUID vm = Rows.hash(Rows.str(row, "properties", "virtualMachine", "id"));
        if (vm != null) {
            nicsByVm.computeIfAbsent(vm, k -> new ArrayList<>(1)).add(key);
        }
    }

    void addPublicIp(Map<String, Object> row) {
        UUID key = Rows.hash(Rows.str(row, "id"));
        String ip = Rows.str(row, "properties", "ipAddress");
        if (key != null && ip != null) {
            publicIps.put(key, ip);
        }
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

    /** @return {@code 00-0D-3A-1B-C7-21} as {@code 00:0d:3a:1b:c7:21}; other shapes lower-cased as given */
    static @Nullable String normalizeMac(@Nullable String mac) {
        if (mac == null) {
            return null;
        }
        // one pass, no regex: this runs for every NIC while the index is built
        StringBuilder digits = new StringBuilder(12);
        boolean allZero = true;
        for (int i = 0; i < mac.length(); i++) {
            char c = mac.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 128) {
                digits.append(c);
                allZero &= c == '0';
            }
        }
        if (digits.length() > 0 && allZero) {
            return null;
        }
        if (digits.length() != 12) {
            return mac.toLowerCase(Locale.ROOT);
        }
        String hex = digits.toString();
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
