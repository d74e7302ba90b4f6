// SPDX-License-Identifier: MIT
package vit.tensor.io;

import java.io.IOException;

/**
 * A safetensors file that cannot be read as it stands: its message names the file, the tensor, and the
 * expected and the actual value, so that a broken checkpoint can be fixed without a hex editor.
 */
public final class SafeTensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;

    /** {@code problem} is prefixed with {@code source} (a file name or another label for the bytes). */
    public SafeTensorsException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public SafeTensorsException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file name (or label) the bytes came from. */
    public String source() {
        return source;
    }
}
