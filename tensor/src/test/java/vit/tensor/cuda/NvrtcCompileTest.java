// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The run-time path: NVRTC, through JavaCPP, turns every module into an ELF CUBIN. NVRTC needs no GPU, but
 * JavaCPP's CUDA classes load the driver library, so this runs where {@code libcuda.so.1} and
 * {@code libnvrtc.so.13} are both installed.
 */
class NvrtcCompileTest {
    @ParameterizedTest
    @ValueSource(ints = {75, 80, 90})
    void everyModuleCompilesWithNvrtc(int sm) {
        LibraryScan scan = LibraryScan.system();
        Assumptions.assumeTrue(scan.find("libcuda.so.1").isPresent() && scan.find("libnvrtc.so.13").isPresent(),
            "needs libcuda.so.1 and libnvrtc.so.13 on the library path");
        for (String module : KernelSources.MODULES) {
            byte[] cubin;
            try {
                cubin = Nvrtc.compile(module, sm / 10, sm % 10);
            } catch (LinkageError e) {
                Assumptions.abort("NVRTC could not be loaded: " + e.getMessage());
                return;
            }
            assertThat(cubin).as("%s.cu for sm_%d", module, sm).startsWith(0x7f, 'E', 'L', 'F');
            System.out.println("NVRTC " + module + ".cu -> sm_" + sm + " cubin, " + cubin.length + " bytes");
        }
    }
}
