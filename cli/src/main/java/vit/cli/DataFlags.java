// SPDX-License-Identifier: MIT
package vit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import vit.training.data.DataOptions;

/** Where {@code train} and {@code evaluate} find Fashion-MNIST, or download it ({@link vit.training.data.FashionMnistFiles}). */
final class DataFlags {
    @Option(names = "--data", paramLabel = "DIR", description = "the four Fashion-MNIST .gz files; missing ones are downloaded there "
        + "(default: " + "Debian's folder if it has them, else $VIT_DATA or ~/.cache/vit-java/fashion-mnist)")
    Path data;

    @Option(names = "--mirror", paramLabel = "URL|DIR", description = "download from this http(s) URL or folder instead of the "
        + "original release (each file is still checked against the release's MD5)")
    String mirror;

    @Option(names = "--no-download", description = "never download: only read files that are already there")
    boolean noDownload;

    DataOptions options() {
        return DataOptions.of(data, mirror, !noDownload);
    }
}
