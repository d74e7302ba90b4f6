// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Looks for shared libraries the way the dynamic linker would, with plain file checks, so the probe can say
 * "libcuda.so.1 not found" without loading any native code. On Linux: {@code LD_LIBRARY_PATH}, the dirs
 * listed in {@code /etc/ld.so.conf} (with its includes), the standard dirs, and {@code java.library.path};
 * on Windows: {@code PATH} and System32.
 */
public final class LibraryScan {
    private final List<Path> dirs;

    public LibraryScan(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** The dirs this process's dynamic linker searches. */
    public static LibraryScan system() {
        Set<Path> dirs = new LinkedHashSet<>();
        if (isWindows()) {
            addPathList(dirs, System.getenv("PATH"));
            String root = System.getenv("SystemRoot");
            dirs.add(Paths.get(root == null ? "C:\\Windows" : root, "System32"));
        } else {
            addPathList(dirs, System.getenv("LD_LIBRARY_PATH"));
            dirs.addAll(ldSoConf(Paths.get("/etc/ld.so.conf")));
            for (String d : new String[] {"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/lib/wsl/lib"}) {
                dirs.add(Paths.get(d));
            }
        }
        addPathList(dirs, System.getProperty("java.library.path"));
        return new LibraryScan(new ArrayList<>(dirs));
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static void addPathList(Set<Path> dirs, String list) {
        if (list == null) {
            return;
        }
        for (String d : list.split(java.io.File.pathSeparator)) {
            if (!d.isBlank()) {
                dirs.add(Paths.get(d));
            }
        }
    }

    /** The dirs named in an {@code ld.so.conf}, following {@code include} globs; unreadable files count as empty. */
    public static List<Path> ldSoConf(Path conf) {
        List<Path> out = new ArrayList<>();
        readConf(conf, out, 0);
        return out;
    }

    private static void readConf(Path conf, List<Path> out, int depth) {
        if (depth > 8 || !Files.isReadable(conf)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(conf);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (String raw : lines) {
            String line = raw.replaceAll("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("include ")) {
                String pattern = line.substring("include ".length()).trim();
                Path p = conf.getParent().resolve(pattern);
                Path dir = p.getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    continue;
                }
                List<Path> matches = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p.getFileName().toString())) {
                    ds.forEach(matches::add);
                } catch (IOException | RuntimeException e) {
                    continue;
                }
                matches.sort(null);
                for (Path m : matches) {
                    readConf(m, out, depth + 1);
                }
            } else if (!line.startsWith("hwcap")) {
                out.add(Paths.get(line));
            }
        }
    }

    /** The first dir holding a file called {@code name} (e.g. {@code libcuda.so.1}). */
    public Optional<Path> find(String name) {
        for (Path d : dirs) {
            Path f = d.resolve(name);
            if (Files.exists(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public List<Path> dirs() {
        return dirs;
    }

    /** The dirs as one short line for messages. */
    public String describe() {
        return dirs.toString();
    }
}
