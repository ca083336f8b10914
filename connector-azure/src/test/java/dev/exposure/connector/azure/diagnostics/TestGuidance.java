package dev.exposure.connector.azure.diagnostics;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A vendor's words for the tests: a permission named in the 403 message ("needs X"). */
enum TestGuidance implements AzureGuidance {
    INSTANCE;

    static final String GRANT = "Grant the test application ";
    private static final Pattern NEEDS = Pattern.compile("needs ([A-Za-z.]+)");

    @Override
    public String api() {
        return "the Test API";
    }

    @Override
    public String grant(List<String> missing) {
        return GRANT + String.join(" and ", missing) + ".";
    }

    @Override
    public String missingPermission(ApiError error, String fallback) {
        Matcher m = error.message() == null ? null : NEEDS.matcher(error.message());
        return m != null && m.find() ? m.group(1) : fallback;
    }
}
