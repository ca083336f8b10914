package dev.exposure.connector.mde;

import com.azure.core.util.Configuration;
import dev.exposure.connector.ConnectionTestReport;
import dev.exposure.connector.DataException;
import dev.exposure.connector.SyncCounters;
import dev.exposure.connector.SyncListener;
import dev.exposure.connector.azure.diagnostics.ApiError;
import dev.exposure.connector.azure.diagnostics.AzureGuidance;
import dev.exposure.connector.azure.diagnostics.ConnectionProbes;
import dev.exposure.connector.azure.json.JsonRows;
import dev.exposure.connector.azure.json.ODataReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What is MDE's own in failures and the connection test: its guidance text (the WindowsDefenderATP
 * permissions, an unlicensed tenant's 401), the permission a 403 names, and the requests of the
 * authorization and data checks. The mapping and the probes are connector-azure's.
 */
final class MdeDiagnostics implements AzureGuidance {
    static final String DATA_GUIDANCE = "Verify that at least one machine is onboarded in MDE and that the"
            + " application has Machine.Read.All and Vulnerability.Read.All with admin consent granted; if the"
            + " problem persists, check the connector logs.";
    private static final Pattern REQUIRED_ROLES = Pattern.compile(
            "required roles?:\\s*([A-Za-z.]+(?:\\s*,\\s*[A-Za-z.]+)*)", Pattern.CASE_INSENSITIVE);

    private final String scope;

    MdeDiagnostics(String scope) {
        this.scope = scope;
    }

    @Override
    public String api() {
        return "the MDE API";
    }

    @Override
    public String grant(List<String> missing) {
        return "Add the WindowsDefenderATP application permission" + (missing.size() > 1 ? "s " : " ")
                + String.join(" and ", missing) + " (API permissions > APIs my organization uses > WindowsDefenderATP"
                + " > Application permissions) and grant admin consent; the sync needs Machine.Read.All and"
                + " Vulnerability.Read.All, in tokens issued for " + scope + ".";
    }

    @Override
    public String missingPermission(ApiError error, String fallback) {
        Matcher m = error.message() == null ? null : REQUIRED_ROLES.matcher(error.message());
        return m != null && m.find() ? m.group(1).trim() : fallback;
    }

    @Override
    public @Nullable String unauthorized(ApiError error) {
        String msg = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
        return msg.contains("license") || msg.contains("not provisioned") || msg.contains("inactive")
                ? "The tenant is not licensed or provisioned for this API (Defender for Endpoint / Defender"
                        + " Vulnerability Management); check the tenant's licences and onboarding." : null;
    }

    @Override
    public String apiUrlField() {
        return MdeConfig.API_BASE_URL;
    }

    /** The five connection checks: a one-row read of machines and of the vulnerability export. */
    static ConnectionTestReport test(MdeTransport transport, Configuration proxy,
                                     Consumer<ConnectionTestReport.CheckResult> onCheck) {
        MdeSettings settings = transport.settings();
        String machines = transport.apiUrl(MachinesStream.PATH, "$top=1");
        String vulns = transport.apiUrl(VulnerabilityStream.FULL_PATH, "$top=1");
        Call probe = call(RateBudget.Family.MACHINES, "permission probe");
        return ConnectionProbes.builder(transport.failures)
                .hosts(settings.apiBase, settings.authorityUri())
                .credential(transport.credential(), settings.scope)
                .tls(transport.sslContext(), null)
                .proxy(proxy)
                .authorization(new ConnectionProbes.Authorization() {
                    @Override
                    public List<ConnectionProbes.Target> targets() {
                        return List.of(new ConnectionProbes.Target("Machine.Read.All", "Machine.Read.All", machines,
                                true), new ConnectionProbes.Target("Vulnerability.Read.All", "Vulnerability.Read.All",
                                vulns, true));
                    }

                    @Override
                    public com.azure.core.http.HttpResponse send(String url) {
                        return transport.probe(url, probe);
                    }

                    @Override
                    public String granted(List<String> granted) {
                        return "the application holds " + String.join(" and ", granted);
                    }

                    @Override
                    public String denied(List<ConnectionProbes.Denied> denied, List<String> granted) {
                        return "the application lacks " + String.join(" and ",
                                denied.stream().map(ConnectionProbes.Denied::permission).distinct().toList())
                                + (granted.isEmpty() ? "" : " (granted: " + String.join(", ", granted) + ")");
                    }
                })
                .dataFetch(() -> {
                    String machine = fetchOne(transport, RateBudget.Family.MACHINES, machines, "id");
                    String vuln = fetchOne(transport, RateBudget.Family.VULNERABILITY_EXPORT, vulns, "cveId");
                    if (machine == null) {
                        return ConnectionTestReport.Outcome.pass("the API answered, but no machine is onboarded yet"
                                + " (no assets will be imported until one is)");
                    }
                    return ConnectionTestReport.Outcome.pass("fetched machine " + machine + (vuln == null
                            ? " (no vulnerability rows yet)" : " and a vulnerability row (" + vuln + ")"));
                }, DATA_GUIDANCE)
                .redact(transport::redact)
                .build().run(onCheck);
    }

    private static Call call(RateBudget.Family family, String source) {
        return new Call(family, new SyncCounters(), SyncListener.NONE, MdeConnectorProvider.ID + " connection test",
                source);
    }

    private static @Nullable String fetchOne(MdeTransport transport, RateBudget.Family family, String url,
                                             String field) {
        Call call = call(family, "data fetch");
        try (ODataReader r = VulnerabilityStream.reader(transport, url, call, true, JsonRows::camelKey)) {
            if (!r.hasNext()) {
                return null;
            }
            Map<String, Object> row = r.next();
            Object v = row.get(field);
            if (field.equals("id") && !(v instanceof String)) {
                throw new DataException("the first machine row has no 'id' (wrong shape)", call.source() + " " + url,
                        null);
            }
            return v == null ? "no " + field : v.toString();
        }
    }
}
