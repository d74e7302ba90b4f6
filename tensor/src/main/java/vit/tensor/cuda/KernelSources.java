// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The CUDA C sources under {@code src/main/resources/vit/tensor/cuda}, read from the class path. */
public final class KernelSources {
    /** Every kernel module; each is one {@code .cu} file compiled on its own. */
    public static final List<String> MODULES = List.of("copy", "elementwise", "reduce", "softmax", "layernorm", "im2col");
    /** The header every module includes. */
    public static final String HEADER = "common.cuh";

    private KernelSources() {
    }

    /** The text of {@code file} (e.g. {@code "reduce.cu"}). */
    public static String read(String file) {
        try (InputStream in = KernelSources.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("CUDA source " + file + " is missing from the class path (vit/tensor/cuda/)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CUDA source " + file, e);
        }
    }

    /** The NVRTC options for a GPU of compute capability {@code major.minor}: a CUBIN, not PTX. */
    public static List<String> options(int major, int minor) {
        return List.of("--gpu-architecture=sm_" + major + minor, "--fmad=false", "--std=c++17");
    }
}
