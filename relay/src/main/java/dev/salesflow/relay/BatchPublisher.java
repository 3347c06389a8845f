package dev.salesflow.relay;

import com.google.api.core.ApiFuture;
import com.google.cloud.pubsub.v1.stub.PublisherStub;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PubsubMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a list of messages as Publish requests that are all in flight at once, and returns
 * once Pub/Sub has confirmed every message.
 *
 * <p>The Pub/Sub API wants every message of a {@code PublishRequest} to carry the same ordering
 * key (google.pubsub.v1.PubsubMessage.ordering_key), so a request holds one key's messages; only
 * messages without a key share requests (up to 1,000 messages / 10 MB). Almost every key here (an
 * aggregate id) is distinct, so a batch is about one request per message, all sent together.
 *
 * <p>Why not the client library's {@code Publisher}: a failed publish pauses its ordering key until
 * someone calls {@code resumePublish}, which nothing did, and 1.148.0 can strand ordered batches.
 * This class talks to the library's lower-level {@link PublisherStub} instead (same transport,
 * credentials, endpoint and retries of transient errors).
 *
 * <p>Order per ordering key: every message of a key in one call goes into the same request, in the
 * caller's order (a request's messages are stored in order), and a key with more messages than one
 * request holds continues in the next wave, sent only after the previous wave is confirmed. The
 * caller publishes its next list only after this one returned, so order holds across calls too.
 *
 * <p>A refused request is sent again, alone, after a back-off (a refused request stored nothing, so
 * this repeats no message) until the deadline; then {@link PublishException} says what failed.
 */
public class BatchPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchPublisher.class);
    /** The Pub/Sub API's limits per Publish request: 1,000 messages and 10 MB. */
    static final int MAX_MESSAGES_PER_REQUEST = 1_000;

    static final long MAX_BYTES_PER_REQUEST = 9_000_000;
    /** Bytes a message adds to a request beyond its own size (field tag and length). */
    private static final int PER_MESSAGE_OVERHEAD = 8;

    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

    private final PublisherStub stub;
    private final String topic;
    private final int maxMessagesPerRequest;
    private final long maxBytesPerRequest;

    /** @param topic the full topic name, {@code projects/P/topics/T} */
    public BatchPublisher(PublisherStub stub, String topic) {
        this(stub, topic, MAX_MESSAGES_PER_REQUEST, MAX_BYTES_PER_REQUEST);
    }

    BatchPublisher(PublisherStub stub, String topic, int maxMessagesPerRequest, long maxBytesPerRequest) {
        this.stub = stub;
        this.topic = topic;
        this.maxMessagesPerRequest = maxMessagesPerRequest;
        this.maxBytesPerRequest = maxBytesPerRequest;
    }

    public String topic() {
        return topic;
    }

    /**
     * Publishes {@code messages} and waits until every one is confirmed.
     *
     * @return the number of Publish requests sent, retries included
     * @throws PublishException if a request is still refused or unanswered at the deadline; some
     *     of the messages may then have been stored (publish them again: subscribers here are
     *     idempotent on event_id)
     */
    public int publish(List<PubsubMessage> messages, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int requests = 0;
        for (List<PublishRequest> wave : plan(messages)) {
            requests += send(wave, deadline);
        }
        return requests;
    }

    /**
     * The requests to send: wave after wave, the requests of one wave in flight together. A key's
     * messages are cut into parts that fit one request; its first part goes into the first wave,
     * its second into the second, and so on. Messages without an ordering key are free to go
     * anywhere.
     */
    List<List<PublishRequest>> plan(List<PubsubMessage> messages) {
        Map<String, List<PubsubMessage>> byKey = new LinkedHashMap<>();
        int unordered = 0;
        for (PubsubMessage message : messages) {
            // No key: a group of its own. The NUL prefix cannot clash with an ordering key in use.
            String key = message.getOrderingKey().isEmpty() ? "\0" + unordered++ : message.getOrderingKey();
            byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(message);
        }
        List<List<RequestBuilder>> waves = new ArrayList<>();
        for (List<PubsubMessage> group : byKey.values()) {
            int wave = 0;
            String orderingKey = group.get(0).getOrderingKey();
            RequestBuilder part = new RequestBuilder(orderingKey);
            for (PubsubMessage message : group) {
                if (!part.isEmpty() && !part.fits(message)) {
                    place(waves, wave++, part);
                    part = new RequestBuilder(orderingKey);
                }
                part.add(message);
            }
            place(waves, wave, part);
        }
        List<List<PublishRequest>> plan = new ArrayList<>(waves.size());
        for (List<RequestBuilder> wave : waves) {
            plan.add(wave.stream().map(request -> request.build(topic)).toList());
        }
        return plan;
    }

    /**
     * Starts a request with a key's part; messages without a key join the wave's last request if
     * it holds messages without a key too and they fit.
     */
    private void place(List<List<RequestBuilder>> waves, int wave, RequestBuilder part) {
        while (waves.size() <= wave) {
            waves.add(new ArrayList<>());
        }
        List<RequestBuilder> requests = waves.get(wave);
        RequestBuilder last = requests.isEmpty() ? null : requests.get(requests.size() - 1);
        if (last != null && part.orderingKey.isEmpty() && last.orderingKey.isEmpty() && last.fits(part)) {
            last.addAll(part);
        } else {
            requests.add(part);
        }
    }

    private int send(List<PublishRequest> wave, long deadline) {
        List<PublishRequest> toSend = wave;
        Duration delay = FIRST_RETRY_DELAY;
        int sent = 0;
        while (true) {
            List<ApiFuture<PublishResponse>> answers = new ArrayList<>(toSend.size());
            for (PublishRequest request : toSend) {
                answers.add(stub.publishCallable().futureCall(request));
            }
            sent += toSend.size();
            List<PublishRequest> refused = new ArrayList<>();
            Throwable lastRefusal = null;
            for (int i = 0; i < answers.size(); i++) {
                PublishRequest request = toSend.get(i);
                try {
                    PublishResponse response = answers.get(i).get(remaining(deadline), TimeUnit.NANOSECONDS);
                    if (response.getMessageIdsCount() != request.getMessagesCount()) {
                        throw new PublishException(
                                "Pub/Sub answered " + response.getMessageIdsCount() + " message ids for "
                                        + request.getMessagesCount() + " messages to " + topic,
                                null);
                    }
                } catch (ExecutionException | CancellationException e) {
                    refused.add(request);
                    lastRefusal = e instanceof ExecutionException ? e.getCause() : e;
                } catch (TimeoutException e) {
                    answers.forEach(answer -> answer.cancel(true));
                    throw new PublishException("Pub/Sub did not answer a Publish request to " + topic + " in time", e);
                } catch (InterruptedException e) {
                    answers.forEach(answer -> answer.cancel(true));
                    Thread.currentThread().interrupt();
                    throw new PublishException(
                            "Interrupted while waiting for Pub/Sub to confirm messages to " + topic, e);
                }
            }
            if (refused.isEmpty()) {
                return sent;
            }
            int messages =
                    refused.stream().mapToInt(PublishRequest::getMessagesCount).sum();
            if (System.nanoTime() + delay.toNanos() > deadline) {
                throw new PublishException(
                        "Pub/Sub refused " + refused.size() + " Publish requests (" + messages + " messages) to "
                                + topic + " until the deadline; last answer: " + lastRefusal,
                        lastRefusal);
            }
            log.warn(
                    "Pub/Sub refused {} of {} Publish requests ({} messages) to {}: {}; sending them again in {} ms",
                    refused.size(),
                    toSend.size(),
                    messages,
                    topic,
                    lastRefusal,
                    delay.toMillis());
            sleep(delay);
            delay = delay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay.multipliedBy(2);
            toSend = refused;
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("Interrupted while waiting to publish again", e);
        }
    }

    @Override
    public void close() {
        stub.close();
    }

    /** Messages of one request under construction, with their size. */
    private final class RequestBuilder {
        private final String orderingKey;
        private final List<PubsubMessage> messages = new ArrayList<>();
        private long bytes;

        RequestBuilder(String orderingKey) {
            this.orderingKey = orderingKey;
        }

        boolean isEmpty() {
            return messages.isEmpty();
        }

        boolean fits(PubsubMessage message) {
            return messages.size() + 1 <= maxMessagesPerRequest && bytes + sizeOf(message) <= maxBytesPerRequest;
        }

        boolean fits(RequestBuilder other) {
            return messages.size() + other.messages.size() <= maxMessagesPerRequest
                    && bytes + other.bytes <= maxBytesPerRequest;
        }

        void add(PubsubMessage message) {
            messages.add(message);
            bytes += sizeOf(message);
        }

        void addAll(RequestBuilder other) {
            messages.addAll(other.messages);
            bytes += other.bytes;
        }

        PublishRequest build(String topic) {
            return PublishRequest.newBuilder()
                    .setTopic(topic)
                    .addAllMessages(messages)
                    .build();
        }

        private long sizeOf(PubsubMessage message) {
            return message.getSerializedSize() + PER_MESSAGE_OVERHEAD;
        }
    }

    /** Pub/Sub did not confirm every message by the deadline. */
    public static final class PublishException extends RuntimeException {
        PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
