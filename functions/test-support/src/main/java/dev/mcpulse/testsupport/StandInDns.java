package dev.mcpulse.testsupport;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * DNS names that resolve to hostile addresses, without a DNS server: a JDK resolver provider (java.net.spi) that
 * answers a fixed table of names under the reserved {@code .test} domain (plus one nip.io name, answered as the
 * public nip.io service answers it) and hands every other name to the JDK's own resolver. A test module switches it
 * on for its whole test JVM with a
 * {@code src/test/resources/META-INF/services/java.net.spi.InetAddressResolverProvider} file naming this class; this
 * module registers nothing itself, so the local runner, which ships this module for its demo, never uses it.
 */
public final class StandInDns extends InetAddressResolverProvider {

    /** Resolves to the instance-metadata address 169.254.169.254. */
    public static final String METADATA = "metadata.ssrf.test";
    /** Resolves to 169.254.169.254, as the public nip.io service answers. */
    public static final String NIP_IO_METADATA = "169.254.169.254.nip.io";
    /** Resolves to the ECS task-metadata address 169.254.170.2. */
    public static final String ECS_METADATA = "ecs-metadata.ssrf.test";
    /** Resolves to EC2's IPv6 instance-metadata address fd00:ec2::254. */
    public static final String V6_METADATA = "v6-metadata.ssrf.test";
    /** Resolves to the IPv6 link-local fe80::a9fe:a9fe. */
    public static final String LINK_LOCAL_V6 = "link-local-v6.ssrf.test";
    /** Resolves to 64:ff9b::a9fe:a9fe, 169.254.169.254 behind NAT64's well-known prefix. */
    public static final String NAT64_METADATA = "nat64-metadata.ssrf.test";
    /** Resolves to 127.0.0.1 first and to 169.254.169.254 second: one bad address is enough to refuse. */
    public static final String LOOPBACK_THEN_METADATA = "loopback-then-metadata.ssrf.test";
    /** Resolves to 127.0.0.1 only: reachable locally, refused outside the local runner. */
    public static final String LOOPBACK = "loopback.ssrf.test";
    /** Resolves to 0.0.0.0, which Linux connects to loopback. */
    public static final String UNSPECIFIED = "unspecified.ssrf.test";

    private static final Map<String, List<String>> ANSWERS = Map.of(
            METADATA, List.of("169.254.169.254"),
            NIP_IO_METADATA, List.of("169.254.169.254"),
            ECS_METADATA, List.of("169.254.170.2"),
            V6_METADATA, List.of("fd00:ec2::254"),
            LINK_LOCAL_V6, List.of("fe80::a9fe:a9fe"),
            NAT64_METADATA, List.of("64:ff9b::a9fe:a9fe"),
            LOOPBACK_THEN_METADATA, List.of("127.0.0.1", "169.254.169.254"),
            LOOPBACK, List.of("127.0.0.1"),
            UNSPECIFIED, List.of("0.0.0.0"));

    /** Every name this resolver answers itself, with its addresses as text. */
    public static Map<String, List<String>> answers() {
        return ANSWERS;
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                List<String> answers = ANSWERS.get(host.toLowerCase(java.util.Locale.ROOT));
                if (answers == null) {
                    return builtin.lookupByName(host, policy);
                }
                List<InetAddress> addresses = answers.stream().map(a -> address(host, a))
                        .filter(a -> wanted(a, policy)).toList();
                if (addresses.isEmpty()) {
                    throw new UnknownHostException(host);
                }
                return addresses.stream();
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "mcpulse stand-in DNS for SSRF tests";
    }

    private static boolean wanted(InetAddress address, InetAddressResolver.LookupPolicy policy) {
        int characteristics = policy.characteristics();
        return address instanceof Inet4Address ? (characteristics & InetAddressResolver.LookupPolicy.IPV4) != 0
                : address instanceof Inet6Address && (characteristics & InetAddressResolver.LookupPolicy.IPV6) != 0;
    }

    private static InetAddress address(String host, String literal) {
        try {
            // a literal: parsed, never looked up
            return InetAddress.getByAddress(host, InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
