package dev.mcpulse.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The module map keeps saying what is product: every module is in the build, every test runs in a tier, test
 * support never reaches a function jar, and the probe library stays a library (its command line is its own module).
 */
class ModuleMapTest {

    /** The modules whose jars are deployed as Lambda functions (their CodeUri in sam-template.yaml). */
    static final List<String> FUNCTIONS = List.of("functions/scheduler", "functions/probe", "functions/api");

    /** Test-only modules: nothing shipped may depend on them outside the test scope. */
    static final Set<String> TEST_ONLY_ARTIFACTS = Set.of("mcpulse-test-support");

    /** What a test class carries that makes it a test; such a class must be named so that surefire runs it. */
    static final Pattern TEST_ANNOTATION = Pattern.compile(
            "@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property|Example)\\b");

    static Path root;
    static List<String> modules;

    @BeforeAll
    static void load() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("sam-template.yaml"))) {
            dir = dir.getParent();
        }
        root = dir;
        modules = texts(pom(root.resolve("pom.xml")).getDocumentElement(), "module");
    }

    @Test
    void everyModuleDirectoryIsInTheBuildAndEveryModuleExists() throws IOException {
        Set<String> onDisk = new TreeSet<>();
        for (Path parent : List.of(root.resolve("functions"), root)) {
            try (Stream<Path> children = Files.list(parent)) {
                children.filter(child -> Files.exists(child.resolve("pom.xml")) && !child.equals(root))
                        .forEach(child -> onDisk.add(root.relativize(child).toString()));
            }
        }
        assertThat(new TreeSet<>(modules)).as("modules of the root pom.xml (a module left out runs no test)")
                .isEqualTo(onDisk);
        assertThat(modules).as("benchmarks measure mcpulse; they are not a function").contains("benchmarks")
                .doesNotContain("functions/benchmarks");
    }

    @Test
    void everyTestClassIsNamedSoThatItsTierRunsIt() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (String module : modules) {
            Path testSources = root.resolve(module).resolve("src/test/java");
            if (Files.isDirectory(testSources)) {
                try (Stream<Path> files = Files.walk(testSources)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        sources.put(root.relativize(file).toString(), Files.readString(file));
                    }
                }
            }
        }
        List<String> unrun = new ArrayList<>();
        int tests = 0;
        for (Map.Entry<String, String> source : sources.entrySet()) {
            if (!TEST_ANNOTATION.matcher(source.getValue()).find()) {
                continue;
            }
            tests++;
            String name = Path.of(source.getKey()).getFileName().toString().replace(".java", "");
            boolean runs = name.endsWith("Test") || name.endsWith("IT");
            // An abstract contract runs through the tests that extend it.
            boolean contract = Pattern.compile("\\babstract class " + name + "\\b").matcher(source.getValue()).find();
            boolean extended = sources.entrySet().stream().anyMatch(other -> other.getKey().matches(".*(Test|IT)\\.java")
                    && other.getValue().matches("(?s).*\\bextends " + name + "\\b.*"));
            if (!runs && !(contract && extended)) {
                unrun.add(source.getKey());
            }
        }
        assertThat(tests).as("test classes found").isGreaterThan(100);
        assertThat(unrun).as("classes with tests that no tier runs (surefire runs *Test and *IT; an abstract contract runs"
                + " through a *Test or *IT that extends it)").isEmpty();
    }

    @Test
    void testSupportIsATestDependencyOnly() throws Exception {
        Map<String, String> shippedUses = new TreeMap<>();
        for (String module : modules) {
            Element project = pom(root.resolve(module).resolve("pom.xml")).getDocumentElement();
            for (Element dependency : dependencies(project)) {
                String artifact = text(dependency, "artifactId");
                if (TEST_ONLY_ARTIFACTS.contains(artifact) && !"test".equals(text(dependency, "scope"))) {
                    shippedUses.put(module, artifact);
                }
            }
        }
        assertThat(shippedUses).as("modules that depend on test support outside the test scope").isEmpty();
    }

    @Test
    void theFunctionJarsCarryNoTestSupportAndNoDemoServers() throws IOException {
        for (String function : FUNCTIONS) {
            Path jar = functionJar(function);
            try (JarFile file = new JarFile(jar.toFile())) {
                List<String> leaked = file.stream().map(entry -> entry.getName())
                        .filter(name -> name.startsWith("dev/mcpulse/testsupport/") || name.startsWith("dev/mcpulse/mcpservers/")
                                || name.startsWith("dev/mcpulse/cli/"))
                        .toList();
                assertThat(leaked).as(jar.getFileName() + ": test support, demo servers or the command line").isEmpty();
                assertThat(file.getEntry("dev/mcpulse/wiring/ServicesFactory.class")).as(jar + " has the function wiring")
                        .isNotNull();
            }
        }
    }

    @Test
    void theMcpClientIsALibraryAndTheCommandLineIsItsOwnModule() throws Exception {
        Path client = root.resolve("functions/mcp-client");
        try (Stream<Path> files = Files.walk(client.resolve("src/main/java"))) {
            List<String> mains = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("static void main("))
                    .map(f -> root.relativize(f).toString()).toList();
            assertThat(mains).as("entry points in the probe library").isEmpty();
        }
        List<String> clientDependencies = dependencies(pom(client.resolve("pom.xml")).getDocumentElement()).stream()
                .filter(dependency -> !"test".equals(text(dependency, "scope")))
                .map(dependency -> text(dependency, "artifactId")).toList();
        assertThat(clientDependencies).as("the probe library resolves no secrets itself")
                .doesNotContain("mcpulse-secrets", "slf4j-simple");
        assertThat(modules).contains("functions/probe-cli");
        assertThat(read(root.resolve("bin/mcpulse-probe"))).as("bin/mcpulse-probe runs the probe-cli module's jar")
                .contains("functions/probe-cli/target/");
    }

    @Test
    void theDomainDependsOnNoOtherModuleOutsideItsTests() throws Exception {
        List<String> mcpulse = dependencies(pom(root.resolve("functions/domain/pom.xml")).getDocumentElement()).stream()
                .filter(dependency -> !"test".equals(text(dependency, "scope")))
                .map(dependency -> text(dependency, "artifactId")).filter(artifact -> artifact.startsWith("mcpulse-"))
                .toList();
        assertThat(mcpulse).isEmpty();
    }

    private static Path functionJar(String function) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(function).resolve("target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-function.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError(function + " has no -function.jar; this test runs after package"));
        }
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** The project's own dependencies (not those of dependencyManagement or of plugins). */
    private static List<Element> dependencies(Element project) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = project.getElementsByTagName("dependency");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element dependency = (Element) nodes.item(i);
            Element list = (Element) dependency.getParentNode();
            if (list.getParentNode() == project) {
                found.add(dependency);
            }
        }
        return found;
    }

    private static List<String> texts(Element parent, String tag) {
        List<String> found = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add(nodes.item(i).getTextContent().strip());
        }
        return found;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(file.toString(), e);
        }
    }
}
