package dev.exposure.connector;

import static dev.exposure.connector.ConnectionState.ERRORED;
import static dev.exposure.connector.ConnectionState.PROCESSED;
import static dev.exposure.connector.ConnectionState.PROCESSING;
import static dev.exposure.connector.ConnectionState.REGISTERED;
import static dev.exposure.connector.ConnectionState.SCHEDULED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectionStateTest {
    /** The lifecycle as the product documents it, written out independently of the enum. */
    private static final Map<ConnectionState, Set<ConnectionState>> LEGAL = Map.of(
            REGISTERED, EnumSet.of(SCHEDULED, PROCESSING),
            SCHEDULED, EnumSet.of(PROCESSING),
            PROCESSING, EnumSet.of(PROCESSED, ERRORED),
            PROCESSED, EnumSet.of(SCHEDULED, PROCESSING),
            ERRORED, EnumSet.of(SCHEDULED, PROCESSING));

    static Stream<Arguments> everyPair() {
        return Stream.of(ConnectionState.values())
                .flatMap(from -> Stream.of(ConnectionState.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void shouldAllowExactlyTheDocumentedTransitions(ConnectionState from, ConnectionState to) {
        boolean legal = LEGAL.get(from).contains(to);

        assertThat(from.canMoveTo(to)).isEqualTo(legal);
        if (legal) {
            assertThat(from.moveTo(to)).isSameAs(to);
        } else {
            assertThatIllegalStateException().isThrownBy(() -> from.moveTo(to))
                    .withMessageContaining(from.name()).withMessageContaining(to.name())
                    .withMessageContaining(LEGAL.get(from).iterator().next().name());
        }
    }
}
