package dev.mcpulse.domain.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.domain.endpoint.HostAddresses.HostKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostAddressesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "169.254.169.254, LINK_LOCAL_OR_METADATA",
            "2852039166, LINK_LOCAL_OR_METADATA",
            "0xA9FEA9FE, LINK_LOCAL_OR_METADATA",
            "0251.0376.0251.0376, LINK_LOCAL_OR_METADATA",
            "169.254.43518, LINK_LOCAL_OR_METADATA",
            "[fd00:ec2::254], LINK_LOCAL_OR_METADATA",
            "[fe80::1], LINK_LOCAL_OR_METADATA",
            "[::ffff:169.254.169.254], LINK_LOCAL_OR_METADATA",
            "[::169.254.169.254], LINK_LOCAL_OR_METADATA",
            "[::ffff:0:169.254.169.254], LINK_LOCAL_OR_METADATA",
            "[64:ff9b::169.254.169.254], LINK_LOCAL_OR_METADATA",
            "[2002:a9fe:a9fe::], LINK_LOCAL_OR_METADATA",
            "[fe80::1%25eth0], LINK_LOCAL_OR_METADATA",
            "metadata.google.internal, LINK_LOCAL_OR_METADATA",
            "127.0.0.1, LOOPBACK",
            "127.1, LOOPBACK",
            "2130706433, LOOPBACK",
            "[::1], LOOPBACK",
            "[::ffff:127.0.0.1], LOOPBACK",
            "[64:ff9b::7f00:1], LOOPBACK",
            "localhost, LOOPBACK",
            "LOCALHOST., LOOPBACK",
            "api.localhost, LOOPBACK",
            "0.0.0.0, UNSPECIFIED",
            "[::], UNSPECIFIED",
            "93.184.216.34, OTHER",
            "[2001:db8::1], OTHER",
            "[::2], OTHER",
            "mcp.example.com, OTHER",
            "1234.example.com, OTHER",
            "256.1.1.1, OTHER"})
    void classifiesHostsTheWayAClientWouldDialThem(String host, HostKind kind) {
        assertThat(HostAddresses.classify(host)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0} is described as {1}")
    @CsvSource(delimiter = '|', value = {
            "169.254.169.254 | link-local 169.254.169.254",
            "::ffff:169.254.169.254 | link-local 169.254.169.254",
            "fd00:ec2::254 | instance-metadata fd00:ec2::254",
            "fe80::1 | link-local fe80::1",
            "64:ff9b::a9fe:a9fe | link-local 64:ff9b::a9fe:a9fe (IPv4 169.254.169.254)",
            "::1 | loopback ::1",
            "127.0.0.1 | loopback 127.0.0.1",
            "0.0.0.0 | unspecified 0.0.0.0",
            "2001:db8:0:0:1:0:0:1 | address 2001:db8::1:0:0:1"})
    void describesAnAddressWithWhatItIs(String literal, String described) {
        assertThat(HostAddresses.describe(HostAddresses.literal(literal).orElseThrow())).isEqualTo(described);
    }
}
