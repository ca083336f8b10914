package dev.exposure.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class ExposureSourceConnectorTest {
    private static final List<String> SUBS = List.of("00000000-0000-0000-0000-0000000000a1",
            "00000000-0000-0000-0000-0000000000a2", "00000000-0000-0000-0000-0000000000a3",
            "00000000-0000-0000-0000-0000000000a4", "00000000-0000-0000-0000-0000000000a5");

    @Test
    void shouldSplitTheSubscriptionsOverAtMostMaxTasksEachReadOnce() {
        MdcSourceConnector c = new MdcSourceConnector();
        Map<String, String> props = SourceSettingsTest.valid();
        props.put("subscriptions", String.join(",", SUBS));
        c.start(props);

        List<Map<String, String>> two = c.taskConfigs(2);
        List<Map<String, String>> ten = c.taskConfigs(10);

        assertThat(two).extracting(m -> m.get(ExposureSourceTask.TASK_SUBSCRIPTIONS))
                .containsExactly(String.join(",", SUBS.subList(0, 3)), String.join(",", SUBS.subList(3, 5)));
        assertThat(ten).hasSize(5).extracting(m -> m.get(ExposureSourceTask.TASK_SUBSCRIPTIONS))
                .containsExactlyElementsOf(SUBS);
        assertThat(two).allMatch(m -> "mdc-vm".equals(m.get(ExposureSourceConnector.TASK_PROVIDER)));
    }

    @Test
    void shouldRunOneMdeConnectionAsOneTaskWhateverTasksMaxSays() {
        MdeSourceConnector c = new MdeSourceConnector();
        c.start(SourceSettingsTest.valid());

        assertThat(c.taskConfigs(8)).hasSize(1).allMatch(m -> !m.containsKey(ExposureSourceTask.TASK_SUBSCRIPTIONS));
    }

    @Test
    void shouldRunTheProviderTheGenericConnectorIsToldAndRefuseAnUnknownOne() {
        ExposureSourceConnector c = new ExposureSourceConnector();
        Map<String, String> props = SourceSettingsTest.valid();
        props.put("provider", "mde-v2");
        c.start(props);
        assertThat(c.taskConfigs(1)).hasSize(1);
        assertThat(c.validate(props).configValues()).allMatch(v -> v.errorMessages().isEmpty());

        props.put("provider", "qualys");
        assertThatThrownBy(() -> new ExposureSourceConnector().start(props)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'qualys' is not a connector").hasMessageContaining("mde-v2");
        assertThat(new ExposureSourceConnector().validate(props).configValues())
                .anyMatch(v -> v.name().equals("provider") && !v.errorMessages().isEmpty());
    }

    @Test
    void shouldNotOfferExactlyOnceSupport() {
        assertThat(new MdeSourceConnector().exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.UNSUPPORTED);
    }
}
