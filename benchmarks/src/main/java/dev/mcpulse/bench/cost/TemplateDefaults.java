package dev.mcpulse.bench.cost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figures the cost model takes from the sources rather than from memory: a template parameter's default, and the
 * dashboard's polling constants from its script, so that a change to either shows in the next run's document.
 */
final class TemplateDefaults {

    /** From app.js and fleet-list.js (PAGE_SIZE: the rows a page asks for). */
    static final List<String> DASHBOARD_CONSTANTS = List.of("PAGE_SIZE", "REFRESH_MS", "SPARK_CONCURRENCY",
            "CHART_CHECKS");

    private TemplateDefaults() {
    }

    /** The default of a numeric parameter of sam-template.yaml. */
    static int parameter(String template, String name) {
        Matcher matcher = Pattern.compile("(?m)^  " + Pattern.quote(name) + ":\\n(?:    .*\\n)*?    Default: (\\d+)\\s*$")
                .matcher(template);
        if (!matcher.find()) {
            throw new IllegalStateException("sam-template.yaml has no numeric default for the parameter " + name);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /**
     * The dashboard's constants ({@code const NAME = 123;}), the history length a chart asks for ({@code history}), and
     * whether a chart asks only for the checks after the newest it holds ({@code chartAsksAfter}).
     */
    static Map<String, String> dashboard(String script) {
        Map<String, String> constants = new LinkedHashMap<>();
        for (String name : DASHBOARD_CONSTANTS) {
            Matcher matcher = Pattern.compile("const " + name + " = (\\d+);").matcher(script);
            if (!matcher.find()) {
                throw new IllegalStateException("the dashboard script defines no numeric constant " + name);
            }
            constants.put(name, matcher.group(1));
        }
        constants.put("history", constants.get("CHART_CHECKS"));
        constants.put("chartAsksAfter", String.valueOf(script.contains("&history_after=")));
        return constants;
    }
}
