// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vit.tensor.Backend;
import vit.tensor.DeviceUnavailableException;

/**
 * Entry point to the CUDA backend: a probe that runs once and never crashes, and the backend itself.
 *
 * <p>The probe first checks with plain file lookups that the NVIDIA driver ({@code libcuda.so.1}) and the
 * CUDA 13 libraries (cudart, cuBLAS, cuBLASLt, NVRTC) are on the library path; only then does it load
 * JavaCPP's CUDA classes and ask the driver, inside a catch-all, for its version and a GPU. This class
 * itself refers to no JavaCPP class, so a machine without CUDA never loads one.
 *
 * <p>Configuration, read once: {@code -Dvit.cuda.device=N} picks the GPU (default 0; {@code CUDA_VISIBLE_DEVICES}
 * works too) and {@code -Dvit.cuda.tf32=true} lets cuBLAS use TF32 tensor cores for matrix products.
 */
public final class Cuda {
    private Cuda() {
    }

    /** Whether CUDA is usable, and if not, why (what was looked for, what was found). */
    public record Probe(boolean available, String reason) {
    }

    /** Initialised on first use, by the JVM's class initialisation lock: exactly once per process. */
    private static final class ProbeHolder {
        static final Probe PROBE = run();
    }

    private static final class BackendHolder {
        static final Object BACKEND = open();
    }

    /** Runs the probe on first call and returns the cached answer afterwards. Never throws. */
    public static Probe probe() {
        return ProbeHolder.PROBE;
    }

    /** The CUDA backend; throws {@link DeviceUnavailableException} with the probe's reason when CUDA is not usable. */
    public static Backend backend() {
        return cudaBackend();
    }

    /** The CUDA backend with its extras (device description, memory info). */
    public static CudaBackend cudaBackend() {
        Object b = BackendHolder.BACKEND;
        if (b instanceof CudaBackend) {
            return (CudaBackend) b;
        }
        throw (DeviceUnavailableException) b;
    }

    private static Object open() {
        Probe p = probe();
        if (!p.available()) {
            return new DeviceUnavailableException("CUDA is not usable: " + p.reason());
        }
        try {
            CudaContext ctx = CudaContext.open(CudaDriver.query(deviceOrdinal()));
            return new CudaBackend(ctx, Boolean.getBoolean("vit.cuda.tf32"));
        } catch (Throwable t) {
            return new DeviceUnavailableException("CUDA probe succeeded but the backend could not start: " + oneLine(t), t);
        }
    }

    private static int deviceOrdinal() {
        return Integer.getInteger("vit.cuda.device", 0);
    }

    private static Probe run() {
        try {
            Optional<String> missing = missingLibraries(LibraryScan.system(), System.getProperty("os.name", ""));
            if (missing.isPresent()) {
                return new Probe(false, missing.get());
            }
            return new Probe(true, nativeProbe());
        } catch (LinkageError e) {
            return new Probe(false, "the CUDA libraries are on the library path but could not be loaded: " + oneLine(e));
        } catch (Throwable t) {
            return new Probe(false, oneLine(t));
        }
    }

    /** Kept apart so that the JavaCPP classes are only resolved when this runs. */
    private static String nativeProbe() {
        return CudaDriver.query(deviceOrdinal()).describe();
    }

    /**
     * The cheap pre-check: which required libraries {@code scan} cannot find, as a one-line reason, or empty
     * when all are there. {@code osName} is {@code System.getProperty("os.name")}.
     */
    public static Optional<String> missingLibraries(LibraryScan scan, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean windows = os.startsWith("windows");
        if (!windows && !os.startsWith("linux")) {
            return Optional.of("CUDA is not supported on " + osName + " (only Linux and Windows)");
        }
        String driver = windows ? "nvcuda.dll" : "libcuda.so.1";
        if (scan.find(driver).isEmpty()) {
            return Optional.of("no CUDA driver: " + driver + " not found on the library path; install the NVIDIA driver"
                + " >= 580 (searched " + scan.dirs().size() + " dirs: " + scan.describe() + ")");
        }
        List<String> toolkit = windows
            ? List.of("cudart64_13.dll", "cublas64_13.dll", "cublasLt64_13.dll", "nvrtc64_130_0.dll")
            : List.of("libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libnvrtc.so.13");
        List<String> absent = new ArrayList<>();
        for (String lib : toolkit) {
            if (scan.find(lib).isEmpty()) {
                absent.add(lib);
            }
        }
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        String hint = "";
        LibraryScan usual = new LibraryScan(List.of(Paths.get("/usr/local/cuda/lib64"), Paths.get("/usr/local/cuda/lib"),
            Paths.get("/usr/local/cuda/targets/x86_64-linux/lib"), Paths.get("/usr/local/cuda/targets/sbsa-linux/lib")));
        Optional<Path> elsewhere = usual.find(absent.get(0));
        if (!windows && elsewhere.isPresent()) {
            hint = "; " + absent.get(0) + " is in " + elsewhere.get().getParent()
                + ", which is not on the library path: add it to LD_LIBRARY_PATH";
        }
        return Optional.of("CUDA 13 libraries missing (cuBLAS/NVRTC/cudart): " + String.join(", ", absent)
            + " not found on the library path" + hint + " (searched " + scan.dirs().size() + " dirs: " + scan.describe() + ")");
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        String s = m == null ? t.getClass().getSimpleName() : m.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
