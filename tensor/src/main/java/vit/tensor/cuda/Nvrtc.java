// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import java.util.List;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/** The run-time compiler: one {@code .cu} module (with {@code common.cuh}) to a CUBIN. Needs no GPU. */
final class Nvrtc {
    private Nvrtc() {
    }

    /** {@code module}.cu to a CUBIN for {@code sm_<major><minor>}; a compile error carries NVRTC's log. */
    static byte[] compile(String module, int major, int minor) {
        Loader.load(nvrtc.class); // also JavaCPP's own natives, which every Pointer below needs
        String file = module + ".cu";
        List<String> options = KernelSources.options(major, minor);
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
