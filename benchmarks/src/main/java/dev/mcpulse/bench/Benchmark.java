package dev.mcpulse.bench;

/**
 * One benchmark of docs/benchmarks.md (B1…B9, the load run). It measures mcpulse and, in the same run, the baseline
 * it is judged against, and returns both: these machines are shared and noisy, so only same-run ratios mean much.
 */
public interface Benchmark {

    /** Short id used by {@code --only}, e.g. {@code B1}. */
    String id();

    Section run(BenchEnv env) throws Exception;
}
