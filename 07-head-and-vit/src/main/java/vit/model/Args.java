// SPDX-License-Identifier: MIT
package vit.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny flag parser: {@code --name value} pairs (or {@code --name=value}), each name at most once,
 * every name known to the command. Anything else is a {@link UsageException}, so a typo never passes silently.
 */
public final class Args {
    private final String command;
    private final Map<String, String> values;

    private Args(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    /** Parses {@code args[from..]} for {@code command}, which accepts the flags in {@code known} (names without dashes). */
    public static Args parse(String command, String[] args, int from, Set<String> known) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new UsageException(command + ": unexpected argument '" + a + "' (flags look like --name value)");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(command + ": --" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!known.contains(name)) {
                throw new UsageException(command + ": unknown flag --" + name);
            }
            if (values.put(name, value) != null) {
                throw new UsageException(command + ": --" + name + " is given twice");
            }
        }
        return new Args(command, values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code --name}, or {@code fallback} when absent. */
    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The value of a flag the command cannot do without. */
    public String required(String name) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            throw new UsageException(command + ": --" + name + " is required");
        }
        return v;
    }

    public Path path(String name) {
        String v = values.get(name);
        return v == null ? null : Path.of(v);
    }

    /** An integer of at least {@code min}, or {@code fallback} when absent. */
    public int integer(String name, int fallback, int min) throws UsageException {
        String v = values.get(name);
        return v == null ? fallback : parseInt(name, v, min);
    }

    /** A comma-separated list of integers of at least {@code min}, e.g. {@code --layers 0,11}. */
    public List<Integer> integers(String name, List<Integer> fallback, int min) throws UsageException {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            out.add(parseInt(name, part.trim(), min));
        }
        return out;
    }

    private int parseInt(String name, String v, int min) throws UsageException {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " expects an integer, got '" + v + "'");
        }
        if (n < min) {
            throw new UsageException(command + ": --" + name + " must be at least " + min + ", got " + n);
        }
        return n;
    }

    /** Either flag, but not both ({@code --preset} or {@code --weights}). */
    public void atMostOne(String a, String b) throws UsageException {
        if (has(a) && has(b)) {
            throw new UsageException(command + ": give --" + a + " or --" + b + ", not both");
        }
    }
}
