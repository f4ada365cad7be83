package dev.mcpulse.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** README's "Deploy to AWS" section says what the template takes and gives: every parameter with its default, every output. */
class SamTemplateReadmeTest {

    /** A row of the parameters table: | `Name` | `default` | meaning |; an empty default is written `''`. */
    static final Pattern PARAMETER_ROW = Pattern.compile("^\\| `([A-Za-z0-9]+)` \\| `([^`]*)` \\|.*$", Pattern.MULTILINE);

    static SamTemplate sam;
    static String deploySection;

    @BeforeAll
    static void load() throws IOException {
        sam = SamTemplate.load();
        String readme = Files.readString(sam.root().resolve("README.md"));
        int start = readme.indexOf("\n## Deploy");
        assertThat(start).as("README's Deploy section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        deploySection = readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void theParametersTableListsEveryParameterWithItsDefault() {
        Map<String, String> documented = new TreeMap<>();
        Matcher row = PARAMETER_ROW.matcher(deploySection);
        while (row.find()) {
            documented.put(row.group(1), row.group(2).equals("''") ? "" : row.group(2));
        }
        Map<String, String> declared = new TreeMap<>();
        sam.parameters().forEach((name, parameter) ->
                declared.put(name, String.valueOf(SamTemplate.map(parameter).get("Default"))));

        assertThat(documented).as("README parameters table (name -> default)").isEqualTo(declared);
    }

    @Test
    void theSectionNamesEveryOutput() {
        assertThat(sam.outputs().keySet()).isNotEmpty()
                .allSatisfy(output -> assertThat(deploySection).as("README Deploy section").contains("`" + output + "`"));
    }
}
