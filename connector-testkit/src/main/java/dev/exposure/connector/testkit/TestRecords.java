package dev.exposure.connector.testkit;

import dev.exposure.connector.SourceRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Fixture builders for {@link SourceRecord}s: pre-filled, realistic vendor records (shaped like
 * Defender for Endpoint machines and vulnerability rows) that tests change only where it matters.
 * Deterministic: the same id always gives the same record, and an id ending in a number
 * {@code n} gets host name {@code host-n.corp.example.com} and IP {@code 10.20.0.n} (n up to 250).
 *
 * <pre>{@code
 * SourceRecord machine = TestRecords.asset("machine-1").attribute("osPlatform", "Linux").build();
 * SourceRecord row = TestRecords.finding("finding-1").attribute("cveId", null).build();
 * List<SourceRecord> page = TestRecords.assets(1, 100);      // machine-1 ... machine-100
 * }</pre>
 *
 * @since 0.1
 */
public final class TestRecords {

    private TestRecords() { }

    /**
     * An asset record of type {@code machine} with the usual machine attributes: id, computer
     * DNS name, OS, IP and MAC addresses, tags, health and first/last seen.
     *
     * @param id the source id (also the {@code id} attribute)
     * @return a pre-filled builder
     */
    public static Builder asset(String id) {
        Objects.requireNonNull(id, "id must not be null");
        int n = number(id, 250);
        Map<String, @Nullable Object> nic1 = new LinkedHashMap<>();
        nic1.put("ipAddress", "10.20.0." + n);
        nic1.put("macAddress", String.format(Locale.ROOT, "00155D0A%04X", n));
        nic1.put("type", "Ethernet");
        nic1.put("operationalStatus", "Up");
        Map<String, @Nullable Object> loopback = new LinkedHashMap<>();
        loopback.put("ipAddress", "127.0.0.1");
        loopback.put("macAddress", null);
        loopback.put("type", "SoftwareLoopback");
        loopback.put("operationalStatus", "Up");
        return new Builder(SourceRecord.Kind.ASSET, "machine", id)
                .attribute("id", id)
                .attribute("computerDnsName", "host-" + n + ".corp.example.com")
                .attribute("firstSeen", "2025-06-01T08:00:00Z")
                .attribute("lastSeen", "2026-01-01T06:30:00.1234567Z")
                .attribute("osPlatform", "Windows11")
                .attribute("version", "24H2")
                .attribute("osBuild", 26100)
                .attribute("lastIpAddress", "10.20.0." + n)
                .attribute("lastExternalIpAddress", "203.0.113." + n)
                .attribute("healthStatus", "Active")
                .attribute("onboardingStatus", "Onboarded")
                .attribute("deviceValue", "Normal")
                .attribute("riskScore", "Medium")
                .attribute("exposureLevel", "Medium")
                .attribute("machineTags", List.of("finance", "tier-1"))
                .attribute("ipAddresses", List.of(Collections.unmodifiableMap(nic1), Collections.unmodifiableMap(loopback)));
    }

    /**
     * A finding record of type {@code vulnerability}: a CVE on a machine's software, with
     * severity, CVSS score, exploitability and fixing update.
     *
     * @param id the source id (also the {@code id} attribute)
     * @return a pre-filled builder
     */
    public static Builder finding(String id) {
        Objects.requireNonNull(id, "id must not be null");
        int n = 1000 + number(id, 9000);
        return new Builder(SourceRecord.Kind.FINDING, "vulnerability", id)
                .attribute("id", id)
                .attribute("deviceId", "machine-1")
                .attribute("deviceName", "host-1.corp.example.com")
                .attribute("osPlatform", "Windows11")
                .attribute("softwareVendor", "google")
                .attribute("softwareName", "chrome")
                .attribute("softwareVersion", "120.0.6099.110")
                .attribute("cveId", "CVE-2025-" + n)
                .attribute("vulnerabilitySeverityLevel", "High")
                .attribute("cvssScore", 8.8)
                .attribute("exploitabilityLevel", "ExploitIsPublic")
                .attribute("recommendedSecurityUpdate", "Chrome 121 stable update")
                .attribute("recommendedSecurityUpdateId", "chrome-121")
                .attribute("firstSeenTimestamp", "2025-12-01 10:00:00")
                .attribute("lastSeenTimestamp", "2026-01-01 06:00:00")
                .attribute("securityUpdateAvailable", true)
                .attribute("diskPaths", List.of("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"));
    }

    /**
     * Asset records {@code machine-<first>} to {@code machine-<first+count-1>}, for one page.
     *
     * @param first the number of the first machine
     * @param count how many
     * @return the records
     */
    public static List<SourceRecord> assets(int first, int count) {
        checkCount(count);
        List<SourceRecord> records = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            records.add(asset("machine-" + i).build());
        }
        return records;
    }

    /**
     * Finding records {@code finding-<first>} to {@code finding-<first+count-1>}, for one page;
     * finding {@code i} is on machine {@code i}.
     *
     * @param first the number of the first finding
     * @param count how many
     * @return the records
     */
    public static List<SourceRecord> findings(int first, int count) {
        checkCount(count);
        List<SourceRecord> records = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            records.add(finding("finding-" + i).attribute("deviceId", "machine-" + i)
                    .attribute("deviceName", "host-" + i + ".corp.example.com").build());
        }
        return records;
    }

    /**
     * A small deterministic number for an id: its trailing digits when it has some (so
     * {@code machine-7} gets {@code host-7}), else a hash; 1 to {@code bound}.
     */
    static int number(String id, int bound) {
        int end = id.length();
        int start = end;
        while (start > 0 && Character.isDigit(id.charAt(start - 1)) && end - start < 9) {
            start--;
        }
        int n = start < end ? Integer.parseInt(id.substring(start, end)) : id.hashCode();
        return Math.floorMod(n - 1, bound) + 1;
    }

    private static void checkCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }

    /**
     * Builds one {@link SourceRecord}. Not thread-safe. Attribute values follow
     * {@link SourceRecord}'s structure: maps, lists, strings, numbers, booleans or null.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final SourceRecord.Kind kind;
        private String type;
        private String sourceId;
        private final Map<String, @Nullable Object> attributes = new LinkedHashMap<>();

        private Builder(SourceRecord.Kind kind, String type, String sourceId) {
            this.kind = kind;
            this.type = type;
            this.sourceId = sourceId;
        }

        /**
         * @param value the vendor record type, e.g. {@code assessment}
         * @return this builder
         */
        public Builder type(String value) {
            this.type = Objects.requireNonNull(value, "type must not be null");
            return this;
        }

        /**
         * Changes the source id (the {@code id} attribute is left alone).
         *
         * @param value the source id
         * @return this builder
         */
        public Builder sourceId(String value) {
            this.sourceId = Objects.requireNonNull(value, "sourceId must not be null");
            return this;
        }

        /**
         * Sets or replaces a top-level attribute; null is kept as an explicit JSON null.
         *
         * @param name the attribute name
         * @param value the value
         * @return this builder
         */
        public Builder attribute(String name, @Nullable Object value) {
            attributes.put(Objects.requireNonNull(name, "name must not be null"), value);
            return this;
        }

        /**
         * Removes a top-level attribute, as when the vendor leaves a field out.
         *
         * @param name the attribute name
         * @return this builder
         */
        public Builder without(String name) {
            attributes.remove(name);
            return this;
        }

        /** @return the record; later changes to this builder do not affect it */
        @SuppressWarnings("unchecked")
        public SourceRecord build() {
            Map<String, Object> copy = (Map<String, Object>) (Map<String, ?>) new LinkedHashMap<>(attributes);
            return SourceRecord.of(kind, type, sourceId, copy);
        }
    }
}
