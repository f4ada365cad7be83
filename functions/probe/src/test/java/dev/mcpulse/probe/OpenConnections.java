package dev.mcpulse.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP connections this process holds open, from /proc (Linux): every socket among its file descriptors that is a
 * TCP connection in any state but LISTEN, as "local -> remote (state)". A socket that was closed is no longer among
 * the descriptors, whatever the kernel still does with it (TIME_WAIT).
 */
final class OpenConnections {

    private static final String LISTEN = "0A";

    private OpenConnections() {
    }

    static Set<String> ofThisProcess() {
        Set<String> inodes = socketInodes();
        Map<String, String> byInode = new HashMap<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            List<String> lines = read(Path.of(table));
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] column = line.trim().split("\\s+");
                if (column.length > 9 && !column[3].equals(LISTEN)) {
                    byInode.put(column[9], column[1] + " -> " + column[2] + " (state " + column[3] + ")");
                }
            }
        }
        Set<String> open = new TreeSet<>();
        inodes.stream().map(byInode::get).filter(c -> c != null).forEach(open::add);
        return open;
    }

    private static Set<String> socketInodes() {
        Set<String> inodes = new TreeSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // the descriptor was closed while listed
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    private static List<String> read(Path table) {
        try {
            return Files.exists(table) ? Files.readAllLines(table) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
