// SPDX-License-Identifier: MIT
package vit.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;
import vit.attention.Variant;
import vit.model.Resample;
import vit.model.ViTConfig;

/**
 * The project's command line, {@code vit <command> [flags]}: one picocli program for chapter 07's model commands and
 * chapter 08's training. Exit status 0 on success, 1 when the work failed (a bad file, no GPU), 2 for a wrong command
 * line; every error is one line, never a stack trace. The {@code ./vit} launcher at the repository root runs it.
 */
@Command(name = "vit", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = Vit.Version.class,
    usageHelpAutoWidth = true,
    description = "The Vision Transformer, rebuilt in Java: classify a picture, draw attention, run, time or train a ViT.",
    subcommands = {ClassifyCommand.class, AttentionCommand.class, ForwardCommand.class, SummaryCommand.class, BenchCommand.class,
        TrainCommand.class, EvaluateCommand.class, AutoComplete.GenerateCompletion.class},
    footer = {"", "'vit <command> --help' lists a command's flags; flags are written --name value or --name=value."})
public final class Vit implements Runnable {
    static final int OK = CommandLine.ExitCode.OK;
    static final int FAILED = CommandLine.ExitCode.SOFTWARE;
    static final int USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    CommandSpec spec;

    /** Where the commands print: the streams {@link #run} was given. */
    final PrintStream out;
    final PrintStream err;

    private Vit(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Vit(out, err));
        cl.registerConverter(Variant.class, text -> convert(Variant::parse, text));
        cl.registerConverter(Resample.Mode.class, text -> convert(Resample.Mode::parse, text));
        cl.registerConverter(ViTConfig.class, text -> convert(ViTConfig::preset, text));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler(Vit::usageError);
        cl.setExecutionExceptionHandler((e, line, parsed) -> failure(e, line));
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        return cl;
    }

    /** A flag's value through the parser that names what it accepts; its message becomes the usage error as it is. */
    private static <T> T convert(java.util.function.Function<String, T> parse, String text) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** {@code vit} alone: the list of commands, as a wrong command line. */
    @Override
    public void run() {
        err.print(spec.commandLine().getUsageMessage());
        throw new MissingCommand();
    }

    /** Thrown by a bare {@code vit} after it printed the overview: exit status 2, nothing more to say. */
    private static final class MissingCommand extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** A wrong command line: one line naming the command and the flag, a suggestion where picocli has one. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        StringBuilder line = new StringBuilder("error: ").append(cl.getCommandSpec().qualifiedName()).append(": ")
            .append(oneLine(e.getMessage()));
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", u.getSuggestions().subList(0, Math.min(3, u.getSuggestions().size()))))
                .append("?)");
        }
        line.append("; see '").append(cl.getCommandSpec().qualifiedName()).append(" --help'");
        cl.getErr().println(line);
        return USAGE;
    }

    /** The work failed: one line saying why. */
    private static int failure(Exception e, CommandLine cl) {
        if (e instanceof MissingCommand) {
            return USAGE;
        }
        if (e instanceof ParameterException p) {
            return usageError(p, new String[0]);
        }
        String message;
        if (e instanceof NoSuchFileException f) {
            message = "no such file: " + f.getFile();
        } else if (e.getMessage() == null || e.getMessage().isBlank()) {
            message = e.getClass().getSimpleName();
        } else {
            message = oneLine(e.getMessage());
        }
        cl.getErr().println("error: " + message);
        return FAILED;
    }

    /** A message that spans lines (a list of problems) joined into one. */
    static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** {@code --version}: the version Maven wrote into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Vit.class.getPackage().getImplementationVersion();
            return new String[] {"vit " + (v == null ? "(development build)" : v) + ", Java " + System.getProperty("java.version")};
        }
    }
}
