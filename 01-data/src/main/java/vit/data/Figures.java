// SPDX-License-Identifier: MIT
package vit.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the chapters write their pictures: {@code target/figures/} under the directory the program runs
 * from (the repository root for the README's commands, the module's folder in tests), or the folder
 * named by the system property {@code vit.figures}.
 */
public final class Figures {
    private Figures() {
    }

    /** The path for a figure called {@code fileName}, its folder created. */
    public static Path path(String fileName) {
        Path dir = Path.of(System.getProperty("vit.figures", "target/figures"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the figures folder " + dir.toAbsolutePath(), e);
        }
        return dir.resolve(fileName);
    }
}
