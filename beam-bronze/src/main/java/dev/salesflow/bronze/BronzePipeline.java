package dev.salesflow.bronze;

import dev.salesflow.bronze.grpcread.GrpcBatchSource;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.gcp.pubsub.PubsubIO;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The bronze job. {@code main} parses options and runs; {@link #build} is what tests and the
 * embedded application use.
 *
 * <p>Cloud run (see the README): {@code --runner=DataflowRunner --sink=BIGQUERY --project=…
 * --region=… --tempLocation=gs://… --subscription=projects/…/subscriptions/sales-events-bronze}.
 */
public final class BronzePipeline {

    private BronzePipeline() {}

    /** Exit status: 0 when the job finished (e.g. drained), 2 for refused options, 1 when it failed or was cancelled. */
    public static void main(String[] args) {
        // The DirectRunner's threads would keep a failed job's JVM alive: exit explicitly.
        System.exit(run(args, System.err));
    }

    /** {@link #main} without the exit: runs the job to its end and says how it ended. */
    public static int run(String[] args, PrintStream err) {
        BronzeOptions options;
        Pipeline pipeline;
        try {
            PipelineOptionsFactory.register(BronzeOptions.class);
            options = PipelineOptionsFactory.fromArgs(args).withValidation().as(BronzeOptions.class);
            pipeline = build(options);
        } catch (IllegalArgumentException e) {
            err.println("The bronze job was not started: " + e.getMessage());
            return 2;
        }
        PipelineResult.State state;
        try {
            state = pipeline.run().waitUntilFinish();
        } catch (RuntimeException e) {
            err.println("The bronze job failed: " + JobSupervisor.describe(e) + ". Messages that had not landed were"
                    + " not acked and stay in " + options.getSubscription()
                    + "; fix the cause and start the job again.");
            return 1;
        }
        if (state != PipelineResult.State.DONE) {
            err.println("The bronze job ended in state " + state + "; start it again to go on reading "
                    + options.getSubscription() + ".");
            return 1;
        }
        return 0;
    }

    /** Checks the options, then builds the pipeline; impossible combinations fail here, before any I/O. */
    public static Pipeline build(BronzeOptions options) {
        validate(options);
        options.setStreaming(true);
        Pipeline pipeline = Pipeline.create(options);
        switch (options.getReadPath()) {
            case PUBSUB_IO ->
                pipeline.apply(
                                "ReadSalesEvents",
                                PubsubIO.readMessagesWithAttributesAndMessageId()
                                        .fromSubscription(options.getSubscription()))
                        .apply("LandSalesEvents", new LandSalesEvents(options));
            case GRPC_BATCHES -> {
                GrpcBatchSource source = GrpcBatchSource.of(
                        options.getPubsubGrpcTarget(),
                        options.getSubscription(),
                        options.getPullBatchSize(),
                        options.getMaxOutstandingMessages());
                pipeline.apply("ReadSalesEventBatches", Read.from(source))
                        .apply("LandSalesEvents", LandSalesEvents.fromBatches(options, source.acks()));
            }
        }
        return pipeline;
    }

    static void validate(BronzeOptions options) {
        if (!options.getSubscription().matches("projects/[^/]+/subscriptions/[^/]+")) {
            throw new IllegalArgumentException("--subscription must look like projects/<project>/subscriptions/<name>,"
                    + " was " + options.getSubscription());
        }
        switch (options.getSink()) {
            case DUCKDB -> {
                if (options.getDuckdbFile() == null || options.getDuckdbFile().isBlank()) {
                    throw new IllegalArgumentException("--sink=DUCKDB needs --duckdbFile=<path of the warehouse file>");
                }
                if (!options.getRunner().getSimpleName().equals("DirectRunner")) {
                    throw new IllegalArgumentException("--sink=DUCKDB writes a local file and only works with the"
                            + " DirectRunner; on " + options.getRunner().getSimpleName() + " use --sink=BIGQUERY");
                }
            }
            case BIGQUERY -> {
                if (options.getTempLocation() == null
                        || !options.getTempLocation().startsWith("gs://")) {
                    throw new IllegalArgumentException("--sink=BIGQUERY needs --tempLocation=gs://<bucket>/<path>");
                }
                checkTableSpec("--eventsTable", options.getEventsTable(), options);
                checkTableSpec("--landingTable", options.getLandingTable(), options);
                if (options.getMergeEverySeconds() < 0 || options.getMergeLookbackMinutes() < 0) {
                    throw new IllegalArgumentException("--mergeEverySeconds and --mergeLookbackMinutes must not be"
                            + " negative, were " + options.getMergeEverySeconds() + " and "
                            + options.getMergeLookbackMinutes());
                }
                checkTableSpec("--errorRecordsTable", options.getErrorRecordsTable(), options);
            }
        }
        if (options.getReadPath() == BronzeOptions.ReadPath.PUBSUB_IO
                && options.getSink() == BronzeOptions.Sink.DUCKDB
                && !options.getAllowAckBeforeLanding()) {
            throw new IllegalArgumentException("--readPath=PUBSUB_IO with --sink=DUCKDB acks messages on the"
                    + " DirectRunner before their rows are written: a crash in between loses them. Use"
                    + " --readPath=GRPC_BATCHES --pubsubGrpcTarget=<host>:<port> (the default with DuckDB), or accept"
                    + " that loss for a benchmark with --allowAckBeforeLanding=true");
        }
        if (options.getReadPath() == BronzeOptions.ReadPath.GRPC_BATCHES) {
            if (options.getSink() != BronzeOptions.Sink.DUCKDB) {
                throw new IllegalArgumentException("--readPath=GRPC_BATCHES acks after landing in DuckDB and needs"
                        + " --sink=DUCKDB on the DirectRunner; use --readPath=PUBSUB_IO with --sink=BIGQUERY");
            }
            if (options.getPubsubGrpcTarget() == null
                    || !options.getPubsubGrpcTarget().matches("[^:/\\s]+:\\d+")) {
                throw new IllegalArgumentException("--readPath=GRPC_BATCHES needs --pubsubGrpcTarget=<host>:<port>"
                        + " (an emulator's plaintext gRPC endpoint), was " + options.getPubsubGrpcTarget());
            }
            if (options.getPullBatchSize() <= 0 || options.getMaxOutstandingMessages() < options.getPullBatchSize()) {
                throw new IllegalArgumentException("--pullBatchSize must be positive and at most"
                        + " --maxOutstandingMessages, were " + options.getPullBatchSize() + " and "
                        + options.getMaxOutstandingMessages());
            }
        }
        if (options.getMaxMessageBytes() <= 0) {
            throw new IllegalArgumentException(
                    "--maxMessageBytes must be positive, was " + options.getMaxMessageBytes());
        }
    }

    /**
     * {@code project:dataset.table} or {@code dataset.table} (as BigQueryIO parses table specs; a
     * domain-scoped project such as {@code example.com:my-project} is allowed).
     */
    private static final Pattern TABLE_SPEC =
            Pattern.compile("(?:([a-z][-a-z0-9:.]{4,61}[a-z0-9]):)?([A-Za-z0-9_]{1,1024})\\.([-\\w$@]{1,1024})");

    private static void checkTableSpec(String option, String spec, BronzeOptions options) {
        Matcher match = spec == null ? null : TABLE_SPEC.matcher(spec);
        if (match == null || !match.matches()) {
            throw new IllegalArgumentException(option + " must be project:dataset.table or dataset.table, was " + spec);
        }
        if (match.group(1) == null
                && (options.getProject() == null || options.getProject().isBlank())) {
            throw new IllegalArgumentException(option + "=" + spec + " names no project: give --project=<project>"
                    + " or write it as <project>:" + spec);
        }
    }
}
