package dev.exposure.connector.kafka;

/**
 * The source connector of Microsoft Defender for Endpoint V2, provider {@code mde-v2}: {@link ExposureSourceConnector} with
 * the provider fixed, so that Connect's plugin listing and UIs show it by name. Its configuration
 * is the provider's declared fields plus the adapter's options (see the module README).
 *
 * @since 0.1
 */
public final class MdeSourceConnector extends ExposureSourceConnector {
    /** The provider id it runs. */
    public static final String PROVIDER_ID = "mde-v2";

    /** Creates the connector; Connect calls this. */
    public MdeSourceConnector() {
        super(PROVIDER_ID);
    }
}
