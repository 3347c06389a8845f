package dev.salesflow.bronze;

import dev.salesflow.bronze.grpcread.ReceivedBatch;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * {@link ParseEnvelopeFn} for the {@code GRPC_BATCHES} read path: flattens a pulled batch and parses
 * every message with the same code (same outputs, reasons and metrics), keeping each delivery's ack
 * id on its event or dead letter for the writer to ack after landing.
 */
public class ParseReceivedBatchFn extends DoFn<ReceivedBatch, BronzeEvent> {

    private final ParseEnvelopeFn parser;

    public ParseReceivedBatchFn(int maxMessageBytes) {
        this.parser = new ParseEnvelopeFn(maxMessageBytes);
    }

    @ProcessElement
    public void process(@Element ReceivedBatch batch, MultiOutputReceiver out) {
        for (ReceivedBatch.Received message : batch.messages()) {
            parser.route(message.data(), message.attributes(), message.messageId(), message.ackId(), out);
        }
    }
}
