// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.bytedeco.cuda.global.cudart.CUDA_SUCCESS;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static org.bytedeco.cuda.global.cudart.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

import java.nio.charset.StandardCharsets;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * The native half of the probe: loads the JavaCPP CUDA classes and asks the driver what is there. Only
 * reached after {@link Cuda}'s file checks passed; every failure becomes a one-line reason.
 */
final class CudaDriver {
    /** CUDA 13 needs a driver that reports driver API version 13.0 or newer (driver branch >= 580). */
    static final int MIN_DRIVER_API = 13000;

    /** What the driver reported about one device. */
    record DeviceInfo(int ordinal, String name, int ccMajor, int ccMinor, int multiprocessors, long totalMemory,
                      int driverVersion, int nvrtcMajor, int nvrtcMinor) {
        String describe() {
            return String.format("%s (sm_%d%d, %d SMs, %.1f GiB), driver API %d.%d, NVRTC %d.%d", name, ccMajor, ccMinor,
                multiprocessors, totalMemory / (double) (1L << 30), driverVersion / 1000, driverVersion % 1000 / 10,
                nvrtcMajor, nvrtcMinor);
        }
    }

    private CudaDriver() {
    }

    /** Loads the libraries and queries device {@code ordinal}; throws with the reason when CUDA is not usable. */
    static DeviceInfo query(int ordinal) {
        Loader.load(cudart.class);
        int[] v = new int[1];
        check(cudart.cuDriverGetVersion(v), "cuDriverGetVersion");
        int driver = v[0];
        if (driver < MIN_DRIVER_API) {
            throw new IllegalStateException(String.format(
                "the NVIDIA driver supports CUDA %d.%d, older than CUDA 13 needs (driver >= 580)", driver / 1000,
                driver % 1000 / 10));
        }
        int r = cudart.cuInit(0);
        if (r != CUDA_SUCCESS) {
            throw new IllegalStateException("no usable GPU device: cuInit failed with " + errorName(r));
        }
        int[] count = new int[1];
        check(cudart.cuDeviceGetCount(count), "cuDeviceGetCount");
        if (count[0] <= ordinal) {
            throw new IllegalStateException(count[0] == 0 ? "no GPU device (the driver sees 0 devices)"
                : "no GPU device " + ordinal + " (the driver sees " + count[0] + ")");
        }
        int[] dev = new int[1];
        check(cudart.cuDeviceGet(dev, ordinal), "cuDeviceGet");
        int major = attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev[0]);
        int minor = attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev[0]);
        int sms = attribute(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev[0]);
        byte[] name = new byte[256];
        check(cudart.cuDeviceGetName(name, name.length, dev[0]), "cuDeviceGetName");
        long total;
        try (SizeTPointer bytes = new SizeTPointer(1)) {
            check(cudart.cuDeviceTotalMem(bytes, dev[0]), "cuDeviceTotalMem");
            total = bytes.get();
        }
        try {
            Loader.load(org.bytedeco.cuda.global.cublas.class);
        } catch (Throwable t) {
            throw new IllegalStateException("cuBLAS could not be loaded (libcublas.so.13, libcublasLt.so.13): " + t, t);
        }
        int[] nvMajor = new int[1];
        int[] nvMinor = new int[1];
        try {
            Loader.load(nvrtc.class);
            int nr = nvrtc.nvrtcVersion(nvMajor, nvMinor);
            if (nr != nvrtc.NVRTC_SUCCESS) {
                throw new IllegalStateException("nvrtcVersion failed with code " + nr);
            }
        } catch (Throwable t) {
            throw new IllegalStateException("NVRTC could not be loaded (libnvrtc.so.13): " + t, t);
        }
        return new DeviceInfo(ordinal, cString(name), major, minor, sms, total, driver, nvMajor[0], nvMinor[0]);
    }

    private static int attribute(int attr, int dev) {
        int[] out = new int[1];
        check(cudart.cuDeviceGetAttribute(out, attr, dev), "cuDeviceGetAttribute");
        return out[0];
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** Throws {@link CudaException} naming {@code call} unless {@code result} is CUDA_SUCCESS. */
    static void check(int result, String call) {
        if (result != CUDA_SUCCESS) {
            throw new CudaException(call + " failed: " + errorName(result));
        }
    }

    static String errorName(int result) {
        try (PointerPointer<BytePointer> name = new PointerPointer<>(1); PointerPointer<BytePointer> text = new PointerPointer<>(1)) {
            String n = cudart.cuGetErrorName(result, name) == CUDA_SUCCESS ? name.getString(0) : "CUresult " + result;
            String s = cudart.cuGetErrorString(result, text) == CUDA_SUCCESS ? text.getString(0) : null;
            return s == null ? n : n + " (" + s + ")";
        }
    }
}
