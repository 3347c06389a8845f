package dev.salesflow.pubsub.emulator;

import static dev.salesflow.pubsub.emulator.EmulatorFixture.subscription;
import static dev.salesflow.pubsub.emulator.EmulatorFixture.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.core.ApiFuture;
import com.google.api.gax.batching.BatchingSettings;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The relay's load pattern (app/.../PubSubRelay): one thread publishes a batch of 200 events with
 * ordering keys (mostly unique aggregate ids), then waits for all 200 confirmations.
 *
 * <p>With google-cloud-pubsub up to 1.148.0 and the client's default batching, this hung: the
 * publisher's batching alarm ({@code Publisher.publishAllWithoutInflight}) iterates its per-key
 * batches under a reentrant lock and publishes them one by one. When the emulator answers before
 * the alarm thread has attached its callback, the callback runs at once on the alarm thread
 * ({@code directExecutor}), re-enters the lock, finds the just-emptied batch of that key, logs
 * "Attempted to publish batch with zero messages." and removes the key from the map. The alarm's
 * {@code it.remove()} then throws ConcurrentModificationException, swallowed by the scheduled
 * executor, and every batch after it in the map stays unsent until the next {@code publish} call,
 * which never comes while the caller waits. (1.149.0 runs that callback on the executor instead.)
 *
 * <p>The app therefore sends every message in its own request (element count threshold 1, see
 * application.yml): nothing is ever left in the map for the alarm. This test mirrors the
 * publisher Spring Cloud GCP builds from that configuration: its {@code publisherBatchSettings}
 * starts from {@code BatchingSettings.newBuilder()} and sets both thresholds, and its executor is
 * a 4-thread scheduler ({@code spring.cloud.gcp.pubsub.publisher.executor-threads} default).
 * Keep {@link #appPublisherBatching()} in step with application.yml.
 *
 * <p>The race needs the Publish answer to arrive within microseconds, which under the app's load
 * happened every few thousand events but rarely does in a quiet test; {@link
 * RaceWideningScheduler} makes it happen every time the alarm publishes, so with the client's
 * default batching (100 messages, 1 kB, 1 ms) both cases fail at once, and pass with the app's.
 */
class OrderedPublishUnderLoadTest {

    private static final String TOPIC = topic("sales-events");
    private static final int MESSAGES = 10_000;
    private static final int RELAY_BATCH = 200;
    private static final long CONFIRM_DEADLINE_SECONDS = 5;

    /** What Spring Cloud GCP builds from the app's {@code publisher.batching} properties. */
    static BatchingSettings appPublisherBatching() {
        return BatchingSettings.newBuilder()
                .setElementCountThreshold(1L)
                .setRequestByteThreshold(1L)
                .build();
    }

    private final List<Throwable> swallowedByExecutor = new CopyOnWriteArrayList<>();
    private EmulatorFixture fixture;
    private ScheduledThreadPoolExecutor executor;
    private ManagedChannel channel;
    private Publisher publisher;
    private final Object publishCalls = new Object();
    private int publishCallsStarted;
    private int publishCallsClosed;

    @BeforeEach
    void start() {
        fixture = new EmulatorFixture();
        fixture.createTopicAndSubscription(
                TOPIC,
                Subscription.newBuilder()
                        .setName(subscription("sales-events-bronze"))
                        .setEnableMessageOrdering(true)
                        .build());
        executor = new RaceWideningScheduler();
        channel = ManagedChannelBuilder.forTarget(fixture.emulator.grpcTarget())
                .usePlaintext()
                .intercept(new PublishCallTracker())
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        if (publisher != null) {
            publisher.shutdown();
            publisher.awaitTermination(10, TimeUnit.SECONDS);
        }
        channel.shutdownNow();
        fixture.close();
        executor.shutdownNow();
    }

    /**
     * @param eventsPerAggregate 1: every ordering key unique (one sale, one event); 3: keys repeat
     *     within a relay batch (an aggregate with a few events)
     */
    @ParameterizedTest(name = "{0} event(s) per ordering key")
    @ValueSource(ints = {1, 3})
    void relayLikeBatchesWithOrderingKeysAreAllConfirmed(int eventsPerAggregate) throws Exception {
        publisher = Publisher.newBuilder(TOPIC)
                .setChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setEnableMessageOrdering(true)
                .setBatchingSettings(appPublisherBatching())
                .setExecutorProvider(FixedExecutorProvider.create(executor))
                .build();
        Random random = new Random(7);
        int confirmed = 0;
        for (int first = 0; first < MESSAGES; first += RELAY_BATCH) {
            List<ApiFuture<String>> batch = new ArrayList<>(RELAY_BATCH);
            for (int n = first; n < first + RELAY_BATCH; n++) {
                // Envelopes are a few hundred bytes to a few kB, on both sides of the 1 kB default.
                byte[] data = new byte[300 + random.nextInt(1500)];
                random.nextBytes(data);
                batch.add(publisher.publish(PubsubMessage.newBuilder()
                        .setData(ByteString.copyFrom(data))
                        .putAttributes("n", Integer.toString(n))
                        .setOrderingKey("sale-" + n / eventsPerAggregate)
                        .build()));
            }
            for (ApiFuture<String> confirmation : batch) {
                try {
                    confirmation.get(CONFIRM_DEADLINE_SECONDS, TimeUnit.SECONDS);
                    confirmed++;
                } catch (TimeoutException e) {
                    long unconfirmed = batch.stream().filter(f -> !f.isDone()).count();
                    throw new AssertionError(
                            unconfirmed + " of the relay batch starting at message " + first
                                    + " were not confirmed within " + CONFIRM_DEADLINE_SECONDS + " s ("
                                    + confirmed + " confirmed before); the publisher's executor swallowed "
                                    + swallowedByExecutor,
                            e);
                }
            }
        }

        assertThat(confirmed).isEqualTo(MESSAGES);
        assertThat(swallowedByExecutor)
                .as("exceptions thrown in the publisher's executor")
                .isEmpty();
        assertThat(fixture.emulator.backlog(subscription("sales-events-bronze")))
                .isEqualTo(MESSAGES);
    }

    /**
     * The publisher's executor, a 4-thread scheduler like Spring's ThreadPoolTaskScheduler, with two
     * test aids. It records what its tasks threw (the batching alarm fails silently otherwise). And
     * it widens the race window that under the app's load opens by chance: when the batching alarm
     * (a delayed task) hands a batch to the executor, the alarm thread waits until the Publish RPCs
     * under way have been answered before it goes on, as it would if it had been descheduled. The
     * alarm then finds the batch's future already complete, as it sometimes did in the app.
     */
    private final class RaceWideningScheduler extends ScheduledThreadPoolExecutor {
        private final ThreadLocal<Boolean> inBatchingAlarm = ThreadLocal.withInitial(() -> false);

        RaceWideningScheduler() {
            super(4);
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (delay <= 0) {
                return super.schedule(command, delay, unit);
            }
            return super.schedule(
                    () -> {
                        inBatchingAlarm.set(true);
                        try {
                            command.run();
                        } finally {
                            inBatchingAlarm.set(false);
                        }
                    },
                    delay,
                    unit);
        }

        @Override
        public void execute(Runnable command) {
            if (!inBatchingAlarm.get()) {
                super.execute(command);
                return;
            }
            CountDownLatch ran = new CountDownLatch(1);
            super.execute(() -> {
                try {
                    command.run();
                } finally {
                    ran.countDown();
                }
            });
            try {
                if (ran.await(1, TimeUnit.SECONDS)) {
                    awaitPublishCallsAnswered(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            if (task instanceof Future<?> future && future.isDone() && !future.isCancelled()) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    swallowedByExecutor.add(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void awaitPublishCallsAnswered(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (publishCalls) {
            while (publishCallsClosed < publishCallsStarted) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                publishCalls.wait(left);
            }
        }
    }

    /** Counts Publish calls started and answered (after the client has handled the answer). */
    private final class PublishCallTracker implements ClientInterceptor {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            ClientCall<Q, R> call = next.newCall(method, options);
            if (!method.getFullMethodName()
                    .equals(PublisherGrpc.getPublishMethod().getFullMethodName())) {
                return call;
            }
            return new SimpleForwardingClientCall<>(call) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    synchronized (publishCalls) {
                        publishCallsStarted++;
                    }
                    super.start(
                            new SimpleForwardingClientCallListener<>(listener) {
                                @Override
                                public void onClose(Status status, Metadata trailers) {
                                    try {
                                        super.onClose(status, trailers);
                                    } finally {
                                        synchronized (publishCalls) {
                                            publishCallsClosed++;
                                            publishCalls.notifyAll();
                                        }
                                    }
                                }
                            },
                            headers);
                }
            };
        }
    }
}
