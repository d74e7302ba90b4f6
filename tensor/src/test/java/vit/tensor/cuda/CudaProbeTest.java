// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.tensor.Device;
import vit.tensor.DeviceUnavailableException;

class CudaProbeTest {
    @TempDir
    Path tmp;

    @Test
    void probeRunsOnceAndGivesAOneLineReason() {
        Cuda.Probe p = Cuda.probe();
        System.out.println("CUDA probe: available=" + p.available() + ", " + p.reason());
        assertThat(Cuda.probe()).isSameAs(p);
        assertThat(p.reason()).isNotBlank().doesNotContain("\n");
        assertThat(Device.CUDA.isAvailable()).isEqualTo(p.available());
    }

    @Test
    void withoutCudaTheCpuIsChosenAndCudaFailsClearly() {
        Cuda.Probe p = Cuda.probe();
        Assumptions.assumeFalse(p.available(), "CUDA is available here; this test covers machines without it");
        assertThat(Device.parse("auto")).isEqualTo(Device.CPU);
        assertThatThrownBy(() -> Device.parse("cuda")).isInstanceOf(DeviceUnavailableException.class)
            .hasMessageContaining(p.reason());
        assertThatThrownBy(Cuda::backend).isInstanceOf(DeviceUnavailableException.class).hasMessageContaining(p.reason());
        assertThatThrownBy(() -> Device.CUDA.backend()).isInstanceOf(DeviceUnavailableException.class);
    }

    @Test
    void withCudaAutoPicksIt() {
        Assumptions.assumeTrue(Cuda.probe().available(), () -> "no usable GPU: " + Cuda.probe().reason());
        assertThat(Device.parse("auto")).isEqualTo(Device.CUDA);
        assertThat(Device.parse("cuda")).isEqualTo(Device.CUDA);
        System.out.println("CUDA backend: " + Cuda.cudaBackend().describe());
    }

    @Test
    void preCheckNamesWhatIsMissing() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("lib"));
        LibraryScan scan = new LibraryScan(List.of(dir));
        assertThat(Cuda.missingLibraries(scan, "Linux")).hasValueSatisfying(
            r -> assertThat(r).startsWith("no CUDA driver: libcuda.so.1 not found on the library path").contains(dir.toString()));
        Files.createFile(dir.resolve("libcuda.so.1"));
        Files.createFile(dir.resolve("libcudart.so.13"));
        assertThat(Cuda.missingLibraries(scan, "Linux")).hasValueSatisfying(r -> assertThat(r)
            .startsWith("CUDA 13 libraries missing").contains("libcublas.so.13, libcublasLt.so.13, libnvrtc.so.13")
            .doesNotContain("libcudart"));
        for (String lib : new String[] {"libcublas.so.13", "libcublasLt.so.13", "libnvrtc.so.13"}) {
            Files.createFile(dir.resolve(lib));
        }
        assertThat(Cuda.missingLibraries(scan, "Linux")).isEmpty();
        assertThat(Cuda.missingLibraries(scan, "Windows 11")).hasValueSatisfying(r -> assertThat(r).contains("nvcuda.dll"));
        assertThat(Cuda.missingLibraries(scan, "Mac OS X")).hasValueSatisfying(r -> assertThat(r).contains("not supported"));
    }
}
