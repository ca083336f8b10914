package dev.exposure.connector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "0.0.0.0", "127.9.9.9", "169.254.12.7", "255.255.255.255", "01.2.3.4", "::",
        "::1", "fe80::1", "fe80:16::1c2b:3aff:fe4d:5e6f", "FE80::215:5DFF:FEAA:1%12", "[2001:db8::1]",
        "::ffff:10.1.2.3", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "1::", "1::8", " 10.0.0.4 "})
    void shouldReadAddressLiteralsOfEveryFormMdeAndAzureSend(String text) {
        assertThat(NetworkAddresses.isIp(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "1:::2", ":1:2::", "12345::", "g::1",
        "10.1.2.3/24", "not an address", "", "1::2::3", "::ffff:1.2.3", "localhost", "example.com", "1..2.3", "[]"})
    void shouldRefuseTextThatIsNotAnAddressWithoutLookingItUp(String text) {
        assertThat(NetworkAddresses.parse(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "169.254.12.7", "255.255.255.255", "224.0.0.1", "::", "::1",
        "fe80::1", "fe80:16::1c2b:3aff:fe4d:5e6f", "febf::1", "::ffff:169.254.1.1", "::ffff:127.0.0.1", "ff02::1"})
    void shouldNotLetLoopbackLinkLocalUnspecifiedMulticastOrBroadcastIdentifyAHost(String text) {
        assertThat(NetworkAddresses.identifies(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "169.253.1.1", "192.168.56.1", "::2", "fec0::1", "2001:db8:20::1c",
        "::ffff:10.1.2.3", "fd00::5"})
    void shouldLetRoutableAndPrivateAddressesIdentifyAHost(String text) {
        assertThat(NetworkAddresses.identifies(text)).isTrue();
    }

    @Test
    void shouldWriteCanonicalTextForIpv4Ipv6AndMappedAddresses() {
        assertThat(NetworkAddresses.text(NetworkAddresses.parse("010.001.002.003"))).isEqualTo("10.1.2.3");
        assertThat(NetworkAddresses.text(NetworkAddresses.parse("2001:0DB8:0:0:0:0:0:1"))).isEqualTo("2001:db8::1");
        assertThat(NetworkAddresses.text(NetworkAddresses.parse("::FFFF:10.1.2.3"))).isEqualTo("::ffff:10.1.2.3");
    }

    @Test
    void shouldReadMacsWithOrWithoutSeparatorsAndRefuseOthers() {
        assertThat(NetworkAddresses.mac("00-0D-3A-1B-C7-21")).isEqualTo("00:0d:3a:1b:c7:21");
        assertThat(NetworkAddresses.mac("000D3A1BC721")).isEqualTo("00:0d:3a:1b:c7:21");
        assertThat(NetworkAddresses.mac("000d.3a1b.c721")).isEqualTo("00:0d:3a:1b:c7:21");
        assertThat(NetworkAddresses.mac("000000000000")).isEqualTo("00:00:00:00:00:00")
                .satisfies(m -> assertThat(NetworkAddresses.isZeroMac(m)).isTrue());
        assertThat(NetworkAddresses.mac("00-0D-3A-1B-C7")).isNull();
        assertThat(NetworkAddresses.mac("00-0D-3A-1B-C7-21-FF")).isNull();
        assertThat(NetworkAddresses.mac("not-a-mac")).isNull();
        assertThat(NetworkAddresses.mac("")).isNull();
        assertThat(NetworkAddresses.mac(null)).isNull();
    }
}
