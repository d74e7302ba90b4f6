// SPDX-License-Identifier: MIT
package vit.tensor.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int STEPS = 1 << 14;
    static final int CHAINS = 12;

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

    /** Floating-point operations of one call: a multiply and an add per lane, per chain, per step. */
    static double flops() {
        return 2.0 * SPECIES.length() * CHAINS * STEPS;
    }

    private float chains() {
        FloatVector a = FloatVector.broadcast(SPECIES, x);
        FloatVector b = FloatVector.broadcast(SPECIES, y);
        FloatVector c0 = FloatVector.broadcast(SPECIES, 1), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int s = 0; s < STEPS; s++) {
            c0 = a.fma(c0, b);
            c1 = a.fma(c1, b);
            c2 = a.fma(c2, b);
            c3 = a.fma(c3, b);
            c4 = a.fma(c4, b);
            c5 = a.fma(c5, b);
            c6 = a.fma(c6, b);
            c7 = a.fma(c7, b);
            c8 = a.fma(c8, b);
            c9 = a.fma(c9, b);
            c10 = a.fma(c10, b);
            c11 = a.fma(c11, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).reduceLanes(
            jdk.incubator.vector.VectorOperators.ADD);
    }
}
