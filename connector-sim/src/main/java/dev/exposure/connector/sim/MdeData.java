package dev.exposure.connector.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The simulated MDE tenant's data, computed row by row from (seed, index): never materialized.
 *
 * <p>Distinct finding {@code f} (0-based) belongs to machine {@code f / vulnerabilitiesPerMachine}
 * and slot {@code f % vulnerabilitiesPerMachine}. The raw export stream interleaves duplicates: the
 * distinct findings are cut into groups of {@value #GROUP}; after each group come its duplicates
 * (exactly {@code floor(end * dupPpm / 1e6) - floor(start * dupPpm / 1e6)} of them), each a copy
 * of a finding of the same group (one in three) or of a group up to 2,000 groups back.
 */
final class MdeData {
    static final int GROUP = 100;
    static final String[] SEVERITIES = {"Critical", "High", "Medium", "Low"};
    static final String[] STATUSES = {"New", "Updated", "Fixed"};

    private static final long S_MACHINE = 11, S_FINDING = 12, S_SEV = 13, S_KIND = 14, S_DUP = 15, S_DRIFT = 16,
            S_NULL = 17, S_TIME = 18, S_SOFT = 19;

    private static final String[][] SOFTWARE = {
        {"microsoft", "edge", "130"}, {"google", "chrome", "131"}, {"mozilla", "firefox", "133"},
        {"microsoft", ".net_framework", "4"}, {"oracle", "jre", "8"}, {"adobe", "acrobat_reader_dc", "24"},
        {"7-zip", "7-zip", "24"}, {"microsoft", "office", "16"}, {"openssl", "openssl", "3"},
        {"canonical", "linux_kernel", "6"}, {"red_hat", "openssh", "9"}, {"python", "python", "3"},
        {"apache", "log4j", "2"}, {"vmware", "tools", "12"}, {"zoom", "zoom", "6"}, {"notepad-plus-plus", "notepad++", "8"},
    };
    private static final String[][] PLATFORMS = {
        {"Windows10", "10.0.19045.5011", "22H2"}, {"Windows11", "10.0.22631.4460", "23H2"},
        {"WindowsServer2022", "10.0.20348.2849", "21H2"}, {"Linux", "ubuntu_linux_22.04", "22.04"},
        {"macOS", "15.1", "Sequoia 15.1"},
    };
    private static final String[] EXPLOIT = {"NoExploit", "ExploitIsPublic", "ExploitIsVerified", "ExploitIsInKit"};
    private static final String[] HEALTH = {"Active", "Active", "Active", "Inactive", "ImpairedCommunication", "NoSensorData"};
    private static final String[] RISK = {"None", "Informational", "Low", "Medium", "High"};
    private static final String[] EXPOSURE = {"None", "Low", "Medium", "High"};
    private static final String[] VALUE = {"Normal", "Normal", "Low", "High"};
    private static final String[] RBAC = {null, "Finance", "Engineering", "Servers", "Kiosks"};

    final long seed;
    final int machines;
    final int perMachine;
    final int[] severityWeights;
    final int nonCvePpm;
    final int noCvePpm;
    final int dupPpm;
    final int driftPpm;
    final int nullPpm;
    final int changePpm;
    final int[] statusWeights;
    final int filePartRows;
    final Instant snapshot;
    final long distinct;
    final long raw;
    final long deltaRows;
    private final byte[][] dayPrefix = new byte[512][];
    private final LocalDate snapshotDay;
    private final int snapshotSecondOfDay;
    private volatile long[] distinctCounts;

    MdeData(long seed, int machines, int perMachine, int[] severityWeights, int nonCvePpm, int noCvePpm, int dupPpm,
            int driftPpm, int nullPpm, int changePpm, int[] statusWeights, int filePartRows, Instant snapshot) {
        this.seed = seed;
        this.machines = machines;
        this.perMachine = perMachine;
        this.severityWeights = severityWeights.clone();
        this.nonCvePpm = nonCvePpm;
        this.noCvePpm = noCvePpm;
        this.dupPpm = dupPpm;
        this.driftPpm = driftPpm;
        this.nullPpm = nullPpm;
        this.changePpm = changePpm;
        this.statusWeights = statusWeights.clone();
        this.filePartRows = filePartRows;
        this.snapshot = snapshot;
        this.distinct = (long) machines * perMachine;
        this.raw = distinct + cumDup(distinct);
        this.deltaRows = distinct * changePpm / 1_000_000L;
        this.snapshotDay = LocalDate.ofInstant(snapshot, ZoneOffset.UTC);
        this.snapshotSecondOfDay = (int) (snapshot.getEpochSecond() - snapshotDay.toEpochDay() * 86400L);
        this.eventTimestamp = eventTimestamp();
    }

    // ------------------------------------------------------------------ counts

    long cumDup(long n) {
        return n * dupPpm / 1_000_000L;
    }

    long deltaRows(int status) {
        int total = statusWeights[0] + statusWeights[1] + statusWeights[2];
        if (total == 0 || deltaRows == 0) {
            return 0;
        }
        long full = deltaRows / total;
        long rem = deltaRows % total;
        long before = 0;
        for (int k = 0; k < status; k++) {
            before += statusWeights[k];
        }
        long inRem = Math.max(0, Math.min(rem, before + statusWeights[status]) - before);
        return full * statusWeights[status] + inRem;
    }

    int deltaStatus(long j) {
        int total = statusWeights[0] + statusWeights[1] + statusWeights[2];
        long r = j % total;
        if (r < statusWeights[0]) {
            return 0;
        }
        return r < statusWeights[0] + statusWeights[1] ? 1 : 2;
    }

    long deltaFinding(long j) {
        return j * distinct / deltaRows;
    }

    /** Counts per class of the distinct findings: [Critical, High, Medium, Low, noSeverity, nonCve, noCve]. */
    long[] distinctCounts() {
        long[] c = distinctCounts;
        if (c == null) {
            c = new long[7];
            for (long f = 0; f < distinct; f++) {
                int kind = kind(f);
                if (kind == 2) {
                    c[4]++;
                    c[6]++;
                } else {
                    c[severity(f)]++;
                    if (kind == 1) {
                        c[5]++;
                    }
                }
            }
            distinctCounts = c;
        }
        return c;
    }

    Map<String, Long> severityCounts() {
        long[] c = distinctCounts();
        Map<String, Long> m = new LinkedHashMap<>();
        for (int k = 0; k < 4; k++) {
            m.put(SEVERITIES[k], c[k]);
        }
        m.put("None", c[4]);
        return m;
    }

    int files() {
        return raw == 0 ? 0 : (int) ((raw + filePartRows - 1) / filePartRows);
    }

    // ------------------------------------------------------------------ raw stream

    /** Walks the raw (duplicate-bearing) finding stream from a position. */
    final class Cursor {
        private long g;
        private long o;
        private long start;
        private long size;
        private long dups;

        Cursor(long rawIndex) {
            long groups = (distinct + GROUP - 1) / GROUP;
            long lo = 0;
            long hi = Math.max(0, groups - 1);
            while (lo < hi) {
                long mid = (lo + hi + 1) >>> 1;
                if (rawStart(mid) <= rawIndex) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            load(lo);
            o = rawIndex - rawStart(lo);
        }

        private long rawStart(long group) {
            long s = group * GROUP;
            return s + cumDup(s);
        }

        private void load(long group) {
            g = group;
            start = group * GROUP;
            size = Math.min(distinct, start + GROUP) - start;
            dups = cumDup(start + size) - cumDup(start);
            o = 0;
        }

        /** @return the distinct finding index of the next raw row */
        long next() {
            if (o >= size + dups) {
                load(g + 1);
            }
            long at = o++;
            if (at < size) {
                return start + at;
            }
            long j = at - size;
            long h = Mix.h(seed, g * 1_000_003L + j, S_DUP);
            long lag = (h & 3) == 0 ? 0 : 1 + Mix.pick(h, 2000);
            long src = Math.max(0, g - lag);
            long srcStart = src * GROUP;
            long srcSize = Math.min(distinct, srcStart + GROUP) - srcStart;
            return srcStart + Mix.pick(Mix.mix(h), (int) srcSize);
        }
    }

    // ------------------------------------------------------------------ finding attributes

    /** @return 0 CVE, 1 non-CVE id (TVM-...), 2 no id (software inventory row) */
    int kind(long f) {
        int p = Mix.ppm(Mix.h(seed, f, S_KIND));
        if (p < noCvePpm) {
            return 2;
        }
        return p < noCvePpm + nonCvePpm ? 1 : 0;
    }

    int severity(long f) {
        int total = severityWeights[0] + severityWeights[1] + severityWeights[2] + severityWeights[3];
        int p = Mix.pick(Mix.h(seed, f, S_SEV), total);
        int k = 0;
        while (p >= severityWeights[k]) {
            p -= severityWeights[k];
            k++;
        }
        return k;
    }

    long machineHash(int m) {
        return Mix.h(seed, m, S_MACHINE);
    }

    String machineId(int m) {
        long a = Mix.h(seed, m, S_MACHINE + 100);
        long b = Mix.h(seed, m, S_MACHINE + 101);
        return String.format("%016x%016x%08x", a, b, (int) (a >>> 13) & 0x7fffffff);
    }

    String[] platform(int m) {
        return PLATFORMS[Mix.pick(machineHash(m), PLATFORMS.length)];
    }

    String hostName(int m) {
        return "host-" + m + ".corp.contoso.example";
    }

    int rbacGroup(int m) {
        return Mix.pick(Mix.mix(machineHash(m) + 3), RBAC.length);
    }

    boolean drift(long index, long salt) {
        return Mix.ppm(Mix.h(seed, index, S_DRIFT + salt)) < driftPpm;
    }

    boolean isNull(long index, long salt) {
        return Mix.ppm(Mix.h(seed, index, S_NULL + salt)) < nullPpm;
    }

    /** Field keys of a vulnerability row: JSON API (camelCase) or file export (PascalCase). */
    enum Keys {
        CAMEL("id", "deviceId", "rbacGroupName", "rbacGroupId", "deviceName", "osPlatform", "osVersion", "osArchitecture",
                "softwareVendor", "softwareName", "softwareVersion", "cveId", "vulnerabilitySeverityLevel",
                "recommendedSecurityUpdate", "recommendedSecurityUpdateId", "recommendedSecurityUpdateUrl", "diskPaths",
                "registryPaths", "lastSeenTimestamp", "firstSeenTimestamp", "exploitabilityLevel",
                "recommendationReference", "securityUpdateAvailable", "cvssScore", "endOfSupportStatus", "status",
                "eventTimestamp", "isOnboarded"),
        PASCAL(null, "DeviceId", "RbacGroupName", "RbacGroupId", "DeviceName", "OSPlatform", "OSVersion", "OSArchitecture",
                "SoftwareVendor", "SoftwareName", "SoftwareVersion", "CveId", "VulnerabilitySeverityLevel",
                "RecommendedSecurityUpdate", "RecommendedSecurityUpdateId", "RecommendedSecurityUpdateUrl", "DiskPaths",
                "RegistryPaths", "LastSeenTimestamp", "FirstSeenTimestamp", "ExploitabilityLevel",
                "RecommendationReference", "SecurityUpdateAvailable", "CvssScore", "EndOfSupportStatus", "Status",
                "EventTimestamp", "IsOnboarded");

        final byte[][] k;

        Keys(String... names) {
            k = new byte[names.length][];
            for (int i = 0; i < names.length; i++) {
                k[i] = names[i] == null ? null : ("\"" + names[i] + "\":").getBytes(StandardCharsets.US_ASCII);
            }
        }
    }

    private static final int K_ID = 0, K_DEVICE = 1, K_RBACNAME = 2, K_RBACID = 3, K_NAME = 4, K_OS = 5, K_OSVER = 6,
            K_ARCH = 7, K_VENDOR = 8, K_SOFT = 9, K_VER = 10, K_CVE = 11, K_SEV = 12, K_REC = 13, K_RECID = 14,
            K_RECURL = 15, K_DISK = 16, K_REG = 17, K_LAST = 18, K_FIRST = 19, K_EXPL = 20, K_REF = 21, K_AVAIL = 22,
            K_CVSS = 23, K_EOS = 24, K_STATUS = 25, K_EVENT = 26, K_ONB = 27;

    private static byte[] b(String v) {
        return v.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] q(String v) {
        return b(MiniJson.quote(v));
    }

    private static final byte[][] Q_VENDOR = new byte[SOFTWARE.length][];
    private static final byte[][] Q_NAME = new byte[SOFTWARE.length][];
    private static final byte[][] B_VENDOR = new byte[SOFTWARE.length][];
    private static final byte[][] B_NAME = new byte[SOFTWARE.length][];
    private static final byte[][] B_MAJOR = new byte[SOFTWARE.length][];
    private static final byte[][] WIN_PATH = new byte[SOFTWARE.length][];
    private static final byte[][] WIN_PATH2 = new byte[SOFTWARE.length][];
    private static final byte[][] LIN_PATH = new byte[SOFTWARE.length][];
    private static final byte[][] REF = new byte[SOFTWARE.length][];
    private static final byte[][] LIN_REC = new byte[SOFTWARE.length][];
    private static final byte[][] Q_OS = new byte[PLATFORMS.length][];
    private static final byte[][] Q_OSVER = new byte[PLATFORMS.length][];
    private static final byte[][] Q_SEV = new byte[4][];
    private static final byte[][] Q_SEV_LOWER = new byte[4][];
    private static final byte[][] Q_EXPLOIT = new byte[EXPLOIT.length][];
    private static final byte[][] Q_RBAC = new byte[RBAC.length][];
    private static final byte[][] Q_STATUS = new byte[STATUSES.length][];
    private static final byte[] Q_X64 = q("x64");
    private static final byte[] Q_WIN_REC = q("November 2026 Security Updates");
    private static final byte[] HOST = b("\"host-");
    private static final byte[] HOST_UPPER = b("\"HOST-");
    private static final byte[] DOMAIN = b(".corp.contoso.example\"");
    private static final byte[] DOMAIN_UPPER = b(".CORP.CONTOSO.EXAMPLE\"");
    private static final byte[] KB_URL = b("\"https://support.microsoft.com/help/50");
    private static final byte[] REG = b("\"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Microsoft\\\\Windows\\\\CurrentVersion"
            + "\\\\Uninstall\\\\{");
    private static final byte[] EOS = q("None");
    private static final byte[] CVE = b("\"CVE-");
    private static final byte[] TVM = b("\"TVM-");
    private static final byte[] USN = b("\"USN-");
    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

    static {
        for (int i = 0; i < SOFTWARE.length; i++) {
            String[] sw = SOFTWARE[i];
            Q_VENDOR[i] = q(sw[0]);
            Q_NAME[i] = q(sw[1]);
            B_VENDOR[i] = b(sw[0]);
            B_NAME[i] = b(sw[1]);
            B_MAJOR[i] = b(sw[2]);
            WIN_PATH[i] = q("C:\\Program Files\\" + sw[0] + "\\" + sw[1] + "\\" + sw[1] + ".exe");
            WIN_PATH2[i] = q("C:\\Program Files (x86)\\" + sw[0] + "\\" + sw[1] + "\\bin\\" + sw[1] + ".dll");
            LIN_PATH[i] = q("/usr/lib/" + sw[1] + "/lib" + sw[1] + ".so");
            REF[i] = q("va-_-" + sw[0] + "-_-" + sw[1]);
            LIN_REC[i] = q("Update " + sw[1] + " to a fixed version");
        }
        for (int i = 0; i < PLATFORMS.length; i++) {
            Q_OS[i] = q(PLATFORMS[i][0]);
            Q_OSVER[i] = q(PLATFORMS[i][1]);
        }
        for (int i = 0; i < 4; i++) {
            Q_SEV[i] = q(SEVERITIES[i]);
            Q_SEV_LOWER[i] = q(SEVERITIES[i].toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < EXPLOIT.length; i++) {
            Q_EXPLOIT[i] = q(EXPLOIT[i]);
        }
        for (int i = 0; i < RBAC.length; i++) {
            Q_RBAC[i] = q(RBAC[i] == null ? "Unassigned" : RBAC[i]);
        }
        for (int i = 0; i < STATUSES.length; i++) {
            Q_STATUS[i] = q(STATUSES[i]);
        }
    }

    private void version(ByteSink s, int sw, long hf, int slot, int patch) throws IOException {
        s.raw(B_MAJOR[sw]).ch('.').num(Mix.pick(hf >>> 20, 10)).ch('.').num(100L + slot).ch('.').num(patch);
    }

    private void cve(ByteSink s, int kind, long hf, long hm, int slot, boolean quoted) throws IOException {
        if (kind == 1) {
            s.raw(TVM, quoted).num(2018 + Mix.pick(hf >>> 30, 7)).ch('-')
                    .digits(1 + (slot * 7919L + (hm & 0xffff)) % 9999, 4);
        } else {
            s.raw(CVE, quoted).num(2015 + Mix.pick(hf >>> 30, 11)).ch('-')
                    .num(10000 + (slot * 7919L + (hm & 0xffff)) % 90000);
        }
    }

    /** Delta variants: -1 = none (full export), else the status index. */
    void writeFinding(ByteSink s, long f, Keys keys, int deltaStatus) throws IOException {
        byte[][] k = keys.k;
        int m = (int) (f / perMachine);
        int slot = (int) (f % perMachine);
        long hm = machineHash(m);
        long hf = Mix.h(seed, f, S_FINDING);
        long hs = Mix.h(seed, f, S_SOFT);
        int sw = Mix.pick(hs, SOFTWARE.length);
        int pfi = Mix.pick(hm, PLATFORMS.length);
        boolean windows = pfi < 3;
        int kind = kind(f);
        long da = Mix.h(seed, m, S_MACHINE + 100);
        long db = Mix.h(seed, m, S_MACHINE + 101);
        int dc = (int) (da >>> 13) & 0x7fffffff;
        int patch = deltaStatus == 2 ? 0 : 1 + Mix.pick(hf, 90);
        s.ch('{');
        if (k[K_ID] != null) {
            s.raw(k[K_ID]).ch('"').hex(da, 16).hex(db, 16).hex(dc, 8).ch('_').raw(B_VENDOR[sw]).ch('_')
                    .raw(B_NAME[sw]).ch('_');
            version(s, sw, hf, slot, patch);
            s.ch('_');
            if (kind != 2) {
                cve(s, kind, hf, hm, slot, false);
            }
            s.ch('"').ch(',');
        }
        s.raw(k[K_DEVICE]).ch('"').hex(da, 16).hex(db, 16).hex(dc, 8).ch('"');
        int rg = rbacGroup(m);
        s.ch(',').raw(k[K_RBACNAME]).raw(Q_RBAC[rg]);
        s.ch(',').raw(k[K_RBACID]).num(rg);
        boolean upper = drift(f, 1);
        s.ch(',').raw(k[K_NAME]).raw(upper ? HOST_UPPER : HOST).num(m).raw(upper ? DOMAIN_UPPER : DOMAIN);
        s.ch(',').raw(k[K_OS]).raw(Q_OS[pfi]);
        s.ch(',').raw(k[K_OSVER]).raw(Q_OSVER[pfi]);
        s.ch(',').raw(k[K_ARCH]).raw(Q_X64);
        s.ch(',').raw(k[K_VENDOR]).raw(Q_VENDOR[sw]);
        s.ch(',').raw(k[K_SOFT]).raw(Q_NAME[sw]);
        s.ch(',').raw(k[K_VER]).ch('"');
        version(s, sw, hf, slot, patch);
        s.ch('"');
        s.ch(',').raw(k[K_CVE]);
        if (kind == 2) {
            s.nul();
        } else {
            cve(s, kind, hf, hm, slot, true);
            s.ch('"');
        }
        int sev = kind == 2 ? -1 : severity(f);
        s.ch(',').raw(k[K_SEV]);
        if (sev < 0) {
            s.nul();
        } else {
            s.raw(drift(f, 2) ? Q_SEV_LOWER[sev] : Q_SEV[sev]);
        }
        boolean noRec = kind == 2 || isNull(f, 1);
        int kb = 44000 + Mix.pick(hf >>> 9, 999);
        s.ch(',').raw(k[K_REC]);
        if (noRec) {
            s.nul();
        } else {
            s.raw(windows ? Q_WIN_REC : LIN_REC[sw]);
        }
        s.ch(',').raw(k[K_RECID]);
        if (noRec) {
            s.nul();
        } else if (windows) {
            s.ascii("\"50").num(kb).ch('"');
        } else {
            s.raw(USN).num(7000 + Mix.pick(hf >>> 9, 999)).ascii("-1\"");
        }
        s.ch(',').raw(k[K_RECURL]);
        if (noRec || !windows) {
            s.nul();
        } else {
            s.raw(KB_URL).num(kb).ch('"');
        }
        s.ch(',').raw(k[K_DISK]).ch('[');
        if (windows) {
            s.raw(WIN_PATH[sw]);
            if ((hf & 8) == 0) {
                s.ch(',').raw(WIN_PATH2[sw]);
            }
        } else if ((hf & 16) == 0) {
            s.raw(LIN_PATH[sw]);
        }
        s.ch(']');
        s.ch(',').raw(k[K_REG]).ch('[');
        if (windows && (hf & 32) == 0) {
            s.raw(REG).hex(hf, 8).ch('-').hex(hs, 4).ascii("-4").hex(hs >>> 16, 3).ch('-').hex(hf >>> 32, 12)
                    .ascii("}\"");
        }
        s.ch(']');
        s.ch(',').raw(k[K_LAST]);
        timestamp(s, Mix.h(seed, f, S_TIME), 0, 2);
        s.ch(',').raw(k[K_FIRST]);
        timestamp(s, Mix.h(seed, f, S_TIME + 1), 3, 300);
        s.ch(',').raw(k[K_EXPL]).raw(Q_EXPLOIT[Mix.pick(hf >>> 40, 4)]);
        s.ch(',').raw(k[K_REF]).raw(REF[sw]);
        s.ch(',').raw(k[K_AVAIL]).bool(!noRec);
        s.ch(',').raw(k[K_CVSS]);
        if (sev < 0 || isNull(f, 2)) {
            s.nul();
        } else {
            int base = sev == 0 ? 90 : sev == 1 ? 70 : sev == 2 ? 40 : 1;
            int span = sev == 0 ? 11 : sev == 1 ? 20 : sev == 2 ? 30 : 39;
            int t = base + Mix.pick(hf >>> 24, span);
            if (deltaStatus == 1) {
                t = Math.min(100, t + 1);
            }
            s.tenths(t);
        }
        if ((hf & 64) == 0) {
            s.ch(',').raw(k[K_EOS]).raw(EOS);
        }
        if (deltaStatus >= 0) {
            s.ch(',').raw(k[K_STATUS]).raw(Q_STATUS[deltaStatus]);
            s.ch(',').raw(k[K_EVENT]).str(eventTimestamp);
            s.ch(',').raw(k[K_ONB]).bool(true);
        } else if (keys == Keys.PASCAL) {
            s.ch(',').raw(k[K_ONB]).bool(true);
        }
        s.ch('}');
    }

    final String eventTimestamp;

    private String eventTimestamp() {
        return snapshotDay + " " + String.format("%02d:%02d:%02d", snapshotSecondOfDay / 3600,
                snapshotSecondOfDay / 60 % 60, snapshotSecondOfDay % 60);
    }

    /**
     * A zone-less, space-separated timestamp between minDays and maxDays before the snapshot, with
     * 0 to 7 fractional digits: {@code "2026-11-20 14:17:26.8476880"}.
     */
    private void timestamp(ByteSink s, long h, int minDays, int maxDays) throws IOException {
        int daysBack = minDays + Mix.pick(h, maxDays - minDays + 1);
        int sec = Mix.pick(h >>> 17, 86400);
        if (daysBack == 0 && sec > snapshotSecondOfDay) {
            sec = snapshotSecondOfDay;
        }
        byte[] prefix = dayPrefix[daysBack];
        if (prefix == null) {
            prefix = ("\"" + snapshotDay.minusDays(daysBack) + " ").getBytes(StandardCharsets.US_ASCII);
            dayPrefix[daysBack] = prefix;
        }
        s.raw(prefix).digits(sec / 3600, 2).ch(':').digits(sec / 60 % 60, 2).ch(':').digits(sec % 60, 2);
        int frac = Mix.pick(h >>> 40, 8);
        if (frac > 0) {
            s.ch('.').digits(Long.remainderUnsigned(h >>> 3, 10_000_000L) / POW10[7 - frac], frac);
        }
        s.ch('"');
    }

    // ------------------------------------------------------------------ machines

    /** One machine's attributes that filters can test. */
    static final class Machine {
        String id;
        String computerDnsName;
        String osPlatform;
        String healthStatus;
        String onboardingStatus;
        String riskScore;
        String exposureLevel;
        String deviceValue;
        int rbacGroupId;
        String lastIpAddress;

        String attribute(String field) {
            switch (field.toLowerCase(Locale.ROOT)) {
                case "id": return id;
                case "computerdnsname": return computerDnsName;
                case "osplatform": return osPlatform;
                case "healthstatus": return healthStatus;
                case "onboardingstatus": return onboardingStatus;
                case "riskscore": return riskScore;
                case "exposurelevel": return exposureLevel;
                case "devicevalue": return deviceValue;
                case "rbacgroupid": return Integer.toString(rbacGroupId);
                case "lastipaddress": return lastIpAddress;
                default: throw new IllegalArgumentException(field);
            }
        }
    }

    Machine machine(int m) {
        long h = machineHash(m);
        Machine x = new Machine();
        x.id = machineId(m);
        boolean drift = drift(m, 10);
        x.computerDnsName = drift ? ("HOST-" + m) : hostName(m);
        x.osPlatform = platform(m)[0];
        String health = HEALTH[Mix.pick(h >>> 5, HEALTH.length)];
        x.healthStatus = drift(m, 11) ? health.toLowerCase(Locale.ROOT) : health;
        x.onboardingStatus = drift(m, 12) ? "onboarded" : "Onboarded";
        x.riskScore = isNull(m, 10) ? null : RISK[Mix.pick(h >>> 9, RISK.length)];
        x.exposureLevel = isNull(m, 11) ? null : EXPOSURE[Mix.pick(h >>> 13, EXPOSURE.length)];
        x.deviceValue = isNull(m, 12) ? null : VALUE[Mix.pick(h >>> 17, VALUE.length)];
        x.rbacGroupId = rbacGroup(m);
        x.lastIpAddress = isNull(m, 13) ? null : "10." + ((m >>> 16) & 255) + "." + ((m >>> 8) & 255) + "." + (m & 255);
        return x;
    }

    void writeMachine(ByteSink s, int m) throws IOException {
        Machine x = machine(m);
        long h = machineHash(m);
        String[] pf = platform(m);
        s.ascii("{\"id\":").str(x.id);
        s.ascii(",\"mergedIntoMachineId\":null,\"isPotentialDuplication\":").bool((h & 0xff) == 7);
        s.ascii(",\"isExcluded\":false,\"exclusionReason\":null");
        s.ascii(",\"computerDnsName\":").str(x.computerDnsName);
        s.ascii(",\"firstSeen\":");
        isoTimestamp(s, Mix.h(seed, m, S_TIME + 5), 30, 700);
        s.ascii(",\"lastSeen\":");
        isoTimestamp(s, Mix.h(seed, m, S_TIME + 6), 0, 3);
        s.ascii(",\"osPlatform\":").str(x.osPlatform);
        if (!isNull(m, 14)) {
            s.ascii(",\"osVersion\":").str(pf[1]);
        }
        s.ascii(",\"osProcessor\":\"x64\",\"version\":").str(pf[2]);
        s.ascii(",\"lastIpAddress\":").str(x.lastIpAddress);
        s.ascii(",\"lastExternalIpAddress\":").str(isNull(m, 15) ? null : "203.0.113." + (m % 250 + 1));
        s.ascii(",\"agentVersion\":\"10.8760.19045.").num(5000 + (h >>> 40) % 100).ch('"');
        s.ascii(",\"osBuild\":").num(19045 + (h >>> 20) % 4);
        s.ascii(",\"healthStatus\":").str(x.healthStatus);
        s.ascii(",\"deviceValue\":").str(x.deviceValue);
        s.ascii(",\"rbacGroupId\":").num(x.rbacGroupId);
        s.ascii(",\"rbacGroupName\":").str(RBAC[x.rbacGroupId]);
        s.ascii(",\"riskScore\":").str(x.riskScore);
        s.ascii(",\"exposureLevel\":").str(x.exposureLevel);
        s.ascii(",\"isAadJoined\":").bool((h & 2) == 0);
        s.ascii(",\"aadDeviceId\":").str((h & 2) == 0 ? Mix.guid(seed, m, 77) : null);
        s.ascii(",\"machineTags\":[");
        if ((h & 4) == 0) {
            s.ascii("\"prod\",\"tier-").num(m % 3).ch('"');
        }
        s.ch(']');
        s.ascii(",\"onboardingStatus\":").str(x.onboardingStatus);
        s.ascii(",\"osArchitecture\":\"64-bit\",\"managedBy\":\"Intune\",\"managedByStatus\":\"Success\"");
        String mac = String.format("%012X", (h >>> 16) & 0xFFFFFFFFFFFFL);
        s.ascii(",\"ipAddresses\":[");
        if (x.lastIpAddress != null) {
            s.ascii("{\"ipAddress\":").str(x.lastIpAddress).ascii(",\"macAddress\":").str(mac)
                    .ascii(",\"type\":\"Ethernet\",\"operationalStatus\":\"Up\"},");
        }
        s.ascii("{\"ipAddress\":\"fe80::").hex(h, 4).ch(':').hex(h >>> 16, 4).ascii("\",\"macAddress\":").str(mac)
                .ascii(",\"type\":\"Ethernet\",\"operationalStatus\":\"Up\"},");
        s.ascii("{\"ipAddress\":\"127.0.0.1\",\"macAddress\":null,\"type\":\"SoftwareLoopback\",\"operationalStatus\":\"Up\"}]");
        if ((h & 8) == 0) {
            s.ascii(",\"vmMetadata\":{\"vmId\":").str(Mix.guid(seed, m, 78)).ascii(",\"cloudProvider\":\"Azure\",")
                    .ascii("\"resourceId\":\"/subscriptions/").ascii(Mix.guid(seed, 0, 79))
                    .ascii("/resourceGroups/rg-sim/providers/Microsoft.Compute/virtualMachines/host-").num(m)
                    .ascii("\",\"subscriptionId\":").str(Mix.guid(seed, 0, 79)).ch('}');
        } else {
            s.ascii(",\"vmMetadata\":null");
        }
        s.ch('}');
    }

    /** ISO-8601 UTC with 0-7 fractional digits and a Z. */
    private void isoTimestamp(ByteSink s, long h, int minDays, int maxDays) throws IOException {
        int daysBack = minDays + Mix.pick(h, maxDays - minDays + 1);
        int sec = Mix.pick(h >>> 17, 86400);
        if (daysBack == 0 && sec > snapshotSecondOfDay) {
            sec = snapshotSecondOfDay;
        }
        s.ch('"').ascii(snapshotDay.minusDays(daysBack).toString()).ch('T').digits(sec / 3600, 2).ch(':')
                .digits(sec / 60 % 60, 2).ch(':').digits(sec % 60, 2);
        int frac = Mix.pick(h >>> 40, 8);
        if (frac > 0) {
            s.ch('.').digits(Long.remainderUnsigned(h >>> 3, 10_000_000L) / POW10[7 - frac], frac);
        }
        s.ascii("Z\"");
    }
}
