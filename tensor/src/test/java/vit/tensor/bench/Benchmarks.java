// SPDX-License-Identifier: MIT
package vit.tensor.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of this folder and prints their scores in GFLOP/s.
 *
 * <p>From the repository root. {@code -Dbench} is a regular expression over benchmark names (empty for all),
 * optionally followed by {@code param=value,value} words that override the benchmarks' {@code @Param}s:
 * <pre>
 * mvn -q -pl tensor test-compile exec:exec@bench -Dbench=GemmBenchmark
 * mvn -q -pl tensor test-compile exec:exec@bench -Dbench="GemmBenchmark impl=sgemm threads=1,2"
 * mvn -q -pl tensor test-compile exec:exec@bench -Dbench=FmaCeilingBenchmark
 * </pre>
 * Without Maven: {@code java --add-modules=jdk.incubator.vector -cp <test classpath> vit.tensor.bench.Benchmarks [regex]}.
 * Numbers from a machine shared with other work are noisy; compare runs made side by side.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        String[] words = String.join(" ", args).trim().split("\\s+");
        ChainedOptionsBuilder options = new OptionsBuilder().include(words[0].isEmpty() ? "vit.tensor.bench.*" : words[0]);
        for (int i = 1; i < words.length; i++) {
            String[] param = words[i].split("=", 2);
            options = options.param(param[0], param[1].split(","));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println("GFLOP/s (score x flops per call): mean +- error, and the best iteration (least disturbed by other work)");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double perSecond = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            double flops = name.contains("FmaCeiling") ? FmaCeilingBenchmark.flops()
                : GemmBenchmark.flops(r.getParams().getParam("shape"));
            StringBuilder params = new StringBuilder();
            for (String key : r.getParams().getParamsKeys()) {
                params.append(' ').append(key).append('=').append(r.getParams().getParam(key));
            }
            double best = 0;
            for (BenchmarkResult fork : r.getBenchmarkResults()) {
                for (IterationResult it : fork.getIterationResults()) {
                    best = Math.max(best, it.getPrimaryResult().getScore());
                }
            }
            System.out.printf(Locale.ROOT, "%-32s%-55s %8.1f +- %6.1f   best %8.1f%n", name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                params, perSecond * flops / 1e9, error * flops / 1e9, best * flops / 1e9);
        }
    }
}
