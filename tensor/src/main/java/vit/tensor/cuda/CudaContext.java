// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static vit.tensor.cuda.CudaDriver.check;

import org.bytedeco.cuda.cudart.CUctx_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * One GPU's primary context and its memory: allocation, copies and the free-memory query. Device
 * addresses are plain {@code long}s ({@code CUdeviceptr}); every call first makes the context current on
 * the calling thread, so tensors can be used from any Java thread.
 */
final class CudaContext {
    private final CudaDriver.DeviceInfo info;
    private final CUctx_st context;

    private CudaContext(CudaDriver.DeviceInfo info, CUctx_st context) {
        this.info = info;
        this.context = context;
    }

    static CudaContext open(CudaDriver.DeviceInfo info) {
        int[] dev = new int[1];
        check(cudart.cuDeviceGet(dev, info.ordinal()), "cuDeviceGet");
        CUctx_st ctx = new CUctx_st();
        check(cudart.cuDevicePrimaryCtxRetain(ctx, dev[0]), "cuDevicePrimaryCtxRetain");
        CudaContext c = new CudaContext(info, ctx);
        c.makeCurrent();
        return c;
    }

    CudaDriver.DeviceInfo info() {
        return info;
    }

    void makeCurrent() {
        check(cudart.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    /** {@code bytes} of device memory, zero-filled; 0 for an empty request. */
    long allocateZeroed(long floats) {
        if (floats == 0) {
            return 0;
        }
        makeCurrent();
        long[] ptr = new long[1];
        check(cudart.cuMemAlloc(ptr, floats * Float.BYTES), "cuMemAlloc of " + floats * Float.BYTES + " bytes");
        check(cudart.cuMemsetD32(ptr[0], 0, floats), "cuMemsetD32");
        return ptr[0];
    }

    void free(long address) {
        if (address != 0) {
            makeCurrent();
            check(cudart.cuMemFree(address), "cuMemFree");
        }
    }

    void upload(float[] host, long address) {
        if (host.length == 0) {
            return;
        }
        makeCurrent();
        try (FloatPointer staging = new FloatPointer(host)) {
            check(cudart.cuMemcpyHtoD(address, staging, (long) host.length * Float.BYTES), "cuMemcpyHtoD");
        }
    }

    /** Copies {@code count} floats from {@code address} into {@code dst[0..count)}; waits for pending kernels. */
    void download(long address, float[] dst, int count) {
        if (count == 0) {
            return;
        }
        makeCurrent();
        try (FloatPointer staging = new FloatPointer(count)) {
            check(cudart.cuMemcpyDtoH(staging, address, (long) count * Float.BYTES), "cuMemcpyDtoH");
            staging.get(dst, 0, count);
        }
    }

    void copyDeviceToDevice(long src, long dst, long floats) {
        if (floats > 0) {
            makeCurrent();
            check(cudart.cuMemcpyDtoD(dst, src, floats * Float.BYTES), "cuMemcpyDtoD");
        }
    }

    void fillZero(long address, long floats) {
        if (floats > 0) {
            makeCurrent();
            check(cudart.cuMemsetD32(address, 0, floats), "cuMemsetD32");
        }
    }

    void synchronize() {
        makeCurrent();
        check(cudart.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /** {@code {free, total}} device memory in bytes, after waiting for pending work. */
    long[] memoryInfo() {
        synchronize();
        try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
            check(cudart.cuMemGetInfo(free, total), "cuMemGetInfo");
            return new long[] {free.get(), total.get()};
        }
    }
}
