package dev.mcpulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpulse.testsupport.StandInDns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SSRF corpus (issue #8, DESIGN section 7): every spelling of an instance-metadata, link-local or otherwise
 * forbidden target, sent through each way into the registry — PUT of one entry, and a fleet import (YAML and JSON by
 * turns) — through the real Lambda entry. Each must be a 400 naming the url field (and only it), and leave the
 * registry exactly as it was. Every target is sent in local mode (the lenient policy: http and loopback allowed) and
 * again over https in cloud mode; the loopback and plain-http targets, refused on AWS only, in cloud mode alone.
 * Names that resolve to metadata come from {@link StandInDns}, registered for this module's tests. The test prints
 * the corpus with each refusal's reason and the N/N figure for docs/reliability.md.
 */
class SsrfCorpusHandlerTest {

    /** One target: what it tries, and the URL. */
    record Target(String tries, String url) {
    }

    /** Refused even by the local runner. */
    static final List<Target> EVERYWHERE = List.of(
            new Target("metadata IPv4", "http://169.254.169.254/latest/meta-data/"),
            new Target("metadata IPv4 with a port", "http://169.254.169.254:80/latest/meta-data/iam/"),
            new Target("metadata IPv4, trailing dot", "http://169.254.169.254./latest/meta-data/"),
            new Target("ECS task metadata", "http://169.254.170.2/v2/credentials"),
            new Target("metadata, decimal", "http://2852039166/latest/meta-data/"),
            new Target("metadata, hex", "http://0xA9FEA9FE/latest/meta-data/"),
            new Target("metadata, octal", "http://0251.0376.0251.0376/latest/meta-data/"),
            new Target("metadata, octal first byte", "http://0251.254.169.254/"),
            new Target("metadata, short form a.b.c", "http://169.254.43518/"),
            new Target("metadata, short form a.b", "http://169.16689662/"),
            new Target("metadata, hex per byte", "http://0xa9.0xfe.0xa9.0xfe/"),
            new Target("metadata, percent-encoded", "http://%31%36%39.254.169.254/"),
            new Target("metadata, unicode digits", "http://①⑥⑨.②⑤④.①⑥⑨.②⑤④/"),
            new Target("metadata, ideographic dots", "http://169。254。169。254/"),
            new Target("EC2 IPv6 metadata", "http://[fd00:ec2::254]/latest/meta-data/"),
            new Target("EC2 IPv6 metadata, long upper-case form", "http://[FD00:EC2:0:0:0:0:0:254]/"),
            new Target("IPv4-mapped IPv6", "http://[::ffff:169.254.169.254]/latest/meta-data/"),
            new Target("IPv4-mapped IPv6, hex", "http://[::ffff:a9fe:a9fe]/"),
            new Target("IPv4-mapped IPv6, long form", "http://[0:0:0:0:0:ffff:169.254.169.254]/"),
            new Target("IPv4-compatible IPv6", "http://[::169.254.169.254]/"),
            new Target("IPv4-translated IPv6 (SIIT)", "http://[::ffff:0:169.254.169.254]/"),
            new Target("NAT64 well-known prefix", "http://[64:ff9b::169.254.169.254]/"),
            new Target("6to4", "http://[2002:a9fe:a9fe::]/"),
            new Target("link-local IPv6", "http://[fe80::1]/mcp"),
            new Target("link-local IPv6 with a zone", "http://[fe80::1%25eth0]/mcp"),
            new Target("link-local IPv6, end of fe80::/10", "http://[febf:ffff::1]/mcp"),
            new Target("GCP metadata name", "http://metadata.google.internal/computeMetadata/v1/"),
            new Target("GCP metadata name, upper case, trailing dot", "http://METADATA.GOOGLE.INTERNAL./computeMetadata/v1/"),
            new Target("bare metadata name", "http://metadata/computeMetadata/v1/"),
            new Target("EC2 instance-data name", "http://instance-data/latest/meta-data/"),
            new Target("EC2 instance-data FQDN", "http://instance-data.ec2.internal/latest/meta-data/"),
            new Target("name resolving to 169.254.169.254", "http://" + StandInDns.METADATA + "/latest/meta-data/"),
            new Target("nip.io name resolving to 169.254.169.254", "http://" + StandInDns.NIP_IO_METADATA + "/latest/meta-data/"),
            new Target("name resolving to ECS metadata", "http://" + StandInDns.ECS_METADATA + "/v2/credentials"),
            new Target("name resolving to fd00:ec2::254", "http://" + StandInDns.V6_METADATA + "/latest/meta-data/"),
            new Target("name resolving to IPv6 link-local", "http://" + StandInDns.LINK_LOCAL_V6 + "/mcp"),
            new Target("name resolving to NAT64 metadata", "http://" + StandInDns.NAT64_METADATA + "/mcp"),
            new Target("name resolving to loopback and metadata", "http://" + StandInDns.LOOPBACK_THEN_METADATA + "/mcp"),
            new Target("name resolving to 0.0.0.0", "http://" + StandInDns.UNSPECIFIED + "/mcp"),
            new Target("unspecified IPv4", "http://0.0.0.0:8080/mcp"),
            new Target("unspecified IPv4, short", "http://0/mcp"),
            new Target("unspecified IPv6", "http://[::]/mcp"),
            new Target("file scheme", "file:///etc/passwd"),
            new Target("gopher scheme", "gopher://127.0.0.1:6379/_INFO"),
            new Target("ftp scheme", "ftp://169.254.169.254/"),
            new Target("dict scheme", "dict://127.0.0.1:11211/stats"),
            new Target("ldap scheme", "ldap://169.254.169.254/"),
            new Target("jar scheme", "jar:http://mcp.example.com/a.jar!/"),
            new Target("scheme-relative", "//169.254.169.254/latest/meta-data/"),
            new Target("userinfo", "http://user:password@mcp.example.com/mcp"),
            new Target("userinfo hiding metadata", "http://mcp.example.com@169.254.169.254/latest/meta-data/"),
            new Target("userinfo before a loopback host", "http://admin@127.0.0.1:9/mcp"),
            new Target("backslash confusion", "http://mcp.example.com\\@169.254.169.254/"));

    /** Refused on AWS, where only https to ordinary hosts is allowed (the local runner allows these). */
    static final List<Target> CLOUD = List.of(
            new Target("loopback", "https://127.0.0.1/mcp"),
            new Target("the Lambda runtime API", "https://127.0.0.1:9001/2018-06-01/runtime/invocation/next"),
            new Target("loopback, short form", "https://127.1/mcp"),
            new Target("loopback, decimal", "https://2130706433/mcp"),
            new Target("localhost", "https://localhost/mcp"),
            new Target("a localhost subdomain", "https://api.localhost/mcp"),
            new Target("IPv6 loopback", "https://[::1]/mcp"),
            new Target("IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/mcp"),
            new Target("name resolving to loopback", "https://" + StandInDns.LOOPBACK + "/mcp"),
            new Target("plain http", "http://mcp.example.com/mcp"));

    /** The harness's answer to one target through one path. */
    record Refusal(Target target, String mode, String path, int status, String reason) {
    }

    @Test
    void everyTargetIsRefusedThroughEveryWayIntoTheRegistry() {
        List<Refusal> answers = new ArrayList<>();
        try (ApiHarness local = ApiHarness.start()) {
            answers.addAll(sendAll(local, "local", EVERYWHERE, "http://127.0.0.1:9/mcp"));
        }
        try (ApiHarness cloud = ApiHarness.start(Map.of("mcpulse.local.mode", "false"))) {
            // as https, so that the host is what gets them refused, not the plain-http scheme
            answers.addAll(sendAll(cloud, "cloud", EVERYWHERE.stream().map(SsrfCorpusHandlerTest::overHttps).toList(),
                    "https://mcp.example.com/mcp"));
            answers.addAll(sendAll(cloud, "cloud", CLOUD, "https://mcp.example.com/mcp"));
        }

        print(answers);
        assertThat(EVERYWHERE.size() + CLOUD.size()).isGreaterThanOrEqualTo(30);
        assertThat(answers).hasSize(2 * (2 * EVERYWHERE.size() + CLOUD.size()))
                .allSatisfy(answer -> assertThat(answer.status()).as("%s via %s", answer.target(), answer.path()).isEqualTo(400));
    }

    /**
     * Sends every target through PUT and through a fleet import (YAML and JSON by turns), asserting each answer as it
     * comes. A control entry
     * that the mode accepts goes through first, so the registry is not empty and "unchanged" means something.
     */
    private static List<Refusal> sendAll(ApiHarness api, String mode, List<Target> targets, String acceptedUrl) {
        api.clearFleet();
        assertThat(put(api, "control", acceptedUrl).status()).as("the control entry %s", acceptedUrl).isEqualTo(201);
        var before = api.registryContents();
        List<Refusal> answers = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            String id = "ssrf-" + i;
            answers.add(refusal(api, mode, target, "PUT", put(api, id, target.url()), false));
            answers.add(i % 2 == 0
                    ? refusal(api, mode, target, "import (YAML)", api.request("import-fleet-yaml.json").admin()
                            .contentType("application/yaml")
                            .body("endpoints:\n  - id: " + id + "\n    url: " + yamlString(target.url()) + "\n").send(), true)
                    : refusal(api, mode, target, "import (JSON)", api.request("import-fleet-json.json").admin()
                            .contentType("application/json")
                            .body("{\"endpoints\": [{\"id\": \"" + id + "\", \"url\": " + jsonString(target.url()) + "}]}")
                            .send(), true));
            assertThat(api.registryContents()).as("registry after %s", target).isEqualTo(before);
        }
        return answers;
    }

    private static Target overHttps(Target target) {
        return new Target(target.tries(), target.url().replaceFirst("^http://", "https://"));
    }

    private static ApiHarness.Response put(ApiHarness api, String id, String url) {
        return api.request("put-endpoint.json").admin().path("/api/mcp/endpoints/" + id)
                .body("{\"url\": " + jsonString(url) + "}").send();
    }

    /** The answer must be a 400 whose only problem is the url field (of entry 1, for an import). */
    private static Refusal refusal(ApiHarness api, String mode, Target target, String path, ApiHarness.Response response,
                                   boolean fleetFile) {
        assertThat(response.status()).as("%s via %s in %s mode: %s", target, path, mode, response.body()).isEqualTo(400);
        Map<String, Object> body = api.parse(response.body());
        assertThat(body).containsEntry("error", fleetFile ? "invalid_fleet_file" : "invalid_endpoint");
        List<Map<String, Object>> problems = problems(body);
        assertThat(problems).as("problems of %s via %s", target, path).singleElement().satisfies(problem -> {
            assertThat(problem).containsEntry("field", "url");
            if (fleetFile) {
                assertThat(problem).containsEntry("entry", 1);
            }
        });
        return new Refusal(target, mode, path, response.status(), (String) problems.get(0).get("message"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> problems(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("errors");
    }

    private static void print(List<Refusal> answers) {
        long refused = answers.stream().filter(a -> a.status() == 400).count();
        StringBuilder out = new StringBuilder("SSRF corpus: " + refused + "/" + answers.size() + " requests refused ("
                + (EVERYWHERE.size() + CLOUD.size()) + " targets: " + EVERYWHERE.size() + " in local and cloud mode, "
                + CLOUD.size() + " in cloud mode; each by PUT and by a YAML or JSON fleet import)\n");
        answers.stream().filter(a -> a.path().equals("PUT")).forEach(a -> out.append(String.format("  %-5s %-45s %-62s %s%n",
                a.mode(), a.target().tries(), a.target().url(), a.reason().replaceFirst("^field \"url\": ", ""))));
        System.out.print(out);
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A YAML double-quoted scalar: the same escapes as JSON for these URLs. */
    private static String yamlString(String text) {
        return jsonString(text);
    }
}
