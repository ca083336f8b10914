package dev.exposure.connector.sim;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One misbehaviour a simulated tenant can put into one response. Schedule it with a
 * {@link FaultPlan} ({@code tenant.faults()}): on the n-th request to an endpoint family, on the
 * k-th page, or always.
 *
 * <p>Error bodies use the envelope of the endpoint that answers: MDE
 * {@code {"error":{"code","message","target"}}}, ARM {@code {"error":{"code","message","details"}}},
 * Entra ID {@code {"error","error_description","error_codes",...}}, Azure Storage XML for blobs.
 *
 * @since 0.1
 */
public final class Fault {
    /** What the fault does. */
    public enum Kind {
        /** HTTP 429 ({@code TooManyRequests} / {@code RateLimiting}), with or without {@code Retry-After}. */
        THROTTLE,
        /** Any status, typically 500/502/503/504, with the endpoint's error envelope. */
        STATUS,
        /** Headers and about half of the body, then the connection is dropped without ending the body. */
        RESET_MID_BODY,
        /** About half of the body, then the response ends cleanly: truncated JSON (or gzip). */
        TRUNCATE_MID_BODY,
        /** HTTP 200 with valid JSON of the wrong shape. */
        WRONG_SHAPE,
        /** HTTP 200 with an empty body. */
        EMPTY_BODY,
        /** The normal body, written in small pieces with a pause after each. */
        DRIBBLE,
        /** A pause before the response starts (for read/response timeouts). */
        DELAY,
        /** The page's next link points at another host (same path and query). */
        FOREIGN_NEXT_LINK,
        /**
         * The machines nextLink of a filtered query is mangled as the API once did (parameter
         * names dropped: {@code ?=<filter>&=<top>&$skip=N}), so following it serves unfiltered
         * machines.
         */
        MANGLED_FILTER_NEXT_LINK,
        /** The page's next link (or {@code $skipToken}) is the one just requested. */
        NEXT_LINK_LOOP,
        /** The previous page's rows are served again, with a next link that advances normally. */
        REPEAT_PAGE,
        /** HTTP 401 as for an invalid token. */
        UNAUTHORIZED,
        /** HTTP 403 as for a missing permission (MDE {@code Forbidden}, ARM {@code AuthorizationFailed}). */
        FORBIDDEN,
        /** The presented bearer token expires now: this and later calls with it get 401. */
        EXPIRE_TOKEN,
        /** The client secret is rotated and issued tokens revoked: 401 now, the old secret no longer works. */
        SECRET_ROTATION,
        /** A blob download stops mid-body and its SAS link is expired from then on (403 AuthenticationFailed). */
        SAS_EXPIRED_MID_DOWNLOAD
    }

    private final Kind kind;
    private final int status;
    private final @Nullable Duration duration;
    private final int bytes;
    private final @Nullable URI foreignBase;
    private final @Nullable String newSecret;

    private Fault(Kind kind, int status, @Nullable Duration duration, int bytes, @Nullable URI foreignBase,
            @Nullable String newSecret) {
        this.kind = kind;
        this.status = status;
        this.duration = duration;
        this.bytes = bytes;
        this.foreignBase = foreignBase;
        this.newSecret = newSecret;
    }

    private static Fault of(Kind kind) {
        return new Fault(kind, 0, null, 0, null, null);
    }

    /**
     * @param retryAfter the {@code Retry-After} to send, in whole seconds
     * @return a 429 with {@code Retry-After}
     */
    public static Fault throttle(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter must not be null");
        return new Fault(Kind.THROTTLE, 429, retryAfter, 0, null, null);
    }

    /** @return a 429 without {@code Retry-After} */
    public static Fault throttleWithoutRetryAfter() {
        return new Fault(Kind.THROTTLE, 429, null, 0, null, null);
    }

    /**
     * @param status an HTTP status, e.g. 500, 502, 503, 504
     * @return a response with that status and the endpoint's error envelope
     */
    public static Fault status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, was " + status);
        }
        return new Fault(Kind.STATUS, status, null, 0, null, null);
    }

    /** @return a connection dropped in the middle of the body */
    public static Fault resetMidBody() {
        return of(Kind.RESET_MID_BODY);
    }

    /** @return a body that ends cleanly after about half of it */
    public static Fault truncateMidBody() {
        return of(Kind.TRUNCATE_MID_BODY);
    }

    /** @return HTTP 200 with valid JSON of the wrong shape */
    public static Fault wrongShape() {
        return of(Kind.WRONG_SHAPE);
    }

    /** @return HTTP 200 with an empty body */
    public static Fault emptyBody() {
        return of(Kind.EMPTY_BODY);
    }

    /**
     * @param bytesPerPiece bytes per piece, at least 1
     * @param pause the pause after each piece
     * @return a slow, dribbling body
     */
    public static Fault dribble(int bytesPerPiece, Duration pause) {
        if (bytesPerPiece < 1) {
            throw new IllegalArgumentException("bytesPerPiece must be at least 1, was " + bytesPerPiece);
        }
        return new Fault(Kind.DRIBBLE, 200, Objects.requireNonNull(pause, "pause must not be null"), bytesPerPiece,
                null, null);
    }

    /**
     * @param pause how long to wait before answering
     * @return a response that starts late
     */
    public static Fault delay(Duration pause) {
        return new Fault(Kind.DELAY, 200, Objects.requireNonNull(pause, "pause must not be null"), 0, null, null);
    }

    /**
     * @param foreignBase the base URL of the foreign host, e.g. a {@link SimulatedForeignHost}
     * @return a page whose next link points there
     */
    public static Fault foreignNextLink(URI foreignBase) {
        return new Fault(Kind.FOREIGN_NEXT_LINK, 200, null, 0, Objects.requireNonNull(foreignBase, "foreignBase"),
                null);
    }

    /** @return a machines page whose filtered nextLink lost its parameter names */
    public static Fault mangledFilterNextLink() {
        return of(Kind.MANGLED_FILTER_NEXT_LINK);
    }

    /** @return a page whose next link is the link just requested */
    public static Fault nextLinkLoop() {
        return of(Kind.NEXT_LINK_LOOP);
    }

    /** @return the previous page again */
    public static Fault repeatPage() {
        return of(Kind.REPEAT_PAGE);
    }

    /** @return a 401 */
    public static Fault unauthorized() {
        return new Fault(Kind.UNAUTHORIZED, 401, null, 0, null, null);
    }

    /** @return a 403 */
    public static Fault forbidden() {
        return new Fault(Kind.FORBIDDEN, 403, null, 0, null, null);
    }

    /** @return the presented token expires now (401) */
    public static Fault expireToken() {
        return new Fault(Kind.EXPIRE_TOKEN, 401, null, 0, null, null);
    }

    /**
     * @param newSecret the secret that works from now on
     * @return a secret rotation (401 now; the old secret is refused by the token endpoint)
     */
    public static Fault secretRotation(String newSecret) {
        return new Fault(Kind.SECRET_ROTATION, 401, null, 0, null,
                Objects.requireNonNull(newSecret, "newSecret must not be null"));
    }

    /** @return a blob download cut mid-body whose link is expired from then on */
    public static Fault sasExpiredMidDownload() {
        return of(Kind.SAS_EXPIRED_MID_DOWNLOAD);
    }

    /** @return what the fault does */
    public Kind kind() {
        return kind;
    }

    /** @return the HTTP status for status-like faults, else 0 or 200 */
    public int httpStatus() {
        return status;
    }

    /** @return the Retry-After, pause or dribble delay, if any */
    public @Nullable Duration duration() {
        return duration;
    }

    /** @return bytes per dribbled piece (0 unless {@link Kind#DRIBBLE}) */
    public int bytesPerPiece() {
        return bytes;
    }

    /** @return the foreign base URL (only for {@link Kind#FOREIGN_NEXT_LINK}) */
    public @Nullable URI foreignBase() {
        return foreignBase;
    }

    @Nullable String newSecret() {
        return newSecret;
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (status > 0 && status != 200 ? " " + status : "")
                + (duration != null ? " " + duration : "") + (foreignBase != null ? " -> " + foreignBase : "") + "]";
    }
}
