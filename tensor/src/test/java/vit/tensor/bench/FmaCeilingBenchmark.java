// SPDX-License-Identifier: MIT
package vit.tensor.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import vit.tensor.cpu.Ceiling;

/**
 * The ceiling any Vector API kernel can reach: 12 independent chains of fused multiply-adds on registers
 * ({@code c_i = x * c_i + y}), no memory traffic. Enough chains to hide the FMA latency on current cores.
 *
 * <p>Run (from the repository root; prints GFLOP/s at the end):
 * <pre>
 * mvn -q -pl tensor test-compile exec:exec@bench -Dbench=FmaCeilingBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class FmaCeilingBenchmark {

    public float x = 0.999999f;
    public float y = 1e-7f;

    @Benchmark
    @Threads(1)
    public float oneThread(CpuTime cpu) {
        return chains();
    }

    @Benchmark
    @Threads(2)
    public float twoThreads(CpuTime cpu) {
        return chains();
    }

    /** Floating-point operations of one call. */
    static double flops() {
        return Ceiling.flopsPerCall();
    }

    private float chains() {
        return Ceiling.chains(x, y);
    }
}
