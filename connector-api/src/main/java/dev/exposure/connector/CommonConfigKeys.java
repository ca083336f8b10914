package dev.exposure.connector;

/**
 * The declared keys of the fields every connection shares ({@link ConnectionConfig}'s own
 * accessors): name, description, Microsoft Entra ID tenant, client and secret, and authority.
 * A connector adds them to its {@link ConfigDefinition}, directly or as the starting point of its
 * own declaration of the same field.
 *
 * @since 0.1
 */
public final class CommonConfigKeys {

    /** The group of the connection's own fields. */
    public static final String GROUP_CONNECTION = "Connection";
    /** The group of the authentication fields. */
    public static final String GROUP_AUTHENTICATION = "Authentication";

    /** The unique display name of the connection; required, at most 128 characters. */
    public static final ConfigKey<String> NAME = ConfigKey.string("name").label("Name").required()
            .maxLength(ConnectionConfig.MAX_NAME_LENGTH).group(GROUP_CONNECTION)
            .documentation("A unique display name for this connection.")
            .hint("a unique display name for the connection").build();

    /** An optional description, at most 200 characters. */
    public static final ConfigKey<String> DESCRIPTION = ConfigKey.string("description").label("Description")
            .maxLength(ConnectionConfig.MAX_DESCRIPTION_LENGTH).group(GROUP_CONNECTION)
            .documentation("An optional description of the connection's purpose.").build();

    /** The Directory (tenant) ID; a required GUID. */
    public static final ConfigKey<String> TENANT_ID = ConfigKey.guid("tenantId").label("Tenant ID").required()
            .group(GROUP_AUTHENTICATION)
            .documentation("The Directory (tenant) ID from the app registration's Overview page.")
            .hint("the Directory (tenant) ID from the app registration's Overview page").build();

    /** The Application (client) ID; a required GUID. */
    public static final ConfigKey<String> CLIENT_ID = ConfigKey.guid("clientId").label("Client ID").required()
            .group(GROUP_AUTHENTICATION)
            .documentation("The Application (client) ID from the app registration's Overview page.")
            .hint("the Application (client) ID from the app registration's Overview page").build();

    /**
     * The client secret; required, but waived when the host lends a {@code TokenCredential}
     * ({@link ConfigDefinition#parse(ConnectionConfig, java.util.Set)}).
     */
    public static final ConfigKey<Secret> CLIENT_SECRET = ConfigKey.secret("clientSecret").label("Client Secret")
            .required().group(GROUP_AUTHENTICATION)
            .documentation("The client secret Value from Certificates & secrets; not needed when the host lends a"
                    + " TokenCredential.")
            .hint("the secret Value from Certificates & secrets (or lend a TokenCredential through the"
                    + " ConnectorContext)").build();

    /** The Microsoft Entra ID authority, an https URL; {@value ConnectionConfig#DEFAULT_AUTHENTICATION_URL} when absent. */
    public static final ConfigKey<String> AUTHENTICATION_URL = ConfigKey.url("authenticationUrl")
            .label("Authentication URL").group(GROUP_AUTHENTICATION)
            .defaultValue(ConnectionConfig.DEFAULT_AUTHENTICATION_URL)
            .documentation("The Microsoft Entra ID OAuth 2.0 authority, with or without the trailing slash.")
            .validator(ConfigValidator.httpsUrl("the Microsoft Entra ID authority, e.g. "
                    + ConnectionConfig.DEFAULT_AUTHENTICATION_URL, false)).build();

    /** The shared keys in form order; unknown options are left to the connector. */
    static final ConfigDefinition SHARED = ConfigDefinition.builder("every connector").add(NAME).add(DESCRIPTION)
            .add(TENANT_ID).add(CLIENT_ID).add(CLIENT_SECRET).add(AUTHENTICATION_URL).ignoreUnknownOptions().build();

    private CommonConfigKeys() { }
}
