package dev.salesflow.pubsub.emulator;

/**
 * Where the emulator listens and how much it may hold.
 *
 * @param host interface to bind, {@code 127.0.0.1} by default
 * @param grpcPort gRPC port, 8085 by default (the port of Google's own emulator); 0 = ephemeral
 * @param restPort REST/JSON port, 8086 by default; 0 = ephemeral
 * @param maxBacklogPerSubscription unacked messages a subscription may hold before Publish to its
 *     topic answers RESOURCE_EXHAUSTED
 */
public record EmulatorSettings(
    String host, int grpcPort, int restPort, long maxBacklogPerSubscription) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_GRPC_PORT = 8085;
  public static final int DEFAULT_REST_PORT = 8086;
  public static final long DEFAULT_MAX_BACKLOG = 1_000_000;

  public EmulatorSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    requirePort(grpcPort, "grpcPort");
    requirePort(restPort, "restPort");
    if (maxBacklogPerSubscription <= 0) {
      throw new IllegalArgumentException("maxBacklogPerSubscription must be positive");
    }
  }

  /** The defaults: 127.0.0.1, gRPC 8085, REST 8086, a backlog of one million per subscription. */
  public static EmulatorSettings defaults() {
    return new EmulatorSettings(
        DEFAULT_HOST, DEFAULT_GRPC_PORT, DEFAULT_REST_PORT, DEFAULT_MAX_BACKLOG);
  }

  /** Defaults on ephemeral ports, for tests and embedding. */
  public static EmulatorSettings ephemeral() {
    return defaults().withGrpcPort(0).withRestPort(0);
  }

  public EmulatorSettings withHost(String value) {
    return new EmulatorSettings(value, grpcPort, restPort, maxBacklogPerSubscription);
  }

  public EmulatorSettings withGrpcPort(int value) {
    return new EmulatorSettings(host, value, restPort, maxBacklogPerSubscription);
  }

  public EmulatorSettings withRestPort(int value) {
    return new EmulatorSettings(host, grpcPort, value, maxBacklogPerSubscription);
  }

  public EmulatorSettings withMaxBacklogPerSubscription(long value) {
    return new EmulatorSettings(host, grpcPort, restPort, value);
  }

  private static void requirePort(int port, String name) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(name + " out of range: " + port);
    }
  }
}
