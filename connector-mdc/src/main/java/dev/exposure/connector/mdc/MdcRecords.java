package dev.exposure.connector.mdc;

import dev.exposure.connector.FieldIssues;
import dev.exposure.connector.SourceRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns Resource Graph rows into {@link SourceRecord}s whose attribute names are the keys of the
 * spec's transformation table ({@code vmId}, {@code name}, {@code imageReference_offer},
 * {@code networkInterfaces_macAddress}, {@code assessments_name}, {@code ResourceType}, ...).
 */
final class MdcRecords {
    static final String ASSET_TYPE = "virtualMachine";
    static final String FINDING_TYPE = "assessment";
    static final String VULNERABILITY_TYPE = "subAssessment";
    private static final Pattern SUB_ASSESSED = Pattern.compile(
            "(?i)^(.+)/providers/microsoft\\.security/assessments/([^/]+)/subassessments/[^/]+$");
    private static final Pattern CVE = Pattern.compile("(?i)\\bCVE-\\d{4}-\\d{4,}\\b");
    private static final String LATEST = "latest";
    private static final Pattern ASSESSED = Pattern.compile("(?i)^(.+)/providers/microsoft\\.security/assessments/[^/]+$");

    private MdcRecords() { }

    /**
     * What findings need of a VM, kept in the VM index: about 550 bytes per VM with its key
     * (mostly the resource id string; see the module README).
     */
    record VmSummary(String vmId, String resourceId, @Nullable String name, @Nullable String subscriptionId,
                     @Nullable String resourceGroup, @Nullable String location, @Nullable String osName,
                     @Nullable String osVersion, @Nullable String imageOffer, @Nullable String imageVersion,
                     @Nullable String computerName) { }

    static VmSummary summary(Map<String, Object> vm) {
        String resourceId = Rows.str(vm, "id");
        String vmId = Rows.str(vm, "properties", "vmId");
        String offer = imageOffer(vm);
        String version = imageVersion(vm);
        return new VmSummary(vmId != null ? vmId : String.valueOf(Rows.key(resourceId)), String.valueOf(resourceId),
                Rows.str(vm, "name"), Rows.str(vm, "subscriptionId"), Rows.str(vm, "resourceGroup"),
                Rows.str(vm, "location"), osName(vm, offer), osVersion(vm, version), offer, version,
                computerName(vm));
    }

    /**
     * @param vm a VM row with an id
     * @param network the NICs and public IPs
     * @param issues where unreadable optional values (tags) are reported
     * @return the asset record
     */
    static SourceRecord asset(Map<String, Object> vm, NetworkIndex network, FieldIssues issues) {
        VmSummary s = summary(vm);
        Map<String, Object> a = new LinkedHashMap<>();
        putVm(a, s);
        put(a, "id", s.resourceId());
        put(a, "type", Rows.str(vm, "type"));
        put(a, "tenantId", Rows.str(vm, "tenantId"));
        put(a, "vmSize", Rows.str(vm, "properties", "hardwareProfile", "vmSize"));
        put(a, "osType", Rows.str(vm, "properties", "storageProfile", "osDisk", "osType"));
        put(a, "imageReference_publisher", Rows.str(vm, "properties", "storageProfile", "imageReference", "publisher"));
        put(a, "imageReference_sku", Rows.str(vm, "properties", "storageProfile", "imageReference", "sku"));
        put(a, "imageReference_id", Rows.str(vm, "properties", "storageProfile", "imageReference", "id"));
        String power = Rows.str(vm, "properties", "extended", "instanceView", "powerState", "code");
        put(a, "powerStateCode", power);
        put(a, "powerState", power == null ? null : power.substring(power.indexOf('/') + 1));
        put(a, "provisioningState", Rows.str(vm, "properties", "provisioningState"));
        put(a, "timeCreated", Rows.str(vm, "properties", "timeCreated"));
        Object tags = Rows.get(vm, "tags");
        if (tags instanceof Map<?, ?> m && !m.isEmpty()) {
            a.put("tags", tags);
        }
        List<String> tagList = tags(tags, s.vmId(), issues);
        if (!tagList.isEmpty()) {
            a.put("tagList", tagList);
        }
        Object zones = Rows.get(vm, "zones");
        if (zones instanceof List<?> z && !z.isEmpty()) {
            a.put("zones", zones);
        }
        network(a, vm, network);
        Object props = Rows.get(vm, "properties");
        if (props != null) {
            a.put("properties", props);
        }
        return SourceRecord.of(SourceRecord.Kind.ASSET, ASSET_TYPE, s.vmId(), a);
    }

    /**
     * The VM's NICs (primary first) joined with their public IPs. Per NIC ({@code networkInterfaces},
     * also as JSON text in {@code networkInterfacesJson}) every readable address is kept, link-local
     * and loopback ones included; the asset-level lists ({@code privateIpAddresses},
     * {@code publicIpAddresses}) hold only addresses that may identify the VM
     * ({@link IpText.Read#identifies}). {@code networkInterfaces_publicIP}/{@code _privateIP}/{@code _macAddress}
     * all come from one NIC: the first (primary first) that has such an address, else the primary
     * NIC, so that the asset's MAC is the MAC of the NIC that carries its IP address.
     */
    private static void network(Map<String, Object> a, Map<String, Object> vm, NetworkIndex index) {
        UUID vmKey = java.util.Objects.requireNonNull(Rows.hash(Rows.str(vm, "id")));
        List<UUID> profile = new ArrayList<>();
        Set<UUID> primary = new HashSet<>();
        for (Object ref : Rows.list(vm, "properties", "networkProfile", "networkInterfaces")) {
            UUID k = Rows.hash(Rows.str(ref, "id"));
            if (k != null) {
                profile.add(k);
                if (Rows.bool(ref, "properties", "primary")) {
                    primary.add(k);
                }
            }
        }
        Set<String> macs = new LinkedHashSet<>();
        Set<String> privateIps = new LinkedHashSet<>();
        Set<String> publicIps = new LinkedHashSet<>();
        List<Object> nics = new ArrayList<>();
        String addressMac = null;
        String addressPrivate = null;
        String addressPublic = null;
        boolean addressFound = false;
        for (NetworkIndex.Nic nic : index.nicsOf(vmKey, profile, primary)) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", nic.id());
            put(n, "macAddress", nic.mac());
            n.put("primary", primary.contains(nic.key()) || nic.primary());
            List<Object> priv = new ArrayList<>();
            List<Object> pub = new ArrayList<>();
            String nicPrivate = null;
            String nicPublic = null;
            for (NetworkIndex.IpConfig c : nic.ipConfigs()) {
                if (c.privateIp() != null) {
                    priv.add(c.privateIp());
                    if (identifies(c.privateIp())) {
                        privateIps.add(c.privateIp());
                        nicPrivate = nicPrivate != null ? nicPrivate : c.privateIp();
                    }
                }
                String ip = index.publicIp(c.publicIp());
                if (ip != null) {
                    pub.add(ip);
                    if (identifies(ip)) {
                        publicIps.add(ip);
                        nicPublic = nicPublic != null ? nicPublic : ip;
                    }
                }
            }
            n.put("privateIpAddresses", priv);
            n.put("publicIpAddresses", pub);
            nics.add(n);
            if (nic.mac() != null) {
                macs.add(nic.mac());
            }
            if (!addressFound && (nicPrivate != null || nicPublic != null || nics.size() == 1)) {
                addressFound = nicPrivate != null || nicPublic != null;
                addressMac = nic.mac();
                addressPrivate = nicPrivate;
                addressPublic = nicPublic;
            }
        }
        a.put("networkInterfaces", nics);
        if (!nics.isEmpty()) {
            a.put("networkInterfacesJson", json(nics));
        }
        List<String> macList = new ArrayList<>(macs.size());
        if (addressMac != null) {
            macList.add(addressMac);
        }
        macs.stream().filter(m -> !macList.contains(m)).forEach(macList::add);
        a.put("macAddresses", macList);
        a.put("privateIpAddresses", new ArrayList<>(privateIps));
        a.put("publicIpAddresses", new ArrayList<>(publicIps));
        put(a, "networkInterfaces_macAddress", addressMac);
        put(a, "networkInterfaces_privateIP", addressPrivate);
        put(a, "networkInterfaces_publicIP", addressPublic);
    }

    private static boolean identifies(String ip) {
        IpText.Read read = IpText.read(ip);
        return read != null && read.identifies();
    }

    /**
     * Resource Graph's tag map as {@code key:value} texts ({@code key} alone for an empty value).
     * A value that is not text (an object, a list) is left out and reported.
     */
    private static List<String> tags(@Nullable Object tags, String recordId, FieldIssues issues) {
        if (tags == null) {
            return List.of();
        }
        if (!(tags instanceof Map<?, ?> map)) {
            issues.dropped("tags", tags, "not an object of tag names and values", recordId);
            return List.of();
        }
        List<String> out = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = e.getKey() == null ? "" : e.getKey().toString().trim();
            Object v = e.getValue();
            if (key.isEmpty() || v instanceof Map || v instanceof List) {
                issues.dropped("tags", key + "=" + v, key.isEmpty() ? "a tag without a name"
                        : "the value of tag '" + key + "' is not text", recordId);
                continue;
            }
            String value = v == null ? "" : v.toString().trim();
            out.add(value.isEmpty() ? key : key + ":" + value);
        }
        return out;
    }

    /** @return a list or map of texts, numbers, booleans, lists and maps as compact JSON text */
    static String json(Object value) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.azure.json.JsonWriter w = com.azure.json.JsonProviders.createWriter(out)) {
            w.writeUntyped(value);
            w.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);   // a StringWriter does not fail
        }
        return out.toString();
    }

    /** @return the key that joins an assessment to its VM: the assessed resource's lower-cased id */
    static @Nullable String assessedKey(Map<String, Object> row) {
        String id = Rows.str(row, "properties", "resourceDetails", "Id");
        if (id == null) {
            id = Rows.str(row, "properties", "resourceDetails", "ResourceId");
        }
        if (id == null) {
            id = Rows.str(row, "properties", "resourceDetails", "AzureResourceId");
        }
        if (id == null) {
            String own = Rows.str(row, "id");
            if (own != null) {
                Matcher m = ASSESSED.matcher(own);
                if (m.matches()) {
                    id = m.group(1);
                }
            }
        }
        return Rows.key(id);
    }

    /**
     * @param row an assessment row with an id
     * @param vm the assessed VM
     * @param assessedKey the assessed resource's lower-cased id
     * @param issues where unreadable optional values and an assumed severity are reported
     * @return the finding record
     */
    static SourceRecord finding(Map<String, Object> row, VmSummary vm, String assessedKey, FieldIssues issues) {
        Map<String, Object> a = new LinkedHashMap<>();
        putVm(a, vm);
        String id = Rows.str(row, "id");
        String recordId = String.valueOf(Rows.key(id));
        put(a, "assessments_id", id);
        put(a, "assessments_name", Rows.str(row, "name"));
        put(a, "assessments_type", Rows.str(row, "type"));
        put(a, "assessments_managedBy", Rows.str(row, "managedBy"));
        put(a, "assessments_displayName", Rows.str(row, "properties", "displayName"));
        put(a, "assessments_status_code", Rows.str(row, "properties", "status", "code"));
        put(a, "assessments_status_cause", Rows.str(row, "properties", "status", "cause"));
        put(a, "assessments_status_description", Rows.str(row, "properties", "status", "description"));
        put(a, "assessments_firstEvaluationDate", Rows.str(row, "properties", "status", "firstEvaluationDate"));
        put(a, "assessments_statusChangeDate", Rows.str(row, "properties", "status", "statusChangeDate"));
        Object md = Rows.get(row, "properties", "metadata");
        String severity = Rows.str(md, "severity");
        severity(a, "assessments", severity, "properties.metadata.severity", Rows.get(md, "severity"), recordId,
                issues);
        put(a, "assessments_metadata_displayName", Rows.str(md, "displayName"));
        put(a, "assessments_metadata_description", Rows.str(md, "description"));
        put(a, "assessments_remediationDescription", Rows.str(md, "remediationDescription"));
        put(a, "assessments_userImpact", Rows.str(md, "userImpact"));
        put(a, "assessments_implementationEffort", Rows.str(md, "implementationEffort"));
        put(a, "assessments_assessmentType", Rows.str(md, "assessmentType"));
        put(a, "assessments_policyDefinitionId", Rows.str(md, "policyDefinitionId"));
        List<String> categories = texts(md, "categories", "properties.metadata.categories[]", recordId, issues);
        if (!categories.isEmpty()) {
            a.put("assessments_categories", categories);
            a.put("assessments_recommendationCategory", String.join(", ", categories));
        }
        List<String> threats = texts(md, "threats", "properties.metadata.threats[]", recordId, issues);
        if (!threats.isEmpty()) {
            a.put("assessments_threats", threats);
        }
        Object risk = Rows.get(row, "properties", "risk");
        put(a, "assessments_risk_level", Rows.str(risk, "level"));
        List<String> riskFactors = texts(risk, "riskFactors", "properties.risk.riskFactors[]", recordId, issues);
        if (!riskFactors.isEmpty()) {
            a.put("assessments_risk_riskFactors", riskFactors);
        }
        String portal = Rows.str(row, "properties", "links", "azurePortal");
        if (portal == null) {
            portal = Rows.str(row, "properties", "links", "azurePortalUri");
        }
        put(a, "assessments_links_azurePortal", withScheme(portal));
        Object details = Rows.get(row, "properties", "resourceDetails");
        put(a, "Source", Rows.str(details, "Source"));
        put(a, "ResourceName", Rows.str(details, "ResourceName"));
        String type = Rows.str(details, "ResourceType");
        String provider = Rows.str(details, "ResourceProvider");
        put(a, "ResourceType", type != null ? type : "virtualMachines");
        put(a, "ResourceProvider", provider != null ? provider : "Microsoft.Compute");
        put(a, "assessedResourceId", assessedKey);
        Object additional = Rows.get(row, "properties", "additionalData");
        if (additional instanceof Map<?, ?> m && !m.isEmpty()) {
            a.put("assessments_additionalData", additional);
            a.put("assessments_additionalDataJson", json(additional));
        }
        Object props = Rows.get(row, "properties");
        if (props != null) {
            a.put("properties", props);
        }
        return SourceRecord.of(SourceRecord.Kind.FINDING, FINDING_TYPE, String.valueOf(Rows.key(id)), a);
    }

    /**
     * @return the texts (strings, numbers, booleans) of the list at {@code key} (a single text
     *     counts as a list of one); other elements (objects, lists) are left out and reported as dropped
     */
    private static List<String> texts(@Nullable Object node, String key, String field, String recordId,
            FieldIssues issues) {
        Object value = Rows.get(node, key);
        if (value instanceof Map) {
            issues.dropped(field, value, "not a list", recordId);
            return List.of();
        }
        List<Object> list = value == null ? List.of() : value instanceof List<?> ? Rows.list(node, key) : List.of(value);
        List<String> out = new ArrayList<>(list.size());
        for (Object e : list) {
            if (e instanceof Map || e instanceof List) {
                issues.dropped(field, e, "not text", recordId);
            } else if (e != null && !e.toString().isBlank()) {
                out.add(e.toString().trim());
            }
        }
        return out;
    }

    /**
     * @return the keys that may join a sub-assessment to its VM, best first: the lower-cased
     *     {@code properties.resourceDetails.id}, then the prefix of the sub-assessment's own id
     */
    static List<String> subAssessedKeys(Map<String, Object> row) {
        List<String> keys = new ArrayList<>(2);
        String details = Rows.key(Rows.str(row, "properties", "resourceDetails", "id"));
        if (details == null) {
            details = Rows.key(Rows.str(row, "properties", "resourceDetails", "ResourceId"));
        }
        if (details != null) {
            keys.add(details);
        }
        String own = Rows.str(row, "id");
        Matcher m = own == null ? null : SUB_ASSESSED.matcher(own);
        if (m != null && m.matches()) {
            String prefix = Rows.key(m.group(1));
            if (prefix != null && !keys.contains(prefix)) {
                keys.add(prefix);
            }
        }
        return keys;
    }

    /**
     * A vulnerability finding: a sub-assessment (one vulnerability found on one machine) with its
     * VM. Reads both published shapes of {@code additionalData}: the 2019-01-01-preview one
     * ({@code cve[].title}, {@code cvss."3.0".base}, {@code patchable}, {@code publishedTime},
     * {@code threat}, {@code vendorReferences[]}) and, where present, software and fix fields
     * ({@code softwareDetails}, {@code vulnerabilityDetails}) of the Defender Vulnerability
     * Management channel. Identity: machine, vulnerability id and software.
     *
     * @param row a sub-assessment row with an id
     * @param vm the machine
     * @param assessedKey the machine's lower-cased resource id
     * @param issues where unreadable optional values and an assumed severity are reported
     * @return the finding record
     */
    static SourceRecord vulnerability(Map<String, Object> row, VmSummary vm, String assessedKey, FieldIssues issues) {
        Map<String, Object> a = new LinkedHashMap<>();
        putVm(a, vm);
        String id = Rows.str(row, "id");
        String recordId = String.valueOf(Rows.key(id));
        Object p = Rows.get(row, "properties");
        Object ad = Rows.get(p, "additionalData");
        Object software = Rows.get(ad, "softwareDetails");
        Object vuln = Rows.get(ad, "vulnerabilityDetails");
        put(a, "subAssessments_id", id);
        put(a, "subAssessments_name", Rows.str(row, "name"));
        put(a, "subAssessments_type", Rows.str(row, "type"));
        Matcher m = id == null ? null : SUB_ASSESSED.matcher(id);
        put(a, "subAssessments_assessmentKey", m != null && m.matches() ? m.group(2).toLowerCase(java.util.Locale.ROOT)
                : null);
        String vulnerabilityId = Rows.str(p, "id");
        put(a, "subAssessments_vulnerabilityId", vulnerabilityId);
        put(a, "subAssessments_displayName", Rows.str(p, "displayName"));
        put(a, "subAssessments_status_code", Rows.str(p, "status", "code"));
        put(a, "subAssessments_status_cause", Rows.str(p, "status", "cause"));
        put(a, "subAssessments_status_description", Rows.str(p, "status", "description"));
        String severity = Rows.str(p, "status", "severity");
        if (severity == null) {
            severity = Rows.str(vuln, "severity");
        }
        severity(a, "subAssessments", severity, "properties.status.severity", Rows.get(p, "status", "severity"),
                recordId, issues);
        put(a, "subAssessments_category", Rows.str(p, "category"));
        put(a, "subAssessments_description", Rows.str(p, "description"));
        put(a, "subAssessments_impact", Rows.str(p, "impact"));
        put(a, "subAssessments_remediation", Rows.str(p, "remediation"));
        put(a, "subAssessments_timeGenerated", Rows.str(p, "timeGenerated"));
        put(a, "subAssessments_assessedResourceType", Rows.str(ad, "assessedResourceType"));
        put(a, "subAssessments_vulnerabilityType", Rows.str(ad, "type"));
        put(a, "subAssessments_threat", Rows.str(ad, "threat"));
        put(a, "subAssessments_patchable", Rows.str(ad, "patchable"));
        put(a, "subAssessments_publishedTime", first(Rows.str(ad, "publishedTime"), Rows.str(vuln, "publishedDate")));
        List<String> cves = cves(vulnerabilityId, ad, vuln, recordId, issues);
        if (!cves.isEmpty()) {
            a.put("subAssessments_cveIds", cves);
        }
        put(a, "subAssessments_cvssV3", cvss(ad, vuln, "3", recordId, issues));
        put(a, "subAssessments_cvssV2", cvss(ad, null, "2", recordId, issues));
        List<String> refs = links(Rows.get(ad, "vendorReferences"));
        if (!refs.isEmpty()) {
            a.put("subAssessments_vendorReferences", refs);
        }
        put(a, "subAssessments_remediationLink", Rows.str(ad, "remediationLink"));
        String vendor = first(Rows.str(software, "vendor"), Rows.str(ad, "softwareVendor"));
        String name = first(Rows.str(software, "softwareName"), Rows.str(software, "name"), Rows.str(ad, "softwareName"));
        String version = first(Rows.str(software, "version"), Rows.str(software, "softwareVersion"),
                Rows.str(ad, "softwareVersion"));
        put(a, "subAssessments_softwareVendor", vendor);
        put(a, "subAssessments_softwareName", name);
        put(a, "subAssessments_softwareVersion", version);
        put(a, "subAssessments_fixedVersion", first(Rows.str(software, "fixedVersion"), Rows.str(ad, "fixedVersion")));
        put(a, "subAssessments_fixKb", first(Rows.str(software, "fixReference", "id"), Rows.str(ad, "kbId")));
        put(a, "subAssessments_fixUrl", Rows.str(software, "fixReference", "url"));
        put(a, "subAssessments_firstSeen", first(Rows.str(ad, "firstSeen"), Rows.str(software, "firstSeen")));
        put(a, "subAssessments_lastSeen", first(Rows.str(ad, "lastSeen"), Rows.str(software, "lastSeen")));
        put(a, "subAssessments_exploitability", first(Rows.str(vuln, "exploitabilityAssessment", "exploitabilityLevel"),
                Rows.str(ad, "exploitabilityLevel")));
        put(a, "assessedResourceId", assessedKey);
        if (ad instanceof Map<?, ?> map && !map.isEmpty()) {
            a.put("subAssessments_additionalDataJson", json(ad));
        }
        if (p != null) {
            a.put("properties", p);
        }
        // the vendor's own vulnerability id first: a scanner id (a Qualys QID) may cover several CVEs and
        // several ids may share a CVE, so the first CVE alone would merge distinct findings; the row's
        // name (its own id) when neither is there, never the text "null"
        String vulnerability = first(vulnerabilityId, cves.isEmpty() ? null : cves.get(0), Rows.str(row, "name"),
                recordId);
        StringBuilder identity = new StringBuilder(vm.resourceId().toLowerCase(java.util.Locale.ROOT)).append('|')
                .append(String.valueOf(vulnerability).toLowerCase(java.util.Locale.ROOT));
        if (vendor != null || name != null || version != null) {
            identity.append('|').append(software(vendor)).append(':').append(software(name)).append(':')
                    .append(software(version));
        }
        a.put("subAssessments_identity", identity.toString());
        return SourceRecord.of(SourceRecord.Kind.FINDING, VULNERABILITY_TYPE, identity.toString(), a);
    }

    private static String software(@Nullable String part) {
        return part == null ? "" : part.toLowerCase(java.util.Locale.ROOT);
    }

    private static @Nullable String first(@Nullable String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /**
     * @return the CVE ids, upper-cased and without repeats: of {@code cve[].title} (a title that
     *     names no CVE is dropped and reported), of {@code vulnerabilityDetails.cveId}, else of the
     *     vulnerability id when it is one
     */
    private static List<String> cves(@Nullable String vulnerabilityId, @Nullable Object ad, @Nullable Object vuln,
                                     String recordId, FieldIssues issues) {
        Set<String> out = new LinkedHashSet<>();
        Object list = Rows.get(ad, "cve");
        if (list != null && !(list instanceof List)) {
            issues.dropped("properties.additionalData.cve", list, "not a list", recordId);
        }
        for (Object c : Rows.list(ad, "cve")) {
            if (c == null) {
                continue;   // an empty element carries nothing to lose
            }
            String title = c instanceof Map ? Rows.str(c, "title") : c instanceof List ? null : String.valueOf(c);
            Matcher m = title == null ? null : CVE.matcher(title);
            if (m != null && m.find()) {
                out.add(m.group().toUpperCase(java.util.Locale.ROOT));
            } else {
                issues.dropped("properties.additionalData.cve[].title", c, "names no CVE id", recordId);
            }
        }
        for (String candidate : new String[] {Rows.str(vuln, "cveId"), vulnerabilityId}) {
            Matcher m = candidate == null ? null : CVE.matcher(candidate);
            if (m != null && m.find()) {
                out.add(m.group().toUpperCase(java.util.Locale.ROOT));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * @return the CVSS base score of a major version ({@code cvss."3.1"}/{@code "3.0"}.base, or the
     *     {@code vulnerabilityDetails} score for version 3), as text; a base that is not a number
     *     from 0 to 10 is dropped and reported
     */
    private static @Nullable String cvss(@Nullable Object ad, @Nullable Object vuln, String major, String recordId,
                                         FieldIssues issues) {
        Object cvss = Rows.get(ad, "cvss");
        Object base = null;
        String field = null;
        if (cvss instanceof Map<?, ?> versions) {
            for (String v : major.equals("3") ? List.of("3.1", "3.0", "3") : List.of("2.0", "2")) {
                Object b = versions.containsKey(v) ? Rows.get(versions.get(v), "base") : null;
                if (b != null) {
                    base = b;
                    field = "properties.additionalData.cvss." + v + ".base";
                    break;
                }
            }
        }
        if (base == null && vuln != null) {
            base = first(Rows.str(vuln, "cvss", "base"), Rows.str(vuln, "cvssV3", "base"), Rows.str(vuln, "cvssScore"));
            field = "properties.additionalData.vulnerabilityDetails.cvss";
        }
        if (base == null) {
            return null;
        }
        try {
            double score = Double.parseDouble(base.toString().trim());
            if (score >= 0 && score <= 10) {
                return String.valueOf(score);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        issues.dropped(java.util.Objects.requireNonNull(field), base, "not a CVSS score from 0 to 10", recordId);
        return null;
    }

    /** @return the links of a {@code [{title, link}]} list (the title when there is no link) */
    private static List<String> links(@Nullable Object refs) {
        List<String> out = new ArrayList<>();
        if (refs instanceof List<?> l) {
            for (Object r : l) {
                String link = first(Rows.str(r, "link"), Rows.str(r, "title"));
                if (link != null) {
                    out.add(link);
                }
            }
        }
        return out;
    }

    static @Nullable String withScheme(@Nullable String link) {
        if (link == null) {
            return null;
        }
        String l = link.trim();
        return l.regionMatches(true, 0, "https://", 0, 8) || l.regionMatches(true, 0, "http://", 0, 7)
                ? l : "https://" + (l.startsWith("//") ? l.substring(2) : l);
    }

    private static void putVm(Map<String, Object> a, VmSummary s) {
        put(a, "vmId", s.vmId());
        put(a, "name", s.name());
        put(a, "resourceId", s.resourceId());
        put(a, "subscriptionId", s.subscriptionId());
        put(a, "resourceGroup", s.resourceGroup());
        put(a, "location", s.location());
        put(a, "computerName", s.computerName());
        put(a, "imageReference_offer", s.imageOffer());
        put(a, "imageReference_version", s.imageVersion());
        put(a, "operatingSystemName", s.osName());
        put(a, "operatingSystemVersion", s.osVersion());
    }

    private static @Nullable String imageOffer(Map<String, Object> vm) {
        return Rows.str(vm, "properties", "storageProfile", "imageReference", "offer");
    }

    /**
     * @return the image version; {@code exactVersion} when the version is {@code latest} (or absent);
     *     null when it would be {@code latest}, which names no version
     */
    private static @Nullable String imageVersion(Map<String, Object> vm) {
        String v = Rows.str(vm, "properties", "storageProfile", "imageReference", "version");
        String exact = Rows.str(vm, "properties", "storageProfile", "imageReference", "exactVersion");
        String version = exact != null && (v == null || LATEST.equalsIgnoreCase(v)) ? exact : v;
        return version == null || LATEST.equalsIgnoreCase(version) ? null : version;
    }

    /** @return the guest-reported OS name, else the image offer, else the OS disk type */
    private static @Nullable String osName(Map<String, Object> vm, @Nullable String offer) {
        String guest = Rows.str(vm, "properties", "extended", "instanceView", "osName");
        if (guest != null) {
            return guest;
        }
        return offer != null ? offer : Rows.str(vm, "properties", "storageProfile", "osDisk", "osType");
    }

    /** @return the guest-reported OS version, else the image version (never {@code latest}) */
    private static @Nullable String osVersion(Map<String, Object> vm, @Nullable String imageVersion) {
        String guest = Rows.str(vm, "properties", "extended", "instanceView", "osVersion");
        return guest != null && !LATEST.equalsIgnoreCase(guest) ? guest : imageVersion;
    }

    private static @Nullable String computerName(Map<String, Object> vm) {
        String c = Rows.str(vm, "properties", "osProfile", "computerName");
        return c != null ? c : Rows.str(vm, "properties", "extended", "instanceView", "computerName");
    }

    private static void put(Map<String, Object> m, String key, @Nullable Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /**
     * Puts {@code <prefix>_severity}; a record without one is counted as repaired (the severity
     * mapping's default, Medium, applies) and marked {@code <prefix>_severityAssumed}, so that an
     * assumed severity is never silent.
     */
    private static void severity(Map<String, Object> a, String prefix, @Nullable String severity, String field,
            @Nullable Object raw, @Nullable String recordId, FieldIssues issues) {
        put(a, prefix + "_severity", severity);
        if (severity == null) {
            issues.repaired(field, raw, "no severity; Medium assumed (the severity mapping's default)", recordId);
            a.put(prefix + "_severityAssumed", "true");
        }
    }
}
