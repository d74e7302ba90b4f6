// SPDX-License-Identifier: MIT
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a HotSpot compilation log and says, for each C2 compile of the project's methods, where C2 was unsure of a
 * Vector API receiver's class: the call sites it inlined behind a class check on the profile, and those it left as
 * virtual calls. A vector whose class C2 does not know exactly is boxed, and the operations after it can lose their
 * intrinsics (the kernels then run 2-100 times slower, from one process to the next). C2 is unsure of a receiver that
 * is a loop-carried vector, or the result of a call it inlined late, past about 18,000 nodes in one compile; a class
 * check becomes a virtual call once the class-check traps counted over the methods a compile inlines pass
 * {@code -XX:PerMethodTrapLimit} (100). {@code docs/PERFORMANCE.md} ("JIT checks") tells the story.
 *
 * <pre>
 *   VIT_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=/tmp/c2.xml" \
 *       ./vit bench --preset vit-b-16 --batch 1 --iters 3
 *   java scripts/JitGuards.java /tmp/c2.xml [METHOD_REGEX]     # default: ^vit\.tensor\.cpu\.
 * </pre>
 *
 * Prints one line per compile that has either, and exits 1 when a compile that is not an on-stack replacement left a
 * call into {@code jdk.incubator.vector} virtual on a path that runs (the "(vector)" column): that one is the slow kind.
 */
public class JitGuards {
    private static final Pattern TASK = Pattern.compile("^<task compile_id='(\\d+)'( compile_kind='osr')? method='([^ ']+) ([^ ']+)");
    private static final Pattern KLASS = Pattern.compile("^<klass id='(\\d+)' name='([^']+)'");
    private static final Pattern METHOD = Pattern.compile("^<method id='(\\d+)' holder='(\\d+)' name='([^']+)'");
    private static final Pattern CALL = Pattern.compile("^<call method='(\\d+)' count='(-?\\d+)'");

    /** What one compile holds. */
    private record Compile(String method, boolean osr, String id, int checked, int virtual, int vectorVirtual, boolean overLimit) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: JitGuards LOG_FILE [METHOD_REGEX]   (the log from -XX:+LogCompilation -XX:LogFile=LOG_FILE)");
            System.exit(2);
        }
        Path log = Path.of(args[0]);
        if (!Files.isRegularFile(log)) {
            System.err.println("error: " + log + " is not a file: expected the log of -XX:+LogCompilation -XX:LogFile=" + log);
            System.exit(2);
        }
        Pattern wanted;
        try {
            wanted = Pattern.compile(args.length > 1 ? args[1] : "^vit\\.tensor\\.cpu\\.");
        } catch (java.util.regex.PatternSyntaxException e) {
            System.err.println("error: METHOD_REGEX " + args[1] + " is not a regular expression: " + e.getDescription());
            System.exit(2);
            return;
        }
        List<Compile> compiles = new ArrayList<>();
        int tasks = 0;
        boolean anyTask = false;
        try (BufferedReader in = Files.newBufferedReader(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            String method = null;
            String id = null;
            boolean osr = false;
            int checked = 0, virtual = 0, vectorVirtual = 0;
            boolean overLimit = false;
            String lastCallHolder = "";
            Map<String, String> klasses = new HashMap<>();
            Map<String, String> holders = new HashMap<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("<task ")) {
                    anyTask = true;
                    Matcher m = TASK.matcher(line);
                    // C2's tasks carry no level; C1's are level 1-3
                    method = m.find() && !line.contains(" level='") ? m.group(3) + "." + m.group(4) : null;
                    if (method != null && !wanted.matcher(method).find()) {
                        method = null;
                    }
                    if (method != null) {
                        tasks++;
                        id = m.group(1);
                        osr = m.group(2) != null;
                        checked = virtual = vectorVirtual = 0;
                        overLimit = false;
                        lastCallHolder = "";
                        klasses.clear();
                        holders.clear();
                    }
                    continue;
                }
                if (method == null) {
                    continue;
                }
                Matcher m;
                if (line.startsWith("</task>")) {
                    if (checked > 0 || virtual > 0) {
                        compiles.add(new Compile(method, osr, id, checked, virtual, vectorVirtual, overLimit));
                    }
                    method = null;
                } else if ((m = KLASS.matcher(line)).find()) {
                    klasses.put(m.group(1), m.group(2));
                } else if ((m = METHOD.matcher(line)).find()) {
                    holders.put(m.group(1), m.group(2));
                } else if ((m = CALL.matcher(line)).find()) {
                    // a call the profile never saw run (count -1) is on a path that does not run either
                    lastCallHolder = Integer.parseInt(m.group(2)) > 0 ? klasses.getOrDefault(holders.get(m.group(1)), "") : "";
                } else if (line.startsWith("<virtual_call ")) {
                    virtual++;
                    if (lastCallHolder.startsWith("jdk.incubator.vector.")) {
                        vectorVirtual++;
                    }
                } else if (line.startsWith("<uncommon_trap bci=") && line.contains("reason='class_check'")
                    && line.contains("vcall checkcast")) {
                    checked++;
                } else if (line.startsWith("<observe trap='class_check' count='0'")) {
                    overLimit = true;
                }
            }
        }
        if (!anyTask) {
            System.err.println("error: " + log + " holds no compile tasks: expected the log of -XX:+LogCompilation -XX:LogFile=" + log);
            System.exit(2);
        }
        System.out.printf("%d C2 compiles of methods matching %s in %s; %d with receivers of unsure class:%n",
            tasks, wanted, log, compiles.size());
        String row = "%-60s %-6s %-7s %8s %8s %8s %s%n";
        System.out.printf(row, "method", "kind", "compile", "checked", "virtual", "(vector)", "trap limit passed");
        boolean slow = false;
        for (Compile c : compiles) {
            System.out.printf(row, c.method, c.osr ? "osr" : "normal", c.id, c.checked, c.virtual, c.vectorVirtual,
                c.overLimit ? "yes" : "no");
            slow |= !c.osr && c.vectorVirtual > 0;
        }
        if (slow) {
            System.out.println("a normal compile left Vector API calls virtual: its vectors are boxed"
                + " (see docs/PERFORMANCE.md, JIT checks)");
            System.exit(1);
        }
    }
}
