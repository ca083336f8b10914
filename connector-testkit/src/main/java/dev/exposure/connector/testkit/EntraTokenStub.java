package dev.exposure.connector.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A stub of the Microsoft Entra ID (v2.0) token endpoint, {@code POST /{tenant}/oauth2/v2.0/token},
 * for the client-credentials grant that azure-identity's {@code ClientSecretCredential} sends.
 * It answers with a bearer token by default, or with one of Entra ID's error answers.
 *
 * <pre>{@code
 * EntraTokenStub.forTenant(TENANT).accessToken("token-1").expiresIn(Duration.ofHours(1)).register(wm);
 * EntraTokenStub.forTenant(TENANT).invalidClient().register(wm);          // 401, AADSTS7000215
 * EntraTokenStub.forAnyTenant().tenantNotFound().register(wm);             // 400, AADSTS90002
 * }</pre>
 *
 * <p>The request matches on the path and {@code grant_type=client_credentials}; optionally on
 * the client id, the secret and a scope fragment. The scope is matched by "contains" because
 * different Azure clients order and decorate it differently. Error bodies are our own composition
 * in Entra ID's shape ({@code error}, {@code error_description}, {@code error_codes},
 * {@code trace_id}, {@code correlation_id}, {@code timestamp}, {@code error_uri}).
 *
 * <p>Not thread-safe; build, then {@link #register(Stubbing)}.
 *
 * @since 0.1
 */
public final class EntraTokenStub {
    /** The token value answered unless {@link #accessToken(String)} says otherwise. */
    public static final String DEFAULT_ACCESS_TOKEN = "testkit-access-token";

    private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");
    private static final String FIXED_TIMESTAMP = "2026-01-01 00:00:00Z";
    private static final String FIXED_TRACE_ID = "00000000-0000-4000-8000-0000000000aa";
    private static final String FIXED_CORRELATION_ID = "00000000-0000-4000-8000-0000000000bb";

    private final @Nullable String tenant;
    private String accessToken = DEFAULT_ACCESS_TOKEN;
    private Duration expiresIn = Duration.ofSeconds(3599);
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    private @Nullable String scopeFragment;
    private int status = 200;
    private @Nullable String error;
    private @Nullable String errorDescription;

    private EntraTokenStub(@Nullable String tenant) {
        this.tenant = tenant;
    }

    /**
     * A stub for one tenant's token endpoint.
     *
     * @param tenant the tenant id (or domain) in the path
     * @return a stub answering a token
     */
    public static EntraTokenStub forTenant(String tenant) {
        Objects.requireNonNull(tenant, "tenant must not be null");
        if (tenant.isBlank() || tenant.contains("/")) {
            throw new IllegalArgumentException("tenant must be one non-blank path segment, was '" + tenant + "'");
        }
        return new EntraTokenStub(tenant);
    }

    /** @return a stub for the token endpoint of every tenant */
    public static EntraTokenStub forAnyTenant() {
        return new EntraTokenStub(null);
    }

    /**
     * @param token the {@code access_token} to answer
     * @return this stub
     */
    public EntraTokenStub accessToken(String token) {
        this.accessToken = Objects.requireNonNull(token, "token must not be null");
        return this;
    }

    /**
     * @param lifetime the {@code expires_in} to answer (whole seconds), 3599 s by default
     * @return this stub
     */
    public EntraTokenStub expiresIn(Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("lifetime must not be negative, was " + lifetime);
        }
        this.expiresIn = lifetime;
        return this;
    }

    /**
     * Matches only requests with this {@code client_id}.
     *
     * @param id the client id
     * @return this stub
     */
    public EntraTokenStub clientId(String id) {
        this.clientId = Objects.requireNonNull(id, "id must not be null");
        return this;
    }

    /**
     * Matches only requests with this {@code client_secret}; other secrets stay unmatched.
     *
     * @param secret the expected secret
     * @return this stub
     */
    public EntraTokenStub clientSecret(String secret) {
        this.clientSecret = Objects.requireNonNull(secret, "secret must not be null");
        return this;
    }

    /**
     * Matches only requests whose {@code scope} contains this text, e.g.
     * {@code https://api.securitycenter.microsoft.com/.default}.
     *
     * @param fragment part of the scope
     * @return this stub
     */
    public EntraTokenStub scopeContaining(String fragment) {
        this.scopeFragment = Objects.requireNonNull(fragment, "fragment must not be null");
        return this;
    }

    /**
     * Answers 401 {@code invalid_client} (AADSTS7000215): a wrong client secret.
     *
     * @return this stub
     */
    public EntraTokenStub invalidClient() {
        return error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided (testkit stub).");
    }

    /**
     * Answers 401 {@code invalid_client} (AADSTS7000222): the client secret has expired.
     *
     * @return this stub
     */
    public EntraTokenStub expiredSecret() {
        return error(401, "invalid_client", "AADSTS7000222: The client secret has expired (testkit stub).");
    }

    /**
     * Answers 400 {@code invalid_request} (AADSTS90002): the tenant does not exist.
     *
     * @return this stub
     */
    public EntraTokenStub tenantNotFound() {
        return error(400, "invalid_request", "AADSTS90002: Tenant '" + (tenant == null ? "unknown" : tenant)
                + "' not found (testkit stub).");
    }

    /**
     * Answers 400 {@code unauthorized_client} (AADSTS700016): no such application in the tenant.
     *
     * @return this stub
     */
    public EntraTokenStub applicationNotFound() {
        return error(400, "unauthorized_client", "AADSTS700016: Application with identifier '"
                + (clientId == null ? "unknown" : clientId) + "' was not found in the directory (testkit stub).");
    }

    /**
     * Answers an Entra ID error. An {@code AADSTS<n>} code in the description is repeated in
     * {@code error_codes}.
     *
     * @param httpStatus the HTTP status, 400 to 599
     * @param errorCode the OAuth {@code error}, e.g. {@code invalid_client}
     * @param description the {@code error_description}, e.g. {@code AADSTS7000215: ...}
     * @return this stub
     */
    public EntraTokenStub error(int httpStatus, String errorCode, String description) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be 400-599, was " + httpStatus);
        }
        this.status = httpStatus;
        this.error = Objects.requireNonNull(errorCode, "errorCode must not be null");
        this.errorDescription = Objects.requireNonNull(description, "description must not be null");
        return this;
    }

    /** @return the request path this stub matches, e.g. {@code /TENANT/oauth2/v2.0/token} */
    public String path() {
        return "/" + (tenant == null ? "{tenant}" : tenant) + "/oauth2/v2.0/token";
    }

    /**
     * @return the stub as a WireMock mapping, for callers that add their own matchers first
     */
    public MappingBuilder toMapping() {
        MappingBuilder m = post(tenant == null ? urlPathMatching("/[^/]+/oauth2/v2\\.0/token")
                : urlPathEqualTo(path()))
                .withFormParam("grant_type", equalTo("client_credentials"));
        if (clientId != null) {
            m = m.withFormParam("client_id", equalTo(clientId));
        }
        if (clientSecret != null) {
            m = m.withFormParam("client_secret", equalTo(clientSecret));
        }
        if (scopeFragment != null) {
            m = m.withFormParam("scope", containing(scopeFragment));
        }
        return m.willReturn(jsonResponse(body(), status));
    }

    /**
     * Registers the stub.
     *
     * @param server the extension or server to register on
     * @return the registered mapping
     */
    public StubMapping register(Stubbing server) {
        return server.stubFor(toMapping());
    }

    private Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (error == null) {
            body.put("token_type", "Bearer");
            body.put("expires_in", expiresIn.toSeconds());
            body.put("ext_expires_in", expiresIn.toSeconds());
            body.put("access_token", accessToken);
            return body;
        }
        String description = Objects.requireNonNull(errorDescription);
        body.put("error", error);
        body.put("error_description", description + " Trace ID: " + FIXED_TRACE_ID + " Correlation ID: "
                + FIXED_CORRELATION_ID + " Timestamp: " + FIXED_TIMESTAMP);
        Matcher code = AADSTS.matcher(description);
        body.put("error_codes", code.find() ? List.of(Long.parseLong(code.group(1))) : List.of());
        body.put("timestamp", FIXED_TIMESTAMP);
        body.put("trace_id", FIXED_TRACE_ID);
        body.put("correlation_id", FIXED_CORRELATION_ID);
        body.put("error_uri", "https://login.microsoftonline.com/error?code="
                + (code.find(0) ? code.group(1) : "0"));
        return body;
    }

    @Override
    public String toString() {
        return "EntraTokenStub{POST " + path() + " -> " + status + (error == null ? "" : " " + error) + "}";
    }
}
