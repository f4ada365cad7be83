package dev.mcpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostGuardTest {

    private final HostGuard guard = new HostGuard("127.0.0.1", List.of("mybox.local", "[fe80::1]"), 8080);

    @ParameterizedTest(name = "Host: {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            localhost                      | 0
            localhost:8080                 | 0
            LOCALHOST:8080                 | 0
            localhost.:8080                | 0
            localhost:1                    | 0
            localhost:                     | 0
            127.0.0.1:8080                 | 0
            [::1]:8080                     | 0
            [0:0:0:0:0:0:0:1]              | 421
            mybox.local                    | 0
            MyBox.Local:9000               | 0
            [FE80::1]:8080                 | 0
            evil.example.com               | 421
            evil.example.com:8080          | 421
            localhost.evil.example.com     | 421
            127.0.0.1.nip.io:8080          | 421
            127.0.0.2:8080                 | 421
            0.0.0.0:8080                   | 421
            mybox.local.evil.example.com   | 421
            localhost:8080:8080            | 400
            localhost:http                 | 400
            http://localhost:8080          | 400
            'local host'                   | 400
            'localhost/evil'               | 400
            [::1                           | 400
            '[localhost]'                  | 400
            ''                             | 400
            """)
    void oneHostHeader(String value, int status) {
        Optional<HostGuard.Refusal> refusal = guard.check(List.of(value));

        if (status == 0) {
            assertThat(refusal).as(value).isEmpty();
        } else {
            assertThat(refusal).as(value).hasValueSatisfying(r -> assertThat(r.status().getCode()).isEqualTo(status));
        }
    }

    @Test
    void theRefusalNamesTheHostAndTheFlagThatAllowsIt() {
        HostGuard.Refusal refusal = guard.check(List.of("Evil.Example.com:8080")).orElseThrow();

        assertThat(refusal.status().getCode()).isEqualTo(HttpStatus.MISDIRECTED_REQUEST.getCode());
        assertThat(refusal.body().error()).isEqualTo("host_not_allowed");
        assertThat(refusal.body().field()).isEqualTo("Host");
        assertThat(refusal.body().message()).contains("\"evil.example.com\"", "--allowed-host evil.example.com",
                "http://localhost:8080/", "DNS rebinding");
    }

    @Test
    void noHostOrTwoHostsIsABadRequest() {
        assertThat(guard.check(List.of())).hasValueSatisfying(r -> {
            assertThat(r.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            assertThat(r.body().message()).isEqualTo("the request has no Host header: send the host and port you"
                    + " connect to, e.g. Host: localhost:8080");
        });
        assertThat(guard.check(List.of("localhost", "localhost"))).hasValueSatisfying(r -> {
            assertThat(r.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            assertThat(r.body().message()).isEqualTo("the request has 2 Host headers: send one");
        });
    }

    @Test
    void theBoundAddressIsAllowedWhateverItIs() {
        assertThat(new HostGuard("0.0.0.0", List.of(), 8080).check(List.of("0.0.0.0:8080"))).isEmpty();
        assertThat(new HostGuard("::", List.of(), 8080).check(List.of("[::]:8080"))).isEmpty();
        assertThat(new HostGuard("devbox.example.internal", List.of(), 8080)
                .check(List.of("devbox.example.internal:8080"))).isEmpty();
        assertThat(new HostGuard("0.0.0.0", List.of(), 8080).check(List.of("192.168.1.20:8080"))).isPresent();
    }
}
