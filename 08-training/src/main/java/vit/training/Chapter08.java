// SPDX-License-Identifier: MIT
package vit.training;

import java.io.PrintStream;
import vit.attention.Variant;
import vit.model.ViTConfig;
import vit.tensor.cpu.Parallel;

/**
 * Chapter 08, training: a small ViT learns Fashion-MNIST on the CPU. Without arguments it runs a short
 * demo; {@code train} and {@code evaluate} are the real thing:
 * <pre>
 *   mvn -q -pl 08-training exec:java -Dexec.args="train --epochs 10"
 *   mvn -q -pl 08-training exec:java -Dexec.args="evaluate --checkpoint target/fashion-vit.safetensors"
 * </pre>
 */
public final class Chapter08 {
    /**
     * The model this chapter trains: 28 x 28 grey images cut into 49 patches of 4 x 4, tokens of 64
     * numbers, 6 blocks of 4 heads, the paper's (timm's) attention and cls-token pooling; about 0.3M parameters.
     */
    public static final ViTConfig FASHION = new ViTConfig("fashion", 1, 4, 64, 28, 6, 4, 4, 10, 0f, Variant.TIMM);

    static final String USAGE = String.join("\n",
        "usage: Chapter08                      a short demo (about half a minute)",
        "       Chapter08 train [options]      train on Fashion-MNIST",
        "         --data DIR (default: " + FashionMnist.DEFAULT_DIR + ", else $VIT_DATA or ~/.cache/vit-java/fashion-mnist)",
        "         --mirror URL|DIR (download from there)  --no-download  --epochs N (10)  --batch N (128)  --lr X (1e-3)",
        "         --min-lr X (1e-5)  --warmup STEPS (min(500, total/10))  --weight-decay X (0.05)  --clip X (1.0, 0 = off)",
        "         --seed N (0)  --limit N (training images)  --test-limit N  --max-steps N  --out FILE  --resume FILE",
        "       Chapter08 evaluate --checkpoint FILE [--data DIR] [--mirror URL|DIR] [--no-download] [--batch N] [--test-limit N]",
        "missing Fashion-MNIST files are downloaded (checked against the release's MD5) into --data DIR, else the cache folder",
        "both take --threads N (default: -Dvit.threads, else every core)");

    private Chapter08() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);    // only on failure: under exec:java this ends Maven too
        }
    }

    /** The value of {@code --threads} anywhere in {@code args}, or the current thread count. */
    static int threads(String[] args) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals("--threads")) {
                try {
                    int n = Integer.parseInt(args[i + 1]);
                    if (n >= 1) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // falls through to the error below
                }
                throw new IllegalArgumentException("--threads expects a whole number of at least 1, got '" + args[i + 1] + "'");
            }
        }
        return Parallel.threads();
    }

    /** Runs a command; returns the exit status (0 ok, 1 failure, 2 bad usage). */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            Demo.run(out);
            return 0;
        }
        try (AutoCloseable threads = Parallel.withThreads(threads(args))) {
            switch (args[0]) {
                case "train":
                    TrainCommand.run(TrainCommand.Settings.parse(args), out);
                    return 0;
                case "evaluate":
                    EvaluateCommand.run(args, out);
                    return 0;
                case "help":
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                default:
                    err.println("unknown command '" + args[0] + "'\n" + USAGE);
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (java.io.IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
