// SPDX-License-Identifier: MIT
package vit.model;

import java.io.PrintStream;
import java.util.List;
import vit.tensor.Device;

/** One subcommand of the {@link Cli}: its flags, its usage text, and what it does. */
interface Command {
    /** What every subcommand runs with: where to print, and the device chosen by {@code --device}. */
    record Context(PrintStream out, PrintStream err, Device device) {
    }

    String name();

    /** One line for the overview. */
    String summary();

    /** The flag lines of the usage message (without {@code --device} and {@code --threads}, which every command takes). */
    String usage();

    /** The flags this command takes, names without dashes, besides {@code device} and {@code threads}. */
    List<String> flags();

    /** Runs the command; returns the exit status. */
    int run(Args args, Context ctx) throws Exception;
}
