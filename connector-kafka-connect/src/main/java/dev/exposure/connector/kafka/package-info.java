/**
 * A Kafka Connect source connector running the SDK's connectors on a Connect cluster:
 * {@link dev.exposure.connector.kafka.ExposureSourceConnector} (any provider),
 * {@link dev.exposure.connector.kafka.MdeSourceConnector} ({@code mde-v2}),
 * {@link dev.exposure.connector.kafka.MdcSourceConnector} ({@code mdc-vm}), their task, and the
 * Connect schemas of the model ({@link dev.exposure.connector.kafka.ModelSchemas}).
 */
package dev.exposure.connector.kafka;
