package dev.exposure.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {
    private static final String TENANT = "4f1c3a2e-9b7d-4c21-8e55-0a6b3c9d2e11";

    private static Checkpoint sample() {
        return Checkpoint.builder().connectorId("mde-v2").scope(TENANT).position("2026-01-01T00:00:00Z")
                .createdAt(Instant.parse("2026-01-01T00:05:00.123Z"))
                .putAttributes("lastFullSync", "2025-12-25T00:00:00Z")
                .putAttributes("note", "spaces, commas & = signs\nand a newline ünïcödé")
                .build();
    }

    @Test
    void shouldRoundTripThroughItsEncodedForm() {
        Checkpoint original = sample();

        String encoded = original.encode();

        assertThat(encoded).startsWith("ckp1.").doesNotContain("\n", " ");
        assertThat(Checkpoint.decode(encoded)).isEqualTo(original);
        assertThat(Checkpoint.decode("  " + encoded + "\n")).as("surrounding white space").isEqualTo(original);
    }

    @Test
    void shouldEncodeTheSameCheckpointTheSameWay() {
        Checkpoint a = Checkpoint.builder().from(sample()).putAttributes("z", "1").putAttributes("a", "2").build();
        Checkpoint b = Checkpoint.builder().from(sample()).putAttributes("a", "2").putAttributes("z", "1").build();

        assertThat(a.encode()).isEqualTo(b.encode());
    }

    @Test
    void shouldRoundTripAttributeNamesWithSpecialCharacters() {
        Checkpoint original = Checkpoint.builder().from(sample())
                .putAttributes("key=with=equals", "v1")
                .putAttributes("key\nwith newline", "v2")
                .putAttributes("ключ", "v3")
                .build();

        assertThat(Checkpoint.decode(original.encode())).isEqualTo(original);
    }

    @Test
    void shouldRefuseATamperedPayload() {
        String encoded = sample().encode();
        String[] parts = encoded.substring("ckp1.".length()).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replace("position=2026", "position=2020");
        String tampered = "ckp1." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[1];

        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> Checkpoint.decode(tampered))
                .withMessageContaining("checksum")
                .satisfies(e -> assertThat(e.errors().get(0).field()).isEqualTo("checkpoint"));
    }

    @Test
    void shouldRefuseAWrongChecksum() {
        String encoded = sample().encode();
        String wrong = encoded.substring(0, encoded.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAA";

        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> Checkpoint.decode(wrong))
                .withMessageContaining("altered or corrupted");
    }

    @Test
    void shouldRefuseATruncatedCheckpoint() {
        String encoded = sample().encode();

        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> Checkpoint.decode(encoded.substring(0, encoded.length() - 3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "ckp1.", "ckp1.onlyonepart", "ckp1.a.b.c", "ckp1.!!!.???", "ckp2.abc.def"})
    void shouldRefuseGarbageWithAMessageThatSaysWhatToDo(String garbage) {
        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> Checkpoint.decode(garbage))
                .withMessageContaining("checkpoint").withMessageContaining("full sync");
    }

    @Test
    void shouldRefuseACheckpointWithAValidChecksumButMissingFields() {
        // a payload without a position, with a correct checksum: only a rebuilt checkpoint looks like this
        Checkpoint full = sample();
        String payload = "connector=mde-v2\nscope=" + TENANT + "\ncreatedAt=2026-01-01T00:00:00Z\n";
        String forged = forge(payload);

        assertThat(Checkpoint.decode(full.encode())).isEqualTo(full);
        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> Checkpoint.decode(forged))
                .withMessageContaining("'position'");
    }

    @Test
    void shouldRefuseAnUnreadableCreationTime() {
        String forged = forge("connector=mde-v2\nscope=s\nposition=p\ncreatedAt=yesterday\n");

        assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> Checkpoint.decode(forged))
                .withMessageContaining("createdAt");
    }

    @Test
    void shouldRefuseACheckpointOfAnotherConnector() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> sample().requireFor("mdc-vm", TENANT))
                .withMessageContaining("'mde-v2'").withMessageContaining("'mdc-vm'");
    }

    @Test
    void shouldRefuseACheckpointOfAnotherScope() {
        assertThatExceptionOfType(ConfigurationException.class)
                .isThrownBy(() -> sample().requireFor("mde-v2", "00000000-0000-0000-0000-000000000000"))
                .withMessageContaining("another tenant");
    }

    @Test
    void shouldAcceptItsOwnScopeInAnyLetterCase() {
        Checkpoint checkpoint = sample();

        assertThat(checkpoint.requireFor("mde-v2", TENANT.toUpperCase(java.util.Locale.ROOT))).isSameAs(checkpoint);
    }

    private static String forge(String payload) {
        try {
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            byte[] sum = java.util.Arrays.copyOf(java.security.MessageDigest.getInstance("SHA-256").digest(bytes), 16);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return "ckp1." + b64.encodeToString(bytes) + "." + b64.encodeToString(sum);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
