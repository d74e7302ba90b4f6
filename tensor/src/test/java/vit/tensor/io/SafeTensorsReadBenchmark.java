// SPDX-License-Identifier: MIT
package vit.tensor.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vit.tensor.Tensor;

/**
 * Reading a checkpoint the size of ViT-B/16 (86.6 M float32 parameters, 346 MB, 152 tensors) from
 * the page cache; the goal is well under a second. Run with
 * {@code java -cp <test classpath> org.openjdk.jmh.Main SafeTensorsReadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class SafeTensorsReadBenchmark {
    private Path file;

    /** timm's {@code vit_base_patch16_224} parameter names and shapes, filled with zeros. */
    static Map<String, Tensor> vitBase() {
        int e = 768;
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("cls_token", Tensor.zeros(1, 1, e));
        p.put("pos_embed", Tensor.zeros(1, 197, e));
        p.put("patch_embed.proj.weight", Tensor.zeros(e, 3, 16, 16));
        p.put("patch_embed.proj.bias", Tensor.zeros(e));
        for (int i = 0; i < 12; i++) {
            String b = "blocks." + i + ".";
            p.put(b + "norm1.weight", Tensor.zeros(e));
            p.put(b + "norm1.bias", Tensor.zeros(e));
            p.put(b + "attn.qkv.weight", Tensor.zeros(3 * e, e));
            p.put(b + "attn.qkv.bias", Tensor.zeros(3 * e));
            p.put(b + "attn.proj.weight", Tensor.zeros(e, e));
            p.put(b + "attn.proj.bias", Tensor.zeros(e));
            p.put(b + "norm2.weight", Tensor.zeros(e));
            p.put(b + "norm2.bias", Tensor.zeros(e));
            p.put(b + "mlp.fc1.weight", Tensor.zeros(4 * e, e));
            p.put(b + "mlp.fc1.bias", Tensor.zeros(4 * e));
            p.put(b + "mlp.fc2.weight", Tensor.zeros(e, 4 * e));
            p.put(b + "mlp.fc2.bias", Tensor.zeros(e));
        }
        p.put("norm.weight", Tensor.zeros(e));
        p.put("norm.bias", Tensor.zeros(e));
        p.put("head.weight", Tensor.zeros(1000, e));
        p.put("head.bias", Tensor.zeros(1000));
        return p;
    }

    @Setup(Level.Trial)
    public void writeCheckpoint() throws IOException {
        file = Files.createTempFile("vit-base", ".safetensors");
        SafeTensors.write(file, vitBase());
        SafeTensors.read(file); // into the page cache
    }

    @TearDown(Level.Trial)
    public void deleteCheckpoint() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public Map<String, Tensor> readVitBase() throws IOException {
        return SafeTensors.read(file);
    }

    /** A quick measurement without JMH: {@code java -cp ... vit.tensor.io.SafeTensorsReadBenchmark}. */
    public static void main(String[] args) throws IOException {
        SafeTensorsReadBenchmark b = new SafeTensorsReadBenchmark();
        long t0 = System.nanoTime();
        b.writeCheckpoint();
        System.out.printf("wrote and read %s (%d MB) in %d ms%n", b.file, Files.size(b.file) >> 20,
            (System.nanoTime() - t0) / 1_000_000);
        try {
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                Map<String, Tensor> m = b.readVitBase();
                long numel = m.values().stream().mapToLong(Tensor::numel).sum();
                System.out.printf("read %d tensors, %d parameters, in %d ms%n", m.size(), numel, (System.nanoTime() - t) / 1_000_000);
            }
        } finally {
            b.deleteCheckpoint();
        }
    }
}
