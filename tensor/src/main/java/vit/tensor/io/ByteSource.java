// SPDX-License-Identifier: MIT
package vit.tensor.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The bytes of a safetensors file, read by position: from disk in bulk, or from an array in memory. */
interface ByteSource extends Closeable {
    /** Largest slice handed out at once; the reader walks bigger tensors chunk by chunk. */
    int CHUNK = 1 << 22;

    /** The file name or label used in error messages. */
    String name();

    long size();

    /**
     * {@code length <= CHUNK} bytes from {@code position} as a little-endian buffer; valid until the
     * next call. The caller has checked the range against {@link #size()}.
     */
    ByteBuffer slice(long position, int length) throws IOException;

    @Override
    default void close() throws IOException {
    }

    static ByteSource of(byte[] bytes, String name) {
        return new ByteSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public ByteBuffer slice(long position, int length) {
                return ByteBuffer.wrap(bytes, (int) position, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            }
        };
    }

    /** A file read with bulk {@link FileChannel} reads into one reused direct buffer. */
    static ByteSource open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        String name = file.toString();
        long size;
        try {
            size = channel.size();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new ByteSource() {
            private final ByteBuffer buffer =
                ByteBuffer.allocateDirect((int) Math.min(CHUNK, Math.max(size, 8))).order(ByteOrder.LITTLE_ENDIAN);

            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public ByteBuffer slice(long position, int length) throws IOException {
                buffer.clear().limit(length);
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, position + buffer.position());
                    if (n < 0) {
                        throw new SafeTensorsException(name, "file ended at byte " + (position + buffer.position())
                            + " while " + size + " bytes were expected (did it shrink while being read?)");
                    }
                }
                return buffer.flip();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
