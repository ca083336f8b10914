package dev.exposure.connector.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * The kind of a finding.
 *
 * @since 0.1
 */
public enum FindingType {
    /** A software vulnerability (CVE or vendor id), e.g. from Defender for Endpoint. */
    VULNERABILITY,
    /** A failed or passed configuration assessment, e.g. from Defender for Cloud. */
    MISCONFIGURATION,
    /** A type this SDK version does not know; the vendor's value is kept next to it. */
    UNKNOWN;

    /**
     * Reads a type case-insensitively; anything else is {@link #UNKNOWN}, so JSON written by a
     * newer SDK version still reads.
     *
     * @param value a type name, e.g. {@code "vulnerability"}
     * @return the type
     */
    @JsonCreator
    public static FindingType parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
