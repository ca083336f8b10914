package dev.exposure.connector.kafka;

/**
 * The source connector of Microsoft Defender for Cloud (VM assets, through Azure Resource Graph), provider {@code mdc-vm}: {@link ExposureSourceConnector} with
 * the provider fixed, so that Connect's plugin listing and UIs show it by name. Its configuration
 * is the provider's declared fields plus the adapter's options (see the module README).
 *
 * @since 0.1
 */
public final class MdcSourceConnector extends ExposureSourceConnector {
    /** The provider id it runs. */
    public static final String PROVIDER_ID = "mdc-vm";

    /** Creates the connector; Connect calls this. */
    public MdcSourceConnector() {
        super(PROVIDER_ID);
    }
}
