// SPDX-License-Identifier: MIT
package vit.tensor.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
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
 * If Maven cannot resolve the {@code exec:} prefix (offline, fresh repository), name the plugin in full:
 * {@code org.codehaus.mojo:exec-maven-plugin:exec@bench}. Without Maven:
 * {@code java --add-modules=jdk.incubator.vector -cp <test classpath> vit.tensor.bench.Benchmarks [regex]}.
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
        System.out.println("GFLOP/s (KernelBenchmark: million elements/s, GFLOP/s for attention): mean +- error and best iteration of the score,"
            + " then work per CPU-second of the process");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double flops = name.contains("FmaCeiling") ? FmaCeilingBenchmark.flops()
                : name.contains("KernelBenchmark") ? KernelBenchmark.work(r.getParams().getParam("kernel"))
                : GemmBenchmark.flops(r.getParams().getParam("shape"));
            double best = 0;
            double ops = 0;
            double cpuSeconds = 0;
            for (BenchmarkResult fork : r.getBenchmarkResults()) {
                for (IterationResult it : fork.getIterationResults()) {
                    best = Math.max(best, it.getPrimaryResult().getScore());
                    Result cpu = it.getSecondaryResults().get("cpuMillis");
                    if (cpu != null) {
                        ops += it.getMetadata().getMeasuredOps();
                        cpuSeconds += cpu.getScore() / 1e3 / r.getParams().getThreads();
                    }
                }
            }
            StringBuilder params = new StringBuilder();
            for (String key : r.getParams().getParamsKeys()) {
                params.append(' ').append(key).append('=').append(r.getParams().getParam(key));
            }
            System.out.printf(Locale.ROOT, "%-32s%-55s %7.1f +- %6.1f   best %7.1f   per CPU-second %7.1f%n",
                name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), params,
                r.getPrimaryResult().getScore() * flops / 1e9, r.getPrimaryResult().getScoreError() * flops / 1e9, best * flops / 1e9,
                cpuSeconds > 0 ? ops * flops / cpuSeconds / 1e9 : Double.NaN);
        }
    }
}
