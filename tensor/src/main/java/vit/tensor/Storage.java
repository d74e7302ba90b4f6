// SPDX-License-Identifier: MIT
package vit.tensor;

/**
 * A flat buffer of float32 numbers on one device, shared by a tensor and its views.
 *
 * <p>Device memory is released by {@link #release()}, never by the garbage collector; tensors count their
 * holders and release the storage when the last one is closed (see {@link MemoryScope}).
 */
public interface Storage {
    Device device();

    /** Number of floats. */
    long length();

    /** Frees the memory now. Calling it twice is harmless; using the storage afterwards is an error. */
    void release();

    boolean isReleased();
}
