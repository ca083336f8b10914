package dev.exposure.connector.mdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpTextTest {

    @Test
    void shouldReadAnAddressInCidrFormAsTheAddress() {
        IpText.Read v4 = IpText.read(" 172.20.2.16/28 ");
        assertThat(v4).isNotNull();
        assertThat(v4.text()).isEqualTo("172.20.2.16");
        assertThat(v4.cidr()).isTrue();
        IpText.Read v6 = IpText.read("ace:cab:deca:deed::4/64");
        assertThat(v6).isNotNull();
        assertThat(v6.text()).isEqualTo("ace:cab:deca:deed::4");
        assertThat(v6.cidr()).isTrue();
        assertThat(IpText.read("10.0.0.4").cidr()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.300", "bogus-ip", "1.2.3", "1.2.3.4.5", "10.0.0.4/33", "10.0.0.4/", "10.0.0.4/x",
        "fe80::1/129", "g::1", "1:2", "", "example.com", "localhost", "[]", "1..2.3"})
    void shouldRefuseTextThatIsNotAnAddressWithoutLookingItUp(String text) {
        assertThat(IpText.read(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.0.9", "fe80::4", "fe80::4%eth0", "127.0.0.1", "::1", "0.0.0.0", "::",
        "255.255.255.255", "224.0.0.1", "ff02::1"})
    void shouldNotLetNonIdentifyingAddressesIdentifyAHost(String text) {
        IpText.Read read = IpText.read(text);
        assertThat(read).isNotNull();
        assertThat(read.identifies()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.4", "172.20.2.16", "20.1.2.3", "2001:db8::1", "[2001:db8::1]", "fd00::5"})
    void shouldLetRoutableAddressesIdentifyAHost(String text) {
        IpText.Read read = IpText.read(text);
        assertThat(read).isNotNull();
        assertThat(read.identifies()).isTrue();
    }

    @Test
    void shouldNormaliseMacsAndRefuseUnreadableOnes() {
        assertThat(NetworkIndex.normalizeMac("00-0D-3A-1B-C7-21")).isEqualTo("00:0d:3a:1b:c7:21");
        assertThat(NetworkIndex.normalizeMac("000D3A1BC721")).isEqualTo("00:0d:3a:1b:c7:21");
        assertThat(NetworkIndex.normalizeMac("00:00:00:00:00:00")).isEmpty();
        assertThat(NetworkIndex.normalizeMac("not-a-mac")).isNull();
        assertThat(NetworkIndex.normalizeMac("00-0D-3A-1B-C7")).isNull();
        assertThat(NetworkIndex.normalizeMac("00-0D-3A-1B-C7-21-FF")).isNull();
    }
}
