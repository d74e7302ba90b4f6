// SPDX-License-Identifier: MIT
package vit.tensor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a chapter's main and checks that what it prints is what the chapter's README says it prints, so
 * the README's "What it prints" block can never drift from the code.
 *
 * <p>The README holds the block between {@code <!-- begin output -->} and {@code <!-- end output -->}, inside a
 * {@code ```text} fence.
 */
public final class ChapterOutput {
    private ChapterOutput() {
    }

    /** A main method to run. */
    @FunctionalInterface
    public interface Main {
        void run() throws Exception;
    }

    /** Everything {@code main} prints to standard output (also echoed, so the test log shows it). */
    public static String capture(Main main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.run();
        } finally {
            System.setOut(original);
        }
        String text = buf.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        original.print(text);
        return text;
    }

    /** The text of the README's output block. */
    public static String readmeOutput(Path readme) {
        String text;
        try {
            text = Files.readString(readme, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme.toAbsolutePath(), e);
        }
        int begin = text.indexOf("<!-- begin output -->");
        int end = text.indexOf("<!-- end output -->");
        if (begin < 0 || end < begin) {
            throw new AssertionError(readme + " has no <!-- begin output --> ... <!-- end output --> block");
        }
        String block = text.substring(begin, end);
        int fence = block.indexOf("```text\n");
        int close = block.lastIndexOf("```");
        if (fence < 0 || close <= fence) {
            throw new AssertionError(readme + ": the output block needs a ```text fence");
        }
        return block.substring(fence + "```text\n".length(), close);
    }

    /** Asserts that {@code printed} is exactly the README's output block (the module's README.md). */
    public static void assertMatchesReadme(String printed) {
        Path readme = Path.of("README.md");
        assertThat(printed)
            .as("what the main prints must be what %s shows between <!-- begin output --> and <!-- end output -->", readme.toAbsolutePath())
            .isEqualTo(readmeOutput(readme));
    }
}
