// SPDX-License-Identifier: MIT
package vit.model;

import java.io.IOException;

/** A checkpoint that cannot become a ViT; the message names the file and every offending key. */
public final class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
