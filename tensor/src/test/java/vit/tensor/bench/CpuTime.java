// SPDX-License-Identifier: MIT
package vit.tensor.bench;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU time the benchmark's process used during one iteration, all threads together, reported next to
 * the score. On cores shared with other work, wall-clock throughput says how much of the cores we got;
 * work per CPU-second says how fast the code runs while it runs ({@link Benchmarks} prints both). Each
 * benchmark thread reports the whole process, so with {@code @Threads(t)} the sum counts it {@code t} times.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    /** Milliseconds of process CPU time in the iteration. */
    public double cpuMillis;
    private long start;

    @Setup(Level.Iteration)
    public void start() {
        cpuMillis = 0;
        start = processCpuNanos();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        cpuMillis = (processCpuNanos() - start) / 1e6;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
