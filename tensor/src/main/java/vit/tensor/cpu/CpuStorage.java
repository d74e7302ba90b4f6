// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import vit.tensor.Device;
import vit.tensor.Storage;

/** Numbers in a Java {@code float[]} on the heap. */
public final class CpuStorage implements Storage {
    private float[] data;
    /** Whether {@link CpuBackend#allocate} made the array, so that {@link #release} may give it to the {@link ArrayPool}. */
    private final boolean pooled;

    /** Storage over the caller's array, which stays the caller's: releasing it only drops the reference. */
    public CpuStorage(float[] data) {
        this(data, false);
    }

    CpuStorage(float[] data, boolean pooled) {
        this.data = data;
        this.pooled = pooled;
    }

    /** The backing array; only CPU kernels touch it. */
    public float[] data() {
        if (data == null) {
            throw new IllegalStateException("CPU storage was released");
        }
        return data;
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    @Override
    public long length() {
        return data == null ? 0 : data.length;
    }

    @Override
    public void release() {
        if (pooled && data != null) {
            ArrayPool.give(data);
        }
        data = null;
    }

    @Override
    public boolean isReleased() {
        return data == null;
    }
}
