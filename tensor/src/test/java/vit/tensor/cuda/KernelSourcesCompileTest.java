// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vit.tensor.BinaryOp;
import vit.tensor.ReduceOp;
import vit.tensor.UnaryOp;

/**
 * The kernels compile everywhere nvcc is installed (no GPU or driver needed), with the options NVRTC gets
 * at run time, and their op codes agree with the Java enums.
 */
class KernelSourcesCompileTest {
    @TempDir
    Path tmp;

    private static Path nvcc() {
        for (String c : new String[] {System.getenv("CUDA_HOME") == null ? null : System.getenv("CUDA_HOME") + "/bin/nvcc",
            "/usr/local/cuda/bin/nvcc"}) {
            if (c != null && Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(d, "nvcc");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 90})
    void everyModuleCompilesToACubin(int sm) throws IOException, InterruptedException {
        Path nvcc = nvcc();
        Assumptions.assumeTrue(nvcc != null, "nvcc not found (CUDA_HOME, /usr/local/cuda/bin, PATH): compile check skipped");
        Files.writeString(tmp.resolve(KernelSources.HEADER), KernelSources.read(KernelSources.HEADER));
        for (String module : KernelSources.MODULES) {
            Path src = tmp.resolve(module + ".cu");
            Files.writeString(src, KernelSources.read(module + ".cu"));
            Path cubin = tmp.resolve(module + "_sm" + sm + ".cubin");
            List<String> cmd = new ArrayList<>(List.of(nvcc.toString(), "-cubin", "-I", tmp.toString(), "-o", cubin.toString()));
            cmd.addAll(KernelSources.options(sm / 10, sm % 10));
            cmd.add(src.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("nvcc %s:%n%s", String.join(" ", cmd), log).isZero();
            assertThat(log).as("warnings from %s.cu", module).doesNotContain("warning");
            assertThat(Files.size(cubin)).isPositive();
            System.out.println(module + ".cu -> sm_" + sm + " cubin, " + Files.size(cubin) + " bytes");
        }
    }

    /** {@code case N: ... // NAME:} lines of one switch, as NAME -> N. */
    private static Map<String, Integer> cases(String source, String function) {
        int start = source.indexOf(function);
        int end = source.indexOf("default:", start);
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("case (\\d+):.*?// ([A-Z_]+):").matcher(source.substring(start, end));
        while (m.find()) {
            out.put(m.group(2), Integer.parseInt(m.group(1)));
        }
        return out;
    }

    @Test
    void opCodesAreTheEnumOrdinals() {
        String src = KernelSources.read("elementwise.cu");
        Map<String, Integer> unary = cases(src, "float unary_formula");
        assertThat(unary).hasSize(UnaryOp.values().length);
        for (UnaryOp op : UnaryOp.values()) {
            assertThat(unary.get(op.name())).as("elementwise.cu code of %s", op).isEqualTo(op.ordinal());
        }
        Map<String, Integer> binary = cases(src, "float binary_formula");
        assertThat(binary).hasSize(BinaryOp.values().length);
        for (BinaryOp op : BinaryOp.values()) {
            assertThat(binary.get(op.name())).as("elementwise.cu code of %s", op).isEqualTo(op.ordinal());
        }
        String reduce = KernelSources.read("reduce.cu");
        for (ReduceOp op : ReduceOp.values()) {
            assertThat(reduce).as("reduce.cu documents %s", op).contains("// " + op.name() + ":");
        }
        assertThat(List.of(ReduceOp.values())).containsExactly(ReduceOp.SUM, ReduceOp.MEAN, ReduceOp.MAX, ReduceOp.MIN,
            ReduceOp.ARGMAX); // the codes 0..4 used in reduce.cu
    }

    @Test
    void everyLaunchedKernelIsDefined() {
        String[][] kernels = {{"copy", "vit_copy"}, {"elementwise", "vit_unary"}, {"elementwise", "vit_binary"},
            {"elementwise", "vit_binary_scalar"}, {"elementwise", "vit_where"}, {"reduce", "vit_reduce"},
            {"softmax", "vit_softmax"}, {"layernorm", "vit_layer_norm"}, {"im2col", "vit_im2col"}, {"im2col", "vit_col2im"}};
        for (String[] k : kernels) {
            assertThat(KernelSources.read(k[0] + ".cu")).contains("extern \"C\" __global__ void " + k[1] + "(");
        }
    }

    @Test
    void nvrtcTargetsACubinForTheDevice() {
        assertThat(KernelSources.options(9, 0)).contains("--gpu-architecture=sm_90").noneMatch(o -> o.contains("compute_"));
    }
}
