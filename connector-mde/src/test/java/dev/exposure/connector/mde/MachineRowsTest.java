package dev.exposure.connector.mde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exposure.connector.transform.Normalize;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineRowsTest {
    /** Addresses MDE sends (and a few that are no addresses), for holding both classifiers together. */
    static final List<String> SAMPLES = List.of("10.1.2.3", "0.0.0.0", "127.0.0.1", "127.9.9.9", "169.254.12.7",
            "169.253.1.1", "255.255.255.255", "192.168.56.1", "::", "::1", "::2", "fe80::1", "fe80:16::1c2b:3aff:fe4d:5e6f",
            "FE80::215:5DFF:FEAA:1%12", "febf::1", "fec0::1", "2001:db8:20::1c", "::ffff:10.1.2.3",
            "::ffff:169.254.1.1", "::ffff:127.0.0.1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "1::", "1::8",
            "256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1:2:3:4:5:6:7:8:9", "1:::2", ":1:2::", "12345::",
            "g::1", "10.1.2.3/24", "not an address", "", "1::2::3", "::ffff:1.2.3");

    @Test
    void shouldReadAddressesAsConnectorTransformsNormalizerDoes() {
        for (String s : SAMPLES) {
            boolean transform;
            try {
                transform = Normalize.ip(s) != null;
            } catch (IllegalArgumentException e) {
                transform = false;
            }
            assertThat(MachineRows.isIp(s)).as(s).isEqualTo(transform);
            if (transform) {
                assertThat(MachineRows.identifies(s)).as(s).isEqualTo(Normalize.isIdentityIp(s));
            }
        }
    }

    @Test
    void shouldReadMacsWithOrWithoutSeparatorsAndRefuseOthers() {
        assertThat(MachineRows.hex12("00155daa0001")).isEqualTo("00155DAA0001");
        assertThat(MachineRows.hex12("00-15-5D-AA-00-01")).isEqualTo("00155DAA0001");
        assertThat(MachineRows.hex12("0015.5daa.0001")).isEqualTo("00155DAA0001");
        assertThat(MachineRows.hex12("00155DAA000")).isNull();
        assertThat(MachineRows.hex12("00155DAA00011")).isNull();
        assertThat(MachineRows.hex12("not a mac")).isNull();
        assertThat(MachineRows.hex12(null)).isNull();
        assertThat(MachineRows.hex12(12)).isNull();
    }
}
