package org.guildhall.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP proxy between Guildhall and its database that a test can cut and restore: the database
 * "goes away" for Guildhall (every open connection is reset, new ones are reset as soon as they
 * arrive, as when its host or server is gone) while the real server keeps running for everyone
 * else who shares it. It can also cut at a precise moment: when Guildhall sends a given SQL text,
 * before the database sees it.
 */
final class DatabaseProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> sockets = new HashSet<>();
    private boolean open = true;
    private volatile byte[][] tripwire;
    private volatile CountDownLatch tripped = new CountDownLatch(1);

    DatabaseProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("database-proxy").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The database is gone: open connections are reset, new ones too, until {@link #restore()}. */
    synchronized void cut() {
        open = false;
        sockets.forEach(DatabaseProxy::reset);
        sockets.clear();
    }

    synchronized void restore() {
        open = true;
    }

    synchronized boolean isOpen() {
        return open;
    }

    /**
     * Cuts the moment Guildhall sends a statement, or a value bound to one, containing this text
     * (case-insensitive), which the database then never receives. Drivers send SQL and string
     * values as UTF-8 (PostgreSQL) or UTF-16 (H2's TCP protocol); both are watched.
     */
    void cutWhenSent(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        tripped = new CountDownLatch(1);
        tripwire = new byte[][] {lower.getBytes(StandardCharsets.UTF_8), lower.getBytes(StandardCharsets.UTF_16BE)};
    }

    /** Whether the tripwire has cut. */
    boolean tripped() {
        return tripped.getCount() == 0;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            if (!isOpen()) {
                reset(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5000);
            } catch (IOException e) {
                reset(client);
                continue;
            }
            synchronized (this) {
                if (!open) {
                    reset(client);
                    reset(upstream);
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
            }
            pump(client, upstream, true);
            pump(upstream, client, false);
        }
    }

    private void pump(Socket from, Socket to, boolean fromGuildhall) {
        Thread.ofPlatform().daemon().name("database-proxy-pump").start(() -> {
            byte[] buffer = new byte[16384];
            byte[] window = new byte[0];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (fromGuildhall && tripwire != null) {
                        window = tail(window, buffer, n);
                        if (contains(window, tripwire)) {
                            tripwire = null;
                            cut();
                            tripped.countDown();
                            return;
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException gone) {
                // cut, or one side closed
            }
            synchronized (this) {
                sockets.remove(from);
                sockets.remove(to);
            }
            reset(from);
            reset(to);
        });
    }

    /** What was read, lower-cased, after the end of the previous read (a statement may straddle two reads). */
    private static byte[] tail(byte[] previous, byte[] buffer, int n) {
        int keep = Math.min(previous.length, 256);
        byte[] window = new byte[keep + n];
        System.arraycopy(previous, previous.length - keep, window, 0, keep);
        for (int i = 0; i < n; i++) {
            byte b = buffer[i];
            window[keep + i] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
        }
        return window;
    }

    private static boolean contains(byte[] haystack, byte[][] needles) {
        for (byte[] needle : needles) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
