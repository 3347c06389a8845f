package dev.salesflow.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** {@code gcp setup --dry-run}: the whole plan, with no credentials and nothing sent anywhere. */
class GcpDryRunTest {

    @Test
    void theDryRunPrintsTheWholePlanAndConnectsNowhere() throws IOException {
        // Every endpoint points at a socket that records connections; no credentials exist (surefire).
        try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String endpoint = "127.0.0.1:" + trap.getLocalPort();
            GcpSetupTest.Run run = GcpSetupTest.gcp(
                    "setup",
                    "--dry-run",
                    "--project",
                    "demo-project",
                    "--region",
                    "europe-west1",
                    "--partition-expiration-days",
                    "400",
                    "--pubsub-emulator-host",
                    endpoint,
                    "--bigquery-endpoint",
                    "http://" + endpoint,
                    "--storage-endpoint",
                    "http://" + endpoint);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains(
                            "Plan for project demo-project (region europe-west1, BigQuery location europe-west1):",
                            "  topic         projects/demo-project/topics/sales-events-dead-letter",
                            "  topic         projects/demo-project/topics/sales-events",
                            "  subscription  projects/demo-project/subscriptions/sales-events-bronze: topic sales-events, "
                                    + "ack deadline 60 s, retry backoff 10 s..600 s, dead letters to sales-events-dead-letter "
                                    + "after 10 deliveries, ordering on, retention 7 d, never expires, filter NOT "
                                    + "attributes:salesflow_probe",
                            "  subscription  projects/demo-project/subscriptions/sales-events-check: topic sales-events, "
                                    + "ack deadline 10 s, ordering off, retention 10 min, never expires, filter "
                                    + "attributes:salesflow_probe",
                            "  subscription  projects/demo-project/subscriptions/sales-events-dead-letter",
                            "  dataset       demo-project:sales_bronze: location europe-west1",
                            "  dataset       demo-project:sales_silver: location europe-west1",
                            "  dataset       demo-project:sales_snapshots: location europe-west1",
                            "  dataset       demo-project:sales_gold: location europe-west1",
                            "  dataset       demo-project:sales_ops: location europe-west1",
                            "  table         demo-project:sales_bronze.sales_events_landing: " + columns(0)
                                    + " columns, " + "partitioned by HOUR(ingested_at), partitions expire after 7 d",
                            "  table         demo-project:sales_bronze.sales_events: " + columns(1)
                                    + " columns, partitioned by "
                                    + "DAY(occurred_at), partitions expire after 400 d, clustered by event_type, aggregate_id",
                            "columns event_id STRING REQUIRED, event_type STRING REQUIRED",
                            "  table         demo-project:sales_bronze.sales_events_error_records: " + columns(2)
                                    + " columns, partitioned "
                                    + "by DAY(failed_at), partitions expire after 400 d",
                            "  bucket        gs://demo-project-salesflow: location europe-west1, STANDARD, uniform "
                                    + "bucket-level access, public access prevention enforced",
                            "gcloud pubsub topics add-iam-policy-binding sales-events-dead-letter",
                            "--tempLocation=gs://demo-project-salesflow/bronze/tmp --stagingLocation=gs://demo-project-salesflow/"
                                    + "bronze/staging --subscription=projects/demo-project/subscriptions/sales-events-bronze "
                                    + "--landingTable=demo-project:sales_bronze.sales_events_landing "
                                    + "--eventsTable=demo-project:sales_bronze.sales_events",
                            "GOOGLE_CLOUD_PROJECT=demo-project SALESFLOW_REGION=europe-west1"
                                    + " SALESFLOW_BUCKET=demo-project-salesflow (gold's Parquet export goes to"
                                    + " gs://demo-project-salesflow/gold/parquet).",
                            "Dry run: nothing was sent.");
            trap.setSoTimeout(1);
            boolean connected;
            try (var ignored = trap.accept()) {
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertThat(connected).as("a connection reached an endpoint").isFalse();
        }
    }

    /** Column counts from beam-bronze's schema files, which the bronze job owns. */
    private static int columns(int table) {
        return BronzeTables.all().get(table).schema().getFields().size();
    }

    @Test
    void theBucketAndBigQueryLocationCanBeChosen() {
        GcpSetupTest.Run run = GcpSetupTest.gcp(
                "setup",
                "--dry-run",
                "--project",
                "demo-project",
                "--region",
                "us-central1",
                "--bucket",
                "my-bucket",
                "--bigquery-location",
                "US");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "dataset       demo-project:sales_gold: location US",
                        "bucket        gs://my-bucket: location us-central1");
    }
}
