package dev.exposure.connector.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * The lifecycle status of a finding. Vendor values outside this set become {@link #UNKNOWN}; the
 * vendor's raw value is kept on the finding ({@link Finding#vendorStatus()}).
 *
 * @since 0.1
 */
public enum FindingStatus {
    /** Newly seen and not fixed. */
    OPEN,
    /** Still present on the asset (seen again, or updated). */
    ACTIVE,
    /** Fixed on the asset, or the policy now passes. */
    RESOLVED,
    /** Closed without a fix: not applicable, exempted or removed. */
    CLOSED,
    /** A value this SDK version does not know. */
    UNKNOWN;

    /**
     * Reads a status case-insensitively; anything else is {@link #UNKNOWN}.
     *
     * @param value a status name, e.g. {@code "resolved"}
     * @return the status
     */
    @JsonCreator
    public static FindingStatus parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
