// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import vit.tensor.Device;
import vit.tensor.Storage;

/** Floats in GPU memory: a device address and a length. {@link #release()} frees the memory at once. */
public final class CudaStorage implements Storage {
    private final CudaContext context;
    private final long length;
    private long address;
    private boolean released;

    CudaStorage(CudaContext context, long address, long length) {
        this.context = context;
        this.address = address;
        this.length = length;
    }

    /** The device address of element 0 ({@code CUdeviceptr}); 0 for an empty buffer. */
    public long address() {
        if (released) {
            throw new IllegalStateException("CUDA storage of " + length + " floats was released");
        }
        return address;
    }

    @Override
    public Device device() {
        return Device.CUDA;
    }

    @Override
    public long length() {
        return released ? 0 : length;
    }

    @Override
    public synchronized void release() {
        if (!released) {
            released = true;
            long a = address;
            address = 0;
            context.free(a);
        }
    }

    @Override
    public boolean isReleased() {
        return released;
    }
}
