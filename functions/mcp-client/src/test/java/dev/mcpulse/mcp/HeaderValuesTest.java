package dev.mcpulse.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The examples of the 2026-07-28 streamable HTTP "Value Encoding" table. */
class HeaderValuesTest {

    @Test
    void encodesAsTheSpecificationShows() {
        assertThat(HeaderValues.encode("us-west1")).isEqualTo("us-west1");
        assertThat(HeaderValues.encode("Hello, 世界")).isEqualTo("=?base64?SGVsbG8sIOS4lueVjA==?=");
        assertThat(HeaderValues.encode(" padded ")).isEqualTo("=?base64?IHBhZGRlZCA=?=");
        assertThat(HeaderValues.encode("line1\nline2")).isEqualTo("=?base64?bGluZTEKbGluZTI=?=");
        assertThat(HeaderValues.encode("=?base64?literal?=")).isEqualTo("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=");
    }
}
