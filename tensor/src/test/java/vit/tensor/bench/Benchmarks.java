// SPDX-License-Identifier: MIT
package vit.tensor.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of this folder and prints their scores in GFLOP/s.
 *
 * <p>From the repository root ({@code -Dbench} is a regular expression over benchmark names, empty for all):
 * <pre>
 * mvn -q -pl tensor test-compile exec:exec@bench -Dbench=GemmBenchmark
 * mvn -q -pl tensor test-compile exec:exec@bench -Dbench=FmaCeilingBenchmark
 * </pre>
 * Without Maven: {@code java --add-modules=jdk.incubator.vector -cp <test classpath> vit.tensor.bench.Benchmarks [regex]}.
 * Numbers from a machine shared with other work are noisy; compare runs made side by side.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 && !args[0].isBlank() ? args[0] : "vit.tensor.bench.*";
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(include).build()).run();
        System.out.println();
        System.out.println("GFLOP/s (score x flops per call):");
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
            System.out.printf(Locale.ROOT, "%-45s%-55s %8.1f +- %.1f%n", name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                params, perSecond * flops / 1e9, error * flops / 1e9);
        }
    }
}
