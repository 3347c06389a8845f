package dev.salesflow.bronze.grpcread;

import java.util.List;
import java.util.Map;

/**
 * What one pull returned: the Beam element of the {@code GRPC_BATCHES} read path. Each message keeps
 * its ack id, which travels with its row to the writer that acks it once the row is committed.
 */
public record ReceivedBatch(List<Received> messages) {

    public ReceivedBatch {
        messages = List.copyOf(messages);
    }

    /** One delivered message; {@code ackId} identifies this delivery (a redelivery has another). */
    public record Received(
            String messageId, String ackId, long publishTimeMillis, byte[] data, Map<String, String> attributes) {}
}
