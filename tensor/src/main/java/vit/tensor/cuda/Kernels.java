// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static vit.tensor.cuda.CudaDriver.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

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
        byte[] cubin = compile(module);
        context.makeCurrent();
        CUmod_st m = new CUmod_st();
        try (BytePointer image = new BytePointer(cubin)) {
            check(cudart.cuModuleLoadData(m, image), "cuModuleLoadData(" + module + ".cu)");
        }
        return m;
    }

    /** NVRTC: {@code module}.cu (with common.cuh) to a CUBIN for sm_XY of this device. */
    private byte[] compile(String module) {
        String file = module + ".cu";
        CudaDriver.DeviceInfo info = context.info();
        List<String> options = KernelSources.options(info.ccMajor(), info.ccMinor());
        _nvrtcProgram program = new _nvrtcProgram();
        try (BytePointer source = new BytePointer(KernelSources.read(file));
             BytePointer name = new BytePointer(file);
             PointerPointer<BytePointer> headers = new PointerPointer<>(KernelSources.read(KernelSources.HEADER));
             PointerPointer<BytePointer> includeNames = new PointerPointer<>(KernelSources.HEADER);
             PointerPointer<BytePointer> opts = new PointerPointer<>(options.toArray(new String[0]))) {
            nvrtcCheck(nvrtc.nvrtcCreateProgram(program, source, name, 1, headers, includeNames), "nvrtcCreateProgram", null);
            try {
                int r = nvrtc.nvrtcCompileProgram(program, options.size(), opts);
                nvrtcCheck(r, "nvrtcCompileProgram(" + file + ", " + options + ")", program);
                try (SizeTPointer size = new SizeTPointer(1)) {
                    nvrtcCheck(nvrtc.nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize", program);
                    byte[] cubin = new byte[Math.toIntExact(size.get())];
                    nvrtcCheck(nvrtc.nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN", program);
                    return cubin;
                }
            } finally {
                nvrtc.nvrtcDestroyProgram(program);
            }
        }
    }

    private static void nvrtcCheck(int result, String call, _nvrtcProgram program) {
        if (result == nvrtc.NVRTC_SUCCESS) {
            return;
        }
        String log = "";
        if (program != null) {
            try (SizeTPointer size = new SizeTPointer(1)) {
                if (nvrtc.nvrtcGetProgramLogSize(program, size) == nvrtc.NVRTC_SUCCESS && size.get() > 1) {
                    byte[] text = new byte[Math.toIntExact(size.get())];
                    nvrtc.nvrtcGetProgramLog(program, text);
                    log = "\n" + new String(text, 0, text.length - 1, java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        throw new CudaException(call + " failed: " + nvrtc.nvrtcGetErrorString(result).getString() + log);
    }
}
