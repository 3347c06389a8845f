package dev.salesflow.bronze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** Option combinations {@link BronzePipeline#build} refuses before a pipeline exists. */
class BronzePipelineTest {

    private static BronzeOptions options(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        PipelineOptionsFactory.register(BronzeOptions.class);
        return PipelineOptionsFactory.fromArgs(all.toArray(String[]::new)).as(BronzeOptions.class);
    }

    private static BronzeOptions bigQuery(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--subscription=projects/p/subscriptions/s",
                "--sink=BIGQUERY",
                "--project=my-project",
                "--tempLocation=gs://bucket/tmp"));
        args.addAll(List.of(more));
        return options(args.toArray(String[]::new));
    }

    @Test
    void refusesASubscriptionThatIsNotAFullName() {
        assertThatThrownBy(() ->
                        BronzePipeline.validate(options("--subscription=sales-events-bronze", "--duckdbFile=w.duckdb")))
                .hasMessage("--subscription must look like projects/<project>/subscriptions/<name>,"
                        + " was sales-events-bronze");
    }

    @Test
    void refusesTheDuckDbSinkOnDataflow() {
        assertThatThrownBy(() -> BronzePipeline.validate(options(
                        "--subscription=projects/p/subscriptions/s",
                        "--runner=DataflowRunner",
                        "--duckdbFile=w.duckdb")))
                .hasMessage("--sink=DUCKDB writes a local file and only works with the DirectRunner;"
                        + " on DataflowRunner use --sink=BIGQUERY");
    }

    @Test
    void refusesTheBigQuerySinkWithoutACloudStorageTempLocation() {
        assertThatThrownBy(() -> BronzePipeline.validate(options(
                        "--subscription=projects/p/subscriptions/s", "--sink=BIGQUERY", "--project=my-project")))
                .hasMessage("--sink=BIGQUERY needs --tempLocation=gs://<bucket>/<path>");
        assertThatThrownBy(() -> BronzePipeline.validate(options(
                        "--subscription=projects/p/subscriptions/s",
                        "--sink=BIGQUERY",
                        "--project=my-project",
                        "--tempLocation=/tmp/beam")))
                .hasMessage("--sink=BIGQUERY needs --tempLocation=gs://<bucket>/<path>");
    }

    @Test
    void refusesTableSpecsThatAreNotProjectDatasetTableOrDatasetTable() {
        assertThatThrownBy(() -> BronzePipeline.validate(bigQuery("--eventsTable=sales_events")))
                .hasMessage("--eventsTable must be project:dataset.table or dataset.table, was sales_events");
        assertThatThrownBy(
                        () -> BronzePipeline.validate(bigQuery("--eventsTable=my-project.sales_bronze.sales_events")))
                .hasMessage("--eventsTable must be project:dataset.table or dataset.table,"
                        + " was my-project.sales_bronze.sales_events");
        assertThatThrownBy(() -> BronzePipeline.validate(bigQuery("--errorRecordsTable=my-project:sales_bronze")))
                .hasMessage("--errorRecordsTable must be project:dataset.table or dataset.table,"
                        + " was my-project:sales_bronze");
    }

    @Test
    void refusesATableWithoutProjectWhenNoProjectIsGiven() {
        assertThatThrownBy(() -> BronzePipeline.validate(options(
                        "--subscription=projects/p/subscriptions/s",
                        "--sink=BIGQUERY",
                        "--project=",
                        "--tempLocation=gs://bucket/tmp")))
                .hasMessage("--eventsTable=sales_bronze.sales_events names no project: give --project=<project>"
                        + " or write it as <project>:sales_bronze.sales_events");
    }

    @Test
    void refusesALandingTableSpecAndNegativeMergeSettings() {
        assertThatThrownBy(() -> BronzePipeline.validate(bigQuery("--landingTable=sales_events_landing")))
                .hasMessage("--landingTable must be project:dataset.table or dataset.table, was sales_events_landing");
        assertThatThrownBy(() -> BronzePipeline.validate(bigQuery("--mergeEverySeconds=-1")))
                .hasMessage("--mergeEverySeconds and --mergeLookbackMinutes must not be negative, were -1 and 10");
        assertThatCode(() -> BronzePipeline.validate(bigQuery("--mergeEverySeconds=0")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesANonPositiveMessageLimit() {
        assertThatThrownBy(() -> BronzePipeline.validate(bigQuery("--maxMessageBytes=0")))
                .hasMessage("--maxMessageBytes must be positive, was 0");
    }

    @Test
    void acceptsTheDocumentedDataflowCommandLine() {
        BronzeOptions options = options(
                "--runner=DataflowRunner",
                "--project=my-project",
                "--region=europe-west1",
                "--tempLocation=gs://my-bucket/tmp",
                "--stagingLocation=gs://my-bucket/staging",
                "--subscription=projects/my-project/subscriptions/sales-events-bronze",
                "--sink=BIGQUERY",
                "--eventsTable=my-project:sales_bronze.sales_events",
                "--errorRecordsTable=my-project:sales_bronze.sales_events_error_records");
        assertThatCode(() -> BronzePipeline.validate(options)).doesNotThrowAnyException();
        assertThat(options.getMaxMessageBytes()).isEqualTo(1024 * 1024);
        assertThatCode(() -> BronzePipeline.validate(
                        bigQuery("--eventsTable=example.com:my-project:ds.t", "--errorRecordsTable=ds.errors")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesTheGrpcBatchReadPathWithBigQueryOrWithoutAnEmulatorTarget() {
        assertThatThrownBy(() -> BronzePipeline.validate(
                        bigQuery("--readPath=GRPC_BATCHES", "--pubsubGrpcTarget=localhost:8085")))
                .hasMessage("--readPath=GRPC_BATCHES acks after landing in DuckDB and needs --sink=DUCKDB on the"
                        + " DirectRunner; use --readPath=PUBSUB_IO with --sink=BIGQUERY");
        assertThatThrownBy(() -> BronzePipeline.validate(options(
                        "--subscription=projects/p/subscriptions/s",
                        "--duckdbFile=w.duckdb",
                        "--readPath=GRPC_BATCHES")))
                .hasMessage("--readPath=GRPC_BATCHES needs --pubsubGrpcTarget=<host>:<port> (an emulator's plaintext"
                        + " gRPC endpoint), was null");
        assertThatThrownBy(() -> BronzePipeline.validate(options(
                        "--subscription=projects/p/subscriptions/s",
                        "--duckdbFile=w.duckdb",
                        "--readPath=GRPC_BATCHES",
                        "--pubsubGrpcTarget=localhost:8085",
                        "--pullBatchSize=5000",
                        "--maxOutstandingMessages=1000")))
                .hasMessage(
                        "--pullBatchSize must be positive and at most --maxOutstandingMessages, were 5000 and 1000");
        assertThatCode(() -> BronzePipeline.validate(options(
                        "--subscription=projects/p/subscriptions/s",
                        "--duckdbFile=w.duckdb",
                        "--readPath=GRPC_BATCHES",
                        "--pubsubGrpcTarget=127.0.0.1:8085")))
                .doesNotThrowAnyException();
    }

    @Test
    void readsThroughPubsubIoForBigQueryAndThroughGrpcBatchesForDuckDbUnlessToldOtherwise() {
        assertThat(bigQuery().getReadPath()).isEqualTo(BronzeOptions.ReadPath.PUBSUB_IO);
        BronzeOptions local = options("--subscription=projects/p/subscriptions/s", "--duckdbFile=w.duckdb");
        assertThat(local.getReadPath()).isEqualTo(BronzeOptions.ReadPath.GRPC_BATCHES);
        // So a standalone DuckDB job without an emulator target is refused, not started on the unsafe path.
        assertThatThrownBy(() -> BronzePipeline.validate(local))
                .hasMessageStartingWith("--readPath=GRPC_BATCHES needs --pubsubGrpcTarget=<host>:<port>");
    }

    @Test
    void refusesPubsubIoWithDuckDbWhichAcksBeforeLandingUnlessThatIsAccepted() {
        assertThatThrownBy(() -> BronzePipeline.validate(options(
                        "--subscription=projects/p/subscriptions/s", "--duckdbFile=w.duckdb", "--readPath=PUBSUB_IO")))
                .hasMessage("--readPath=PUBSUB_IO with --sink=DUCKDB acks messages on the DirectRunner before their"
                        + " rows are written: a crash in between loses them. Use --readPath=GRPC_BATCHES"
                        + " --pubsubGrpcTarget=<host>:<port> (the default with DuckDB), or accept that loss for a"
                        + " benchmark with --allowAckBeforeLanding=true");
        assertThatCode(() -> BronzePipeline.validate(options(
                        "--subscription=projects/p/subscriptions/s",
                        "--duckdbFile=w.duckdb",
                        "--readPath=PUBSUB_IO",
                        "--allowAckBeforeLanding=true")))
                .doesNotThrowAnyException();
    }

    @Test
    void theStandaloneJobExitsWithTwoWhenItsOptionsAreRefused() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int status = BronzePipeline.run(
                new String[] {
                    "--subscription=projects/p/subscriptions/s", "--duckdbFile=w.duckdb", "--readPath=PUBSUB_IO"
                },
                new java.io.PrintStream(err, true));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString())
                .startsWith(
                        "The bronze job was not started: --readPath=PUBSUB_IO with" + " --sink=DUCKDB acks messages");
    }
}
