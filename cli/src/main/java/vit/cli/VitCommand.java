// SPDX-License-Identifier: MIT
package vit.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import vit.tensor.cpu.Parallel;

/** What every subcommand shares: {@code --threads N}, the streams to print to, and one-line usage errors. */
abstract class VitCommand implements Callable<Integer> {
    @ParentCommand
    Vit root;

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for the kernels (default: -Dvit.threads, else every core)")
    Integer threads;

    @Override
    public final Integer call() throws Exception {
        int n = threads == null ? Parallel.threads() : atLeast("--threads", threads, 1);
        try (var t = Parallel.withThreads(n)) {
            return work();
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException("out of memory (" + e.getMessage() + "); try a smaller --batch or a larger -Xmx", e);
        }
    }

    /** The command's work, on {@code --threads} threads; returns the exit status. */
    abstract int work() throws Exception;

    PrintStream out() {
        return root.out;
    }

    PrintStream err() {
        return root.err;
    }

    /** A wrong command line, reported as such (exit status 2). */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    int atLeast(String flag, int value, int min) {
        if (value < min) {
            throw usage(flag + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    double finiteAtLeastZero(String flag, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw usage(flag + " must be a finite number >= 0, got " + value);
        }
        return value;
    }
}
