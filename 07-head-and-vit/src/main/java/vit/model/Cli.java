// SPDX-License-Identifier: MIT
package vit.model;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vit.tensor.Device;
import vit.tensor.DeviceUnavailableException;
import vit.tensor.GradMode;
import vit.tensor.cpu.Parallel;
import vit.tensor.cuda.Cuda;

/**
 * The project's command line: {@code classify}, {@code forward}, {@code summary}, {@code attention} and
 * {@code bench}, run from {@link Chapter07#main} when it is given arguments. Every subcommand takes
 * {@code --device cpu|cuda|auto} and {@code --threads N}. Exit status 0 on success, 1 when the work failed
 * (a bad file, no GPU), 2 for a wrong command line; errors are one clear message, never a stack trace.
 */
public final class Cli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : List.of(new ClassifyCommand(), new ForwardCommand(), new SummaryCommand(), new AttentionCommand(),
            new BenchCommand())) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(overview());
            return args.length == 0 ? USAGE : OK;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("error: unknown command '" + args[0] + "'");
            err.print(overview());
            return USAGE;
        }
        if (args.length > 1 && (args[1].equals("--help") || args[1].equals("-h"))) {
            out.print(usage(command));
            return OK;
        }
        try {
            Set<String> known = new HashSet<>(command.flags());
            known.add("device");
            known.add("threads");
            Args parsed = Args.parse(command.name(), args, 1, known);
            int threads = parsed.integer("threads", Parallel.threads(), 1);
            Device device = device(parsed.get("device", "cpu"), out);
            try (var t = Parallel.withThreads(threads); var g = GradMode.disabled()) {
                return command.run(parsed, new Command.Context(out, err, device));
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(usage(command));
            return USAGE;
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + e.getFile());
            return FAILED;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException
                 | DeviceUnavailableException | UnsupportedOperationException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (OutOfMemoryError e) {
            err.println("error: out of memory (" + e.getMessage() + "); try a smaller --batch or a larger -Xmx");
            return FAILED;
        } catch (Exception e) {
            err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return FAILED;
        }
    }

    /** {@code --device}: cpu, cuda (or a one-line reason why not), or auto, which says what it picked and why. */
    static Device device(String spec, PrintStream out) throws UsageException {
        Device d;
        try {
            d = Device.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (spec.equalsIgnoreCase("auto")) {
            out.println(d == Device.CUDA ? "device: cuda (auto: CUDA is usable)"
                : "device: cpu (auto: CUDA is not usable: " + Cuda.probe().reason() + ")");
        }
        return d;
    }

    static String overview() {
        StringBuilder s = new StringBuilder("usage: mvn -q -pl 07-head-and-vit exec:java -Dexec.args=\"<command> [flags]\"\n\ncommands:\n");
        COMMANDS.values().forEach(c -> s.append(String.format("  %-10s %s%n", c.name(), c.summary())));
        s.append("\nevery command takes --device cpu|cuda|auto (default cpu) and --threads N;\n")
            .append("'<command> --help' lists a command's flags.\n");
        return s.toString();
    }

    static String usage(Command c) {
        return "usage: " + c.name() + " [flags]   (" + c.summary() + ")\n" + c.usage()
            + "  --device cpu|cuda|auto   where to run (default cpu; auto prefers cuda)\n"
            + "  --threads N              CPU threads for the kernels (default: all cores)\n";
    }
}
