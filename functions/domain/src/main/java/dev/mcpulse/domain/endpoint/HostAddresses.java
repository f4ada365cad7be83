package dev.mcpulse.domain.endpoint;

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
 * that a metadata address cannot hide behind an unusual spelling. An IPv6 address that carries an IPv4 address
 * (mapped, compatible, SIIT-translated, NAT64 or 6to4) is judged by the IPv4 address it leads to.
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
        InetAddress effective = embeddedIpv4(address).orElse(address);
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

    /**
     * The address with what it is, for a refusal message: "link-local 169.254.169.254", "instance-metadata
     * fd00:ec2::254", "loopback ::1", "link-local 64:ff9b::a9fe:a9fe (IPv4 169.254.169.254)".
     */
    public static String describe(InetAddress address) {
        InetAddress effective = embeddedIpv4(address).orElse(address);
        String kind = switch (classify(address)) {
            case LOOPBACK -> "loopback";
            case UNSPECIFIED -> "unspecified";
            case LINK_LOCAL_OR_METADATA -> effective.isLinkLocalAddress() ? "link-local" : "instance-metadata";
            case OTHER -> "address";
        };
        String shown = text(address);
        return kind + " " + shown + (effective == address ? "" : " (IPv4 " + text(effective) + ")");
    }

    /** An address as text, IPv6 in its short form (RFC 5952: the longest run of zero groups as ::), without a zone. */
    static String text(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** The address a host literal denotes, or empty for a DNS name. Never performs a DNS look-up. */
    public static Optional<InetAddress> literal(String host) {
        String name = stripBrackets(host);
        try {
            if (name.contains(":")) {
                // An IPv6 literal: parsed, never resolved. A zone (fe80::1%eth0, %25eth0 in a URL) does not change
                // which address it is, so it is dropped rather than let it make the literal unreadable.
                int zone = name.indexOf('%');
                return Optional.of(InetAddress.getByName(zone < 0 ? name : name.substring(0, zone)));
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

    /**
     * The IPv4 address an IPv6 address leads to, if it embeds one: ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible,
     * but not :: or ::1), ::ffff:0:a.b.c.d (SIIT), 64:ff9b::a.b.c.d (NAT64's well-known prefix) and
     * 2002:aabb:ccdd:: (6to4).
     */
    static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return Optional.empty();
        }
        byte[] b = v6.getAddress();
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Optional.of(ipv4(b, 12));
        }
        if (isZero(b, 0, 12) && !isZero(b, 12, 15)) {
            return Optional.of(ipv4(b, 12));
        }
        if (isZero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && isZero(b, 10, 12)) {
            return Optional.of(ipv4(b, 12));
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && isZero(b, 4, 12)) {
            return Optional.of(ipv4(b, 12));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(ipv4(b, 2));
        }
        return Optional.empty();
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte[] bytes, int offset) {
        try {
            return Inet4Address.getByAddress(java.util.Arrays.copyOfRange(bytes, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
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
