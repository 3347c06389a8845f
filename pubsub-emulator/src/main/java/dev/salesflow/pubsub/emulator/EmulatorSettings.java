package dev.salesflow.pubsub.emulator;

/**
 * Where the emulator listens and how much it may hold. Every limit has a default that keeps an
 * emulator embedded in an application within a small share of its heap and threads.
 *
 * @param host interface to bind, {@code 127.0.0.1} by default; anything but a loopback address
 *     makes the emulator (no authentication) reachable from other machines, and start-up warns
 * @param grpcPort gRPC port, 8085 by default (the port of Google's own emulator); 0 = ephemeral
 * @param restPort REST/JSON port, 8086 by default; 0 = ephemeral
 * @param maxBacklogPerSubscription unacked messages a subscription may hold before Publish to its
 *     topic answers RESOURCE_EXHAUSTED
 * @param maxBacklogBytesPerSubscription serialized bytes of unacked messages a subscription may
 *     hold before Publish to its topic answers RESOURCE_EXHAUSTED (256 MiB by default)
 * @param maxRequestBytes largest gRPC request message and largest REST body, counted both as
 *     received and after gzip decompression (10 MiB by default, which fits Pub/Sub's 10 MB
 *     Publish request)
 * @param maxStreamThreads threads for StreamingPull streams (one each) and waiting unary Pulls
 *     together; beyond it a new stream or waiting Pull answers RESOURCE_EXHAUSTED (64 by default)
 * @param restThreads threads serving REST requests; further requests queue (16 by default)
 */
public record EmulatorSettings(
        String host,
        int grpcPort,
        int restPort,
        long maxBacklogPerSubscription,
        long maxBacklogBytesPerSubscription,
        int maxRequestBytes,
        int maxStreamThreads,
        int restThreads) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_GRPC_PORT = 8085;
    public static final int DEFAULT_REST_PORT = 8086;
    public static final long DEFAULT_MAX_BACKLOG = 1_000_000;
    public static final long DEFAULT_MAX_BACKLOG_BYTES = 256L * 1024 * 1024;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_MAX_STREAM_THREADS = 64;
    public static final int DEFAULT_REST_THREADS = 16;

    public EmulatorSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        requirePort(grpcPort, "grpcPort");
        requirePort(restPort, "restPort");
        requirePositive(maxBacklogPerSubscription, "maxBacklogPerSubscription");
        requirePositive(maxBacklogBytesPerSubscription, "maxBacklogBytesPerSubscription");
        requirePositive(maxRequestBytes, "maxRequestBytes");
        requirePositive(maxStreamThreads, "maxStreamThreads");
        requirePositive(restThreads, "restThreads");
    }

    /** Host, ports and message backlog; every other limit at its default. */
    public EmulatorSettings(String host, int grpcPort, int restPort, long maxBacklogPerSubscription) {
        this(
                host,
                grpcPort,
                restPort,
                maxBacklogPerSubscription,
                DEFAULT_MAX_BACKLOG_BYTES,
                DEFAULT_MAX_REQUEST_BYTES,
                DEFAULT_MAX_STREAM_THREADS,
                DEFAULT_REST_THREADS);
    }

    /** The defaults: 127.0.0.1, gRPC 8085, REST 8086, and the default limits. */
    public static EmulatorSettings defaults() {
        return new EmulatorSettings(DEFAULT_HOST, DEFAULT_GRPC_PORT, DEFAULT_REST_PORT, DEFAULT_MAX_BACKLOG);
    }

    /** Defaults on ephemeral ports, for tests and embedding. */
    public static EmulatorSettings ephemeral() {
        return defaults().withGrpcPort(0).withRestPort(0);
    }

    public EmulatorSettings withHost(String value) {
        return new EmulatorSettings(
                value,
                grpcPort,
                restPort,
                maxBacklogPerSubscription,
                maxBacklogBytesPerSubscription,
                maxRequestBytes,
                maxStreamThreads,
                restThreads);
    }

    public EmulatorSettings withGrpcPort(int value) {
        return new EmulatorSettings(
                host,
                value,
                restPort,
                maxBacklogPerSubscription,
                maxBacklogBytesPerSubscription,
                maxRequestBytes,
                maxStreamThreads,
                restThreads);
    }

    public EmulatorSettings withRestPort(int value) {
        return new EmulatorSettings(
                host,
                grpcPort,
                value,
                maxBacklogPerSubscription,
                maxBacklogBytesPerSubscription,
                maxRequestBytes,
                maxStreamThreads,
                restThreads);
    }

    public EmulatorSettings withMaxBacklogPerSubscription(long value) {
        return new EmulatorSettings(
                host,
                grpcPort,
                restPort,
                value,
                maxBacklogBytesPerSubscription,
                maxRequestBytes,
                maxStreamThreads,
                restThreads);
    }

    public EmulatorSettings withMaxBacklogBytesPerSubscription(long value) {
        return new EmulatorSettings(
                host,
                grpcPort,
                restPort,
                maxBacklogPerSubscription,
                value,
                maxRequestBytes,
                maxStreamThreads,
                restThreads);
    }

    public EmulatorSettings withMaxRequestBytes(int value) {
        return new EmulatorSettings(
                host,
                grpcPort,
                restPort,
                maxBacklogPerSubscription,
                maxBacklogBytesPerSubscription,
                value,
                maxStreamThreads,
                restThreads);
    }

    public EmulatorSettings withMaxStreamThreads(int value) {
        return new EmulatorSettings(
                host,
                grpcPort,
                restPort,
                maxBacklogPerSubscription,
                maxBacklogBytesPerSubscription,
                maxRequestBytes,
                value,
                restThreads);
    }

    public EmulatorSettings withRestThreads(int value) {
        return new EmulatorSettings(
                host,
                grpcPort,
                restPort,
                maxBacklogPerSubscription,
                maxBacklogBytesPerSubscription,
                maxRequestBytes,
                maxStreamThreads,
                value);
    }

    private static void requirePort(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " out of range: " + port);
        }
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
