// SPDX-License-Identifier: MIT
package vit.tensor.bench;

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
import vit.tensor.Functional;
import vit.tensor.Generator;
import vit.tensor.GradMode;
import vit.tensor.MemoryScope;
import vit.tensor.Shape;
import vit.tensor.Tensor;
import vit.tensor.cpu.Formulas;
import vit.tensor.cpu.Parallel;

/**
 * The kernels of one ViT-B/16 encoder block at batch 1 besides its four linear layers, through the tensor API as
 * the model calls them: the attention softmax over {@code [1, 12, 197, 197]}, a layer norm of {@code [1, 197, 768]},
 * the MLP's GELU over {@code [1, 197, 3072]} ({@code gelu}, and {@code geluFormula}: the same numbers from the
 * reference formula {@link Formulas#gelu}, one element at a time), and the attention itself,
 * {@code softmax(q k^T / 8) v} with q, k, v {@code [1, 12, 197, 64]}.
 *
 * <p>Run (from the repository root; {@link Benchmarks} prints million elements per second, GFLOP/s for attention):
 * <pre>
 * mvn -q -pl tensor test-compile exec:exec@bench -Dbench=KernelBenchmark
 * mvn -q -pl tensor test-compile exec:exec@bench -Dbench="KernelBenchmark kernel=gelu,geluFormula threads=1"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class KernelBenchmark {
    private static final int TOKENS = 197;
    private static final int HEADS = 12;
    private static final int HEAD_DIM = 64;
    private static final int WIDTH = 768;

    @Param({"softmax", "layerNorm", "gelu", "geluFormula", "attention"})
    public String kernel;

    @Param({"2"})
    public int threads;

    private Tensor scores;
    private Tensor tokens;
    private Tensor weight;
    private Tensor bias;
    private Tensor hidden;
    private float[] hiddenData;
    private float[] hiddenOut;
    private Tensor q;
    private Tensor k;
    private Tensor v;

    @Setup
    public void setup() {
        Generator g = new Generator(42);
        scores = Tensor.randn(Shape.of(1, HEADS, TOKENS, TOKENS), g).mul(3f);
        tokens = Tensor.randn(Shape.of(1, TOKENS, WIDTH), g);
        weight = Tensor.randn(Shape.of(WIDTH), g);
        bias = Tensor.randn(Shape.of(WIDTH), g);
        hidden = Tensor.randn(Shape.of(1, TOKENS, 4 * WIDTH), g);
        hiddenData = hidden.toFloatArray();
        hiddenOut = new float[hiddenData.length];
        q = Tensor.randn(Shape.of(1, HEADS, TOKENS, HEAD_DIM), g);
        k = Tensor.randn(Shape.of(1, HEADS, TOKENS, HEAD_DIM), g);
        v = Tensor.randn(Shape.of(1, HEADS, TOKENS, HEAD_DIM), g);
    }

    @Benchmark
    public Object run(CpuTime cpu) throws Exception {
        try (AutoCloseable t = Parallel.withThreads(threads); var off = GradMode.disabled(); var scope = MemoryScope.open()) {
            switch (kernel) {
                case "softmax":
                    return scores.softmax(-1);
                case "layerNorm":
                    return Functional.layerNorm(tokens, weight, bias, 1e-6f);
                case "gelu":
                    return hidden.gelu();
                case "geluFormula":
                    for (int i = 0; i < hiddenData.length; i++) {
                        hiddenOut[i] = (float) Formulas.gelu(hiddenData[i]);
                    }
                    return hiddenOut;
                case "attention":
                    return q.matmul(k.mT()).div((float) Math.sqrt(HEAD_DIM)).softmax(-1).matmul(v);
                default:
                    throw new IllegalArgumentException("unknown kernel " + kernel);
            }
        }
    }

    /**
     * The work of one {@link #run} as {@link Benchmarks} counts it (it divides by 1e9): floating-point operations for
     * attention, so GFLOP/s; elements times 1000 for the others, so million elements per second.
     */
    static double work(String kernel) {
        switch (kernel) {
            case "softmax":
                return 1e3 * HEADS * TOKENS * TOKENS;
            case "layerNorm":
                return 1e3 * TOKENS * WIDTH;
            case "gelu":
            case "geluFormula":
                return 1e3 * 4 * TOKENS * WIDTH;
            default:
                return 2.0 * 2 * HEADS * TOKENS * TOKENS * HEAD_DIM; // q k^T and att v
        }
    }
}
