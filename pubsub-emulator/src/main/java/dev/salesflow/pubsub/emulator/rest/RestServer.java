package dev.salesflow.pubsub.emulator.rest;

import com.sun.net.httpserver.HttpServer;
import dev.salesflow.pubsub.emulator.broker.Broker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * The Pub/Sub REST (JSON) API front-end, as used by {@code google-api-services-pubsub} and thus by
 * Apache Beam's {@code PubsubJsonClient}. Serves plain HTTP on the JDK's built-in server.
 */
public final class RestServer implements AutoCloseable {

    private final HttpServer server;

    private RestServer(HttpServer server) {
        this.server = server;
    }

    private static final String NODELAY = "sun.net.httpserver.nodelay";

    /**
     * Binds and starts the server.
     *
     * @param port 0 for an ephemeral port
     * @param pullWait how long a pull without returnImmediately waits for a message
     * @param executor handles requests; must allow several at once because pulls wait
     * @param maxBodyBytes largest request body, as received and after gzip decompression
     */
    public static RestServer start(
            Broker broker, String host, int port, Duration pullWait, ExecutorService executor, int maxBodyBytes)
            throws IOException {
        // The JDK server leaves Nagle's algorithm on, which adds ~40 ms to every small response
        // (Beam's acks and pulls). The JDK reads this switch once, when it creates its first server.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/", new RestHandler(broker, pullWait, host, maxBodyBytes));
        server.setExecutor(executor);
        server.start();
        return new RestServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting requests at once; the caller owns and shuts down the executor. */
    @Override
    public void close() {
        server.stop(0);
    }
}
