package dev.salesflow.pubsub.emulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator until Ctrl-C.
 *
 * <pre>
 * java -jar pubsub-emulator.jar [--host 127.0.0.1] [--grpc-port 8085] [--rest-port 8086]
 *     [--max-backlog 1000000]
 * </pre>
 */
public final class PubSubEmulatorMain {

  private PubSubEmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmulatorSettings settings;
    try {
      settings = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: PubSubEmulatorMain [--host H] [--grpc-port P] [--rest-port P] [--max-backlog N]");
      System.exit(2);
      return;
    }
    PubSubEmulator emulator = PubSubEmulator.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                },
                "pubsub-emulator-shutdown"));
    System.out.println("Pub/Sub emulator gRPC on " + emulator.grpcTarget()
        + " (export PUBSUB_EMULATOR_HOST=" + emulator.grpcTarget() + ")");
    System.out.println("Pub/Sub emulator REST on " + emulator.restUrl()
        + " (Beam: --pubsubRootUrl=" + emulator.restUrl().replaceAll("/$", "") + ")");
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
  }

  static EmulatorSettings parse(String[] args) {
    EmulatorSettings settings = EmulatorSettings.defaults();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value;
      int eq = flag.indexOf('=');
      if (eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      } else if (flag.equals("--help") || flag.equals("-h")) {
        throw new IllegalArgumentException("Pub/Sub emulator");
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("Missing value for " + flag);
      }
      try {
        settings =
            switch (flag) {
              case "--host" -> settings.withHost(value);
              case "--grpc-port" -> settings.withGrpcPort(Integer.parseInt(value));
              case "--rest-port" -> settings.withRestPort(Integer.parseInt(value));
              case "--max-backlog" -> settings.withMaxBacklogPerSubscription(Long.parseLong(value));
              default -> throw new IllegalArgumentException("Unknown option " + flag);
            };
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Not a number for " + flag + ": " + value);
      }
    }
    return settings;
  }
}
