// SPDX-License-Identifier: MIT
package vit.tensor.cpu;

import vit.tensor.Device;
import vit.tensor.Storage;

/** Numbers in a Java {@code float[]} on the heap. */
public final class CpuStorage implements Storage {
    private float[] data;

    public CpuStorage(float[] data) {
        this.data = data;
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
        data = null;
    }

    @Override
    public boolean isReleased() {
        return data == null;
    }
}
