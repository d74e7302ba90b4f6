// SPDX-License-Identifier: MIT
package vit.training.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one file of a release into a folder so that a half-written or damaged file is never read: the bytes go to
 * a temporary name beside the target, are checked against the file's MD5, and only then are moved to the real name
 * in one step; on any failure the temporary file is removed. The source is an http(s) URL or a folder (a
 * {@code file:} URL or a path), e.g. a copy of the release on a local mirror.
 */
public final class Download {
    /** No file of the release comes near this; a server that sends more is not sending the release. */
    static final long MAX_BYTES = 128L << 20;

    private final Duration connectTimeout;
    private final Duration readTimeout;

    /** @param readTimeout how long to wait for the next bytes before giving up on a stalled server */
    public Download(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** 20 s to connect, 60 s of silence at most while downloading. */
    public static Download standard() {
        return new Download(Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    /** The source could not be reached at all (no network, no such host or folder, a refused connection): nothing was written. */
    public static final class Unreachable extends IOException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Downloads {@code file} from {@code source} into {@code dir} and returns where it now is: under its own name when
     * it is the release's {@code .gz} or a packed copy of the same data, under {@link FashionMnistFiles.FileSpec#unpackedName}
     * when the source held the IDX bytes unpacked.
     */
    public Path fetch(String source, FashionMnistFiles.FileSpec file, Path dir, PrintStream out) throws IOException {
        String from = resolve(source, file.name());
        // A name of its own (not createTempFile's, whose owner-only permissions the finished file would keep).
        Path part = dir.resolve(file.name() + "." + Long.toUnsignedString(new java.security.SecureRandom().nextLong(), 36) + ".part");
        boolean kept = false;
        try {
            MessageDigest md5 = md5();
            long length;
            long copied;
            try (Opened in = open(from)) {
                length = in.length();
                ByteBar bar = new ByteBar(out, file.name(), length);
                try (OutputStream os = Files.newOutputStream(part, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                    copied = copy(in.stream(), os, md5, bar, from, length);
                }
                bar.done(copied);
            }
            if (length >= 0 && copied != length) {
                throw new IOException(file.name() + " from " + from + ": the transfer stopped after " + copied + " of " + length
                    + " bytes; the partial file was removed");
            }
            String name = verify(part, HexFormat.of().formatHex(md5.digest()), file, from);
            Path target = dir.resolve(name);
            move(part, target);
            kept = true;
            return target;
        } finally {
            if (!kept) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** {@code source/name} for a URL base or a folder. */
    static String resolve(String source, String name) {
        if (isHttp(source)) {
            return source.endsWith("/") ? source + name : source + "/" + name;
        }
        Path folder = source.startsWith("file:") ? Path.of(URI.create(source)) : Path.of(source);
        return folder.resolve(name).toString();
    }

    private static boolean isHttp(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    /** An open source: its bytes and, when it says so, how many there are (-1 when it does not). */
    private record Opened(InputStream stream, long length, HttpURLConnection connection) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                stream.close();
            } finally {
                if (connection != null) {
                    connection.disconnect();
                }
            }
        }
    }

    private Opened open(String from) throws IOException {
        if (!isHttp(from)) {
            Path file = Path.of(from);
            if (!Files.isRegularFile(file)) {
                throw new Unreachable("no file " + file, new NoSuchFileException(file.toString()));
            }
            return new Opened(Files.newInputStream(file), Files.size(file), null);
        }
        HttpURLConnection c;
        int status;
        try {
            c = (HttpURLConnection) URI.create(from).toURL().openConnection();
            c.setConnectTimeout((int) connectTimeout.toMillis());
            c.setReadTimeout((int) readTimeout.toMillis());
            c.setInstanceFollowRedirects(true);
            c.setRequestProperty("User-Agent", "vit-java");
            status = c.getResponseCode();
        } catch (UnknownHostException e) {
            throw new Unreachable("unknown host " + e.getMessage() + " for " + from, e);
        } catch (IOException | IllegalArgumentException e) {   // refused, timed out, TLS, a proxy, a malformed URL: nothing written
            throw new Unreachable(e.getClass().getSimpleName() + " " + e.getMessage() + " for " + from, e);
        }
        if (status != HttpURLConnection.HTTP_OK) {
            String reason = c.getResponseMessage();
            c.disconnect();
            throw new Unreachable("HTTP " + status + (reason == null ? "" : " " + reason) + " for " + from, null);
        }
        return new Opened(new BufferedInputStream(c.getInputStream(), 1 << 16), c.getContentLengthLong(), c);
    }

    private long copy(InputStream in, OutputStream os, MessageDigest md5, ByteBar bar, String from, long length) throws IOException {
        byte[] buf = new byte[1 << 16];
        long copied = 0;
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                copied += n;
                if (copied > MAX_BYTES) {
                    throw new IOException(from + ": more than " + MAX_BYTES + " bytes, far more than any file of the release; removed");
                }
                md5.update(buf, 0, n);
                os.write(buf, 0, n);
                bar.update(copied);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException(from + ": no data for " + seconds(readTimeout) + " after " + copied + " of "
                + (length >= 0 ? length : "?") + " bytes; the partial file was removed", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(from)) {
                throw e;
            }
            throw new IOException(from + ": the transfer broke after " + copied + " of " + (length >= 0 ? length : "?") + " bytes ("
                + e + "); the partial file was removed", e);
        }
        return copied;
    }

    /** The name to keep {@code part} under, or an error when it is not the release's file, packed or unpacked. */
    private static String verify(Path part, String md5, FashionMnistFiles.FileSpec file, String from) throws IOException {
        if (md5.equals(file.md5())) {
            return file.name();
        }
        if (md5.equals(file.unpackedMd5())) {
            return file.unpackedName();
        }
        String unpacked = null;
        String why = "";
        try (InputStream in = new GZIPInputStream(Files.newInputStream(part), 1 << 16)) {
            MessageDigest d = md5();
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) >= 0 && total <= MAX_BYTES; total += n) {
                d.update(buf, 0, n);
            }
            unpacked = total > MAX_BYTES ? null : HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            why = " and is not a complete gzip file (" + e.getMessage() + ")";
        }
        if (file.unpackedMd5().equals(unpacked)) {
            return file.name();
        }
        throw new IOException(file.name() + " from " + from + ": MD5 " + md5 + (unpacked != null ? " (unpacked " + unpacked + ")" : "")
            + why + ", expected " + file.md5() + " (or " + file.unpackedMd5() + " unpacked): not the release's file; removed");
    }

    private static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);   // same folder: still one rename on common file systems
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return (ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0)) + " s";
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
