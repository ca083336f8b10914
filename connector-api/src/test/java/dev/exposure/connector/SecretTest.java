package dev.exposure.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

class SecretTest {
    private static final String VALUE = "Xq8~s3cr3t-value";

    /** A bean as a host might serialize it, with a secret next to ordinary fields. */
    public static final class Holder {
        private final Secret secret = Secret.of(VALUE);

        public String getName() {
            return "connection";
        }

        public Secret getSecret() {
            return secret;
        }
    }

    @Test
    void shouldMaskItsValueInToString() {
        assertThat(Secret.of(VALUE).toString()).isEqualTo("Secret[****]").doesNotContain(VALUE);
        assertThat(String.valueOf(Secret.of(VALUE))).doesNotContain(VALUE);
    }

    @Test
    void shouldRevealItsValueOnlyOnRequest() {
        assertThat(Secret.of(VALUE).reveal()).isEqualTo(VALUE);
    }

    @Test
    void shouldRedactEveryOccurrenceInAText() {
        Secret secret = Secret.of(VALUE);

        String redacted = secret.redact("POST body client_secret=" + VALUE + "&x=" + VALUE + " failed");

        assertThat(redacted).doesNotContain(VALUE).isEqualTo("POST body client_secret=****&x=**** failed");
    }

    @Test
    void shouldNotRedactSecretsTooShortToMaskSafely() {
        assertThat(Secret.of("ab").redact("a cab")).isEqualTo("a cab");
    }

    @Test
    void shouldCompareByValue() {
        assertThat(Secret.of(VALUE)).isEqualTo(Secret.of(VALUE)).isNotEqualTo(Secret.of(VALUE + "x"))
                .hasSameHashCodeAs(Secret.of("other"));
        assertThat(Secret.of(" ").isBlank()).isTrue();
        assertThatNullPointerException().isThrownBy(() -> Secret.of(null)).withMessageContaining("must not be null");
    }

    @Test
    void shouldBeLeftOutOfJacksonOutput() throws Exception {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

        String json = mapper.writeValueAsString(new Holder());

        assertThat(json).isEqualTo("{\"name\":\"connection\"}");
        assertThat(mapper.writeValueAsString(Secret.of(VALUE))).doesNotContain(VALUE);
    }
}
