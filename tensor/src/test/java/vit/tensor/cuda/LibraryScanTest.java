// SPDX-License-Identifier: MIT
package vit.tensor.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryScanTest {
    @TempDir
    Path tmp;

    @Test
    void ldSoConfFollowsIncludesAndSkipsComments() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("ld.so.conf.d"));
        Files.writeString(tmp.resolve("ld.so.conf"), "# main\ninclude " + d + "/*.conf\n/opt/first\n");
        Files.writeString(d.resolve("b.conf"), "/opt/b  # trailing comment\n\n");
        Files.writeString(d.resolve("a.conf"), "/opt/a\n");
        Files.writeString(d.resolve("ignored.txt"), "/opt/never\n");
        assertThat(LibraryScan.ldSoConf(tmp.resolve("ld.so.conf")))
            .containsExactly(Path.of("/opt/a"), Path.of("/opt/b"), Path.of("/opt/first"));
        assertThat(LibraryScan.ldSoConf(tmp.resolve("missing.conf"))).isEmpty();
    }

    @Test
    void findsTheFirstDirHoldingTheFile() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.createFile(b.resolve("libcuda.so.1"));
        LibraryScan scan = new LibraryScan(List.of(a, b));
        assertThat(scan.find("libcuda.so.1")).contains(b.resolve("libcuda.so.1"));
        assertThat(scan.find("libnvrtc.so.13")).isEmpty();
    }
}
