package dev.exposure.connector.mde;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineRowsTest {
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
