// SPDX-License-Identifier: MIT
package vit.model;

/** The command line was wrong (an unknown flag, a missing or malformed value): the user gets the usage, not a stack trace. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
