// SPDX-License-Identifier: MIT
package vit.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vit.training.FashionMnist;
import vit.training.IdxFiles;

/**
 * Downloads from a server on 127.0.0.1 that serves a small Fashion-MNIST the test writes itself, with the
 * checksums of those small files injected in place of the release's; every way a download can go wrong leaves
 * nothing behind that a later run could read.
 */
class DownloadTest {
    @TempDir
    Path tmp;
    Path source;
    Path target;
    List<FashionMnistFiles.FileSpec> specs;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    final Download quick = new Download(Duration.ofSeconds(5), Duration.ofMillis(500));

    @BeforeEach
    void smallRelease() throws Exception {
        source = Files.createDirectories(tmp.resolve("release"));
        target = tmp.resolve("data");
        IdxFiles.fashion(source, 30, 28, true);
        specs = new ArrayList<>();
        for (FashionMnistFiles.FileSpec f : FashionMnistFiles.RELEASE) {
            byte[] gz = Files.readAllBytes(source.resolve(f.name()));
            specs.add(new FashionMnistFiles.FileSpec(f.name(), md5(gz), md5(gunzip(gz))));
        }
    }

    LoopbackServer serveAll() throws IOException {
        LoopbackServer server = new LoopbackServer();
        for (FashionMnistFiles.FileSpec f : specs) {
            server.serve(f.name(), Files.readAllBytes(source.resolve(f.name())), LoopbackServer.Mode.WHOLE);
        }
        return server;
    }

    DataOptions mirror(String url) {
        return new DataOptions(target, url, true, tmp.resolve("unused-cache"));
    }

    /** Only finished files: no {@code .part} left over. */
    List<String> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aGoodDownloadIsCheckedAndThenReadable() throws Exception {
        try (LoopbackServer server = serveAll()) {
            Path dir = FashionMnistFiles.locate(mirror(server.url()), specs, quick, out);
            assertThat(dir).isEqualTo(target);
            assertThat(server.requests.get()).isEqualTo(4);
            assertThat(filesIn(target)).containsExactly("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
            for (FashionMnistFiles.FileSpec f : specs) {
                assertThat(target.resolve(f.name())).hasSameBinaryContentAs(source.resolve(f.name()));
            }
            assertThat(FashionMnist.load(dir, FashionMnist.Split.TEST).size()).isEqualTo(30);
            String text = printed.toString(StandardCharsets.UTF_8);
            System.out.print(text);
            assertThat(text).contains("Fashion-MNIST: downloading train-images-idx3-ubyte.gz, ").contains(" from " + server.url() + " into " + target)
                .contains("\rtrain-images-idx3-ubyte.gz [########################] ");

            // A second time everything is there: no request at all.
            FashionMnistFiles.locate(mirror(server.url()), specs, quick, out);
            assertThat(server.requests.get()).isEqualTo(4);
        }
    }

    @Test
    void onlyTheMissingFilesAreFetched() throws Exception {
        Files.createDirectories(target);
        Files.copy(source.resolve("train-images-idx3-ubyte.gz"), target.resolve("train-images-idx3-ubyte.gz"));
        try (LoopbackServer server = serveAll()) {
            FashionMnistFiles.locate(mirror(server.url()), specs, quick, out);
            assertThat(server.requests.get()).isEqualTo(3);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("downloading train-labels-idx1-ubyte.gz, t10k-images");
        }
    }

    @Test
    void aWrongChecksumIsRemovedAndNamed() throws Exception {
        FashionMnistFiles.FileSpec good = specs.get(1);
        specs.set(1, new FashionMnistFiles.FileSpec(good.name(), "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"));
        try (LoopbackServer server = serveAll()) {
            assertThatThrownBy(() -> FashionMnistFiles.locate(mirror(server.url()), specs, quick, out))
                .hasMessageContaining("train-labels-idx1-ubyte.gz from " + server.url() + "train-labels-idx1-ubyte.gz: MD5 " + good.md5())
                .hasMessageContaining("(unpacked " + good.unpackedMd5() + ")")
                .hasMessageContaining("expected 0123456789abcdef0123456789abcdef (or fedcba9876543210fedcba9876543210 unpacked)")
                .hasMessageContaining("removed");
            assertThat(filesIn(target)).containsExactly("train-images-idx3-ubyte.gz");
        }
    }

    @Test
    void aTruncatedFileIsRemoved() throws Exception {
        byte[] whole = Files.readAllBytes(source.resolve("t10k-images-idx3-ubyte.gz"));
        try (LoopbackServer server = serveAll()) {
            server.serve("t10k-images-idx3-ubyte.gz", java.util.Arrays.copyOf(whole, whole.length - 40), LoopbackServer.Mode.WHOLE);
            assertThatThrownBy(() -> FashionMnistFiles.locate(mirror(server.url()), specs, quick, out))
                .hasMessageContaining("t10k-images-idx3-ubyte.gz from ").hasMessageContaining("is not a complete gzip file")
                .hasMessageContaining("expected " + specs.get(2).md5()).hasMessageContaining("removed");
            assertThat(filesIn(target)).containsExactly("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
            assertThat(FashionMnist.isPresent(target)).isFalse();
        }
    }

    @Test
    void aServerThatHangsUpMidFileLeavesNothing() throws Exception {
        try (LoopbackServer server = serveAll()) {
            server.serve("train-images-idx3-ubyte.gz", Files.readAllBytes(source.resolve("train-images-idx3-ubyte.gz")),
                LoopbackServer.Mode.CLOSE_HALFWAY);
            assertThatThrownBy(() -> FashionMnistFiles.locate(mirror(server.url()), specs, quick, out))
                .hasMessageContaining("train-images-idx3-ubyte.gz").hasMessageMatching("(?s).*(stopped|broke) after \\d+ of \\d+ bytes.*")
                .hasMessageContaining("removed");
            assertThat(filesIn(target)).isEmpty();
        }
    }

    @Test
    void aServerThatStallsMidFileTimesOutAndLeavesNothing() throws Exception {
        try (LoopbackServer server = serveAll()) {
            byte[] bytes = Files.readAllBytes(source.resolve("train-images-idx3-ubyte.gz"));
            server.serve("train-images-idx3-ubyte.gz", bytes, LoopbackServer.Mode.STALL_HALFWAY);
            assertThatThrownBy(() -> FashionMnistFiles.locate(mirror(server.url()), specs, quick, out))
                .hasMessageContaining("no data for 0.5 s after " + bytes.length / 2 + " of " + bytes.length + " bytes")
                .hasMessageContaining("removed");
            assertThat(filesIn(target)).isEmpty();
        }
    }

    @Test
    void aMissingFileOnTheServerSaysWhatToDo() throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            assertThatThrownBy(() -> FashionMnistFiles.locate(mirror(server.url()), specs, quick, out))
                .hasMessageContaining("HTTP 404").hasMessageContaining(server.url() + "train-images-idx3-ubyte.gz")
                .hasMessageContaining("put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, "
                    + "t10k-labels-idx1-ubyte.gz in " + target)
                .hasMessageContaining("--data DIR or --mirror URL");
            assertThat(filesIn(target)).isEmpty();
        }
    }

    @Test
    void offlineIsOneLineThatNamesTheFilesTheFolderAndTheUrl() throws Exception {
        String url;
        try (LoopbackServer server = new LoopbackServer()) {
            url = server.url();
        }
        // The server is gone: nothing listens on its port now.
        assertThatThrownBy(() -> FashionMnistFiles.locate(mirror(url), specs, quick, out))
            .satisfies(e -> {
                System.out.println(e.getMessage());
                assertThat(e.getMessage()).doesNotContain("\n").startsWith("cannot download Fashion-MNIST (ConnectException")
                    .contains(url + "train-images-idx3-ubyte.gz").contains("t10k-labels-idx1-ubyte.gz in " + target)
                    .contains("(from " + url + ")");
            });
        assertThat(filesIn(target)).isEmpty();
    }

    @Test
    void noDownloadSaysWhereTheFilesShouldBe() {
        DataOptions off = new DataOptions(target, null, false, tmp.resolve("cache"));
        assertThatThrownBy(() -> FashionMnistFiles.locate(off, specs, quick, out)).isInstanceOf(NoSuchFileException.class)
            .hasMessageContaining("Fashion-MNIST is not in " + target).hasMessageContaining("--no-download")
            .hasMessageContaining(FashionMnistFiles.RELEASE_URL).hasMessageContaining("dataset-fashion-mnist");
        assertThat(target).doesNotExist();
    }

    @Test
    void aMirrorFolderWithRepackedOrUnpackedCopiesIsAccepted() throws Exception {
        // Packed again with another header (as Debian's copies are), and one file not packed at all.
        Path folder = Files.createDirectories(tmp.resolve("mirror"));
        for (FashionMnistFiles.FileSpec f : specs) {
            byte[] raw = gunzip(Files.readAllBytes(source.resolve(f.name())));
            if (f.name().startsWith("t10k-labels")) {
                Files.write(folder.resolve(f.name()), raw);     // unpacked bytes under the .gz name
            } else {
                try (OutputStream os = Files.newOutputStream(folder.resolve(f.name()))) {
                    os.write(gzip(java.util.Arrays.copyOfRange(raw, 0, raw.length / 2)));   // two gzip members, one content
                    os.write(gzip(java.util.Arrays.copyOfRange(raw, raw.length / 2, raw.length)));
                }
            }
        }
        assertThat(md5(Files.readAllBytes(folder.resolve("train-images-idx3-ubyte.gz")))).isNotEqualTo(specs.get(0).md5());
        Path dir = FashionMnistFiles.locate(mirror(folder.toUri().toString()), specs, quick, out);
        assertThat(filesIn(dir)).containsExactly("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte",
            "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
        assertThat(FashionMnist.load(dir, FashionMnist.Split.TEST).label(7)).isEqualTo(7);
        assertThat(FashionMnist.load(dir, FashionMnist.Split.TRAIN).size()).isEqualTo(30);
    }

    @Test
    void aMirrorFolderThatLacksAFileSaysSo() throws Exception {
        Files.delete(source.resolve("t10k-images-idx3-ubyte.gz"));
        assertThatThrownBy(() -> FashionMnistFiles.locate(mirror(source.toString()), specs, quick, out))
            .hasMessageContaining("no file " + source.resolve("t10k-images-idx3-ubyte.gz"));
        assertThat(filesIn(target)).containsExactly("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
    }

    @Test
    void theProgressLineShowsTheShareTheSizeAndTheRate() {
        ByteBar big = new ByteBar(out, "train-images-idx3-ubyte.gz", 26_421_880);
        String line = big.line(6_605_470, System.nanoTime());
        assertThat(line).startsWith("train-images-idx3-ubyte.gz [######..................] 6.6/26.4 MB ").endsWith(" MB/s");
        assertThat(new ByteBar(out, "t10k-labels-idx1-ubyte.gz", 5_148).line(5_148, System.nanoTime()))
            .startsWith("t10k-labels-idx1-ubyte.gz [########################] 5.1/5.1 kB ");
        assertThat(new ByteBar(out, "x.gz", -1).line(2_500_000, System.nanoTime())).startsWith("x.gz 2.5 MB ");
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream os = new GZIPOutputStream(b)) {
            os.write(raw);
        }
        return b.toByteArray();
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
