package dev.mcpulse.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code bin/mcpulse-local}. Parsing never throws anything but {@link BadFlag}, whose message is
 * one line naming the flag and what it needs.
 */
public record LocalOptions(int port, String host, List<String> allowedHosts, Optional<Path> fleetFile, Duration interval,
                           Optional<Path> dataDir, boolean demo, Optional<Path> secretsFile, Optional<String> adminToken,
                           boolean help) {

    public LocalOptions {
        allowedHosts = List.copyOf(allowedHosts);
    }

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    public static final String USAGE = """
            usage: bin/mcpulse-local [--port 8080] [--host 127.0.0.1] [--allowed-host NAME]... [--fleet FILE]
                                     [--interval-seconds 30] [--data-dir DIR] [--no-demo] [--secrets-file FILE]
                                     [--admin-token TOKEN]

              --port N              where the API and dashboard listen (default 8080)
              --host ADDRESS        the address to bind (default 127.0.0.1: this machine only)
              --allowed-host NAME   also answer requests whose Host header names NAME (repeatable); without it only
                                    localhost, 127.0.0.1, [::1] and the --host address are answered (DNS rebinding)
              --fleet FILE          a fleet file (YAML) to import at start; default: the demo fleet
              --interval-seconds N  how often the scheduler runs a cycle (default 30)
              --data-dir DIR        keep DynamoDB Local's data in DIR (default: in memory, gone at exit)
              --no-demo             start no demo MCP servers (and import no demo fleet)
              --secrets-file FILE   a YAML mapping of secret id to value; MCPULSE_SECRET_<ID> variables also work
              --admin-token TOKEN   the token for admin routes and "Check now" (default: generated, printed)
              --help                this text""";

    /** A flag that cannot be used; the runner prints the message and the usage, and exits with 2. */
    public static final class BadFlag extends Exception {
        public BadFlag(String message) {
            super(message, null, false, false);
        }
    }

    public static LocalOptions parse(String... args) throws BadFlag {
        int port = DEFAULT_PORT;
        String host = DEFAULT_HOST;
        List<String> allowedHosts = new ArrayList<>();
        Path fleet = null;
        Duration interval = DEFAULT_INTERVAL;
        Path dataDir = null;
        boolean demo = true;
        Path secrets = null;
        String adminToken = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = flag.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
            switch (flag) {
                case "--no-demo" -> demo = noValue(flag, inline, false);
                case "--help", "-h" -> help = noValue(flag, inline, true);
                case "--port" -> port = number(flag, inline != null ? inline : value(args, ++i, flag), 1, 65_535);
                case "--host" -> host = nonBlank(flag, inline != null ? inline : value(args, ++i, flag));
                case "--allowed-host" -> allowedHosts.add(hostName(flag, inline != null ? inline : value(args, ++i, flag)));
                case "--fleet" -> fleet = readableFile(flag, inline != null ? inline : value(args, ++i, flag));
                case "--interval-seconds" -> interval = Duration.ofSeconds(
                        number(flag, inline != null ? inline : value(args, ++i, flag), 1, 24 * 3600));
                case "--data-dir" -> dataDir = Path.of(nonBlank(flag, inline != null ? inline : value(args, ++i, flag)));
                case "--secrets-file" -> secrets = readableFile(flag, inline != null ? inline : value(args, ++i, flag));
                case "--admin-token" -> adminToken = token(flag, inline != null ? inline : value(args, ++i, flag));
                default -> throw new BadFlag(arg.startsWith("-") ? "unknown flag " + arg
                        : "unexpected argument \"" + arg + "\" (every option is a --flag)");
            }
        }
        return new LocalOptions(port, host, allowedHosts, Optional.ofNullable(fleet), interval,
                Optional.ofNullable(dataDir), demo, Optional.ofNullable(secrets), Optional.ofNullable(adminToken), help);
    }

    private static boolean noValue(String flag, String inline, boolean result) throws BadFlag {
        if (inline != null) {
            throw new BadFlag(flag + " takes no value");
        }
        return result;
    }

    private static String value(String[] args, int index, String flag) throws BadFlag {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new BadFlag(flag + " needs a value");
        }
        return args[index];
    }

    private static int number(String flag, String raw, int min, int max) throws BadFlag {
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new BadFlag(flag + " must be a whole number from " + min + " to " + max + ", was \"" + raw + "\"");
    }

    private static String nonBlank(String flag, String raw) throws BadFlag {
        if (raw.isBlank()) {
            throw new BadFlag(flag + " must not be empty");
        }
        return raw.strip();
    }

    /** A DNS name or an IP address, normalized as the Host header is compared ({@link HostGuard#normalize}). */
    private static String hostName(String flag, String raw) throws BadFlag {
        return HostGuard.normalize(nonBlank(flag, raw)).orElseThrow(() -> new BadFlag(flag + " takes a host name or"
                + " address as a browser's address bar shows it, without scheme or port (e.g. mybox.local), was \""
                + raw + "\""));
    }

    /** Never echoes the value: it is a credential. */
    private static String token(String flag, String raw) throws BadFlag {
        if (raw.isBlank() || raw.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new BadFlag(flag + " must be non-empty, without spaces or control characters");
        }
        return raw;
    }

    private static Path readableFile(String flag, String raw) throws BadFlag {
        Path path = Path.of(nonBlank(flag, raw));
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new BadFlag(flag + " " + raw + ": no such readable file");
        }
        return path;
    }
}
