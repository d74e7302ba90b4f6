// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static vit.tensor.cuda.CudaDriver.check;

import java.util.HashMap;
import java.util.Map;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Compiles the {@code .cu} modules with NVRTC to a CUBIN for this GPU's architecture on first use, keeps the
 * loaded modules for the life of the process, and launches kernels on the default stream.
 */
final class Kernels {
    private final CudaContext context;
    private final Map<String, CUmod_st> modules = new HashMap<>();
    private final Map<String, CUfunc_st> functions = new HashMap<>();

    Kernels(CudaContext context) {
        this.context = context;
    }

    /** Launches {@code module}'s kernel {@code name} with {@code args}. */
    void launch(String module, String name, LaunchConfig config, KernelArgs args) {
        CUfunc_st f = function(module, name);
        context.makeCurrent();
        check(cudart.cuLaunchKernel(f, config.gridX(), 1, 1, config.blockX(), 1, 1, 0, (CUstream_st) null, args.array(),
            (PointerPointer<?>) null), "cuLaunchKernel(" + name + ")");
    }

    private synchronized CUfunc_st function(String module, String name) {
        String key = module + "/" + name;
        CUfunc_st f = functions.get(key);
        if (f == null) {
            CUmod_st m = modules.get(module);
            if (m == null) {
                m = load(module);
                modules.put(module, m);
            }
            f = new CUfunc_st();
            check(cudart.cuModuleGetFunction(f, m, name), "cuModuleGetFunction(" + name + ")");
            functions.put(key, f);
        }
        return f;
    }

    private CUmod_st load(String module) {
        CudaDriver.DeviceInfo info = context.info();
        byte[] cubin = Nvrtc.compile(module, info.ccMajor(), info.ccMinor());
        context.makeCurrent();
        CUmod_st m = new CUmod_st();
        try (BytePointer image = new BytePointer(cubin)) {
            check(cudart.cuModuleLoadData(m, image), "cuModuleLoadData(" + module + ".cu)");
        }
        return m;
    }
}
