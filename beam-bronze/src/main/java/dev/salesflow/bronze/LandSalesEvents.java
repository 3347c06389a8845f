package dev.salesflow.bronze;

import dev.salesflow.bronze.bigquery.BronzeSql;
import dev.salesflow.bronze.bigquery.MergeSalesEvents;
import dev.salesflow.bronze.bigquery.WriteToBigQuery;
import dev.salesflow.bronze.duckdb.WriteErrorRecordsFn;
import dev.salesflow.bronze.duckdb.WriteEventsFn;
import dev.salesflow.bronze.grpcread.AckAfterLanding;
import dev.salesflow.bronze.grpcread.ReceivedBatch;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.bigquery.WriteResult;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Pub/Sub messages to bronze: parse each envelope, land the valid ones, dead-letter the rest.
 * The sink comes from the options, so tests and both deployments share this transform.
 */
public class LandSalesEvents extends PTransform<PCollection<PubsubMessage>, PDone> {

    private final BronzeOptions options;
    private final @Nullable BigQueryServices bigQueryTestServices;

    public LandSalesEvents(BronzeOptions options) {
        this(options, null);
    }

    /**
     * @param bigQueryTestServices Beam's fake BigQuery services for tests of the BIGQUERY sink;
     *                             {@code null} (production) talks to BigQuery
     */
    public LandSalesEvents(BronzeOptions options, @Nullable BigQueryServices bigQueryTestServices) {
        this.options = options;
        this.bigQueryTestServices = bigQueryTestServices;
    }

    @Override
    public PDone expand(PCollection<PubsubMessage> messages) {
        PCollectionTuple parsed = messages.apply(
                "ParseEnvelopes",
                ParDo.of(new ParseEnvelopeFn(options.getMaxMessageBytes()))
                        .withOutputTags(ParseEnvelopeFn.PARSED, TupleTagList.of(ParseEnvelopeFn.FAILED)));
        write(parsed, options, bigQueryTestServices, null);
        return PDone.in(messages.getPipeline());
    }

    /**
     * The same landing for the {@code GRPC_BATCHES} read path (DuckDB only): each batch is flattened
     * and parsed by the same code, and the writers ack every message once its row is committed.
     */
    public static PTransform<PCollection<ReceivedBatch>, PDone> fromBatches(
            BronzeOptions options, AckAfterLanding acks) {
        return new PTransform<>() {
            @Override
            public PDone expand(PCollection<ReceivedBatch> batches) {
                PCollectionTuple parsed = batches.apply(
                        "ParseEnvelopes",
                        ParDo.of(new ParseReceivedBatchFn(options.getMaxMessageBytes()))
                                .withOutputTags(ParseEnvelopeFn.PARSED, TupleTagList.of(ParseEnvelopeFn.FAILED)));
                write(parsed, options, null, acks);
                return PDone.in(batches.getPipeline());
            }
        };
    }

    private static void write(
            PCollectionTuple parsed,
            BronzeOptions options,
            @Nullable BigQueryServices bigQueryTestServices,
            @Nullable AckAfterLanding acks) {
        PCollection<BronzeEvent> events =
                parsed.get(ParseEnvelopeFn.PARSED).setCoder(SerializableCoder.of(BronzeEvent.class));
        PCollection<FailedMessage> failures =
                parsed.get(ParseEnvelopeFn.FAILED).setCoder(SerializableCoder.of(FailedMessage.class));

        switch (options.getSink()) {
            case DUCKDB -> {
                events.apply("WriteEvents", ParDo.of(new WriteEventsFn(options.getDuckdbFile(), acks)));
                failures.apply("WriteDeadLetters", ParDo.of(new WriteErrorRecordsFn(options.getDuckdbFile(), acks)));
            }
            case BIGQUERY -> {
                if (acks != null) {
                    throw new IllegalArgumentException("acking after landing is implemented by the DuckDB sink only");
                }
                // Rows BigQuery refuses become dead letters with its reason, written with the parser's.
                WriteResult landed = events.apply(
                        "WriteEvents", WriteToBigQuery.events(options.getLandingTable(), bigQueryTestServices));
                PCollection<FailedMessage> refused = landed.getFailedStorageApiInserts()
                        .apply(
                                "RefusedRowsAsDeadLetters",
                                WriteToBigQuery.refusedAsDeadLetters(options.getLandingTable()));
                WriteResult deadLettered = PCollectionList.of(failures)
                        .and(refused)
                        .apply("AllDeadLetters", Flatten.pCollections())
                        .apply(
                                "WriteDeadLetters",
                                WriteToBigQuery.errorRecords(options.getErrorRecordsTable(), bigQueryTestServices));
                deadLettered
                        .getFailedStorageApiInserts()
                        .apply("LogRefusedDeadLetters", ParDo.of(new WriteToBigQuery.LogRefusedDeadLetterFn()));
                if (events.isBounded() == PCollection.IsBounded.UNBOUNDED && options.getMergeEverySeconds() > 0) {
                    events.getPipeline()
                            .apply(
                                    "MergeIntoSalesEvents",
                                    new MergeSalesEvents(
                                            new BronzeSql.Tables(
                                                    options.getLandingTable(),
                                                    options.getEventsTable(),
                                                    options.getErrorRecordsTable()),
                                            Duration.standardSeconds(options.getMergeEverySeconds()),
                                            java.time.Duration.ofMinutes(options.getMergeLookbackMinutes()),
                                            null,
                                            null));
                }
            }
        }
    }
}
