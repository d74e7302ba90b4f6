// SPDX-License-Identifier: MIT
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the ViT-B/16 forward of two builds of the tensor module in one process, alternating: each build gets its own
 * class loader (its classes first, then the cli jar and its libraries), and the two take turns running {@code bench}.
 * On a shared virtual machine the same build moves by 10-25% from one process to the next, more than most kernel
 * changes are worth; within one process, turns a few seconds apart see the same machine.
 *
 * <pre>
 *   ./mvnw install -DskipTests                          # the cli jar and its libraries (cli/target)
 *   git worktree add /tmp/old HEAD~1 &amp;&amp; (cd /tmp/old &amp;&amp; ./mvnw -q -pl tensor compile)
 *   java --add-modules=jdk.incubator.vector -XX:+UseParallelGC [-XX:UseAVX=2] scripts/ForwardAB.java \
 *       /tmp/old/tensor/target/classes tensor/target/classes BATCH ROUNDS [ITERS]
 * </pre>
 *
 * Prints each build's median forward (ms) over the rounds, and every round's figure. The first round of each is a
 * warm-up and not counted.
 */
public class ForwardAB {
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: ForwardAB OLD_CLASSES NEW_CLASSES BATCH ROUNDS [ITERS]");
            System.exit(2);
        }
        String[] builds = {args[0], args[1]};
        String batch = args[2];
        int rounds = Integer.parseInt(args[3]);
        String iters = args.length > 4 ? args[4] : "3";
        File lib = new File("cli/target/lib");
        File[] jars = lib.listFiles((dir, name) -> name.endsWith(".jar"));
        File[] cli = new File("cli/target").listFiles((dir, name) -> name.startsWith("cli-") && name.endsWith(".jar"));
        if (jars == null || cli == null || cli.length == 0) {
            System.err.println("error: cli/target has no cli jar or lib: run ./mvnw install -DskipTests from the repository root first");
            System.exit(1);
        }
        Method[] bench = new Method[2];
        for (int v = 0; v < 2; v++) {
            File classes = new File(builds[v]);
            if (!new File(classes, "vit/tensor/Tensor.class").isFile()) {
                System.err.println("error: " + builds[v] + " holds no vit/tensor/Tensor.class: expected a tensor/target/classes folder");
                System.exit(1);
            }
            List<URL> urls = new ArrayList<>();
            urls.add(classes.toURI().toURL());
            urls.add(cli[0].toURI().toURL());
            for (File jar : jars) {
                urls.add(jar.toURI().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            bench[v] = loader.loadClass("vit.cli.Vit").getMethod("run", String[].class, PrintStream.class, PrintStream.class);
        }
        Pattern median = Pattern.compile("median ([0-9.,]+) ms");
        List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>());
        for (int round = -1; round < rounds; round++) {
            for (int turn = 0; turn < 2; turn++) {
                int v = (Math.max(round, 0) + turn) % 2; // old first in even rounds, new first in odd ones
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                String[] run = {"bench", "--preset", "vit-b-16", "--batch", batch, "--threads", "2", "--iters",
                    round < 0 ? "2" : iters, "--warmup", "1"};
                Object code = bench[v].invoke(null, run, new PrintStream(out), System.err);
                Matcher m = median.matcher(out.toString());
                if (!Integer.valueOf(0).equals(code) || !m.find()) {
                    System.err.println("error: bench on " + builds[v] + " exited " + code + ":\n" + out);
                    System.exit(1);
                }
                if (round >= 0) {
                    times.get(v).add(Double.parseDouble(m.group(1).replace(",", "")));
                }
            }
        }
        for (int v = 0; v < 2; v++) {
            List<Double> sorted = new ArrayList<>(times.get(v));
            Collections.sort(sorted);
            System.out.printf("%s %s: median %.1f ms, rounds %s%n", v == 0 ? "old" : "new", builds[v], sorted.get(sorted.size() / 2), times.get(v));
        }
    }
}
