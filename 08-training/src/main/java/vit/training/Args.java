// SPDX-License-Identifier: MIT
package vit.training;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of a subcommand, checked against the names it knows so that a typo
 * is an error rather than silently ignored.
 */
final class Args {
    /** Options that take no value: present or not. */
    static final Set<String> SWITCHES = Set.of("no-download");

    private final String command;
    private final Map<String, String> values = new LinkedHashMap<>();

    Args(String command, String[] args, int from, Set<String> known) {
        this.command = command;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !known.contains(a.substring(2))) {
                throw new IllegalArgumentException(command + ": unknown option '" + a + "' (options: --" + String.join(", --", known) + ")");
            }
            if (SWITCHES.contains(a.substring(2))) {
                values.put(a.substring(2), "true");
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(command + ": option " + a + " needs a value");
            }
            values.put(a.substring(2), args[++i]);
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** Whether the switch {@code --name} was given. */
    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** Where Fashion-MNIST comes from: {@code --data}, {@code --mirror}, {@code --no-download}. */
    vit.training.data.DataOptions dataOptions() {
        return vit.training.data.DataOptions.of(path("data", null), string("mirror", null), !flag("no-download"));
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    Path path(String name, Path fallback) {
        return values.containsKey(name) ? Path.of(values.get(name)) : fallback;
    }

    int integer(String name, int fallback, int min) {
        if (!values.containsKey(name)) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(values.get(name));
            if (v < min) {
                throw new IllegalArgumentException(command + ": --" + name + " must be at least " + min + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": --" + name + " expects a whole number, got '" + values.get(name) + "'");
        }
    }

    double number(String name, double fallback) {
        if (!values.containsKey(name)) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(values.get(name));
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(command + ": --" + name + " must be a finite number >= 0, got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": --" + name + " expects a number, got '" + values.get(name) + "'");
        }
    }
}
