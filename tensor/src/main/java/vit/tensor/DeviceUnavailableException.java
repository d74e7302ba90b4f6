// SPDX-License-Identifier: MIT
package vit.tensor;

/** A device was asked for that this process cannot use; the message says what was looked for and found. */
public final class DeviceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeviceUnavailableException(String message) {
        super(message);
    }

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
