// SPDX-License-Identifier: MIT
package vit.tensor;

/**
 * Where a tensor's numbers live. The CPU always works; CUDA works when {@link #isAvailable()} says so.
 *
 * <p>This enum is the project's one table of backends: {@link #backend()} names {@code CpuBackend} and {@code Cuda},
 * and they name {@code Device} back, only to say which device a backend or a storage belongs to. The circle is kept
 * on purpose. It stays inside the tensor module; the JVM loads {@code vit.tensor.cuda} only when CUDA is asked for,
 * so a CPU-only machine never touches it; and each way of breaking it costs more than it saves: a registry the
 * backends add themselves to is global mutable state with an order of initialisation to get wrong, a
 * {@code ServiceLoader} is reflection and a file under {@code META-INF}, and backends that did not know their device
 * would need {@code instanceof} checks somewhere that names them anyway. A third backend is one more constant here
 * and one more case in {@link #backend()}.
 */
public enum Device {
    CPU,
    CUDA;

    /** The kernels for this device; CUDA fails with a one-line reason when it is not usable. */
    public Backend backend() {
        return this == CPU ? vit.tensor.cpu.CpuBackend.instance() : vit.tensor.cuda.Cuda.backend();
    }

    /** Whether this device can run kernels in this process (probed once, never crashes). */
    public boolean isAvailable() {
        return this == CPU || vit.tensor.cuda.Cuda.probe().available();
    }

    /**
     * Parses {@code cpu}, {@code cuda} or {@code auto}. {@code auto} picks CUDA when usable, else the CPU;
     * {@code cuda} fails with the probe's reason when CUDA is not usable.
     */
    public static Device parse(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "cpu":
                return CPU;
            case "cuda":
                var probe = vit.tensor.cuda.Cuda.probe();
                if (!probe.available()) {
                    throw new DeviceUnavailableException("CUDA was asked for but is not usable: " + probe.reason());
                }
                return CUDA;
            case "auto":
                return vit.tensor.cuda.Cuda.probe().available() ? CUDA : CPU;
            default:
                throw new IllegalArgumentException("unknown device '" + name + "' (expected cpu, cuda or auto)");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
