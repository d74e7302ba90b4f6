// SPDX-License-Identifier: MIT
package vit.tensor.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vit.tensor.cpu.Gemm;
import vit.tensor.cpu.Parallel;

/**
 * The matrix products of one ViT-B/16 encoder block, {@code [197, k] @ [k, n]}: the qkv projection
 * (768 to 2304), the first MLP layer (768 to 3072) and the second (3072 to 768).
 *
 * <p>Run (from the repository root; prints a GFLOP/s table at the end, about two minutes):
 * <pre>
 * mvn -q -pl tensor test-compile exec:exec@bench -Dbench=GemmBenchmark
 * mvn -q -pl tensor test-compile exec:exec@bench -Dbench="GemmBenchmark impl=sgemm threads=1,2"
 * </pre>
 * Compare with {@link FmaCeilingBenchmark}, the most the cores can do. On cores shared with other work the
 * wall-clock score swings widely; the "per CPU-second" column ({@link CpuTime}) is the steadier number.
 * {@code layout=linear} is B as {@code Functional.linear} passes it, the transposed view {@code weight.mT()}
 * of a {@code [n, k]} weight; {@code layout=rowMajor} is a contiguous {@code [k, n]} B.
 * {@code impl=reference} is the plain loop, {@code impl=sgemm} the blocked kernel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class GemmBenchmark {
    /** {@code m x k x n}. */
    @Param({"197x768x2304", "197x768x3072", "197x3072x768"})
    public String shape;

    @Param({"linear", "rowMajor"})
    public String layout;

    @Param({"sgemm", "reference"})
    public String impl;

    @Param({"2"})
    public int threads;

    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setup() {
        String[] s = shape.split("x");
        m = Integer.parseInt(s[0]);
        k = Integer.parseInt(s[1]);
        n = Integer.parseInt(s[2]);
        SplittableRandom random = new SplittableRandom(42);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextDouble(-1, 1);
        }
    }

    @Benchmark
    public float multiply(CpuTime cpu) throws Exception {
        boolean linear = layout.equals("linear");
        int bRow = linear ? 1 : n;
        int bCol = linear ? k : 1;
        try (AutoCloseable scope = Parallel.withThreads(threads)) {
            if (impl.equals("reference")) {
                Gemm.reference(m, n, k, a, 0, k, 1, b, 0, bRow, bCol, c, 0, n);
            } else {
                Gemm.sgemm(m, n, k, a, 0, k, 1, b, 0, bRow, bCol, c, 0, n);
            }
        }
        return c[c.length - 1];
    }

    /** Floating-point operations of one {@link #multiply}: {@code 2 m k n}. */
    static double flops(String shape) {
        double f = 2;
        for (String d : shape.split("x")) {
            f *= Integer.parseInt(d);
        }
        return f;
    }
}
