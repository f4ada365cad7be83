package dev.mcpulse.domain.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolvedHostCheckTest {

    private final List<String> looked = new ArrayList<>();
    private final Map<String, List<String>> dns = Map.of(
            "metadata.example.test", List.of("169.254.169.254"),
            "mixed.example.test", List.of("93.184.216.34", "169.254.169.254"),
            "v6-metadata.example.test", List.of("fd00:ec2::254"),
            "loopback.example.test", List.of("127.0.0.1"),
            "public.example.test", List.of("93.184.216.34", "2001:db8::1"));

    private ResolvedHostCheck check(UrlPolicy policy) {
        return new ResolvedHostCheck(policy, host -> {
            looked.add(host);
            List<String> answers = dns.get(host);
            if (answers == null) {
                throw new UnknownHostException(host);
            }
            return answers.stream().map(a -> HostAddresses.literal(a).orElseThrow()).toList();
        });
    }

    @Test
    void aNameResolvingToARefusedAddressIsABadUrl() {
        var error = check(UrlPolicy.cloud()).check(URI.create("https://metadata.example.test/mcp")).orElseThrow();

        assertThat(error.field()).isEqualTo("url");
        assertThat(error.message()).isEqualTo("field \"url\": found \"https://metadata.example.test/mcp\", expected a host "
                + "whose addresses may be probed (it resolves to link-local 169.254.169.254)");
    }

    @Test
    void oneRefusedAddressAmongSeveralIsEnough() {
        assertThat(check(UrlPolicy.local()).check(URI.create("http://mixed.example.test:8080/mcp"))).isPresent();
        assertThat(check(UrlPolicy.local()).check(URI.create("http://v6-metadata.example.test/mcp"))).isPresent();
    }

    @Test
    void loopbackNamesAreRefusedOnlyOutsideTheLocalRunner() {
        assertThat(check(UrlPolicy.cloud()).check(URI.create("https://loopback.example.test/mcp"))).isPresent();
        assertThat(check(UrlPolicy.local()).check(URI.create("http://loopback.example.test/mcp"))).isEmpty();
    }

    @Test
    void ordinaryAndUnresolvableNamesPass() {
        assertThat(check(UrlPolicy.cloud()).check(URI.create("https://public.example.test/mcp"))).isEmpty();
        assertThat(check(UrlPolicy.cloud()).check(URI.create("https://not-yet.example.test/mcp"))).isEmpty();
    }

    @Test
    void addressLiteralsAndKnownNamesAreNotLookedUp() {
        check(UrlPolicy.local()).check(URI.create("http://127.0.0.1:9/mcp"));
        check(UrlPolicy.local()).check(URI.create("http://[::1]:9/mcp"));
        check(UrlPolicy.local()).check(URI.create("http://localhost:9/mcp"));

        assertThat(looked).isEmpty();
    }
}
