package dev.salesflow.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PubsubMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How a batch is cut into Publish requests: one ordering key per request (the API's rule), within
 * its limits, and order per key kept.
 */
class BatchPublisherPlanTest {

    private static final String TOPIC = "projects/p/topics/t";

    private static PubsubMessage message(String key, int n) {
        return PubsubMessage.newBuilder()
                .setOrderingKey(key)
                .putAttributes("n", Integer.toString(n))
                .setData(ByteString.copyFromUtf8("x".repeat(100)))
                .build();
    }

    @Test
    void aRequestHoldsOneOrderingKeyAndEveryRequestOfABatchIsSentTogether() {
        List<PubsubMessage> batch = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            batch.add(message("sale-" + n % 100, n));
        }

        List<List<PublishRequest>> plan = new BatchPublisher(null, TOPIC).plan(batch);

        assertThat(plan).hasSize(1);
        assertThat(plan.get(0)).hasSize(100).allSatisfy(request -> {
            assertThat(request.getTopic()).isEqualTo(TOPIC);
            assertThat(request.getMessagesList())
                    .extracting(PubsubMessage::getOrderingKey)
                    .containsOnly(request.getMessages(0).getOrderingKey());
            assertThat(request.getMessagesList())
                    .extracting(m -> Integer.parseInt(m.getAttributesOrThrow("n")))
                    .hasSize(3)
                    .isSorted();
        });
    }

    @Test
    void messagesWithoutAKeyShareFullRequests() {
        List<PubsubMessage> batch = new ArrayList<>();
        for (int n = 0; n < 2_500; n++) {
            batch.add(message("", n));
        }

        List<List<PublishRequest>> plan = new BatchPublisher(null, TOPIC).plan(batch);

        assertThat(plan).hasSize(1);
        assertThat(plan.get(0)).extracting(PublishRequest::getMessagesCount).containsExactly(1_000, 1_000, 500);
    }

    @Test
    void aKeyStaysInOneRequestPerWaveAndContinuesInTheNextWaveInOrder() {
        List<PubsubMessage> batch = new ArrayList<>();
        int n = 0;
        // Interleaved as a store holds them: key "a" has 7 messages, more than a request of 3 holds.
        for (int round = 0; round < 7; round++) {
            batch.add(message("a", n++));
            if (round < 2) {
                batch.add(message("b", n++));
            }
            if (round < 4) {
                batch.add(message("c-" + round, n++));
            }
            batch.add(message("", n++)); // no ordering key
        }

        List<List<PublishRequest>> plan = new BatchPublisher(null, TOPIC, 3, Long.MAX_VALUE).plan(batch);

        Map<String, List<Integer>> sentInOrder = new HashMap<>();
        int messages = 0;
        for (List<PublishRequest> wave : plan) {
            Set<String> keysInEarlierRequestsOfThisWave = new HashSet<>();
            for (PublishRequest request : wave) {
                assertThat(request.getMessagesCount()).isBetween(1, 3);
                assertThat(request.getMessagesList())
                        .extracting(PubsubMessage::getOrderingKey)
                        .as("one ordering key per request")
                        .containsOnly(request.getMessages(0).getOrderingKey());
                Set<String> keysHere = new HashSet<>();
                for (PubsubMessage message : request.getMessagesList()) {
                    messages++;
                    String key = message.getOrderingKey();
                    if (!key.isEmpty()) {
                        assertThat(keysInEarlierRequestsOfThisWave)
                                .as("key %s in two requests of one wave", key)
                                .doesNotContain(key);
                        keysHere.add(key);
                        sentInOrder
                                .computeIfAbsent(key, k -> new ArrayList<>())
                                .add(Integer.parseInt(message.getAttributesOrThrow("n")));
                    }
                }
                keysInEarlierRequestsOfThisWave.addAll(keysHere);
            }
        }
        assertThat(messages).isEqualTo(batch.size());
        assertThat(plan).hasSize(3); // "a": 3 + 3 + 1
        assertThat(sentInOrder.get("a")).isSorted().hasSize(7);
        assertThat(sentInOrder.get("b")).isSorted().hasSize(2);
    }

    @Test
    void requestsStayUnderTheByteLimit() {
        List<PubsubMessage> batch = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            batch.add(message("", n));
        }
        long oneMessage = batch.get(0).getSerializedSize() + 8;

        List<List<PublishRequest>> plan = new BatchPublisher(null, TOPIC, 1_000, oneMessage * 4).plan(batch);

        assertThat(plan.get(0)).extracting(PublishRequest::getMessagesCount).containsExactly(4, 4, 2);
    }
}
