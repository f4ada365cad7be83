package dev.mcpulse.domain.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The address rules the probe applies to what a host name resolved to: the same rules as for hosts in URLs. */
class UrlPolicyTest {

    @ParameterizedTest(name = "{0}: cloud \"{1}\", local \"{2}\"")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "169.254.169.254 | resolves to link-local 169.254.169.254 | resolves to link-local 169.254.169.254",
            "fd00:ec2::254   | resolves to instance-metadata fd00:ec2::254 | resolves to instance-metadata fd00:ec2::254",
            "fe80::1         | resolves to link-local fe80::1 | resolves to link-local fe80::1",
            "127.0.0.1       | resolves to loopback 127.0.0.1 (loopback is allowed only in the local runner) | -",
            "::1             | resolves to loopback ::1 (loopback is allowed only in the local runner) | -",
            "0.0.0.0         | resolves to unspecified 0.0.0.0 | resolves to unspecified 0.0.0.0",
            "10.1.2.3        | - | -",
            "93.184.216.34   | - | -"})
    void refusesResolvedAddressesByTheUrlRules(String literal, String cloud, String local) {
        InetAddress address = HostAddresses.literal(literal).orElseThrow();

        assertThat(UrlPolicy.cloud().refusal(address)).isEqualTo(java.util.Optional.ofNullable(cloud));
        assertThat(UrlPolicy.local().refusal(address)).isEqualTo(java.util.Optional.ofNullable(local));
        assertThat(new UrlPolicy(false, true).refusal(address).filter(r -> r.contains("link-local") || r.contains("metadata")))
                .as("link-local allowed explicitly").isEmpty();
    }
}
