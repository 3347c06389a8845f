package dev.salesflow.bench;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.batching.BatchingSettings;
import com.google.api.gax.batching.FlowControlSettings;
import com.google.api.gax.core.InstantiatingExecutorProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.UnsafeByteOperations;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import dev.salesflow.pubsub.emulator.EmulatorSettings;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Throughput benchmark of the emulator with the real Java client on loopback: one {@link
 * Publisher} (the client's default batching, or with {@code --ordered} the app's relay settings:
 * ordering on, a unique ordering key per message, one message per Publish request, or with {@code
 * --keys N} ordering on and messages spread round-robin over N ordering keys) and one {@link
 * Subscriber} (StreamingPull) that acks every message. With {@code --keys} the receiver also
 * counts messages that arrive behind a later message of their key ("out of order", 0 expected). Not a test: run {@link #main} and read the
 * figures it prints (see the module README for the command).
 *
 * <p>Each message carries its publish time ({@link System#nanoTime()}, same JVM) and its sequence
 * number in the first 16 bytes of its 1 KiB payload, so the receiver measures publish-to-receive
 * latency and counts duplicates and missing messages. "End-to-end" runs from the first publish
 * call to the moment the emulator's backlog of the subscription is zero, i.e. the last ack has
 * reached the emulator.
 *
 * <p>The publisher keeps at most {@code --window} messages unconfirmed (a semaphore released by the
 * confirmation callback), so the benchmark does not queue hundreds of MB in the client when the
 * emulator is slower than the publishing loop.
 */
public final class EmulatorBenchmark {

    private static final String PROJECT = "bench";
    private static final int HEADER_BYTES = 16;

    private record Options(
            int messages,
            int warmup,
            int size,
            boolean ordered,
            int keys,
            int window,
            int parallelPull,
            long maxOutstanding,
            long maxBacklog,
            long batchMessages,
            long batchBytes,
            int executorThreads,
            int inFlight) {

        static Options parse(String[] args) {
            int messages = 500_000;
            int warmup = 50_000;
            int size = 1024;
            boolean ordered = false;
            int keys = 0; // 0: no shared ordering keys
            int window = 1_000;
            int parallelPull = 1;
            long maxOutstanding = 1000; // the Subscriber's default
            long maxBacklog = EmulatorSettings.DEFAULT_MAX_BACKLOG;
            long batchMessages = 0; // 0: the client's default batching
            long batchBytes = 0;
            int executorThreads = 0; // 0: the client's default (5)
            int inFlight = 0; // 0: no limit on published and not yet received messages
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--messages" -> messages = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--size" -> size = Integer.parseInt(args[++i]);
                    case "--ordered" -> ordered = true;
                    case "--keys" -> keys = Integer.parseInt(args[++i]);
                    case "--window" -> window = Integer.parseInt(args[++i]);
                    case "--parallel-pull" -> parallelPull = Integer.parseInt(args[++i]);
                    case "--max-outstanding" -> maxOutstanding = Long.parseLong(args[++i]);
                    case "--max-backlog" -> maxBacklog = Long.parseLong(args[++i]);
                    case "--batch-messages" -> batchMessages = Long.parseLong(args[++i]);
                    case "--batch-bytes" -> batchBytes = Long.parseLong(args[++i]);
                    case "--executor-threads" -> executorThreads = Integer.parseInt(args[++i]);
                    case "--in-flight" -> inFlight = Integer.parseInt(args[++i]);
                    case "--help", "-h" -> {
                        System.out.println(
                                "EmulatorBenchmark [--messages 500000] [--warmup 50000] [--size 1024] [--ordered]"
                                        + " [--keys N]"
                                        + " [--window 20000] [--parallel-pull 1] [--max-outstanding 1000]"
                                        + " [--max-backlog 1000000] [--batch-messages N --batch-bytes B]"
                                        + " [--executor-threads N] [--in-flight N]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("Unknown option: " + arg);
                }
            }
            if (size < HEADER_BYTES) {
                throw new IllegalArgumentException("--size must be at least " + HEADER_BYTES);
            }
            if (ordered && keys > 0) {
                throw new IllegalArgumentException("--ordered and --keys exclude each other");
            }
            return new Options(
                    messages,
                    warmup,
                    size,
                    ordered,
                    keys,
                    window,
                    parallelPull,
                    maxOutstanding,
                    maxBacklog,
                    batchMessages,
                    batchBytes,
                    executorThreads,
                    inFlight);
        }
    }

    private record Result(
            int messages,
            double endToEndSeconds,
            double publishSeconds,
            double receiveSeconds,
            long p50Nanos,
            long p99Nanos,
            long maxNanos,
            long duplicates,
            long redelivered,
            long outOfOrder,
            long missing,
            long publishFailures,
            long publishRequests,
            long cpuNanos,
            long gcMillis,
            Map<String, Long> threadCpuNanos) {}

    private final Options options;
    private final PubSubEmulator emulator;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final byte[] payloadTemplate;

    private EmulatorBenchmark(Options options, PubSubEmulator emulator) {
        this.options = options;
        this.emulator = emulator;
        this.payloadTemplate = new byte[options.size()];
        new Random(42).nextBytes(payloadTemplate);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf(
                Locale.ROOT,
                "EmulatorBenchmark: %,d messages of %d B (warm-up %,d), %s, publish window %,d,"
                        + " in flight %s, parallel pull %d, max outstanding %,d, subscriber executor threads %s,"
                        + " publisher batching %s%n",
                options.messages(),
                options.size(),
                options.warmup(),
                options.keys() > 0
                        ? "ordered over " + options.keys() + " ordering keys (round-robin)"
                        : options.ordered() ? "ordered (unique key per message, one message per request)" : "unordered",
                options.window(),
                options.inFlight() > 0 ? String.format(Locale.ROOT, "%,d", options.inFlight()) : "unlimited",
                options.parallelPull(),
                options.maxOutstanding(),
                options.executorThreads() > 0 ? options.executorThreads() : "client default (5)",
                options.batchMessages() > 0
                        ? options.batchMessages() + " messages / " + options.batchBytes() + " B / 1 ms"
                        : options.ordered() ? "1 message per request (the app's)" : "client default");
        System.out.printf(Locale.ROOT, "before: %s%n", machine());
        try (PubSubEmulator emulator = PubSubEmulator.start(
                EmulatorSettings.ephemeral().withMaxBacklogPerSubscription(options.maxBacklog()))) {
            EmulatorBenchmark bench = new EmulatorBenchmark(options, emulator);
            try {
                if (options.warmup() > 0) {
                    Result warm = bench.round("warmup", options.warmup());
                    print("warm-up", warm);
                }
                System.gc();
                Result result = bench.round("measured", options.messages());
                print("measured", result);
            } finally {
                bench.channels.forEach(ManagedChannel::shutdownNow);
            }
        }
        System.out.printf(Locale.ROOT, "after: %s%n", machine());
        System.exit(0);
    }

    private boolean ordering() {
        return options.ordered() || options.keys() > 0;
    }

    private Result round(String name, int count) throws Exception {
        String topic = "projects/" + PROJECT + "/topics/" + name;
        String subscription = "projects/" + PROJECT + "/subscriptions/" + name;
        try (TopicAdminClient topics = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                        .setTransportChannelProvider(channel())
                        .setCredentialsProvider(NoCredentialsProvider.create())
                        .build());
                SubscriptionAdminClient subscriptions =
                        SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                                .setTransportChannelProvider(channel())
                                .setCredentialsProvider(NoCredentialsProvider.create())
                                .build())) {
            topics.createTopic(topic);
            subscriptions.createSubscription(Subscription.newBuilder()
                    .setName(subscription)
                    .setTopic(topic)
                    .setAckDeadlineSeconds(60)
                    .setEnableMessageOrdering(ordering())
                    .build());
        }

        AtomicLongArray latencies = new AtomicLongArray(count);
        AtomicLong duplicates = new AtomicLong();
        // Message id first received per sequence number: a duplicate with the same id is a
        // redelivery by the emulator, one with another id a second publish of the message (the
        // publisher retries a Publish whose RPC timed out).
        AtomicLongArray firstIds = new AtomicLongArray(count);
        AtomicLong redelivered = new AtomicLong();
        CountDownLatch allReceived = new CountDownLatch(count);
        AtomicLong lastReceive = new AtomicLong();
        // Published and not yet received: bounds the emulator's backlog (and so the live heap) in a
        // steady state where publishing runs at the rate messages are consumed.
        Semaphore inFlight = new Semaphore(options.inFlight() > 0 ? options.inFlight() : Integer.MAX_VALUE);
        // Per ordering key (--keys): the highest sequence received so far. Sequence i has key i % N,
        // so a first receipt below that is a message delivered behind a later one of its key.
        AtomicLongArray lastOfKey = new AtomicLongArray(Math.max(1, options.keys()));
        for (int k = 0; k < options.keys(); k++) {
            lastOfKey.set(k, -1);
        }
        AtomicLong outOfOrder = new AtomicLong();
        MessageReceiver receiver = (message, consumer) -> {
            long now = System.nanoTime();
            ByteBuffer header = message.getData().substring(0, HEADER_BYTES).asReadOnlyByteBuffer();
            long sentAt = header.getLong();
            int sequence = (int) header.getLong();
            consumer.ack();
            long id = Long.parseLong(message.getMessageId());
            if (latencies.compareAndSet(sequence, 0, Math.max(1, now - sentAt))) {
                firstIds.set(sequence, id);
                if (options.keys() > 0) {
                    int key = sequence % options.keys();
                    if (lastOfKey.getAndAccumulate(key, sequence, Math::max) > sequence) {
                        outOfOrder.incrementAndGet();
                    }
                }
                lastReceive.accumulateAndGet(now, Math::max);
                inFlight.release();
                allReceived.countDown();
            } else {
                duplicates.incrementAndGet();
                if (firstIds.get(sequence) == id) {
                    redelivered.incrementAndGet();
                }
            }
        };
        Subscriber.Builder subscriberBuilder = Subscriber.newBuilder(subscription, receiver)
                .setChannelProvider(channel())
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setParallelPullCount(options.parallelPull())
                .setFlowControlSettings(FlowControlSettings.newBuilder()
                        .setMaxOutstandingElementCount(options.maxOutstanding())
                        .setMaxOutstandingRequestBytes(100L * 1024 * 1024)
                        .build());
        if (options.executorThreads() > 0) {
            subscriberBuilder.setExecutorProvider(InstantiatingExecutorProvider.newBuilder()
                    .setExecutorThreadCount(options.executorThreads())
                    .build());
        }
        Subscriber subscriber = subscriberBuilder.build();
        subscriber.startAsync().awaitRunning(30, TimeUnit.SECONDS);

        AtomicLong publishRequests = new AtomicLong();
        Publisher.Builder builder = Publisher.newBuilder(topic)
                .setChannelProvider(channel(new PublishCounter(publishRequests)))
                .setCredentialsProvider(NoCredentialsProvider.create());
        if (options.ordered()) {
            // What the app's relay runs with (see OrderedPublishUnderLoadTest.appPublisherBatching).
            builder.setEnableMessageOrdering(true)
                    .setBatchingSettings(BatchingSettings.newBuilder()
                            .setElementCountThreshold(1L)
                            .setRequestByteThreshold(1L)
                            .build());
        }
        if (options.keys() > 0) {
            builder.setEnableMessageOrdering(true);
        }
        if (options.batchMessages() > 0) {
            builder.setBatchingSettings(BatchingSettings.newBuilder()
                    .setDelayThresholdDuration(Duration.ofMillis(1))
                    .setElementCountThreshold(options.batchMessages())
                    .setRequestByteThreshold(options.batchBytes())
                    .build());
        }
        Publisher publisher = builder.build();

        Semaphore window = new Semaphore(options.window());
        CountDownLatch allConfirmed = new CountDownLatch(count);
        AtomicLong lastConfirm = new AtomicLong();
        AtomicLong publishFailures = new AtomicLong();
        ApiFutureCallback<String> onConfirm = new ApiFutureCallback<>() {
            @Override
            public void onSuccess(String id) {
                lastConfirm.accumulateAndGet(System.nanoTime(), Math::max);
                window.release();
                allConfirmed.countDown();
            }

            @Override
            public void onFailure(Throwable t) {
                publishFailures.incrementAndGet();
                inFlight.release();
                window.release();
                allConfirmed.countDown();
            }
        };

        long cpuBefore = processCpuNanos();
        long gcBefore = gcMillis();
        Map<String, Long> threadsBefore = threadCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (!inFlight.tryAcquire(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("no message received for a minute");
            }
            window.acquire();
            byte[] data = payloadTemplate.clone();
            ByteBuffer.wrap(data).putLong(System.nanoTime()).putLong(i);
            // A fresh array per message, never changed afterwards: wrapping it saves a 1 KiB copy.
            PubsubMessage.Builder message = PubsubMessage.newBuilder().setData(UnsafeByteOperations.unsafeWrap(data));
            if (options.ordered()) {
                message.setOrderingKey("sale-" + i);
            } else if (options.keys() > 0) {
                message.setOrderingKey("key-" + (i % options.keys()));
            }
            ApiFuture<String> id = publisher.publish(message.build());
            ApiFutures.addCallback(id, onConfirm, MoreExecutors.directExecutor());
        }
        long published = System.nanoTime();
        if (!allConfirmed.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("publishes not confirmed within 10 minutes");
        }
        boolean complete = allReceived.await(10, TimeUnit.MINUTES);
        // The ack of the last message has reached the emulator once the backlog is zero.
        long end;
        while (true) {
            long backlog = emulator.backlog(subscription);
            end = System.nanoTime();
            if (backlog == 0 || end - start > TimeUnit.MINUTES.toNanos(11)) {
                break;
            }
            Thread.sleep(0, 200_000);
        }
        long cpuNanos = processCpuNanos() - cpuBefore;
        long gcSpent = gcMillis() - gcBefore;
        Map<String, Long> threadCpu = threadCpuNanos();
        threadCpu.replaceAll((group, nanos) -> nanos - threadsBefore.getOrDefault(group, 0L));
        long publishDone = lastConfirm.get();
        System.out.printf(
                Locale.ROOT,
                "  [%s] publish loop %.2f s, last confirm %.2f s, last receive %.2f s, backlog zero %.2f s%n",
                name,
                (published - start) / 1e9,
                (publishDone - start) / 1e9,
                (lastReceive.get() - start) / 1e9,
                (end - start) / 1e9);

        publisher.shutdown();
        publisher.awaitTermination(30, TimeUnit.SECONDS);
        subscriber.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);

        long[] sorted = new long[count];
        long missing = 0;
        for (int i = 0; i < count; i++) {
            sorted[i] = latencies.get(i);
            if (sorted[i] == 0) {
                missing++;
            }
        }
        if (!complete && missing == 0) {
            throw new IllegalStateException("latch and latencies disagree");
        }
        Arrays.sort(sorted);
        return new Result(
                count,
                (end - start) / 1e9,
                (publishDone - start) / 1e9,
                (lastReceive.get() - start) / 1e9,
                percentile(sorted, missing, 0.50),
                percentile(sorted, missing, 0.99),
                sorted[count - 1],
                duplicates.get(),
                redelivered.get(),
                outOfOrder.get(),
                missing,
                publishFailures.get(),
                publishRequests.get(),
                cpuNanos,
                gcSpent,
                threadCpu);
    }

    private static long percentile(long[] sorted, long missing, double p) {
        int received = (int) (sorted.length - missing);
        if (received == 0) {
            return 0;
        }
        int index = (int) missing + Math.min(received - 1, (int) Math.ceil(p * received) - 1);
        return sorted[Math.max((int) missing, index)];
    }

    private TransportChannelProvider channel(ClientInterceptor... interceptors) {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(emulator.grpcTarget())
                .usePlaintext()
                .intercept(interceptors)
                .build();
        channels.add(channel);
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    private static void print(String label, Result r) {
        System.out.printf(
                Locale.ROOT,
                "%s: %,d msgs | end-to-end (first publish -> last ack at emulator) %.2f s = %,.0f msg/s"
                        + " | publish-confirm %,.0f msg/s | receive %,.0f msg/s"
                        + " | publish->receive p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                        + " | duplicates %d (%d redelivered, the rest published twice), missing %d,"
                        + " out of order %d, publish failures %d"
                        + " | %,d Publish requests (%.1f messages each)%n",
                label,
                r.messages(),
                r.endToEndSeconds(),
                r.messages() / r.endToEndSeconds(),
                r.messages() / r.publishSeconds(),
                r.messages() / r.receiveSeconds(),
                r.p50Nanos() / 1e6,
                r.p99Nanos() / 1e6,
                r.maxNanos() / 1e6,
                r.duplicates(),
                r.redelivered(),
                r.missing(),
                r.outOfOrder(),
                r.publishFailures(),
                r.publishRequests(),
                (double) r.messages() / Math.max(1, r.publishRequests()));
        double wall = r.endToEndSeconds() * 1e9 * Runtime.getRuntime().availableProcessors();
        StringBuilder groups = new StringBuilder();
        r.threadCpuNanos().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> groups.append(
                        String.format(Locale.ROOT, " %s %.1f", e.getKey(), e.getValue() / 1e3 / r.messages())));
        System.out.printf(
                Locale.ROOT,
                "  CPU %.1f us/message (process, all threads; %.0f%% of the cores over the run), GC %d ms"
                        + " in the run | CPU us/message by thread:%s%n",
                r.cpuNanos() / 1e3 / r.messages(),
                100.0 * r.cpuNanos() / wall,
                r.gcMillis(),
                groups);
        System.out.printf(Locale.ROOT, "  %s%n", machine());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /**
     * CPU time of the live threads, summed by name with digits removed ("grpc-default-worker-ELG-N-N"),
     * so client and emulator threads can be told apart where they have their own pools.
     */
    private static Map<String, Long> threadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                byGroup.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
            }
        }
        return byGroup;
    }

    /** Counts the Publish RPCs the publisher makes, to show its effective batch size. */
    private record PublishCounter(AtomicLong calls) implements ClientInterceptor {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            if (method.getFullMethodName()
                    .equals(PublisherGrpc.getPublishMethod().getFullMethodName())) {
                calls.incrementAndGet();
            }
            return next.newCall(method, options);
        }
    }

    /** Heap, GC, cores and load average, printed next to every figure. */
    private static String machine() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        String load;
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            load = parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            load = String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        return String.format(
                Locale.ROOT,
                "heap used %d MiB (sum of pool peaks %d MiB, max %d MiB), GC %d collections / %d ms,"
                        + " cores %d, load average %s",
                used >> 20,
                peak >> 20,
                rt.maxMemory() >> 20,
                gcCount,
                gcMillis,
                rt.availableProcessors(),
                load);
    }
}
