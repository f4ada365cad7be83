package dev.mcpulse.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the host part of a URL the way an HTTP client would dial it, without DNS: IPv6 literals, dotted IPv4
 * and the other forms inet_aton accepts (2852039166, 0xA9FEA9FE, 0251.0376.0251.0376, 169.254.43518), so
 * that a metadata address cannot hide behind an unusual spelling.
 */
public final class HostAddresses {

    /** Names that are known to resolve to instance metadata services. */
    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal");

    public enum HostKind { LOOPBACK, LINK_LOCAL_OR_METADATA, UNSPECIFIED, OTHER }

    private HostAddresses() {
    }

    public static HostKind classify(String host) {
        String name = stripBrackets(host).toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return HostKind.LOOPBACK;
        }
        if (METADATA_NAMES.contains(name)) {
            return HostKind.LINK_LOCAL_OR_METADATA;
        }
        return literal(name).map(HostAddresses::classify).orElse(HostKind.OTHER);
    }

    public static HostKind classify(InetAddress address) {
        InetAddress effective = unwrapMapped(address);
        if (effective.isLoopbackAddress()) {
            return HostKind.LOOPBACK;
        }
        if (effective.isAnyLocalAddress()) {
            return HostKind.UNSPECIFIED;
        }
        if (effective.isLinkLocalAddress() || isEc2Ipv6Metadata(effective)) {
            return HostKind.LINK_LOCAL_OR_METADATA;
        }
        return HostKind.OTHER;
    }

    /** The address a host literal denotes, or empty for a DNS name. Never performs a DNS look-up. */
    public static Optional<InetAddress> literal(String host) {
        String name = stripBrackets(host);
        try {
            if (name.contains(":")) {
                return Optional.of(InetAddress.getByName(name)); // an IPv6 literal: parsed, never resolved
            }
            return ipv4(name).map(bytes -> {
                try {
                    return InetAddress.getByAddress(bytes);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> ipv4(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length == 0 || parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> value = inetAtonNumber(parts[i]);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values[i] = value.get();
        }
        // inet_aton: the last part fills all remaining bytes.
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[values.length - 1];
        int remainingBytes = 4 - (values.length - 1);
        if (last >= (1L << (8 * remainingBytes))) {
            return Optional.empty();
        }
        address |= last;
        return Optional.of(new byte[] {
                (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
    }

    private static Optional<Long> inetAtonNumber(String part) {
        if (part.isEmpty() || part.length() > 12) {
            return Optional.empty();
        }
        try {
            String lower = part.toLowerCase(Locale.ROOT);
            if (lower.startsWith("0x")) {
                return lower.length() == 2 ? Optional.of(0L) : Optional.of(Long.parseLong(lower.substring(2), 16));
            }
            if (lower.length() > 1 && lower.startsWith("0")) {
                return Optional.of(Long.parseLong(lower.substring(1), 8));
            }
            if (!lower.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(lower));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static InetAddress unwrapMapped(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mappedOrCompatible = true;
            for (int i = 0; i < 10; i++) {
                mappedOrCompatible &= b[i] == 0;
            }
            boolean mapped = mappedOrCompatible && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    private static boolean isEc2Ipv6Metadata(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return false;
        }
        // fd00:ec2::254
        byte[] metadata = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
        return java.util.Arrays.equals(b, metadata);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
