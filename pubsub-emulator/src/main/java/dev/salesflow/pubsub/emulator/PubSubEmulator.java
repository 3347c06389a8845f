package dev.salesflow.pubsub.emulator;

import dev.salesflow.pubsub.emulator.broker.Broker;
import dev.salesflow.pubsub.emulator.grpc.PublishFaults;
import dev.salesflow.pubsub.emulator.grpc.PublisherService;
import dev.salesflow.pubsub.emulator.grpc.SubscriberService;
import dev.salesflow.pubsub.emulator.rest.RestServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory Pub/Sub v1 emulator: one {@link Broker} served over gRPC (for the Google Cloud
 * client libraries) and over REST/JSON (for {@code google-api-services-pubsub}, e.g. Beam's
 * {@code PubsubIO}). Plaintext only.
 *
 * <pre>{@code
 * try (PubSubEmulator emulator = PubSubEmulator.start(EmulatorSettings.ephemeral())) {
 *   ManagedChannel channel =
 *       ManagedChannelBuilder.forTarget(emulator.grpcTarget()).usePlaintext().build();
 *   ...
 * }
 * }</pre>
 */
public final class PubSubEmulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PubSubEmulator.class);

    /** How long a Pull without return_immediately waits for a message before answering empty. */
    static final Duration PULL_WAIT = Duration.ofSeconds(1);
    /**
     * Per-stream and connection HTTP/2 receive window (gRPC's default is 1 MiB): a publisher with
     * thousands of Publish calls in flight on one connection shares the connection window.
     */
    private static final int FLOW_CONTROL_WINDOW_BYTES = 8 * 1024 * 1024;

    private final EmulatorSettings settings;
    private final Broker broker;
    private final ExecutorService streamExecutor;
    private final ExecutorService restExecutor;
    private final Server grpcServer;
    private final RestServer restServer;
    private final PublishFaults faults;

    private PubSubEmulator(
            EmulatorSettings settings,
            Broker broker,
            ExecutorService streamExecutor,
            ExecutorService restExecutor,
            Server grpcServer,
            RestServer restServer,
            PublishFaults faults) {
        this.settings = settings;
        this.faults = faults;
        this.broker = broker;
        this.streamExecutor = streamExecutor;
        this.restExecutor = restExecutor;
        this.grpcServer = grpcServer;
        this.restServer = restServer;
    }

    /** Binds both ports and starts serving; throws {@link UncheckedIOException} if it cannot bind. */
    public static PubSubEmulator start(EmulatorSettings settings) {
        Broker broker = new Broker(settings.maxBacklogPerSubscription(), settings.maxBacklogBytesPerSubscription());
        // Bounded: a stream or waiting Pull beyond the limit is refused (RESOURCE_EXHAUSTED) rather
        // than given a thread; REST requests beyond the pool queue (their waits are bounded).
        ExecutorService streamExecutor = new ThreadPoolExecutor(
                0,
                settings.maxStreamThreads(),
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                daemonThreads("streaming-pull"));
        ThreadPoolExecutor restExecutor = new ThreadPoolExecutor(
                settings.restThreads(),
                settings.restThreads(),
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                daemonThreads("pubsub-rest"));
        restExecutor.allowCoreThreadTimeOut(true);
        exposureWarning(settings.host()).ifPresent(log::warn);
        Server grpcServer = null;
        PublishFaults faults = new PublishFaults();
        try {
            grpcServer = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.grpcPort()))
                    // Refused by gRPC before it is parsed: Pub/Sub's Publish limit is 10 MB.
                    .maxInboundMessageSize(settings.maxRequestBytes())
                    // Calls run on the Netty event loops instead of hopping to a thread pool: every
                    // handler only takes the broker lock for a short section, except Pull, which may
                    // wait and so moves itself to streamExecutor (see SubscriberService).
                    .directExecutor()
                    .flowControlWindow(FLOW_CONTROL_WINDOW_BYTES)
                    .addService(new PublisherService(broker))
                    .intercept(faults)
                    .addService(new SubscriberService(broker, PULL_WAIT, streamExecutor))
                    .build()
                    .start();
            RestServer restServer = RestServer.start(
                    broker, settings.host(), settings.restPort(), PULL_WAIT, restExecutor, settings.maxRequestBytes());
            PubSubEmulator emulator =
                    new PubSubEmulator(settings, broker, streamExecutor, restExecutor, grpcServer, restServer, faults);
            log.info("Pub/Sub emulator listening: gRPC {}, REST {}", emulator.grpcTarget(), emulator.restUrl());
            return emulator;
        } catch (IOException e) {
            if (grpcServer != null) {
                grpcServer.shutdownNow();
            }
            broker.close();
            streamExecutor.shutdownNow();
            restExecutor.shutdownNow();
            throw new UncheckedIOException("Cannot start the Pub/Sub emulator on " + settings, e);
        }
    }

    /**
     * A warning when {@code host} is not a loopback address: the emulator has no authentication,
     * so anyone who can reach the address can publish, pull and ack.
     */
    public static Optional<String> exposureWarning(String host) {
        boolean loopback;
        try {
            InetAddress address = InetAddress.getByName(host);
            loopback = address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (loopback) {
            return Optional.empty();
        }
        return Optional.of("The Pub/Sub emulator binds to " + host + ", which is not a loopback address: it has no"
                + " authentication, so every machine that can reach it can publish, pull and ack."
                + " Bind to 127.0.0.1 unless other machines must reach it.");
    }

    public int grpcPort() {
        return grpcServer.getPort();
    }

    public int restPort() {
        return restServer.port();
    }

    /** {@code host:port} for {@code ManagedChannelBuilder.forTarget(...)} or PUBSUB_EMULATOR_HOST. */
    public String grpcTarget() {
        return settings.host() + ":" + grpcPort();
    }

    /** Root URL for REST clients, e.g. Beam's {@code --pubsubRootUrl}; ends with a slash. */
    public String restUrl() {
        return "http://" + settings.host() + ":" + restPort() + "/";
    }

    /** The fault hook: makes Publish calls fail, for tests of what a publisher does then. */
    public PublishFaults faults() {
        return faults;
    }

    public EmulatorSettings settings() {
        return settings;
    }

    /**
     * Unacked messages of a subscription ({@code projects/p/subscriptions/s}).
     *
     * @throws dev.salesflow.pubsub.emulator.broker.BrokerException NOT_FOUND if it does not exist
     */
    public long backlog(String subscription) {
        return broker.backlog(subscription);
    }

    /** Stops both servers at once: open streams are cancelled and all messages are dropped. */
    @Override
    public void close() {
        grpcServer.shutdownNow();
        restServer.close();
        broker.close();
        streamExecutor.shutdownNow();
        restExecutor.shutdownNow();
        try {
            if (!grpcServer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("gRPC server did not terminate within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Pub/Sub emulator stopped");
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
