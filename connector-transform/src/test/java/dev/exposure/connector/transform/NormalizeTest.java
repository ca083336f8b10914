package dev.exposure.connector.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizeTest {
    private static final int CASES = 5_000;

    // ------------------------------------------------------------------ timestamps

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2018-08-02T14:55:03.7791856Z      | 2018-08-02T14:55:03.779185600Z",
            "2020-12-30 14:17:26               | 2020-12-30T14:17:26Z",
            "2020-11-03 10:13:34.8476880       | 2020-11-03T10:13:34.847688Z",
            "2024-05-01 10:11:12.1234567       | 2024-05-01T10:11:12.1234567Z",
            "2025-09-02T11:00:03.52Z           | 2025-09-02T11:00:03.520Z",
            "2025-09-02T13:00:03+02:00         | 2025-09-02T11:00:03Z",
            "2025-09-02T13:00:03+0200          | 2025-09-02T11:00:03Z",
            "2025-09-02T08:00:03-03            | 2025-09-02T11:00:03Z",
            "2025-09-02T11:00                  | 2025-09-02T11:00:00Z",
            "2025-09-02t11:00:03z              | 2025-09-02T11:00:03Z",
            "2025-09-02                        | 2025-09-02T00:00:00Z",
            "'  2025-09-02T11:00:03.123456789Z ' | 2025-09-02T11:00:03.123456789Z",
            "2024-02-29T23:59:59.9999999Z      | 2024-02-29T23:59:59.9999999Z"
    })
    void shouldReadVendorTimestampsAsUtcInstants(String text, String expected) {
        assertThat(Normalize.instant(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29 10:00:00", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z",
            "2024-01-01T10:00:00.Z", "2024-01-01T10:00:00.1234567890Z", "01/02/2024", "2024-01-01T10:00:00 UTC",
            "2024-01-01T10:00:00+25:00", "2024-1-01", "yesterday", "2024-01-01X10:00"})
    void shouldRefuseMalformedTimestamps(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Normalize.instant(text))
                .withMessageContaining(text.trim());
    }

    @Test
    void shouldReturnNullForBlankTimestamps() {
        assertThat(Normalize.instant(null)).isNull();
        assertThat(Normalize.instant("   ")).isNull();
    }

    @Test
    void shouldRoundTripGeneratedTimestampsInEveryAcceptedForm() {
        Random rnd = new Random(20261122L);
        for (int i = 0; i < CASES; i++) {
            int digits = rnd.nextInt(8);
            long seconds = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond() + (long) (rnd.nextDouble() * 1.5e9);
            int nanos = rnd.nextInt(1_000_000_000);
            Instant exact = Instant.ofEpochSecond(seconds, nanos);
            Instant expected = exact.truncatedTo(ChronoUnit.SECONDS)
                    .plusNanos(nanos / pow10(9 - digits) * pow10(9 - digits));
            LocalDateTime utc = LocalDateTime.ofInstant(exact, ZoneOffset.UTC);
            String fraction = digits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, digits);
            String base = utc.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
            int offsetMinutes = (rnd.nextInt(27) - 12) * 60 + (rnd.nextBoolean() ? 30 : 0);
            ZoneOffset off = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
            String local = LocalDateTime.ofInstant(exact, off).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));

            List<String> forms = List.of(base + fraction + "Z", base.replace('T', ' ') + fraction,
                    base + fraction, local + fraction + off.getId().replace("Z", "+00:00"));
            for (String form : forms) {
                Instant parsed = Normalize.instant(form);
                assertThat(parsed).as(form).isEqualTo(expected);
                assertThat(Normalize.instant(parsed.toString())).as("idempotent on " + form).isEqualTo(parsed);
            }
        }
    }

    private static int pow10(int n) {
        int v = 1;
        for (int i = 0; i < n; i++) {
            v *= 10;
        }
        return v;
    }

    // ------------------------------------------------------------------ IP

    @ParameterizedTest
    @CsvSource({
            "10.1.2.3, 10.1.2.3",
            "010.001.002.003, 10.1.2.3",
            "FE80:0000::0215:5DFF:FE3A:4B12, fe80::215:5dff:fe3a:4b12",
            "fe80:16::1%en0, fe80:16::1",
            "[2001:db8::1], 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "0:0:0:0:0:0:0:0, ::",
            "::ffff:192.0.2.1, ::ffff:192.0.2.1",
            "::FFFF:C000:0201, ::ffff:192.0.2.1",
            "::1, ::1"
    })
    void shouldCanonicalizeIpAddresses(String text, String expected) {
        assertThat(Normalize.ip(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2", "10.1.2.256", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1",
            "localhost", "example.com", "::g", ":1::", "1:2:3:4:5:6:7:", "10.1.2.3 ", "1.2.3.-4"})
    void shouldRefuseTextThatIsNoIpAddressWithoutLookingItUp(String text) {
        if (text.equals("10.1.2.3 ")) {
            assertThat(Normalize.ip(text)).isEqualTo("10.1.2.3");
            return;
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Normalize.ip(text)).withMessageContaining("not an IP");
    }

    @Test
    void shouldDropLoopbacksAndUnspecifiedAddressesFromIdentity() {
        assertThat(Normalize.isIdentityIp("127.0.0.1")).isFalse();
        assertThat(Normalize.isIdentityIp("127.255.1.1")).isFalse();
        assertThat(Normalize.isIdentityIp("::1")).isFalse();
        assertThat(Normalize.isIdentityIp("::ffff:127.0.0.1")).isFalse();
        assertThat(Normalize.isIdentityIp("0.0.0.0")).isFalse();
        assertThat(Normalize.isIdentityIp("::")).isFalse();
        assertThat(Normalize.isIdentityIp("10.0.0.1")).isTrue();
        assertThat(Normalize.isIdentityIp("fe80::1")).isFalse();
        assertThat(Normalize.isIdentityIp("fe80:16::1c2b:3aff:fe4d:5e6f")).isFalse();
        assertThat(Normalize.isIdentityIp("febf::1")).isFalse();
        assertThat(Normalize.isIdentityIp("fec0::1")).isTrue();
        assertThat(Normalize.isIdentityIp("169.254.12.7")).isFalse();
        assertThat(Normalize.isIdentityIp("::ffff:169.254.1.1")).isFalse();
        assertThat(Normalize.isIdentityIp("169.253.1.1")).isTrue();
        assertThat(Normalize.isIdentityIp("::2")).isTrue();
    }

    @Test
    void shouldAgreeWithTheJdkOnGeneratedAddressesInManySpellings() throws UnknownHostException {
        Random rnd = new Random(7L);
        for (int i = 0; i < CASES; i++) {
            boolean v6 = rnd.nextBoolean();
            byte[] bytes = new byte[v6 ? 16 : 4];
            rnd.nextBytes(bytes);
            if (v6) {
                // zero runs of random length and place, so that '::' compression is exercised
                int start = rnd.nextInt(8);
                int len = rnd.nextInt(9 - start);
                for (int g = start; g < start + len; g++) {
                    bytes[2 * g] = 0;
                    bytes[2 * g + 1] = 0;
                }
            }
            String canonical = Normalize.ipText(bytes);
            // the JDK from raw bytes (no lookup): full, uncompressed text
            String jdk = v6 ? Inet6Address.getByAddress(null, bytes, null).getHostAddress()
                    : InetAddress.getByAddress(bytes).getHostAddress();
            List<String> spellings = new ArrayList<>(List.of(canonical, jdk, jdk.toUpperCase(Locale.ROOT)));
            if (v6) {
                StringBuilder padded = new StringBuilder();
                for (int g = 0; g < 8; g++) {
                    padded.append(g == 0 ? "" : ":").append(String.format("%04X",
                            ((bytes[2 * g] & 0xff) << 8) | (bytes[2 * g + 1] & 0xff)));
                }
                spellings.add(padded.toString());
                spellings.add("[" + canonical + "]");
            }
            for (String s : spellings) {
                if (v6 && isMapped(bytes) && s.equals(jdk)) {
                    continue; // the JDK renders ::ffff:a.b.c.d as a plain IPv4 address
                }
                assertThat(Normalize.ip(s)).as(s).isEqualTo(canonical);
                assertThat(Normalize.ipBytes(s)).as(s).isEqualTo(bytes);
            }
            assertThat(Normalize.ip(canonical)).as("idempotent").isEqualTo(canonical);
            assertThat(canonical).doesNotContain(":::").isEqualTo(canonical.toLowerCase(Locale.ROOT));
        }
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    // ------------------------------------------------------------------ MAC

    @ParameterizedTest
    @CsvSource({
            "00155D3A4B12, 00:15:5d:3a:4b:12",
            "00-0D-3A-1B-C7-21, 00:0d:3a:1b:c7:21",
            "00:0d:3a:1b:c7:21, 00:0d:3a:1b:c7:21",
            "000d.3a1b.c721, 00:0d:3a:1b:c7:21",
            "' 7C-1E-52-00-00-01 ', 7c:1e:52:00:00:01",
            "FF:FF:FF:FF:FF:FF, ff:ff:ff:ff:ff:ff"
    })
    void shouldCanonicalizeMacAddresses(String text, String expected) {
        assertThat(Normalize.mac(text)).isEqualTo(expected);
    }

    @Test
    void shouldDropAllZeroMacsAndRefuseMalformedOnes() {
        assertThat(Normalize.mac("000000000000")).isNull();
        assertThat(Normalize.mac("00-00-00-00-00-00")).isNull();
        assertThat(Normalize.mac(" ")).isNull();
        for (String bad : List.of("00155D3A4B1", "00155D3A4B123", "00:15:5g:3a:4b:12", "--", "0015 5D3A4B12 ZZ")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Normalize.mac(bad))
                    .withMessageContaining("not a MAC address");
        }
    }

    @Test
    void shouldRoundTripGeneratedMacsInEverySpelling() {
        Random rnd = new Random(11L);
        for (int i = 0; i < CASES; i++) {
            byte[] b = new byte[6];
            rnd.nextBytes(b);
            b[0] |= 1 << 1;   // never all zero
            StringBuilder plain = new StringBuilder();
            for (byte x : b) {
                plain.append(String.format("%02X", x & 0xff));
            }
            String p = plain.toString();
            String canonical = p.toLowerCase(Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
            for (String s : List.of(p, p.replaceAll("(..)(?!$)", "$1-"), canonical, canonical.toUpperCase(Locale.ROOT),
                    p.substring(0, 4) + "." + p.substring(4, 8) + "." + p.substring(8))) {
                assertThat(Normalize.mac(s)).as(s).isEqualTo(canonical);
            }
            assertThat(Normalize.mac(canonical)).as("idempotent").isEqualTo(canonical);
        }
    }

    // ------------------------------------------------------------------ host names, tags, enums, CVE, URL

    @Test
    void shouldNormalizeHostNamesKeepingUnicodeAndGivingPunycode() {
        assertThat(Normalize.hostName(" PL-CL03.Corp.Example. ")).isEqualTo("pl-cl03.corp.example");
        assertThat(Normalize.hostNameAscii("PL-CL03.corp.example.")).isNull();
        assertThat(Normalize.hostName("Büro-PC.Example")).isEqualTo("büro-pc.example");
        assertThat(Normalize.hostNameAscii("Büro-PC.Example")).isEqualTo("xn--bro-pc-3ya.example");
        assertThat(Normalize.hostName("...")).isNull();
        assertThat(Normalize.hostName(null)).isNull();
        assertThat(Normalize.hostName("WIN_BUILD_01")).isEqualTo("win_build_01");
        assertThat(Normalize.hostName("漢字-pc")).isEqualTo("漢字-pc");
    }

    @Test
    void shouldRefuseDisplayNamesAsHostNames() {
        for (String display : new String[] {"max_mustermann_ipad air (17zoll) (2nd generation)", "Mara’s Pixel 7",
                "Mara's-Pixel", "pc😀", "-lead.example", "trail-.example", "a..b", "x".repeat(64) + ".example",
                ("a".repeat(60) + ".").repeat(5) + "a"}) {
            assertThatIllegalArgumentException().as(display).isThrownBy(() -> Normalize.hostName(display))
                    .withMessageContaining("not a DNS host name");
            assertThat(Normalize.hostNameAscii(display)).isNull();
        }
    }

    @Test
    void shouldKeepHostNameNormalizationIdempotentOnGeneratedNames() {
        Random rnd = new Random(3L);
        String alphabet = "abcXYZ019-_.üßÉ漢字";
        for (int i = 0; i < CASES; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rnd.nextInt(30);
            for (int k = 0; k < n; k++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String once;
            try {
                once = Normalize.hostName(sb.toString());
            } catch (IllegalArgumentException notAHostName) {
                continue;
            }
            if (once == null) {
                continue;
            }
            assertThat(Normalize.hostName(once)).isEqualTo(once);
            assertThat(once).isEqualTo(once.toLowerCase(Locale.ROOT)).doesNotEndWith(".");
            String ascii = Normalize.hostNameAscii(once);
            if (ascii != null) {
                assertThat(ascii).isNotEqualTo(once).matches("\\p{ASCII}+");
            }
        }
    }

    @Test
    void shouldTrimAndDeduplicateTagsIgnoringCase() {
        List<String> raw = new ArrayList<>(List.of(" VIP ", "vip", "Finance", "", "  ", "finance ", "Prod"));
        raw.add(null);
        assertThat(Normalize.tags(raw)).containsExactly("VIP", "Finance", "Prod");
        Random rnd = new Random(5L);
        for (int i = 0; i < 500; i++) {
            List<String> tags = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                String t = List.of("a", "A", " b", "B ", "c", "", "Dd", "dD").get(rnd.nextInt(8));
                tags.add(t);
            }
            List<String> once = Normalize.tags(tags);
            assertThat(Normalize.tags(once)).isEqualTo(once);
            assertThat(once.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().count()).isEqualTo(once.size());
        }
    }

    @Test
    void shouldFoldVendorEnumCasing() {
        List<String> known = List.of("Onboarded", "CanBeOnboarded");
        assertThat(Normalize.enumValue("onboarded", known)).isEqualTo("Onboarded");
        assertThat(Normalize.enumValue(" CANBEONBOARDED ", known)).isEqualTo("CanBeOnboarded");
        assertThat(Normalize.enumValue("insufficientInfo", known)).isEqualTo("InsufficientInfo");
        assertThat(Normalize.enumValue("", known)).isNull();
    }

    @Test
    void shouldExtractOnlyCveIds() {
        assertThat(Normalize.cveId("cve-2021-44228")).isEqualTo("CVE-2021-44228");
        assertThat(Normalize.cveId("see CVE-2024-1234567 now")).isEqualTo("CVE-2024-1234567");
        assertThat(Normalize.cveId("TVM-2020-0002")).isNull();
        assertThat(Normalize.cveId("CVE-2024-123")).isNull();
        assertThat(Normalize.cveId("XCVE-2024-1234")).isNull();
        assertThat(Normalize.cveId("CVE-24-1234")).isNull();
        assertThat(Normalize.cveId(null)).isNull();
    }

    @Test
    void shouldAddASchemeOnlyWhereThereIsNone() {
        assertThat(Normalize.urlWithScheme("portal.azure.com/#blade/x", "https://"))
                .isEqualTo("https://portal.azure.com/#blade/x");
        assertThat(Normalize.urlWithScheme("//portal.azure.com/x", "https://")).isEqualTo("https://portal.azure.com/x");
        assertThat(Normalize.urlWithScheme("HTTPS://portal.azure.com", "https://")).isEqualTo("HTTPS://portal.azure.com");
        assertThat(Normalize.urlWithScheme("portal.azure.com/?next=https://x", "https://"))
                .isEqualTo("https://portal.azure.com/?next=https://x");
        assertThat(Normalize.urlWithScheme(" ", "https://")).isNull();
    }
}
