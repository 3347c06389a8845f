package dev.salesflow.bronze;

import org.apache.beam.sdk.extensions.gcp.options.GcpOptions;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Options of the bronze job. Locally: DirectRunner, the embedded emulator's REST endpoint as
 * {@code --pubsubRootUrl}, a DuckDB file. On Google Cloud: {@code --runner=DataflowRunner},
 * {@code --sink=BIGQUERY}, the BigQuery tables and a Cloud Storage temp location.
 */
public interface BronzeOptions extends PubsubOptions, GcpOptions, StreamingOptions {

    enum Sink {
        DUCKDB,
        BIGQUERY
    }

    /**
     * How the job reads Pub/Sub. {@code PUBSUB_IO}: Beam's PubsubIO (Dataflow; locally through the
     * emulator's REST endpoint, {@code --pubsubRootUrl}). {@code GRPC_BATCHES}: DirectRunner and DuckDB
     * only; pulls batches of up to {@code --pullBatchSize} messages over plaintext gRPC from
     * {@code --pubsubGrpcTarget} (an emulator), one Beam element per batch, and acks each message only
     * once its row (or dead-letter row) is committed.
     */
    enum ReadPath {
        PUBSUB_IO,
        GRPC_BATCHES
    }

    @Description("Subscription to read, as projects/<project>/subscriptions/<name>")
    @Validation.Required
    String getSubscription();

    void setSubscription(String value);

    @Description("Where bronze lands: DUCKDB (local) or BIGQUERY (cloud)")
    @Default.Enum("DUCKDB")
    Sink getSink();

    void setSink(Sink value);

    @Description("DuckDB file of the warehouse (sink DUCKDB)")
    String getDuckdbFile();

    void setDuckdbFile(String value);

    @Description("BigQuery table readers read: one row per event_id, filled by the merge from --landingTable,"
            + " project:dataset.table (sink BIGQUERY)")
    @Default.String("sales_bronze.sales_events")
    String getEventsTable();

    void setEventsTable(String value);

    @Description(
            "BigQuery table every arrival is appended to (Storage Write API), project:dataset.table (sink BIGQUERY)")
    @Default.String("sales_bronze.sales_events_landing")
    String getLandingTable();

    void setLandingTable(String value);

    @Description("Seconds between two merges of --landingTable into --eventsTable run by the job (sink BIGQUERY,"
            + " streaming); 0: the job does not merge (run bronze/bigquery/merge_sales_events.sql elsewhere)")
    @Default.Integer(300)
    int getMergeEverySeconds();

    void setMergeEverySeconds(int value);

    @Description("Minutes each merge looks back before the last arrival it merged, for rows the Storage Write API"
            + " made visible late (sink BIGQUERY)")
    @Default.Integer(10)
    int getMergeLookbackMinutes();

    void setMergeLookbackMinutes(int value);

    @Description("BigQuery dead-letter table, project:dataset.table (sink BIGQUERY)")
    @Default.String("sales_bronze.sales_events_error_records")
    String getErrorRecordsTable();

    void setErrorRecordsTable(String value);

    @Description("Message data larger than this many bytes is dead-lettered (keeping its first 64 KiB)")
    @Default.Integer(1024 * 1024)
    int getMaxMessageBytes();

    void setMaxMessageBytes(int value);

    @Description("How messages are read: PUBSUB_IO (Beam's PubsubIO; the only choice on Dataflow, the default with"
            + " --sink=BIGQUERY) or GRPC_BATCHES (DirectRunner + DuckDB, its default: batches pulled over plaintext gRPC"
            + " from --pubsubGrpcTarget, acked after landing)")
    @Default.InstanceFactory(SafeReadPath.class)
    ReadPath getReadPath();

    void setReadPath(ReadPath value);

    /**
     * The read path that acks only landed messages: {@code GRPC_BATCHES} for DuckDB. PubsubIO on the
     * DirectRunner acks a bundle before it is written, so a crash in between loses it.
     */
    final class SafeReadPath implements DefaultValueFactory<ReadPath> {
        @Override
        public ReadPath create(PipelineOptions options) {
            return options.as(BronzeOptions.class).getSink() == Sink.DUCKDB
                    ? ReadPath.GRPC_BATCHES
                    : ReadPath.PUBSUB_IO;
        }
    }

    @Description("Allow --readPath=PUBSUB_IO with --sink=DUCKDB, where the DirectRunner acks messages before their"
            + " rows are written (a crash in between loses them); for benchmarks of that path only")
    @Default.Boolean(false)
    boolean getAllowAckBeforeLanding();

    void setAllowAckBeforeLanding(boolean value);

    @Description("host:port of a Pub/Sub emulator's gRPC endpoint, plaintext, no credentials (--readPath=GRPC_BATCHES)")
    String getPubsubGrpcTarget();

    void setPubsubGrpcTarget(String value);

    @Description("Messages per pull and so per Beam element (--readPath=GRPC_BATCHES)")
    @Default.Integer(1000)
    int getPullBatchSize();

    void setPullBatchSize(int value);

    @Description("Pulled but not yet landed messages above which the readers stop pulling (--readPath=GRPC_BATCHES)")
    @Default.Integer(50_000)
    int getMaxOutstandingMessages();

    void setMaxOutstandingMessages(int value);
}
