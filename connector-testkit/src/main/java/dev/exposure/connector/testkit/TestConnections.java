package dev.exposure.connector.testkit;

import dev.exposure.connector.ConfigField;
import dev.exposure.connector.ConnectionConfig;
import dev.exposure.connector.Secret;
import java.util.List;
import java.util.Objects;

/**
 * Fixture connection settings: fixed tenant and client GUIDs, a fake secret, and
 * {@link ConnectionConfig} builders pre-filled with them, optionally pointed at a mock Entra ID.
 *
 * <pre>{@code
 * EntraTokenStub.forTenant(TestConnections.TENANT_ID).register(wm);
 * ConnectionConfig config = TestConnections.config(wm.baseUrl()).putOptions("apiBaseUrl", wm.baseUrl()).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class TestConnections {
    /** A fixed Directory (tenant) ID. */
    public static final String TENANT_ID = "4f1c3a2e-9b7d-4c21-8e55-0a6b3c9d2e11";
    /** A fixed Application (client) ID. */
    public static final String CLIENT_ID = "7d2b9e40-1c6a-4f3e-b8d1-5e9a0c7f4b22";
    /**
     * The clear text of {@link #clientSecret()}, for token stubs that match on it and for tests
     * that assert it never leaks into messages. Not a real secret.
     */
    public static final String CLIENT_SECRET_VALUE = "tk8Q~fake-client-secret-for-tests-only";

    private static final List<ConfigField> SHARED_FIELDS = List.of(
            ConfigField.builder().name("name").label("Connection Name").type(ConfigField.Type.STRING)
                    .required(true).maxLength(ConnectionConfig.MAX_NAME_LENGTH)
                    .description("A unique display name for this connection.").build(),
            ConfigField.builder().name("description").label("Description").type(ConfigField.Type.STRING)
                    .required(false).maxLength(ConnectionConfig.MAX_DESCRIPTION_LENGTH)
                    .description("What this connection is for, at most 200 characters.").build(),
            ConfigField.builder().name("tenantId").label("Tenant ID").type(ConfigField.Type.GUID).required(true)
                    .description("The Directory (tenant) ID on the app registration's Overview page.").build(),
            ConfigField.builder().name("clientId").label("Client ID").type(ConfigField.Type.GUID).required(true)
                    .description("The Application (client) ID on the app registration's Overview page.").build(),
            ConfigField.builder().name("clientSecret").label("Client Secret").type(ConfigField.Type.SECRET)
                    .required(true)
                    .description("The secret Value from the app registration's Certificates & secrets page.")
                    .build(),
            ConfigField.builder().name("authenticationUrl").label("Authentication URL").type(ConfigField.Type.URL)
                    .required(false).defaultValue(ConnectionConfig.DEFAULT_AUTHENTICATION_URL)
                    .description("The Microsoft Entra ID authority; change it only for sovereign clouds.").build());

    private TestConnections() { }

    /** @return {@link #CLIENT_SECRET_VALUE} as a {@link Secret} */
    public static Secret clientSecret() {
        return Secret.of(CLIENT_SECRET_VALUE);
    }

    /**
     * A valid configuration against the real Microsoft authority: name, description, tenant,
     * client and secret set. Adjust with the builder's setters.
     *
     * @return a pre-filled builder
     */
    public static ConnectionConfig.Builder config() {
        ConnectionConfig.Builder b = ConnectionConfig.builder();
        b.name("Testkit connection").description("Connection used in tests").tenantId(TENANT_ID)
                .clientId(CLIENT_ID).clientSecret(clientSecret());
        return b;
    }

    /**
     * A valid configuration whose authentication URL is a mock Entra ID.
     *
     * @param authorityBaseUrl e.g. {@link HttpsWireMockExtension#baseUrl()}
     * @return a pre-filled builder
     */
    public static ConnectionConfig.Builder config(String authorityBaseUrl) {
        ConnectionConfig.Builder b = config();
        b.authenticationUrl(Objects.requireNonNull(authorityBaseUrl, "authorityBaseUrl must not be null"));
        return b;
    }

    /**
     * The descriptor fields of the shared settings (name, description, tenantId, clientId,
     * clientSecret, authenticationUrl), complete with labels and descriptions, for fakes and as
     * a model for real descriptors.
     *
     * @return the fields, in form order
     */
    public static List<ConfigField> sharedConfigFields() {
        return SHARED_FIELDS;
    }
}
