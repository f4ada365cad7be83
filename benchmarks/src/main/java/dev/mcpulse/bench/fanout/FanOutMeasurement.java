package dev.mcpulse.bench.fanout;

import dev.mcpulse.bench.BenchEnv;
import dev.mcpulse.bench.ConnectionSampler;
import dev.mcpulse.bench.DynamoDbLocalProcess;
import dev.mcpulse.bench.ProcessUsage;
import dev.mcpulse.bench.fanout.FleetMix.Category;
import dev.mcpulse.bench.fleet.FleetServers;
import dev.mcpulse.bench.probefn.ProbeFunctionProcess;
import dev.mcpulse.domain.endpoint.Endpoint;
import dev.mcpulse.domain.endpoint.EndpointId;
import dev.mcpulse.domain.health.HealthSnapshot;
import dev.mcpulse.domain.health.OutcomeKind;
import dev.mcpulse.storage.dynamodb.DynamoDbEndpointRegistry;
import dev.mcpulse.storage.dynamodb.DynamoDbSnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The measurements behind B1 and B2, taken once per run (both report from them): for each fleet size, DynamoDB
 * Local in a process of its own, the registry seeded (not timed), mcpulse in a fresh process of its own
 * ({@link ProbeFunctionProcess}), a cold cycle, the clock moved one interval on, a warm cycle, and likewise
 * warming cycles until the process has probed {@value #STEADY_AFTER_PROBES} endpoints, then {@value #STEADY_CYCLES}
 * steady cycles; after the first
 * size, the naive sequential loop over a sample in the same process. Every cycle is checked in DynamoDB
 * afterwards: one snapshot per endpoint, written by this cycle, with the outcome its category must have.
 */
public final class FanOutMeasurement {

    /**
     * The JVM of a function on Lambda's java21 runtime (SerialGC; C1 only, from sam-template.yaml's
     * JAVA_TOOL_OPTIONS), with a heap for a process that holds every shard of the fleet at once — on AWS each shard
     * has a function, and a heap, of its own.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:+TieredCompilation",
            "-XX:TieredStopAtLevel=1", "-Xmx2g");
    private static final int SHARD_SIZE = 25;

    /**
     * {@link #JVM_OPTIONS}, and as many kept-alive connections to DynamoDB as there are shards: on AWS each shard's
     * function has its own DynamoDB client, whose one connection is reused call after call; here the shards share
     * one client, and the JDK's HTTP stack (the SDK's UrlConnectionHttpClient) keeps only 5 idle connections per
     * host by default, so most calls would open a new TCP connection — a cost AWS does not have, and at N=10,000
     * tens of thousands of loopback ports in TIME_WAIT.
     */
    static List<String> jvmOptions(int size) {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.add("-Dhttp.maxConnections=" + Math.max(5, (size + SHARD_SIZE - 1) / SHARD_SIZE));
        return options;
    }
    private static final int QUICK_SIZE = 100;
    /** The steady cycles start once the process has probed this many endpoints (its cold and warm cycles included). */
    static final int STEADY_AFTER_PROBES = 10_000;
    /** A bound on the warming cycles, in case cycles probe far fewer endpoints than the fleet holds. */
    static final int MAX_WARMING_CYCLES = 20;
    /** Steady cycles, whose median is the steady figure: one cycle's CPU moves by a fifth run to run. */
    static final int STEADY_CYCLES = 3;
    static final int WARM_UP_PROBES = 600;
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    private final List<Integer> sizes;
    private final int sampleSize;
    private List<SizeRun> runs;

    FanOutMeasurement(List<Integer> sizes, int sampleSize) {
        this.sizes = List.copyOf(sizes);
        this.sampleSize = sampleSize;
    }

    public static FanOutMeasurement forIssue() {
        return new FanOutMeasurement(List.of(1_000, 10_000), 40);
    }

    /** One timed cycle and what it did. */
    record Cycle(String label, int size, double wallSeconds, double schedulerSeconds, int shards, int failedShards,
                 String firstFailure,
                 int probed, int connected, double mcpulseCpu, double mcpulseJitCpu, double dynamoCpu, double fleetCpu,
                 long peakRssBytes,
                 int snapshots, int correct, Map<String, Integer> mismatches, Map<String, Integer> peakConnections,
                 int due, int inBackoff, List<Long> healthyTimeoutStalls) {

        /** "left in back-off" as the check found it, and as the scheduler did (the endpoints it found not due). */
        String backoffText() {
            return inBackoff == size - due ? String.valueOf(inBackoff)
                    : inBackoff + " (the scheduler: " + (size - due) + ")";
        }

        double probesPerSecond() {
            return probed / wallSeconds;
        }

        double wallPerDeadline() {
            return wallSeconds / (FleetMix.DEADLINE.toMillis() / 1000.0);
        }
    }

    /** The naive loop over a sample: seconds per endpoint by category, and the CPU it took. */
    record Sequential(int size, double wallSeconds, double cpuSeconds, int connected, int correct,
                      Map<Category, List<Double>> seconds) {

        double extrapolatedSeconds(int fleetSize) {
            return Extrapolation.sequentialSeconds(seconds, FleetMix.counts(fleetSize));
        }
    }

    /**
     * One fleet size's cycles in one process: the cold one, the warm one (the process's second cycle), the warming
     * ones that follow until the process has probed {@value #STEADY_AFTER_PROBES} endpoints (none at N=10,000), and
     * the steady ones. A JVM still compiles what it runs well after its second cycle at N=1,000: C1 compiles a method
     * after some hundreds of calls, and code run once per shard or per DynamoDB call has not been called that often
     * after 2,000 probes. What a long-lived container pays every cycle is the steady cycles' figure.
     */
    record SizeRun(int size, Cycle cold, Cycle warm, List<Cycle> warming, List<Cycle> steady) {

        /** The cycles B1 and B2 tabulate, in the order they ran: cold, warm and the steady ones. */
        List<Cycle> cycles() {
            List<Cycle> cycles = new ArrayList<>(List.of(cold, warm));
            cycles.addAll(steady);
            return cycles;
        }

        /** Every cycle after the warm one, each checked like the others. */
        List<Cycle> later() {
            List<Cycle> later = new ArrayList<>(warming);
            later.addAll(steady);
            return later;
        }

        /** Every cycle, in the order they ran. */
        List<Cycle> all() {
            List<Cycle> all = new ArrayList<>(List.of(cold, warm));
            all.addAll(later());
            return all;
        }

        /** The median of the steady cycles' CPU per endpoint probed, in ms. */
        double steadyCpuMsPerProbe() {
            double[] perProbe = steady.stream().mapToDouble(cycle -> 1000 * cycle.mcpulseCpu() / Math.max(1, cycle.probed()))
                    .sorted().toArray();
            int middle = perProbe.length / 2;
            return perProbe.length % 2 == 1 ? perProbe[middle] : (perProbe[middle - 1] + perProbe[middle]) / 2;
        }
    }

    record Result(List<SizeRun> runs, Sequential sequential, FleetWarmUp.Done warmUp) {
    }

    private Sequential sequential;
    private Exception failure;
    private boolean fleetWarm;
    private FleetWarmUp.Done warmUp;

    /** Measures on first call; later calls (B2 after B1) get the same figures, or the same failure. */
    synchronized Result result(BenchEnv env) throws Exception {
        if (failure != null) {
            throw new IllegalStateException("the fan-out cycles failed (see B1): " + failure, failure);
        }
        if (runs == null) {
            try {
                List<SizeRun> measured = new ArrayList<>();
                for (int size : env.options().quick() ? List.of(QUICK_SIZE) : sizes) {
                    measured.add(measure(env, size, measured.isEmpty() ? (env.options().quick() ? 20 : sampleSize) : 0));
                }
                runs = measured;
            } catch (Exception e) {
                failure = e;
                throw e;
            }
        }
        return new Result(runs, sequential, warmUp);
    }

    private SizeRun measure(BenchEnv env, int size, int sample) throws Exception {
        FleetServers fleet = env.fleet();
        List<Endpoint> endpoints = FleetMix.endpoints(size, fleet);
        Path secrets = Files.writeString(env.scratch().resolve("b1-secrets.yaml"),
                FleetMix.WRONG_TOKEN_SECRET + ": not-the-fleet-token\n");
        if (!fleetWarm) {
            System.err.println("mcpulse-bench: B1: warming the fleet's servers…");
            warmUp = FleetWarmUp.warm(endpoints, WARM_UP_PROBES);
            fleetWarm = true;
        }
        System.err.println("mcpulse-bench: B1 at N=" + size + ": seeding the registry…");
        try (DynamoDbLocalProcess dynamoDb = DynamoDbLocalProcess.start(env.scratch(), "b1-dynamodb-" + size)) {
            try (DynamoDbClient client = dynamoDb.client()) {
                new DynamoDbEndpointRegistry(client, DynamoDbLocalProcess.TABLE).putAll(endpoints);
            }
            try (ProbeFunctionProcess mcpulse = ProbeFunctionProcess.start(env, "b1-mcpulse-" + size, jvmOptions(size),
                    dynamoDb, secrets)) {
                Map<Integer, String> ports = ports(endpoints, dynamoDb);
                System.err.println("mcpulse-bench: B1 at N=" + size + ": cold cycle…");
                Cycle cold = cycle("cold", endpoints, mcpulse, dynamoDb, fleet, ports);
                mcpulse.command("advance", Duration.ofSeconds(10));
                System.err.println("mcpulse-bench: B1 at N=" + size + ": warm cycle…");
                Cycle warm = cycle("warm", endpoints, mcpulse, dynamoDb, fleet, ports);
                List<Cycle> warming = new ArrayList<>();
                int probed = cold.probed() + warm.probed();
                // A smoke run (--quick) goes straight to one steady cycle: its figures are not comparable anyway.
                int steadyAfter = env.options().quick() ? 0 : STEADY_AFTER_PROBES;
                while (probed < steadyAfter && warming.size() < MAX_WARMING_CYCLES) {
                    mcpulse.command("advance", Duration.ofSeconds(10));
                    System.err.println("mcpulse-bench: B1 at N=" + size + ": warming cycle " + (warming.size() + 1)
                            + " (" + probed + " probes so far)…");
                    Cycle cycle = cycle("warming " + (warming.size() + 1), endpoints, mcpulse, dynamoDb, fleet, ports);
                    warming.add(cycle);
                    probed += cycle.probed();
                }
                List<Cycle> steady = new ArrayList<>();
                int steadyCycles = env.options().quick() ? 1 : STEADY_CYCLES;
                for (int i = 1; i <= steadyCycles; i++) {
                    mcpulse.command("advance", Duration.ofSeconds(10));
                    System.err.println("mcpulse-bench: B1 at N=" + size + ": steady cycle " + i + " of " + steadyCycles + "…");
                    steady.add(cycle("steady " + i, endpoints, mcpulse, dynamoDb, fleet, ports));
                }
                if (sample > 0) {
                    System.err.println("mcpulse-bench: B1: the sequential loop over " + sample + " endpoints…");
                    sequential = sequential(mcpulse, sample);
                }
                return new SizeRun(size, cold, warm, List.copyOf(warming), List.copyOf(steady));
            }
        }
    }

    private static Cycle cycle(String label, List<Endpoint> endpoints, ProbeFunctionProcess mcpulse,
                               DynamoDbLocalProcess dynamoDb, FleetServers fleet, Map<Integer, String> ports)
            throws InterruptedException {
        mcpulse.takeTimeoutStalls(); // what earlier commands logged is not this cycle's
        ProcessUsage.resetPeakRss(mcpulse.pid());
        double mcpulseBefore = ProcessUsage.cpuSeconds(mcpulse.pid());
        double jitBefore = ProcessUsage.compilerCpuSeconds(mcpulse.pid());
        double dynamoBefore = ProcessUsage.cpuSeconds(dynamoDb.pid());
        double fleetBefore = ProcessUsage.cpuSeconds(fleet.pid());
        Map<String, String> answer;
        Map<Integer, Integer> peaks;
        try (ConnectionSampler connections = ConnectionSampler.start(mcpulse.pid(), ports.keySet(), SAMPLE_EVERY)) {
            answer = mcpulse.command("cycle", Duration.ofSeconds(120).plusMillis(20L * endpoints.size()));
            peaks = connections.peaks();
        }
        double mcpulseCpu = ProcessUsage.cpuSeconds(mcpulse.pid()) - mcpulseBefore;
        double jitCpu = ProcessUsage.compilerCpuSeconds(mcpulse.pid()) - jitBefore;
        double dynamoCpu = ProcessUsage.cpuSeconds(dynamoDb.pid()) - dynamoBefore;
        double fleetCpu = ProcessUsage.cpuSeconds(fleet.pid()) - fleetBefore;
        long peakRss = ProcessUsage.peakRssBytes(mcpulse.pid());

        Instant started = Instant.parse(answer.get("startedAt"));
        SnapshotCheck check = SnapshotCheck.of(endpoints, dynamoDb, started,
                Optional.of(Duration.ofMillis(Long.parseLong(answer.get("intervalMillis")))));
        Map<String, Integer> peakConnections = new LinkedHashMap<>();
        ports.forEach((port, name) -> peakConnections.merge(name, peaks.getOrDefault(port, 0), Math::max));
        // The check judges back-off by each stored snapshot; the scheduler reports how many it found due. More left in
        // back-off by the check than the scheduler left unprobed would be endpoints it sent whose probes stored nothing.
        // How long mcpulse was held up during each timeout it recorded for a healthy server: the guard's evidence.
        List<Long> healthyTimeoutStalls = mcpulse.takeTimeoutStalls().entrySet().stream()
                .filter(timeout -> FleetMix.category(new EndpointId(timeout.getKey())) == Category.HEALTHY)
                .map(Map.Entry::getValue).toList();
        int due = Integer.parseInt(answer.get("due"));
        int unaccounted = Math.max(0, check.inBackoff() - (endpoints.size() - due));
        Map<String, Integer> mismatches = new TreeMap<>(check.mismatches());
        if (unaccounted > 0) {
            mismatches.put("no snapshot of this cycle, though sent by the scheduler", unaccounted);
        }
        return new Cycle(label, endpoints.size(), seconds(answer.get("wallNanos")), seconds(answer.get("schedulerNanos")),
                Integer.parseInt(answer.get("shards")), Integer.parseInt(answer.get("failedShards")),
                answer.get("firstFailure"),
                Integer.parseInt(answer.get("probed")), Integer.parseInt(answer.get("connected")),
                mcpulseCpu, jitCpu, dynamoCpu, fleetCpu, peakRss, check.snapshots(), check.correct() - unaccounted,
                mismatches, peakConnections, due, check.inBackoff(), healthyTimeoutStalls);
    }

    private static Sequential sequential(ProbeFunctionProcess mcpulse, int sample) throws InterruptedException {
        double cpuBefore = ProcessUsage.cpuSeconds(mcpulse.pid());
        Map<String, String> answer = mcpulse.command("sequential " + sample,
                FleetMix.DEADLINE.plusSeconds(3).multipliedBy(sample).plusSeconds(60));
        double cpu = ProcessUsage.cpuSeconds(mcpulse.pid()) - cpuBefore;
        Map<Category, List<Double>> seconds = new EnumMap<>(Category.class);
        int connected = 0;
        int correct = 0;
        for (String result : answer.get("results").split(",")) {
            String[] parts = result.split(":");
            Category category = FleetMix.category(new EndpointId(parts[0]));
            OutcomeKind outcome = OutcomeKind.fromCode(parts[1]).orElseThrow();
            seconds.computeIfAbsent(category, c -> new ArrayList<>()).add(seconds(parts[2]));
            connected += outcome.connected() ? 1 : 0;
            correct += outcome == category.expected() ? 1 : 0;
        }
        if (connected == 0) {
            // One probe at a time cannot starve for CPU: none connecting means the fleet was never reached, and every
            // figure of the run would measure refusals instead of probes.
            throw new IllegalStateException("none of the naive loop's " + sample + " probes connected: " + answer.get("results"));
        }
        return new Sequential(sample, seconds(answer.get("wallNanos")), cpu, connected, correct, seconds);
    }

    /** The loopback ports the probes connect to, named: each healthy server, the 401 server, the black hole, DynamoDB. */
    private static Map<Integer, String> ports(List<Endpoint> endpoints, DynamoDbLocalProcess dynamoDb) {
        Map<Integer, String> ports = new TreeMap<>();
        for (Endpoint endpoint : endpoints) {
            ports.putIfAbsent(endpoint.url().getPort(), FleetMix.category(endpoint.id()).name().toLowerCase()
                    + (FleetMix.category(endpoint.id()) == Category.HEALTHY ? " (per server)" : ""));
        }
        ports.put(dynamoDb.endpoint().getPort(), "dynamodb");
        return ports;
    }

    private static double seconds(String nanos) {
        return Long.parseLong(nanos) / 1e9;
    }
}
