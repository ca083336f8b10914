package dev.exposure.connector.sim;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The simulated Azure tenant's resources, computed from (seed, index): VMs, their NICs, public IPs
 * and Defender for Cloud assessments. Rows of every family are ordered by subscription (VMs are
 * split into contiguous blocks, one per subscription), so the rows of a set of subscriptions are a
 * set of index ranges.
 */
final class AzureData {
    /** The four query families. */
    enum Family { VMS, NICS, PUBLIC_IPS, ASSESSMENTS, SUB_ASSESSMENTS }

    /**
     * Vulnerabilities of the sub-assessments: CVE, title, software vendor, name and version, fixed
     * version, KB, CVSS 3 base, severity (Low/Medium/High, as the API's enum).
     */
    static final String[][] VULNERABILITIES = {
        {"CVE-2024-6387", "OpenSSH regreSSHion: signal handler race condition", "openbsd", "openssh", "8.9p1",
            "8.9p1-3ubuntu0.10", null, "8.1", "High"},
        {"CVE-2024-38063", "Windows TCP/IP Remote Code Execution Vulnerability", "microsoft", "windows_server_2022",
            "10.0.20348.2527", null, "5040437", "9.8", "High"},
        {"CVE-2021-44228", "Apache Log4j2 JNDI features do not protect against attacker controlled LDAP", "apache",
            "log4j", "2.14.1", "2.17.1", null, "10.0", "High"},
        {"CVE-2023-4863", "Heap buffer overflow in libwebp", "google", "libwebp", "1.3.1", "1.3.2", null, "8.8",
            "Medium"},
        {"CVE-2023-38545", "curl SOCKS5 heap buffer overflow", "haxx", "curl", "7.81.0", "8.4.0", null, "9.8", "Low"},
    };
    /** The parent assessment of the sub-assessments ("Machines should have vulnerability findings resolved"). */
    static final String VULNERABILITY_ASSESSMENT = "1195afff-c881-495e-9bc5-1486211ae03f";
    int subPerVm;

    static final String[][] ASSESSMENTS = {
        {"4ab6e3c5-74dd-8b35-9ab9-f61b30875b27", "System updates should be installed on your machines", "High"},
        {"d57a4221-a804-52ca-3dea-768284f06bb7", "Machines should have a vulnerability assessment solution", "Medium"},
        {"1195afff-c881-495e-9bc5-1486211ae03f", "Machines should have vulnerability findings resolved", "High"},
        {"35f45c95-27cf-4e52-891f-8390d1de5828", "Endpoint protection should be installed on your machines", "High"},
        {"22489c48-27d1-4e40-9420-4303ad9cffef", "Management ports should be closed on your virtual machines", "Medium"},
        {"c3b51c94-588b-426b-a892-24696f9e54cc", "Linux machines should enforce password-based auth restrictions", "Low"},
        {"bd20bd91-aaf1-7f14-b6e4-866de2f43146", "Guest configuration extension should be installed", "Medium"},
        {"e1145ab1-eb4f-43d8-911b-36ddf771d13f", "Custom policy: machines must carry an owner tag", null},
    };
    private static final String[] LOCATIONS = {"westeurope", "eastus", "northeurope", "westus2"};
    private static final String[][] IMAGES = {
        {"canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", "Linux"},
        {"MicrosoftWindowsServer", "WindowsServer", "2022-datacenter-azure-edition", "Windows"},
        {"RedHat", "RHEL", "9-lvm-gen2", "Linux"},
        {"MicrosoftWindowsDesktop", "windows-11", "win11-23h2-ent", "Windows"},
    };
    private static final String[] POWER = {"running", "running", "running", "deallocated", "stopped"};
    private static final String[] STATUS = {"Healthy", "Unhealthy", "NotApplicable"};

    final long seed;
    final List<String> subscriptions;
    final String tenantId;
    final int vms;
    final int nicsPerVm;
    final int extraNicEvery;
    final int multiIpEvery;
    final int publicIpEvery;
    final int unallocatedEvery;
    final int perVm;
    final int[] statusWeights;
    final int missingSeverityEvery;
    final int noImageOfferEvery;
    final int noOsProfileEvery;
    final int caseDriftEvery;
    final int lowerKeysEvery;
    final int cidrEvery;
    final String timestamp;

    AzureData(long seed, List<String> subscriptions, String tenantId, int vms, int nicsPerVm, int extraNicEvery,
            int multiIpEvery, int publicIpEvery, int unallocatedEvery, int perVm, int[] statusWeights,
            int missingSeverityEvery, int noImageOfferEvery, int noOsProfileEvery, int caseDriftEvery,
            int lowerKeysEvery, int cidrEvery, Instant now) {
        this.seed = seed;
        this.subscriptions = subscriptions;
        this.tenantId = tenantId;
        this.vms = vms;
        this.nicsPerVm = nicsPerVm;
        this.extraNicEvery = extraNicEvery;
        this.multiIpEvery = multiIpEvery;
        this.publicIpEvery = publicIpEvery;
        this.unallocatedEvery = unallocatedEvery;
        this.perVm = perVm;
        this.statusWeights = statusWeights;
        this.missingSeverityEvery = missingSeverityEvery;
        this.noImageOfferEvery = noImageOfferEvery;
        this.noOsProfileEvery = noOsProfileEvery;
        this.caseDriftEvery = caseDriftEvery;
        this.lowerKeysEvery = lowerKeysEvery;
        this.cidrEvery = cidrEvery;
        this.timestamp = DateTimeFormatter.ISO_INSTANT.format(now.minusSeconds(86400).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS)).replace("Z", ".1234567Z");
    }

    // ------------------------------------------------------------------ counting

    long vmStart(int sub) {
        return (long) sub * vms / subscriptions.size();
    }

    int subscriptionOf(long vm) {
        int s = 0;
        while (s + 1 < subscriptions.size() && vmStart(s + 1) <= vm) {
            s++;
        }
        return s;
    }

    long nicsBefore(long vm) {
        return vm * nicsPerVm + (extraNicEvery > 0 ? vm / extraNicEvery : 0);
    }

    int nicsOf(long vm) {
        return (int) (nicsBefore(vm + 1) - nicsBefore(vm));
    }

    long pipsBefore(long nic) {
        return publicIpEvery > 0 ? (nic + publicIpEvery - 1) / publicIpEvery : 0;
    }

    boolean hasPip(long nic) {
        return publicIpEvery > 0 && nic % publicIpEvery == 0;
    }

    /** Rows of a family before the VM with this index. */
    long before(Family f, long vm) {
        switch (f) {
            case VMS: return vm;
            case NICS: return nicsBefore(vm);
            case PUBLIC_IPS: return pipsBefore(nicsBefore(vm));
            case SUB_ASSESSMENTS: return vm * subPerVm;
            default: return vm * perVm;
        }
    }

    long total(Family f) {
        return before(f, vms);
    }

    /** The VM a NIC belongs to. */
    long vmOfNic(long nic) {
        long lo = 0;
        long hi = vms - 1L;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (nicsBefore(mid) <= nic) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    int status(long a) {
        int total = statusWeights[0] + statusWeights[1] + statusWeights[2];
        long r = Long.remainderUnsigned(Mix.h(seed, a, 31), total);
        return r < statusWeights[0] ? 0 : r < statusWeights[0] + statusWeights[1] ? 1 : 2;
    }

    /** @return the status of a sub-assessment: every 7th Healthy, every 13th NotApplicable, else Unhealthy */
    static int subStatus(long v) {
        return v % 7 == 6 ? 0 : v % 13 == 12 ? 2 : 1;
    }

    /** @return [Healthy, Unhealthy, NotApplicable] over all sub-assessments */
    long[] subAssessmentCounts() {
        long[] c = new long[3];
        long n = total(Family.SUB_ASSESSMENTS);
        for (long v = 0; v < n; v++) {
            c[subStatus(v)]++;
        }
        return c;
    }

    /**
     * A vulnerability sub-assessment in the published 2019-01-01-preview shape ({@code status.severity},
     * {@code additionalData} of type {@code ServerVulnerabilityAssessment}: {@code cve[{title, link}]},
     * {@code cvss {"3.0": {base}}}, {@code patchable}, {@code publishedTime}, {@code vendorReferences});
     * every second one (and every one past the fifth of a VM) also carries {@code softwareDetails} (vendor, name, version, fixed version,
     * {@code fixReference}). Casing drift: every {@code lowerKeysEvery}-th has a lower-cased id and
     * {@code ResourceDetails} without an id (joined by the id's prefix); a VM with case drift has
     * an upper-case resource group in {@code resourceDetails.id}.
     */
    void writeSubAssessment(ByteSink s, long v, @Nullable Set<String> projection) throws IOException {
        Row r = new Row(s, projection);
        long vm = v / subPerVm;
        int slot = (int) (v % subPerVm);
        String[] k = VULNERABILITIES[slot % VULNERABILITIES.length];
        String version = slot < VULNERABILITIES.length ? k[4] : k[4] + "." + slot;
        String name = Mix.guid(seed, v, 47);
        String vmId = vmId(vm);
        boolean lower = lowerKeysEvery > 0 && v % lowerKeysEvery == 0;
        String id = vmId + "/providers/Microsoft.Security/assessments/" + VULNERABILITY_ASSESSMENT + "/subAssessments/"
                + name;
        common(r, s, lower ? id.toLowerCase(Locale.ROOT) : id, name, "microsoft.security/assessments/subassessments",
                vm, null);
        if (r.col("assessedResourceId")) {
            s.str(vmId.toLowerCase(Locale.ROOT));
        }
        if (r.col("properties")) {
            s.ascii("{\"id\":").str(k[0]).ascii(",\"displayName\":").str(k[1]);
            s.ascii(",\"status\":{\"code\":").str(STATUS[subStatus(v)]).ascii(",\"severity\":").str(k[8])
                    .ascii(",\"cause\":\"\",\"description\":\"The resource is unhealthy\"}");
            if (lower) {
                s.ascii(",\"ResourceDetails\":{\"Source\":\"Azure\"}");
            } else {
                s.ascii(",\"resourceDetails\":{\"source\":\"Azure\",\"id\":").str(vmId).ch('}');
            }
            s.ascii(",\"remediation\":\"Update the affected software.\",\"impact\":\"Remote code execution\"")
                    .ascii(",\"category\":\"Vulnerability\",\"description\":").str(k[1])
                    .ascii(",\"timeGenerated\":").str(timestamp);
            s.ascii(",\"additionalData\":{\"assessedResourceType\":\"ServerVulnerabilityAssessment\"")
                    .ascii(",\"type\":\"Vulnerability\",\"cvss\":{\"3.0\":{\"base\":").ascii(k[7]).ascii("}}")
                    .ascii(",\"patchable\":").ascii(k[5] != null || k[6] != null ? "true" : "false")
                    .ascii(",\"cve\":[{\"title\":").str(k[0]).ascii(",\"link\":")
                    .str("https://nvd.nist.gov/vuln/detail/" + k[0]).ascii("}]")
                    .ascii(",\"threat\":\"\",\"publishedTime\":").str(timestamp)
                    .ascii(",\"vendorReferences\":[{\"title\":").str(k[0]).ascii(",\"link\":")
                    .str("https://msrc.microsoft.com/update-guide/vulnerability/" + k[0]).ascii("}]");
            if ((v & 1) == 0 || slot >= VULNERABILITIES.length) {
                s.ascii(",\"softwareDetails\":{\"vendor\":").str(k[2]).ascii(",\"softwareName\":").str(k[3])
                        .ascii(",\"version\":").str(version);
                if (k[5] != null) {
                    s.ascii(",\"fixedVersion\":").str(k[5]);
                }
                if (k[6] != null) {
                    s.ascii(",\"fixReference\":{\"id\":").str(k[6]).ascii(",\"url\":")
                            .str("https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB" + k[6]).ch('}');
                }
                s.ch('}');
            }
            s.ascii("}}");
        }
        r.end();
    }

    /** @return [Healthy, Unhealthy, NotApplicable, missing severity] over all assessments */
    long[] assessmentCounts() {
        long[] c = new long[4];
        long n = total(Family.ASSESSMENTS);
        for (long a = 0; a < n; a++) {
            c[status(a)]++;
            if (severity(a) == null) {
                c[3]++;
            }
        }
        return c;
    }

    @Nullable String severity(long a) {
        String[] kind = ASSESSMENTS[(int) (a % perVm % ASSESSMENTS.length)];
        if (kind[2] == null) {
            return null;
        }
        return missingSeverityEvery > 0 && a % missingSeverityEvery == missingSeverityEvery - 1 ? null : kind[2];
    }

    // ------------------------------------------------------------------ ids

    String sub(long vm) {
        return subscriptions.get(subscriptionOf(vm));
    }

    boolean drift(long vm) {
        return caseDriftEvery > 0 && vm % caseDriftEvery == 0;
    }

    String rg(long vm) {
        return "rg-sim-" + (vm / 50);
    }

    /** The VM's id in its original casing (resource group upper-case for drifting VMs). */
    String vmId(long vm) {
        return "/subscriptions/" + sub(vm) + "/resourceGroups/" + (drift(vm) ? rg(vm).toUpperCase(Locale.ROOT) : rg(vm))
                + "/providers/Microsoft.Compute/virtualMachines/vm-" + vm;
    }

    String nicId(long vm, int j) {
        return "/subscriptions/" + sub(vm) + "/resourceGroups/" + rg(vm)
                + "/providers/Microsoft.Network/networkInterfaces/vm-" + vm + "-nic" + j;
    }

    String pipId(long vm, int j) {
        return "/subscriptions/" + sub(vm) + "/resourceGroups/" + rg(vm)
                + "/providers/Microsoft.Network/publicIPAddresses/vm-" + vm + "-nic" + j + "-pip";
    }

    static String mac(long h) {
        return String.format("00-0D-3A-%02X-%02X-%02X", (h >>> 8) & 255, (h >>> 16) & 255, (h >>> 24) & 255);
    }

    // ------------------------------------------------------------------ rows

    /** Writes the columns of one row, honouring a projection. */
    static final class Row {
        private final ByteSink s;
        private final @Nullable Set<String> projection;
        private boolean first = true;

        Row(ByteSink s, @Nullable Set<String> projection) {
            this.s = s;
            this.projection = projection;
        }

        /** @return whether the column is written; if so its key is written already */
        boolean col(String name) throws IOException {
            if (projection != null && !projection.contains(name.toLowerCase(Locale.ROOT))) {
                return false;
            }
            s.ascii(first ? "{\"" : ",\"").ascii(name).ascii("\":");
            first = false;
            return true;
        }

        void end() throws IOException {
            s.ascii(first ? "{}" : "}");
        }
    }

    private void common(Row r, ByteSink s, String id, String name, String type, long vm, @Nullable String location)
            throws IOException {
        if (r.col("id")) {
            s.str(id);
        }
        if (r.col("name")) {
            s.str(name);
        }
        if (r.col("type")) {
            s.str(type);
        }
        if (r.col("tenantId")) {
            s.str(tenantId);
        }
        if (r.col("kind")) {
            s.str("");
        }
        if (r.col("location")) {
            s.str(location == null ? "" : location);
        }
        if (r.col("resourceGroup")) {
            s.str(rg(vm));
        }
        if (r.col("subscriptionId")) {
            s.str(sub(vm));
        }
        if (r.col("managedBy")) {
            s.str("");
        }
    }

    void writeVm(ByteSink s, long vm, @Nullable Set<String> projection) throws IOException {
        Row r = new Row(s, projection);
        long h = Mix.h(seed, vm, 21);
        String[] img = IMAGES[Mix.pick(h, IMAGES.length)];
        String loc = LOCATIONS[Mix.pick(h >>> 8, LOCATIONS.length)];
        common(r, s, vmId(vm), "vm-" + vm, "microsoft.compute/virtualmachines", vm, loc);
        if (r.col("sku")) {
            s.nul();
        }
        if (r.col("plan")) {
            s.nul();
        }
        if (r.col("tags")) {
            if ((h & 1) == 0) {
                s.ascii("{\"env\":\"prod\",\"owner\":\"team-").num(vm % 7).ascii("\"}");
            } else if ((h & 2) == 0) {
                s.ascii("{}");
            } else {
                s.nul();
            }
        }
        if (r.col("identity")) {
            s.nul();
        }
        if (r.col("zones")) {
            if ((h & 4) == 0) {
                s.ascii("[\"").num(1 + vm % 3).ascii("\"]");
            } else {
                s.nul();
            }
        }
        if (r.col("extendedLocation")) {
            s.nul();
        }
        if (r.col("properties")) {
            s.ascii("{\"vmId\":").str(Mix.guid(seed, vm, 22));
            s.ascii(",\"hardwareProfile\":{\"vmSize\":\"Standard_D2s_v5\"}");
            s.ascii(",\"storageProfile\":{\"imageReference\":");
            if (noImageOfferEvery > 0 && vm % noImageOfferEvery == noImageOfferEvery - 1) {
                s.ascii("{\"id\":\"/subscriptions/").ascii(sub(vm)).ascii("/resourceGroups/rg-images/providers/")
                        .ascii("Microsoft.Compute/galleries/gallery1/images/golden-").ascii(img[3].toLowerCase(Locale.ROOT))
                        .ascii("/versions/1.0.").num(vm % 9).ascii("\"}");
            } else {
                s.ascii("{\"publisher\":").str(img[0]).ascii(",\"offer\":").str(img[1]).ascii(",\"sku\":").str(img[2])
                        .ascii(",\"version\":\"latest\",\"exactVersion\":\"22.04.2026").num(100 + vm % 50).ascii("\"}");
            }
            s.ascii(",\"osDisk\":{\"osType\":").str(img[3]).ascii(",\"name\":\"vm-").num(vm)
                    .ascii("-osdisk\",\"createOption\":\"FromImage\",\"caching\":\"ReadWrite\",\"diskSizeGB\":30}")
                    .ascii(",\"dataDisks\":[]}");
            boolean noOs = noOsProfileEvery > 0 && vm % noOsProfileEvery == noOsProfileEvery - 1;
            if (!noOs) {
                s.ascii(",\"osProfile\":{\"computerName\":\"vm-").num(vm).ascii("\",\"adminUsername\":\"azureuser\"}");
            }
            s.ascii(",\"networkProfile\":{\"networkInterfaces\":[");
            int nics = nicsOf(vm);
            for (int j = 0; j < nics; j++) {
                String id = nicId(vm, j);
                if (drift(vm)) {
                    id = id.replace("/resourceGroups/" + rg(vm) + "/", "/resourceGroups/" + rg(vm).toUpperCase(Locale.ROOT) + "/");
                }
                s.ascii(j == 0 ? "" : ",").ascii("{\"id\":").str(id);
                if (nics > 1) {
                    s.ascii(",\"properties\":{\"primary\":").bool(j == 0).ascii("}");
                }
                s.ch('}');
            }
            s.ascii("]},\"provisioningState\":\"Succeeded\",\"timeCreated\":").str(timestamp);
            String power = POWER[Mix.pick(h >>> 16, POWER.length)];
            s.ascii(",\"extended\":{\"instanceView\":{\"powerState\":{\"code\":\"PowerState/").ascii(power)
                    .ascii("\",\"displayStatus\":\"VM ").ascii(power).ascii("\",\"level\":\"Info\"}");
            if (!noOs && (h & 8) == 0) {
                s.ascii(",\"computerName\":\"vm-").num(vm).ascii("\",\"osName\":")
                        .str(img[3].equals("Linux") ? "ubuntu" : "Windows Server 2022 Datacenter")
                        .ascii(",\"osVersion\":").str(img[3].equals("Linux") ? "22.04" : "10.0.20348");
            }
            s.ascii("}}}");
        }
        r.end();
    }

    void writeNic(ByteSink s, long nic, @Nullable Set<String> projection) throws IOException {
        Row r = new Row(s, projection);
        long vm = vmOfNic(nic);
        int j = (int) (nic - nicsBefore(vm));
        long h = Mix.h(seed, nic, 23);
        common(r, s, nicId(vm, j), "vm-" + vm + "-nic" + j, "microsoft.network/networkinterfaces", vm,
                LOCATIONS[Mix.pick(Mix.h(seed, vm, 21) >>> 8, LOCATIONS.length)]);
        if (r.col("tags")) {
            s.ascii("{}");
        }
        if (r.col("properties")) {
            String vmRef = vmId(vm);
            if (drift(vm)) {
                vmRef = vmRef.toLowerCase(Locale.ROOT);
            }
            s.ascii("{\"provisioningState\":\"Succeeded\",\"macAddress\":").str(mac(h))
                    .ascii(",\"primary\":").bool(j == 0)
                    .ascii(",\"enableAcceleratedNetworking\":").bool((h & 1) == 0)
                    .ascii(",\"enableIPForwarding\":false,\"virtualMachine\":{\"id\":").str(vmRef).ch('}')
                    .ascii(",\"dnsSettings\":{\"dnsServers\":[],\"appliedDnsServers\":[]}")
                    .ascii(",\"ipConfigurations\":[");
            int configs = multiIpEvery > 0 && nic % multiIpEvery == multiIpEvery - 1 ? 2 : 1;
            boolean cidr = configs == 2 && cidrEvery > 0 && nic / multiIpEvery % cidrEvery == cidrEvery - 1;
            for (int c = 0; c < configs; c++) {
                s.ascii(c == 0 ? "" : ",").ascii("{\"name\":\"ipconfig").num(c + 1L).ascii("\",\"id\":")
                        .str(nicId(vm, j) + "/ipConfigurations/ipconfig" + (c + 1))
                        .ascii(",\"properties\":{\"privateIPAddress\":\"10.").num((vm >>> 8) & 255).ch('.')
                        .num(vm & 255).ch('.').num(4L + j * 2L + c).ascii(c == 1 && cidr ? "/28" : "")
                        .ascii(c == 1 && cidr ? "\",\"privateIPAddressPrefixLength\":28" : "\"")
                        .ascii(",\"privateIPAllocationMethod\":")
                        .str(c == 0 ? "Dynamic" : "Static")
                        .ascii(",\"privateIPAddressVersion\":\"IPv4\",\"primary\":").bool(c == 0)
                        .ascii(",\"subnet\":{\"id\":\"/subscriptions/").ascii(sub(vm)).ascii("/resourceGroups/")
                        .ascii(rg(vm)).ascii("/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default\"}");
                if (c == 0 && hasPip(nic)) {
                    String pip = pipId(vm, j);
                    s.ascii(",\"publicIPAddress\":{\"id\":").str(drift(vm) ? pip.toLowerCase(Locale.ROOT) : pip)
                            .ch('}');
                }
                s.ascii("}}");
            }
            s.ascii("]}");
        }
        r.end();
    }

    void writePip(ByteSink s, long pip, @Nullable Set<String> projection) throws IOException {
        Row r = new Row(s, projection);
        long nic = pip * publicIpEvery;
        long vm = vmOfNic(nic);
        int j = (int) (nic - nicsBefore(vm));
        boolean unallocated = unallocatedEvery > 0 && pip % unallocatedEvery == unallocatedEvery - 1;
        common(r, s, pipId(vm, j), "vm-" + vm + "-nic" + j + "-pip", "microsoft.network/publicipaddresses", vm,
                LOCATIONS[Mix.pick(Mix.h(seed, vm, 21) >>> 8, LOCATIONS.length)]);
        if (r.col("sku")) {
            s.ascii(unallocated ? "{\"name\":\"Basic\",\"tier\":\"Regional\"}" : "{\"name\":\"Standard\",\"tier\":\"Regional\"}");
        }
        if (r.col("zones")) {
            s.nul();
        }
        if (r.col("properties")) {
            s.ascii("{\"provisioningState\":\"Succeeded\"");
            if (!unallocated) {
                s.ascii(",\"ipAddress\":\"20.").num(40 + (pip >>> 16) % 200).ch('.').num((pip >>> 8) & 255).ch('.')
                        .num(pip & 255).ch('"');
            }
            s.ascii(",\"publicIPAllocationMethod\":").str(unallocated ? "Dynamic" : "Static")
                    .ascii(",\"publicIPAddressVersion\":\"IPv4\",\"idleTimeoutInMinutes\":4,\"ipTags\":[]")
                    .ascii(",\"ipConfiguration\":{\"id\":").str(nicId(vm, j) + "/ipConfigurations/ipconfig1").ascii("}}");
        }
        r.end();
    }

    void writeAssessment(ByteSink s, long a, @Nullable Set<String> projection) throws IOException {
        Row r = new Row(s, projection);
        long vm = a / perVm;
        int slot = (int) (a % perVm);
        String[] kind = ASSESSMENTS[slot % ASSESSMENTS.length];
        String key = slot < ASSESSMENTS.length ? kind[0] : Mix.guid(seed, slot, 33);
        String vmId = vmId(vm);
        String id = vmId + "/providers/Microsoft.Security/assessments/" + key;
        common(r, s, id, key, "microsoft.security/assessments", vm, null);
        if (r.col("assessedId")) {
            s.str(vmId.toLowerCase(Locale.ROOT));
        }
        if (r.col("properties")) {
            boolean lower = lowerKeysEvery > 0 && a % lowerKeysEvery == 0;
            s.ascii("{\"resourceDetails\":");
            if (lower) {
                s.ascii("{\"source\":\"Azure\",\"id\":").str(vmId).ch('}');
            } else {
                s.ascii("{\"Source\":\"Azure\",\"Id\":").str(vmId).ascii(",\"ResourceName\":\"vm-").num(vm)
                        .ascii("\",\"ResourceType\":\"virtualMachines\",\"ResourceProvider\":\"Microsoft.Compute\"")
                        .ascii(",\"NativeResourceId\":").str(vmId).ch('}');
            }
            String title = slot < ASSESSMENTS.length ? kind[1] : kind[1] + " (" + slot + ")";
            s.ascii(",\"displayName\":").str(title);
            int st = status(a);
            s.ascii(",\"status\":{\"code\":").str(STATUS[st]);
            if (st == 1 && (a & 1) == 0) {
                s.ascii(",\"cause\":\"\",\"description\":\"The resource does not meet the recommendation.\"");
            } else if (st == 2) {
                s.ascii(",\"cause\":\"OffByPolicy\",\"description\":\"The recommendation is disabled by policy.\"");
            }
            s.ascii(",\"firstEvaluationDate\":").str(timestamp).ascii(",\"statusChangeDate\":").str(timestamp).ch('}');
            String sev = severity(a);
            boolean noMetadata = sev == null && (a & 1) == 1;
            if (!noMetadata) {
                s.ascii(",\"metadata\":{\"displayName\":").str(title);
                if (sev != null) {
                    s.ascii(",\"severity\":").str(sev);
                }
                s.ascii(",\"description\":\"Simulated recommendation.\",\"remediationDescription\":")
                        .ascii("\"Follow the remediation steps.\",\"categories\":[\"Compute\"],\"userImpact\":\"Low\",")
                        .ascii("\"implementationEffort\":\"Moderate\",\"threats\":[\"dataExfiltration\",")
                        .ascii("\"DataSpillage\"],\"assessmentType\":")
                        .str(kind[2] == null ? "CustomPolicy" : "BuiltIn")
                        .ascii(",\"policyDefinitionId\":\"/providers/Microsoft.Authorization/policyDefinitions/")
                        .ascii(key).ascii("\"}");
            }
            s.ascii(",\"links\":{\"azurePortal\":\"portal.azure.com/#blade/Microsoft_Azure_Security/")
                    .ascii("RecommendationsBlade/assessmentKey/").ascii(key).ascii("/subscription/").ascii(sub(vm))
                    .ascii("\"},\"additionalData\":{}}");
        }
        r.end();
    }
}
