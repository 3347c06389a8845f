package dev.salesflow.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.pubsub.v1.Subscription;
import dev.salesflow.pubsub.emulator.EmulatorSettings;
import dev.salesflow.pubsub.emulator.PubSubEmulator;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code salesflow gcp setup|check} end to end through the official clients, offline: Pub/Sub
 * against the project's emulator (real gRPC admin API), BigQuery and Cloud Storage against
 * {@link FakeGoogleApis}, whose recorded requests are checked field by field.
 */
class GcpSetupTest {

    static final String PROJECT = "demo-project";
    static final String REGION = "europe-west1";

    PubSubEmulator emulator;
    FakeGoogleApis apis;
    ManagedChannel channel;
    TopicAdminClient topics;
    SubscriptionAdminClient subscriptions;

    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeEach
    void start() throws IOException {
        emulator = PubSubEmulator.start(EmulatorSettings.ephemeral());
        apis = FakeGoogleApis.start();
        channel = ManagedChannelBuilder.forTarget(emulator.grpcTarget())
                .usePlaintext()
                .build();
        FixedTransportChannelProvider transport =
                FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
        topics = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(transport)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
        subscriptions = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(transport)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
    }

    @AfterEach
    void stop() {
        topics.close();
        subscriptions.close();
        channel.shutdownNow();
        apis.close();
        emulator.close();
    }

    static Run gcp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new GcpCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    Run local(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(
                command,
                "--project",
                PROJECT,
                "--region",
                REGION,
                "--pubsub-emulator-host",
                emulator.grpcTarget(),
                "--bigquery-endpoint",
                apis.url(),
                "--storage-endpoint",
                apis.url()));
        args.addAll(List.of(more));
        return gcp(args.toArray(String[]::new));
    }

    static String subscription(String name) {
        return "projects/" + PROJECT + "/subscriptions/" + name;
    }

    static String topic(String name) {
        return "projects/" + PROJECT + "/topics/" + name;
    }

    @Test
    void setupCreatesEverythingWithItsSettingsAndASecondRunFindsItAll() {
        Run first = local("setup", "--partition-expiration-days", "400");

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.lines()).filteredOn(line -> line.startsWith("created")).hasSize(14);
        assertThat(first.out())
                .contains("14 created, 0 already existed, 0 updated, 0 differ")
                .contains("roles/pubsub.publisher")
                .contains("gcp-sa-pubsub.iam.gserviceaccount.com");

        // Pub/Sub, read back through the real admin client from the emulator.
        assertThat(topics.getTopic(topic("sales-events")).getLabelsMap()).containsEntry("app", "salesflow");
        topics.getTopic(topic("sales-events-dead-letter"));
        Subscription bronze = subscriptions.getSubscription(subscription("sales-events-bronze"));
        assertThat(bronze.getTopic()).isEqualTo(topic("sales-events"));
        assertThat(bronze.getAckDeadlineSeconds()).isEqualTo(60);
        assertThat(bronze.getEnableMessageOrdering()).isTrue();
        assertThat(bronze.getRetryPolicy().getMinimumBackoff().getSeconds()).isEqualTo(10);
        assertThat(bronze.getRetryPolicy().getMaximumBackoff().getSeconds()).isEqualTo(600);
        assertThat(bronze.getDeadLetterPolicy().getDeadLetterTopic()).isEqualTo(topic("sales-events-dead-letter"));
        assertThat(bronze.getDeadLetterPolicy().getMaxDeliveryAttempts()).isEqualTo(10);
        assertThat(bronze.getMessageRetentionDuration().getSeconds()).isEqualTo(7 * 86_400);
        assertThat(bronze.hasExpirationPolicy()).isTrue();
        assertThat(bronze.getExpirationPolicy().hasTtl()).as("never expires").isFalse();
        assertThat(bronze.getFilter()).isEqualTo("NOT attributes:salesflow_probe");
        Subscription check = subscriptions.getSubscription(subscription("sales-events-check"));
        assertThat(check.getFilter()).isEqualTo("attributes:salesflow_probe");
        assertThat(check.getEnableMessageOrdering()).isFalse();
        assertThat(subscriptions
                        .getSubscription(subscription("sales-events-dead-letter"))
                        .getTopic())
                .isEqualTo(topic("sales-events-dead-letter"));

        // BigQuery: one insert per dataset, in the region.
        List<FakeGoogleApis.Request> datasetInserts =
                apis.requests("POST", "/bigquery/v2/projects/" + PROJECT + "/datasets");
        datasetInserts = datasetInserts.stream()
                .filter(r -> r.path().endsWith("/datasets"))
                .toList();
        assertThat(datasetInserts)
                .extracting(r -> r.body()
                        .getAsJsonObject("datasetReference")
                        .get("datasetId")
                        .getAsString())
                .containsExactly("sales_bronze", "sales_silver", "sales_snapshots", "sales_gold", "sales_ops");
        assertThat(datasetInserts).allSatisfy(r -> {
            assertThat(r.body().get("location").getAsString()).isEqualTo(REGION);
            assertThat(r.body().getAsJsonObject("labels").get("app").getAsString())
                    .isEqualTo("salesflow");
        });

        // The bronze tables: the job's schemas, day partitions of the business time, clustering, expiry.
        JsonObject events = tableInsert("sales_events");
        assertThat(events.getAsJsonObject("schema").getAsJsonArray("fields"))
                .isEqualTo(schemaFields("bronze/bigquery/sales_events.schema.json"));
        assertThat(events.getAsJsonObject("timePartitioning").get("type").getAsString())
                .isEqualTo("DAY");
        assertThat(events.getAsJsonObject("timePartitioning").get("field").getAsString())
                .isEqualTo("occurred_at");
        assertThat(events.getAsJsonObject("timePartitioning")
                        .get("expirationMs")
                        .getAsString())
                .isEqualTo(Long.toString(400 * 86_400_000L));
        assertThat(events.getAsJsonObject("clustering").getAsJsonArray("fields").toString())
                .isEqualTo("[\"event_type\",\"aggregate_id\"]");
        JsonObject errors = tableInsert("sales_events_error_records");
        assertThat(errors.getAsJsonObject("schema").getAsJsonArray("fields"))
                .isEqualTo(schemaFields("bronze/bigquery/sales_events_error_records.schema.json"));
        assertThat(errors.getAsJsonObject("timePartitioning").get("field").getAsString())
                .isEqualTo("failed_at");
        assertThat(errors.has("clustering")).isFalse();
        // The landing table the job appends to: hourly partitions of the arrival time, its own 7-day expiry.
        JsonObject landing = tableInsert("sales_events_landing");
        assertThat(landing.getAsJsonObject("schema").getAsJsonArray("fields"))
                .isEqualTo(schemaFields("bronze/bigquery/sales_events.schema.json"));
        assertThat(landing.getAsJsonObject("timePartitioning").get("type").getAsString())
                .isEqualTo("HOUR");
        assertThat(landing.getAsJsonObject("timePartitioning").get("field").getAsString())
                .isEqualTo("ingested_at");
        assertThat(landing.getAsJsonObject("timePartitioning")
                        .get("expirationMs")
                        .getAsString())
                .isEqualTo(Long.toString(7 * 86_400_000L));

        // The bucket: in the region, uniform access, no public access, in this project.
        List<FakeGoogleApis.Request> bucketInserts = apis.requests("POST", "/storage/v1/b");
        assertThat(bucketInserts).hasSize(1);
        FakeGoogleApis.Request bucket = bucketInserts.get(0);
        assertThat(bucket.query()).contains("project=" + PROJECT);
        assertThat(bucket.body().get("name").getAsString()).isEqualTo(PROJECT + "-salesflow");
        assertThat(bucket.body().get("location").getAsString()).isEqualToIgnoringCase(REGION);
        assertThat(bucket.body().get("storageClass").getAsString()).isEqualTo("STANDARD");
        JsonObject iam = bucket.body().getAsJsonObject("iamConfiguration");
        assertThat(iam.getAsJsonObject("uniformBucketLevelAccess")
                        .get("enabled")
                        .getAsBoolean())
                .isTrue();
        assertThat(iam.get("publicAccessPrevention").getAsString()).isEqualTo("enforced");

        // Idempotent: the second run reads everything, creates nothing and says so.
        apis.clear();
        Run second = local("setup", "--partition-expiration-days", "400");
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(second.lines()).filteredOn(line -> line.startsWith("exists")).hasSize(14);
        assertThat(second.out()).contains("0 created, 14 already existed, 0 updated, 0 differ");
        assertThat(apis.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    }

    @Test
    void settingsThatCanChangeAreUpdatedAndOthersAreReportedWithWhatToDo() {
        assertThat(local("setup").exitCode()).isZero();
        // An older bronze subscription with a short ack deadline and no dead-letter policy; an expiry change.
        subscriptions.deleteSubscription(subscription("sales-events-bronze"));
        subscriptions.createSubscription(Subscription.newBuilder()
                .setName(subscription("sales-events-bronze"))
                .setTopic(topic("sales-events"))
                .setAckDeadlineSeconds(10)
                .setEnableMessageOrdering(true)
                .setFilter("NOT attributes:salesflow_probe")
                .build());

        Run run = local("setup", "--partition-expiration-days", "30");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("updated  subscription  " + subscription("sales-events-bronze")
                        + ": ack deadline is 10 s, expected 60 s");
        Subscription bronze = subscriptions.getSubscription(subscription("sales-events-bronze"));
        assertThat(bronze.getAckDeadlineSeconds()).isEqualTo(60);
        assertThat(bronze.getDeadLetterPolicy().getMaxDeliveryAttempts()).isEqualTo(10);
        assertThat(bronze.hasRetryPolicy()).isTrue();
        assertThat(run.out())
                .contains("updated  table         " + PROJECT
                        + ":sales_bronze.sales_events: partition expiry is none, expected 30 d");
        List<FakeGoogleApis.Request> patches =
                apis.requests("PATCH", "/bigquery/v2/projects/" + PROJECT + "/datasets/sales_bronze/tables/");
        assertThat(patches).hasSize(2);
        assertThat(patches.get(0)
                        .body()
                        .getAsJsonObject("timePartitioning")
                        .get("expirationMs")
                        .getAsString())
                .isEqualTo(Long.toString(30 * 86_400_000L));

        // Ordering cannot change in place: reported, exit code 1, and the subscription is left alone.
        subscriptions.deleteSubscription(subscription("sales-events-bronze"));
        subscriptions.createSubscription(Subscription.newBuilder()
                .setName(subscription("sales-events-bronze"))
                .setTopic(topic("sales-events"))
                .setAckDeadlineSeconds(60)
                .build());
        Run differs = local("setup", "--partition-expiration-days", "30");
        assertThat(differs.exitCode()).isEqualTo(1);
        assertThat(differs.out())
                .contains("DIFFERS  subscription  " + subscription("sales-events-bronze"))
                .contains("message ordering is off, expected on")
                .contains("gcloud pubsub subscriptions delete sales-events-bronze --project " + PROJECT);
        assertThat(subscriptions
                        .getSubscription(subscription("sales-events-bronze"))
                        .getAckDeadlineSeconds())
                .isEqualTo(60);
    }

    @Test
    void aTableWithoutANewNullableColumnGetsItAndOneWithoutARequiredColumnIsReported() {
        assertThat(local("setup").exitCode()).isZero();
        // sales_events as an older job version made it: without the NULLABLE column attributes.
        JsonObject events = tableInsert("sales_events").deepCopy();
        JsonArray fields = new JsonArray();
        for (JsonElement field : events.getAsJsonObject("schema").getAsJsonArray("fields")) {
            if (!field.getAsJsonObject().get("name").getAsString().equals("attributes")) {
                fields.add(field);
            }
        }
        events.getAsJsonObject("schema").add("fields", fields);
        apis.putTable(PROJECT, "sales_bronze", "sales_events", events);
        // The error table without its REQUIRED column error_message: cannot be added in place.
        JsonObject errors = tableInsert("sales_events_error_records").deepCopy();
        JsonArray errorFields = new JsonArray();
        for (JsonElement field : errors.getAsJsonObject("schema").getAsJsonArray("fields")) {
            if (!field.getAsJsonObject().get("name").getAsString().equals("error_message")) {
                errorFields.add(field);
            }
        }
        errors.getAsJsonObject("schema").add("fields", errorFields);
        apis.putTable(PROJECT, "sales_bronze", "sales_events_error_records", errors);
        apis.clear();

        Run run = local("setup");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("updated  table         " + PROJECT + ":sales_bronze.sales_events: columns is "
                        + "missing [attributes JSON NULLABLE]")
                .contains("DIFFERS  table         " + PROJECT + ":sales_bronze.sales_events_error_records: columns is "
                        + "missing [error_message STRING REQUIRED]");
        List<FakeGoogleApis.Request> patches =
                apis.requests("PATCH", "/bigquery/v2/projects/" + PROJECT + "/datasets/sales_bronze/tables/");
        assertThat(patches).singleElement().satisfies(patch -> {
            assertThat(patch.path()).endsWith("/sales_events");
            JsonArray patched = patch.body().getAsJsonObject("schema").getAsJsonArray("fields");
            // The existing columns in their order, the new one at the end.
            assertThat(patched.size()).isEqualTo(fields.size() + 1);
            assertThat(patched.get(patched.size() - 1)
                            .getAsJsonObject()
                            .get("name")
                            .getAsString())
                    .isEqualTo("attributes");
        });
        assertThat(local("setup").out()).contains("exists   table         " + PROJECT + ":sales_bronze.sales_events");
    }

    @Test
    void aDatasetInAnotherLocationIsReportedNotMoved() {
        apis.putDataset(PROJECT, "sales_gold", "US");

        Run run = local("setup");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("DIFFERS  dataset       " + PROJECT + ":sales_gold: location is US, expected " + REGION)
                .contains("--bigquery-location US");
        assertThat(apis.requests("POST", "/bigquery/v2/projects/" + PROJECT + "/datasets"))
                .noneMatch(r -> r.body() != null && r.body().toString().contains("\"sales_gold\""));
    }

    @Test
    void checkPassesAfterSetupWithOneLinePerCheck() {
        Run before = local("check");
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.lines()).filteredOn(line -> line.startsWith("FAIL")).hasSizeGreaterThanOrEqualTo(14);
        assertThat(before.out())
                .contains("FAIL  dataset " + PROJECT + ":sales_bronze: missing: run `salesflow gcp " + "setup`");

        assertThat(local("setup").exitCode()).isZero();
        apis.clear();
        Run after = local("check");

        assertThat(after.exitCode()).as(after.out() + after.err()).isZero();
        assertThat(after.lines()).filteredOn(line -> line.startsWith("OK")).hasSize(17);
        assertThat(after.out())
                .contains("All 17 checks passed.")
                .containsPattern("OK    publish and pull a probe message .*: received after \\d+ ms");
        // The dry run: GoogleSQL, the bronze table, in the datasets' location, not executed.
        List<FakeGoogleApis.Request> jobs = apis.requests("POST", "/bigquery/v2/projects/" + PROJECT + "/jobs");
        assertThat(jobs).hasSize(1);
        JsonObject configuration = jobs.get(0).body().getAsJsonObject("configuration");
        assertThat(configuration.get("dryRun").getAsBoolean()).isTrue();
        assertThat(configuration.getAsJsonObject("query").get("useLegacySql").getAsBoolean())
                .isFalse();
        assertThat(configuration.getAsJsonObject("query").get("query").getAsString())
                .isEqualTo(GcpCheck.probeQuery());
        assertThat(jobs.get(0)
                        .body()
                        .getAsJsonObject("jobReference")
                        .get("location")
                        .getAsString())
                .isEqualTo(REGION);
        // The probe object was written to the bucket and deleted again.
        List<FakeGoogleApis.Request> uploads =
                apis.requests("POST", "/upload/storage/v1/b/" + PROJECT + "-salesflow/o");
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).rawBody()).contains("salesflow-check/probe-");
        assertThat(apis.requests("DELETE", "/storage/v1/b/" + PROJECT + "-salesflow/o/"))
                .hasSize(1);
        assertThat(apis.objects()).isEmpty();
        // The probe was acked on the check subscription.
        assertThat(emulator.backlog(subscription("sales-events-check"))).isZero();
    }

    @Test
    void checkReportsADifferingSettingAndGoesOn() {
        assertThat(local("setup").exitCode()).isZero();
        subscriptions.deleteSubscription(subscription("sales-events-dead-letter"));

        Run run = local("check");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("FAIL  subscription " + subscription("sales-events-dead-letter")
                        + ": missing: run `salesflow gcp setup`")
                .contains("1 of 17 checks failed.");
        assertThat(run.lines()).filteredOn(line -> line.startsWith("OK")).hasSize(16);
    }

    @Test
    void withoutCredentialsTheErrorNamesTheCommandThatGetsThem() {
        // Surefire points GOOGLE_APPLICATION_CREDENTIALS at a file that does not exist.
        Run run = gcp("check", "--project", PROJECT, "--region", REGION);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("gcloud auth application-default login");
        assertThat(run.out()).doesNotContain("OK");
    }

    @Test
    void aDisabledApiOrAMissingPermissionStopsSetupWithWhatToDo() {
        apis.failWith(new FakeGoogleApis.Failure(
                "/bigquery/",
                403,
                "accessDenied",
                "BigQuery API has not been "
                        + "used in project 123456 before or it is disabled. Enable it by visiting https://console.developers."
                        + "google.com/apis/api/bigquery.googleapis.com/overview?project=123456 then retry."));
        Run disabled = local("setup");
        assertThat(disabled.exitCode()).isEqualTo(1);
        assertThat(disabled.err())
                .contains("reading dataset " + PROJECT + ":sales_bronze failed")
                .contains("enable the API: `gcloud services enable bigquery.googleapis.com --project " + PROJECT + "`");
        // Pub/Sub went first and is done; nothing after the failure was attempted.
        assertThat(disabled.out()).contains("created  topic         " + topic("sales-events"));
        assertThat(apis.requests()).hasSize(1);

        apis.failWith(new FakeGoogleApis.Failure(
                "/storage/",
                403,
                "forbidden",
                "caller does not have " + "storage.buckets.get access to the Google Cloud Storage bucket."));
        apis.clear();
        Run denied = local("setup");
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.err())
                .contains("Bucket gs://" + PROJECT + "-salesflow exists but these credentials may not " + "read it")
                .contains("Choose another --bucket");

        apis.failWith(null);
        assertThat(local("setup").exitCode()).isZero();
        apis.failWith(new FakeGoogleApis.Failure(
                "/bigquery/v2/projects/" + PROJECT + "/jobs",
                403,
                "accessDenied",
                "Access Denied: Project " + PROJECT + ": User does not have bigquery.jobs.create permission."));
        Run check = local("check");
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out())
                .contains("FAIL  BigQuery dry-run query on sales_bronze.sales_events: Access Denied")
                .contains("grant roles/bigquery.dataViewer on the dataset and roles/bigquery.jobUser")
                .contains("1 of 17 checks failed.");
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingIsSent() {
        Run run = local("setup", "--max-delivery-attempts", "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--max-delivery-attempts must be within 5..100");
        Run region = gcp("setup", "--project", PROJECT, "--region", "Europe", "--dry-run");
        assertThat(region.exitCode()).isEqualTo(2);
        assertThat(region.err()).contains("--region must be a Google Cloud region such as europe-west1");
        assertThat(apis.requestCount()).isZero();
    }

    private JsonObject tableInsert(String table) {
        return apis.requests("POST", "/bigquery/v2/projects/" + PROJECT + "/datasets/sales_bronze/tables").stream()
                .map(FakeGoogleApis.Request::body)
                .filter(body -> body.getAsJsonObject("tableReference")
                        .get("tableId")
                        .getAsString()
                        .equals(table))
                .findFirst()
                .orElseThrow();
    }

    /** The schema file as the REST API spells it (INT64 as INTEGER), for comparison with the request. */
    private static JsonArray schemaFields(String resource) {
        try (InputStream in = GcpSetupTest.class.getClassLoader().getResourceAsStream(resource)) {
            JsonArray fields = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject()
                    .getAsJsonArray("fields");
            JsonArray rest = new JsonArray();
            for (JsonElement element : fields) {
                JsonObject field = element.getAsJsonObject().deepCopy();
                String type = field.get("type").getAsString();
                field.addProperty(
                        "type",
                        Stream.of(new String[][] {{"INT64", "INTEGER"}, {"BOOL", "BOOLEAN"}, {"FLOAT64", "FLOAT"}})
                                .filter(p -> p[0].equals(type))
                                .map(p -> p[1])
                                .findFirst()
                                .orElse(type));
                rest.add(field);
            }
            return rest;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
