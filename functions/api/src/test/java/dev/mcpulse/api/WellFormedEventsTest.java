package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WellFormedEventsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/mcp/clients", "/api/mcp/clients/payments-mcp/check", "/api/mcp/endpoints:import",
            "/api/mcp/endpoints/..%2F..%2Fetc%2Fpasswd", "/api/mcp/clients/a%20b", "/x/;=@!$&'()*+,~"})
    void aWellFormedPathIsKeptAsItIs(String path) {
        assertThat(WellFormedEvents.path(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/mcp/clients/a b|/api/mcp/clients/a%20b",
            "/api/mcp/clients/%zz|/api/mcp/clients/%25zz",
            "/api/mcp/clients/100%|/api/mcp/clients/100%25",
            "/api/mcp/clients/x?admin=true|/api/mcp/clients/x%3Fadmin=true",
            "/api/mcp/clients/x#y|/api/mcp/clients/x%23y",
            "/api/mcp/clients/a\\b|/api/mcp/clients/a%5Cb",
            "/api/mcp/clients/pаy|/api/mcp/clients/p%D0%B0y"})
    void whatCannotStandInAPathIsEncoded(String decoded, String encoded) {
        assertThat(WellFormedEvents.path(decoded)).isEqualTo(encoded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json\u0000", "a\r\nX-Injected: 1", "\u007f"})
    void aHeaderWithAControlCharacterIsFound(String value) {
        assertThat(WellFormedEvents.headerWithControlCharacter(Map.of("accept", "*/*", "content-type", value)))
                .contains("content-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/html,\tapplication/xhtml+xml", "Bearer abc.def"})
    void ordinaryHeadersPass(String value) {
        assertThat(WellFormedEvents.headerWithControlCharacter(Map.of("content-type", value))).isEmpty();
    }
}
