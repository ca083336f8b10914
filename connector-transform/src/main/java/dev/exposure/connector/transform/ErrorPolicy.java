package dev.exposure.connector.transform;

/**
 * What a {@link TransformedStream} does with a record that cannot be transformed.
 *
 * @since 0.1
 */
public enum ErrorPolicy {
    /** Throw the {@link RecordTransformException} from {@code hasNext()}/{@code next()}; the run fails. */
    FAIL,
    /** Leave the record out, count it and keep a sample in the {@link TransformReport}. */
    SKIP_AND_REPORT
}
