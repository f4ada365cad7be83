package dev.mcpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessUsageTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void theJitCompilerThreadsTimeIsPartOfTheProcessTimeAndGrowsWhenNewCodeIsCompiled() {
        double before = ProcessUsage.compilerCpuSeconds(SELF);
        // Enough fresh call sites (one lambda class each, many invocations) to keep the compiler threads busy.
        List<Runnable> work = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int seed = i;
            work.add(() -> Integer.toString(seed * 31).hashCode());
        }
        for (int round = 0; round < 5_000; round++) {
            work.forEach(Runnable::run);
        }

        double after = ProcessUsage.compilerCpuSeconds(SELF);
        assertThat(after).isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(ProcessUsage.cpuSeconds(SELF));
        // This JVM has compiled tests, AssertJ and JUnit by now: its compiler threads have used some CPU.
        assertThat(after).isPositive();
    }

    @Test
    void aProcessThatIsGoneIsNamed() {
        assertThatThrownBy(() -> ProcessUsage.compilerCpuSeconds(Long.MAX_VALUE))
                .hasMessageContaining("/proc/" + Long.MAX_VALUE + "/task");
    }
}
