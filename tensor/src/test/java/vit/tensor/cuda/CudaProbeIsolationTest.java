// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the library pre-check fails, the probe must not load a single JavaCPP class (so a broken or absent
 * CUDA install can never take the JVM down). Checked in a child JVM with {@code -verbose:class}.
 */
class CudaProbeIsolationTest {
    @TempDir
    Path tmp;

    private static String childJvm(List<String> jvmArgs, String ldLibraryPath) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ProbeMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (ldLibraryPath != null) {
            pb.environment().put("LD_LIBRARY_PATH", ldLibraryPath);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("child JVM exit status; output:%n%s", out).isZero();
        return out;
    }

    @Test
    void brokenLibrariesGiveAReasonNotAnError() throws IOException, InterruptedException {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("linux"),
            "uses LD_LIBRARY_PATH");
        Assumptions.assumeFalse(Cuda.probe().available(), "a GPU is usable here; the fake libraries would shadow it");
        Path fake = java.nio.file.Files.createDirectories(tmp.resolve("fake-cuda"));
        for (String lib : new String[] {"libcuda.so.1", "libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13",
            "libnvrtc.so.13"}) {
            Files.writeString(fake.resolve(lib), "not a shared library");
        }
        String out = childJvm(List.of("-Dorg.bytedeco.javacpp.cachedir=" + tmp.resolve("javacpp-cache")), fake.toString());
        System.out.println("child JVM with fake CUDA libraries: " + out.lines().filter(l -> l.startsWith("auto=")).findFirst().orElse(out));
        assertThat(out).contains("auto=cpu reason=").doesNotContain("Exception in thread");
        assertThat(out.lines().filter(l -> l.startsWith("auto=")).findFirst().orElseThrow()).doesNotStartWith("auto=cpu reason=no CUDA driver");
    }
    @Test
    void failedPreCheckLoadsNoJavaCppClass() throws IOException, InterruptedException {
        String reason = Cuda.probe().reason();
        Assumptions.assumeTrue(!Cuda.probe().available()
            && (reason.startsWith("no CUDA driver") || reason.startsWith("CUDA 13 libraries missing")),
            "only meaningful where the file pre-check fails; here: " + reason);
        String out = childJvm(List.of("-verbose:class"), null);
        assertThat(out).contains("auto=cpu reason=" + reason.substring(0, 20));
        assertThat(out).contains("vit.tensor.cuda.Cuda ");
        assertThat(out.lines().filter(l -> l.contains("org.bytedeco"))).as("JavaCPP classes loaded by the probe").isEmpty();
        System.out.println("child JVM: probe answered without loading any org.bytedeco class");
    }
}
