// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The CPU's float32 ceiling as the Vector API sees it, measured in-process: on each thread, 12 independent
 * chains of fused multiply-adds on registers ({@code c_i = a * c_i + b}, 2 FLOPs per lane), no memory
 * traffic, enough chains to hide the FMA latency. A benchmark divides its GFLOP/s by this to say how close
 * to the machine it runs. (The JMH version, {@code FmaCeilingBenchmark}, lives in the tensor tests.)
 */
public final class Ceiling {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int STEPS = 1 << 12;
    static final int CHAINS = 12;
    /** One short run, of the warm-up and of the measurement. */
    private static final double SHORT_RUN_SECONDS = 0.1;

    private Ceiling() {
    }

    /**
     * GFLOP/s of {@code threads} threads running the FMA chains: the best of short runs filling about {@code seconds}
     * (after a warm-up). The best, not one long run: a ceiling is what the machine can do, and on a shared host one
     * 0.5 s run read anywhere from a quarter of it to all of it (a forward's share of it then came out above 100%).
     */
    public static double gflops(int threads, double seconds) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        warmUp(threads);
        int runs = Math.max(1, (int) Math.round(seconds / SHORT_RUN_SECONDS));
        double best = 0;
        for (int i = 0; i < runs; i++) {
            best = Math.max(best, run(threads, seconds / runs));
        }
        return best;
    }

    /**
     * Runs the loop until the JIT has compiled it: at least five short runs, then until one is no faster than the one
     * before (within 3%), at most 3 s in all. A fixed 0.2 s was not enough at the start of a process, while the JIT was
     * still busy with other code: the measurement then timed code that was not compiled yet.
     */
    private static void warmUp(int threads) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        double previous = 0;
        for (int i = 0; System.nanoTime() < deadline; i++) {
            double rate = run(threads, SHORT_RUN_SECONDS);
            if (i >= 4 && rate <= previous * 1.03) {
                return;
            }
            previous = rate;
        }
    }

    private static double run(int threads, double seconds) {
        AtomicLong calls = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        float[] sink = new float[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            final int id = t;
            Thread w = new Thread(() -> {
                long n = 0;
                float s = 0;
                while (System.nanoTime() < deadline) {
                    s += chains(0.999999f, 1e-7f);
                    n++;
                }
                sink[id] = s;
                calls.addAndGet(n);
            }, "fma-ceiling-" + t);
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the FMA ceiling", e);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return calls.get() * flopsPerCall() / elapsed / 1e9;
    }

    /** A multiply and an add per lane, per chain, per step. */
    public static double flopsPerCall() {
        return 2.0 * SPECIES.length() * CHAINS * STEPS;
    }

    /** One call of the measured loop: {@code CHAINS} independent chains {@code c = x * c + y}, {@code STEPS} long. */
    public static float chains(float x, float y) {
        FloatVector a = FloatVector.broadcast(SPECIES, x);
        FloatVector b = FloatVector.broadcast(SPECIES, y);
        FloatVector c0 = FloatVector.broadcast(SPECIES, 1);
        FloatVector c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
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
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
            .reduceLanes(VectorOperators.ADD);
    }
}
