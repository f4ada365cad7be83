package dev.mcpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionSamplerTest {

    /** 127.0.0.1:8000 is 0100007F:1F40; 8001 is 1F41. */
    private static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1
               1: 0100007F:9C41 0100007F:1F40 01 00000000:00000000 00:00000000 00000000     0        0 2 1
               2: 0100007F:9C42 0100007F:1F40 01 00000000:00000000 00:00000000 00000000     0        0 3 1
               3: 0100007F:1F40 0100007F:9C41 01 00000000:00000000 00:00000000 00000000     0        0 4 1
               4: 0100007F:9C43 0100007F:1F40 06 00000000:00000000 00:00000000 00000000     0        0 5 1
               5: 0100007F:9C44 0100007F:1F41 01 00000000:00000000 00:00000000 00000000     0        0 6 1
            """;

    @Test
    void countsEstablishedConnectionsByTheirRemotePort() {
        // Not the listener (0A), not the server's side (remote port 9C41), not TIME_WAIT (06).
        assertThat(ConnectionSampler.established(TCP, Set.of(8000, 8001))).isEqualTo(Map.of(8000, 2, 8001, 1));
        assertThat(ConnectionSampler.established(TCP, Set.of(8001))).isEqualTo(Map.of(8001, 1));
    }

    @Test
    void readsTcp6AddressesToo() {
        String tcp6 = """
                  sl  local_address                         remote_address                        st
                   0: 0000000000000000FFFF00000100007F:9C41 0000000000000000FFFF00000100007F:1F40 01 0
                """;
        assertThat(ConnectionSampler.established(tcp6, Set.of(8000))).isEqualTo(Map.of(8000, 1));
    }
}
