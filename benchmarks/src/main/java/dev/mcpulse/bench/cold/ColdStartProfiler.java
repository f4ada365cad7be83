package dev.mcpulse.bench.cold;

import dev.mcpulse.bench.cold.ColdStartLab.Mode;
import dev.mcpulse.bench.cold.harness.LambdaHarness;
import dev.mcpulse.bench.fleet.FleetServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Profiles B5's cold starts (a tool for finding what to trim, not part of the report): each subject runs once to warm
 * the page cache, {@code -Dmcpulse.profile.runs} times (default once) timed, and once with {@code -Xlog:class+load} and a JFR recording; it prints the time, the
 * classes loaded and the packages that loaded most, and leaves the logs and recordings in
 * {@code benchmarks/target/bench/cold-profile/}. JVM options given after the subjects apply to the profiled run only,
 * not to the timed ones.
 *
 * <pre>{@code java -Dmcpulse.root=. -cp benchmarks/target/mcpulse-benchmarks-0.1.0-SNAPSHOT-runnable.jar \
 *     dev.mcpulse.bench.cold.ColdStartProfiler [scheduler-mcpulse probe-plain …] [-XX:… more JVM options]}</pre>
 */
public final class ColdStartProfiler {

    /** {@code -Dmcpulse.profile.runs=N}: timed runs per subject (default 1). */
    private static final int RUNS = Integer.getInteger("mcpulse.profile.runs", 1);
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source: (.*)");

    private ColdStartProfiler() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
        Path root = Path.of(System.getProperty("mcpulse.root", ".")).toAbsolutePath().normalize();
        Path dir = Files.createDirectories(root.resolve("benchmarks/target/bench/cold-profile"));
        List<String> only = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).toList();
        List<String> extra = java.util.Arrays.stream(args).filter(a -> a.startsWith("-")).toList();
        try (FleetServers fleet = FleetServers.start(2, dir);
             ColdStartLab lab = ColdStartLab.start(root, dir, fleet)) {
            Path out = ColdStartLab.recreate(dir.resolve("profiles"));
            for (ColdStartSubject subject : lab.subjects()) {
                if (!only.isEmpty() && !only.contains(subject.name())) {
                    continue;
                }
                lab.launch(subject, Mode.C1, false, false, List.of());
                List<ColdStartLab.Launch> timed = new java.util.ArrayList<>();
                for (int run = 0; run < RUNS; run++) {
                    timed.add(lab.launch(subject, Mode.C1, false, true, List.of()));
                }
                Path classes = out.resolve(subject.name() + "-classes.log");
                Path recording = out.resolve(subject.name() + ".jfr");
                List<String> options = new java.util.ArrayList<>(List.of("-Xlog:class+load=info:file=" + classes,
                        "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,method-profiling=max",
                        "-D" + LambdaHarness.EXIT_PROPERTY + "=true"));
                options.addAll(extra);
                lab.launch(subject, Mode.C1, false, false, options);
                dev.mcpulse.bench.Stats wall = dev.mcpulse.bench.Stats.of(timed.stream().map(ColdStartLab.Launch::millis).toList());
                System.out.printf("%s: median of %d runs %.0f ms (fastest %.0f ms, as B5 compares), %.0f ms CPU, %d "
                                + "classes loaded; class-load log %s, recording %s%n", subject.name(), RUNS,
                        wall.median(), wall.min(),
                        dev.mcpulse.bench.Stats.of(timed.stream().map(ColdStartLab.Launch::cpuMillis).toList()).median(),
                        timed.getFirst().classes(), classes, recording);
                summarize(classes);
            }
        }
    }

    /** The packages (three segments deep) that loaded most classes, and how many came from the CDS archive. */
    private static void summarize(Path classLog) throws IOException {
        Map<String, Integer> byPackage = new TreeMap<>();
        int shared = 0;
        int total = 0;
        for (String line : Files.readAllLines(classLog)) {
            Matcher m = LOADED.matcher(line);
            if (!m.find()) {
                continue;
            }
            total++;
            if (m.group(2).contains("shared")) {
                shared++;
            }
            String[] parts = m.group(1).split("\\.");
            String pkg = String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
            byPackage.merge(pkg, 1, Integer::sum);
        }
        System.out.printf("  %d classes (%d from the JDK's CDS archive); top packages:%n", total, shared);
        byPackage.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                .forEach(e -> System.out.printf("    %5d %s%n", e.getValue(), e.getKey()));
        System.out.println(byPackage.entrySet().stream().filter(e -> e.getKey().startsWith("dev"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "  mcpulse: ", "")));
    }
}
