package dev.salesflow.pubsub.emulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator until Ctrl-C.
 *
 * <pre>
 * java -jar pubsub-emulator.jar [--host 127.0.0.1] [--grpc-port 8085] [--rest-port 8086]
 *     [--max-backlog 1000000] [--max-backlog-bytes 268435456] [--max-request-bytes 10485760]
 *     [--max-stream-threads 64] [--rest-threads 16]
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
            System.err.println("usage: PubSubEmulatorMain [--host H] [--grpc-port P] [--rest-port P] [--max-backlog N]"
                    + " [--max-backlog-bytes B] [--max-request-bytes B] [--max-stream-threads N]"
                    + " [--rest-threads N]");
            System.exit(2);
            return;
        }
        // Printed as well as logged: the jar runs without an SLF4J provider.
        PubSubEmulator.exposureWarning(settings.host()).ifPresent(w -> System.err.println("WARNING: " + w));
        PubSubEmulator emulator = PubSubEmulator.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            emulator.close();
                            stopped.countDown();
                        },
                        "pubsub-emulator-shutdown"));
        System.out.println("Pub/Sub emulator gRPC on " + emulator.grpcTarget() + " (export PUBSUB_EMULATOR_HOST="
                + emulator.grpcTarget() + ")");
        System.out.println("Pub/Sub emulator REST on " + emulator.restUrl() + " (Beam: --pubsubRootUrl="
                + emulator.restUrl().replaceAll("/$", "") + ")");
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
                settings = switch (flag) {
                    case "--host" -> settings.withHost(value);
                    case "--grpc-port" -> settings.withGrpcPort(Integer.parseInt(value));
                    case "--rest-port" -> settings.withRestPort(Integer.parseInt(value));
                    case "--max-backlog" -> settings.withMaxBacklogPerSubscription(Long.parseLong(value));
                    case "--max-backlog-bytes" -> settings.withMaxBacklogBytesPerSubscription(Long.parseLong(value));
                    case "--max-request-bytes" -> settings.withMaxRequestBytes(Integer.parseInt(value));
                    case "--max-stream-threads" -> settings.withMaxStreamThreads(Integer.parseInt(value));
                    case "--rest-threads" -> settings.withRestThreads(Integer.parseInt(value));
                    default -> throw new IllegalArgumentException("Unknown option " + flag);
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not a number for " + flag + ": " + value);
            }
        }
        return settings;
    }
}
