package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheReadmes() throws Exception {
        LocalOptions options = LocalOptions.parse();

        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.demo()).isTrue();
        assertThat(options.fleetFile()).isEmpty();
        assertThat(options.dataDir()).isEmpty();
        assertThat(options.adminToken()).isEmpty();
        assertThat(options.allowedHosts()).isEmpty();
    }

    @Test
    void everyFlagIsRead() throws Exception {
        Path fleet = Files.writeString(dir.resolve("fleet.yaml"), "endpoints: []");
        Path secrets = Files.writeString(dir.resolve("secrets.yaml"), "a: b");

        LocalOptions options = LocalOptions.parse("--port", "9090", "--fleet", fleet.toString(), "--interval-seconds=7",
                "--data-dir", dir.resolve("data").toString(), "--no-demo", "--secrets-file", secrets.toString(),
                "--admin-token", "t0k3n", "--host", "0.0.0.0", "--allowed-host", "MyBox.Local", "--allowed-host=::1");

        assertThat(options).isEqualTo(new LocalOptions(9090, "0.0.0.0", java.util.List.of("mybox.local", "[::1]"),
                java.util.Optional.of(fleet),
                Duration.ofSeconds(7), java.util.Optional.of(dir.resolve("data")), false, java.util.Optional.of(secrets),
                java.util.Optional.of("t0k3n"), false));
    }

    @Test
    void badFlagsAreNamedInOneLine() {
        assertBad("unknown flag --prot", "--prot", "8080");
        assertBad("--port needs a value", "--port");
        assertBad("--port must be a whole number from 1 to 65535, was \"http\"", "--port", "http");
        assertBad("--port must be a whole number from 1 to 65535, was \"70000\"", "--port", "70000");
        assertBad("--interval-seconds must be a whole number from 1 to 86400, was \"0\"", "--interval-seconds", "0");
        assertBad("--fleet nowhere.yaml: no such readable file", "--fleet", "nowhere.yaml");
        assertBad("--no-demo takes no value", "--no-demo=yes");
        assertBad("unexpected argument \"8080\" (every option is a --flag)", "8080");
        assertBad("--allowed-host needs a value", "--allowed-host");
        assertBad("--allowed-host takes a host name or address as a browser's address bar shows it, without scheme or"
                + " port (e.g. mybox.local), was \"mybox.local:8080\"", "--allowed-host", "mybox.local:8080");
        assertBad("--allowed-host takes a host name or address as a browser's address bar shows it, without scheme or"
                + " port (e.g. mybox.local), was \"http://mybox.local\"", "--allowed-host", "http://mybox.local");
    }

    @Test
    void aBadAdminTokenIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> LocalOptions.parse("--admin-token", "has space"))
                .isInstanceOf(LocalOptions.BadFlag.class)
                .hasMessage("--admin-token must be non-empty, without spaces or control characters")
                .hasMessageNotContaining("has space");
    }

    private static void assertBad(String message, String... args) {
        assertThatThrownBy(() -> LocalOptions.parse(args)).isInstanceOf(LocalOptions.BadFlag.class).hasMessage(message);
    }
}
