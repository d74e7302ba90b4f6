// SPDX-License-Identifier: MIT
package vit.training.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 for the download tests: it serves files from memory, and can misbehave on purpose
 * (announce a length and stop halfway, or stall halfway), so that no test ever needs the internet.
 */
public final class LoopbackServer implements AutoCloseable {
    /** How a file is served. */
    public enum Mode { WHOLE, CLOSE_HALFWAY, STALL_HALFWAY }

    private record Entry(byte[] bytes, Mode mode) {
    }

    private final HttpServer server;
    private final Map<String, Entry> files = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    public LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, ending in a slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public LoopbackServer serve(String name, byte[] bytes, Mode mode) {
        files.put("/" + name, new Entry(bytes, mode));
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        Entry e = files.get(ex.getRequestURI().getPath());
        if (e == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(200, e.bytes().length);
        OutputStream out = ex.getResponseBody();
        switch (e.mode()) {
            case WHOLE -> {
                out.write(e.bytes());
                out.close();
            }
            case CLOSE_HALFWAY -> {
                out.write(e.bytes(), 0, e.bytes().length / 2);
                out.flush();
                closeShort(ex);                       // the connection is dropped without the rest
            }
            case STALL_HALFWAY -> {
                out.write(e.bytes(), 0, e.bytes().length / 2);
                out.flush();
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                closeShort(ex);
            }
        }
    }

    /** Closing a fixed-length response early drops the connection; the server's complaint about it is expected. */
    private static void closeShort(HttpExchange ex) {
        try {
            ex.close();
        } catch (RuntimeException expected) {
            // "insufficient bytes written to stream"
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
