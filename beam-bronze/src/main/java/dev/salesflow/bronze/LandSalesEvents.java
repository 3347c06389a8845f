package dev.salesflow.bronze;

import dev.salesflow.bronze.bigquery.WriteToBigQuery;
import dev.salesflow.bronze.duckdb.WriteErrorRecordsFn;
import dev.salesflow.bronze.duckdb.WriteEventsFn;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubMessage;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

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
        PCollectionTuple parsed = messages.apply("ParseEnvelopes",
                ParDo.of(new ParseEnvelopeFn(options.getMaxMessageBytes()))
                        .withOutputTags(ParseEnvelopeFn.PARSED, TupleTagList.of(ParseEnvelopeFn.FAILED)));
        PCollection<BronzeEvent> events = parsed.get(ParseEnvelopeFn.PARSED)
                .setCoder(SerializableCoder.of(BronzeEvent.class));
        PCollection<FailedMessage> failures = parsed.get(ParseEnvelopeFn.FAILED)
                .setCoder(SerializableCoder.of(FailedMessage.class));

        switch (options.getSink()) {
            case DUCKDB -> {
                events.apply("WriteEvents", ParDo.of(new WriteEventsFn(options.getDuckdbFile())));
                failures.apply("WriteDeadLetters", ParDo.of(new WriteErrorRecordsFn(options.getDuckdbFile())));
            }
            case BIGQUERY -> {
                events.apply("WriteEvents", WriteToBigQuery.events(options.getEventsTable(),
                        bigQueryTestServices));
                failures.apply("WriteDeadLetters", WriteToBigQuery.errorRecords(
                        options.getErrorRecordsTable(), bigQueryTestServices));
            }
        }
        return PDone.in(messages.getPipeline());
    }
}
