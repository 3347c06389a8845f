package dev.salesflow.gcp;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Dataset;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.StorageException;
import com.google.protobuf.FieldMask;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.UpdateSubscriptionRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Creates what the gcp mode needs, idempotently: what exists with the expected settings is left
 * alone ("exists"), updatable settings that differ are updated ("updated"), and settings that cannot
 * be changed in place are reported ("DIFFERS", with what to do) and make the run fail. One line per
 * resource, printed as it is handled.
 */
public final class GcpSetup {

    public enum Outcome {
        CREATED("created"),
        EXISTS("exists"),
        UPDATED("updated"),
        DIFFERS("DIFFERS");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    public record Step(Outcome outcome, String kind, String name, String detail) {
        String line() {
            return String.format("%-8s %-13s %s%s", outcome.label, kind, name, detail.isEmpty() ? "" : ": " + detail);
        }
    }

    private static final String PUBSUB_API = "pubsub.googleapis.com";
    private static final String BIGQUERY_API = "bigquery.googleapis.com";
    private static final String STORAGE_API = "storage.googleapis.com";

    private final GcpLayout layout;
    private final PrintWriter out;
    private final List<Step> steps = new ArrayList<>();

    public GcpSetup(GcpLayout layout, PrintWriter out) {
        this.layout = layout;
        this.out = out;
    }

    /** The whole plan, offline: every resource with its settings, then the steps left to a human. */
    public static List<String> plan(GcpLayout layout) {
        List<String> lines = new ArrayList<>();
        lines.add("Plan for project " + layout.project() + " (region " + layout.region() + ", BigQuery location "
                + layout.bigQueryLocation() + "):");
        for (Topic topic : Resources.topics(layout)) {
            lines.add(String.format("  %-13s %s", "topic", topic.getName()));
        }
        for (Subscription subscription : Resources.subscriptions(layout)) {
            lines.add(String.format(
                    "  %-13s %s: %s", "subscription", subscription.getName(), Resources.describe(subscription)));
        }
        for (String dataset : GcpLayout.DATASETS) {
            lines.add(String.format(
                    "  %-13s %s:%s: location %s", "dataset", layout.project(), dataset, layout.bigQueryLocation()));
        }
        for (BronzeTables.Table table : BronzeTables.all()) {
            lines.add(String.format(
                    "  %-13s %s:%s: %s",
                    "table", layout.project(), table.qualifiedName(), Resources.describe(table, layout)));
            lines.add("                  columns " + String.join(", ", BronzeTables.describe(table.schema())));
        }
        BucketInfo bucket = Resources.bucket(layout);
        lines.add(String.format("  %-13s gs://%s: %s", "bucket", bucket.getName(), Resources.describe(bucket)));
        return lines;
    }

    /**
     * What setup cannot do with the data-plane roles it asks for: let Pub/Sub's service agent move
     * messages to the dead-letter topic (without these grants the dead-letter policy does nothing).
     */
    public static List<String> nextSteps(GcpLayout layout) {
        String agent = "serviceAccount:service-$(gcloud projects describe " + layout.project()
                + " --format='value(projectNumber)')@gcp-sa-pubsub.iam.gserviceaccount.com";
        return List.of(
                "Once per project, let Pub/Sub's service agent forward undeliverable messages to the dead-letter topic:",
                "  gcloud pubsub topics add-iam-policy-binding " + GcpLayout.DEAD_LETTER_TOPIC + " --project "
                        + layout.project() + " --member=\"" + agent + "\" --role=roles/pubsub.publisher",
                "  gcloud pubsub subscriptions add-iam-policy-binding " + GcpLayout.BRONZE_SUBSCRIPTION + " --project "
                        + layout.project() + " --member=\"" + agent + "\" --role=roles/pubsub.subscriber",
                "Then: `salesflow gcp check --project " + layout.project() + " --region " + layout.region()
                        + "` with the same other options as here (docs/gcp.md).",
                "The bronze job on Dataflow (docs/gcp.md, step 5) takes: --project=" + layout.project() + " --region="
                        + layout.region() + " --tempLocation=" + layout.gcsUrl(GcpLayout.DATAFLOW_TEMP)
                        + " --stagingLocation=" + layout.gcsUrl(GcpLayout.DATAFLOW_STAGING) + " --subscription="
                        + layout.subscriptionPath(GcpLayout.BRONZE_SUBSCRIPTION) + " --landingTable=" + layout.project()
                        + ":" + GcpLayout.BRONZE_DATASET + "." + GcpLayout.LANDING_TABLE + " --eventsTable="
                        + layout.project() + ":" + GcpLayout.BRONZE_DATASET + "." + GcpLayout.EVENTS_TABLE
                        + " --errorRecordsTable="
                        + layout.project() + ":" + GcpLayout.BRONZE_DATASET + "." + GcpLayout.ERROR_RECORDS_TABLE,
                "The application (gcp profile) and its commands take: GOOGLE_CLOUD_PROJECT=" + layout.project()
                        + " SALESFLOW_REGION=" + layout.region()
                        + (layout.bigQueryLocation().equals(layout.region())
                                ? ""
                                : " SALESFLOW_BIGQUERY_LOCATION=" + layout.bigQueryLocation())
                        + " SALESFLOW_BUCKET=" + layout.bucket() + " (gold's Parquet export goes to "
                        + layout.gcsUrl(GcpLayout.GOLD_EXPORT) + ").");
    }

    /** Runs the plan; throws {@link GcpException} (with what to do) on the first call that fails. */
    public List<Step> run(GcpClients clients) {
        for (Topic topic : Resources.topics(layout)) {
            topic(clients, topic);
        }
        for (Subscription subscription : Resources.subscriptions(layout)) {
            subscription(clients, subscription);
        }
        for (String name : GcpLayout.DATASETS) {
            dataset(clients, Resources.dataset(layout, name));
        }
        for (BronzeTables.Table table : BronzeTables.all()) {
            table(clients, table);
        }
        bucket(clients, Resources.bucket(layout));
        return List.copyOf(steps);
    }

    public static boolean ok(List<Step> steps) {
        return steps.stream().noneMatch(step -> step.outcome() == Outcome.DIFFERS);
    }

    public static String summary(List<Step> steps) {
        long created =
                steps.stream().filter(s -> s.outcome() == Outcome.CREATED).count();
        long existed = steps.stream().filter(s -> s.outcome() == Outcome.EXISTS).count();
        long updated =
                steps.stream().filter(s -> s.outcome() == Outcome.UPDATED).count();
        long differ = steps.stream().filter(s -> s.outcome() == Outcome.DIFFERS).count();
        return created + " created, " + existed + " already existed, " + updated + " updated, " + differ
                + " differ from the expected settings";
    }

    private void topic(GcpClients clients, Topic topic) {
        String what = "topic " + topic.getName();
        Topic existing = pubsub("reading " + what, () -> {
            try {
                return clients.topics.getTopic(topic.getName());
            } catch (NotFoundException e) {
                return null;
            }
        });
        if (existing != null) {
            step(Outcome.EXISTS, "topic", topic.getName(), "");
            return;
        }
        pubsub("creating " + what, () -> {
            try {
                return clients.topics.createTopic(topic);
            } catch (AlreadyExistsException e) {
                return topic; // created meanwhile by someone else: as good
            }
        });
        step(Outcome.CREATED, "topic", topic.getName(), "");
    }

    private void subscription(GcpClients clients, Subscription wanted) {
        String what = "subscription " + wanted.getName();
        Subscription existing = pubsub("reading " + what, () -> {
            try {
                return clients.subscriptions.getSubscription(wanted.getName());
            } catch (NotFoundException e) {
                return null;
            }
        });
        if (existing == null) {
            pubsub("creating " + what, () -> clients.subscriptions.createSubscription(wanted));
            step(Outcome.CREATED, "subscription", wanted.getName(), Resources.describe(wanted));
            return;
        }
        List<Resources.Difference> differences = Resources.differences(wanted, existing);
        if (differences.isEmpty()) {
            step(Outcome.EXISTS, "subscription", wanted.getName(), "");
        } else if (differences.stream().allMatch(Resources.Difference::updatable)) {
            UpdateSubscriptionRequest update = UpdateSubscriptionRequest.newBuilder()
                    .setSubscription(wanted)
                    .setUpdateMask(FieldMask.newBuilder().addAllPaths(Resources.updatePaths(differences)))
                    .build();
            pubsub("updating " + what, () -> clients.subscriptions.updateSubscription(update));
            step(Outcome.UPDATED, "subscription", wanted.getName(), joined(differences));
        } else {
            step(
                    Outcome.DIFFERS,
                    "subscription",
                    wanted.getName(),
                    joined(differences)
                            + "; these cannot be changed in place: delete it (`gcloud pubsub subscriptions delete "
                            + Resources.shortName(wanted.getName()) + " --project " + layout.project()
                            + "`, its unacked messages are lost) and run setup again");
        }
    }

    private void dataset(GcpClients clients, DatasetInfo wanted) {
        String name = layout.project() + ":" + wanted.getDatasetId().getDataset();
        Dataset existing =
                bigquery("reading dataset " + name, () -> clients.bigquery.getDataset(wanted.getDatasetId()));
        if (existing == null) {
            bigquery("creating dataset " + name, () -> clients.bigquery.create(wanted));
            step(Outcome.CREATED, "dataset", name, "location " + wanted.getLocation());
        } else if (GcpLayout.sameLocation(existing.getLocation(), wanted.getLocation())) {
            step(Outcome.EXISTS, "dataset", name, "");
        } else {
            step(
                    Outcome.DIFFERS,
                    "dataset",
                    name,
                    "location is " + existing.getLocation() + ", expected "
                            + wanted.getLocation() + "; a dataset cannot move: run setup with --bigquery-location "
                            + existing.getLocation()
                            + " (and the same SALESFLOW_BIGQUERY_LOCATION for the application), "
                            + "or delete the dataset");
        }
    }

    private void table(GcpClients clients, BronzeTables.Table table) {
        TableId id = TableId.of(layout.project(), table.dataset(), table.name());
        String name = layout.project() + ":" + table.qualifiedName();
        Table existing = bigquery("reading table " + name, () -> clients.bigquery.getTable(id));
        if (existing == null) {
            bigquery(
                    "creating table " + name,
                    () -> clients.bigquery.create(TableInfo.newBuilder(id, table.definition(layout))
                            .setLabels(GcpLayout.LABELS)
                            .setDescription("salesflow bronze, written by the beam-bronze job and its merge")
                            .build()));
            step(Outcome.CREATED, "table", name, Resources.describe(table, layout));
            return;
        }
        List<Resources.Difference> differences = Resources.differences(table, layout, existing.getDefinition());
        if (differences.isEmpty()) {
            step(Outcome.EXISTS, "table", name, "");
        } else if (differences.stream().allMatch(Resources.Difference::updatable)) {
            // In place (tables.patch): the partition expiry, and NULLABLE columns the job's schema gained.
            bigquery(
                    "updating table " + name,
                    () -> clients.bigquery.update(
                            TableInfo.newBuilder(id, Resources.patched(table, layout, existing.getDefinition()))
                                    .build()));
            step(Outcome.UPDATED, "table", name, joined(differences));
        } else {
            step(
                    Outcome.DIFFERS,
                    "table",
                    name,
                    joined(differences) + "; BigQuery cannot change this in place: "
                            + "copy the data out, drop the table and run setup again (or let the job write to a new table)");
        }
    }

    private void bucket(GcpClients clients, BucketInfo wanted) {
        String name = "gs://" + wanted.getName();
        Bucket existing;
        try {
            existing = clients.storage.get(wanted.getName());
        } catch (StorageException e) {
            if (e.getCode() == 403) {
                throw new GcpException(
                        "Bucket " + name + " exists but these credentials may not read it: it "
                                + "probably belongs to another project (bucket names are global). Choose another --bucket, "
                                + "or grant roles/storage.admin on it. (" + e.getMessage() + ")",
                        e);
            }
            throw Failures.explain("reading bucket " + name, layout.project(), e, STORAGE_API, "roles/storage.admin");
        }
        if (existing == null) {
            try {
                clients.storage.create(wanted);
            } catch (StorageException e) {
                if (e.getCode() == 409) {
                    throw new GcpException(
                            "The bucket name " + wanted.getName() + " is taken (bucket names are "
                                    + "global across all projects): choose another with --bucket. (" + e.getMessage()
                                    + ")",
                            e);
                }
                throw Failures.explain(
                        "creating bucket " + name, layout.project(), e, STORAGE_API, "roles/storage.admin");
            }
            step(Outcome.CREATED, "bucket", name, Resources.describe(wanted));
            return;
        }
        List<Resources.Difference> differences = Resources.differences(layout, existing);
        if (differences.isEmpty()) {
            step(Outcome.EXISTS, "bucket", name, "");
        } else {
            step(
                    Outcome.DIFFERS,
                    "bucket",
                    name,
                    joined(differences) + "; a bucket's location cannot change: "
                            + "choose another --bucket (uniform access: `gcloud storage buckets update " + name
                            + " --uniform-bucket-level-access`)");
        }
    }

    private void step(Outcome outcome, String kind, String name, String detail) {
        Step step = new Step(outcome, kind, name, detail);
        steps.add(step);
        out.println(step.line());
        out.flush();
    }

    private static String joined(List<Resources.Difference> differences) {
        return String.join(
                "; ", differences.stream().map(Resources.Difference::toString).toList());
    }

    private <T> T pubsub(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw Failures.explain(action, layout.project(), e, PUBSUB_API, "roles/pubsub.admin");
        }
    }

    private <T> T bigquery(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (BigQueryException e) {
            throw Failures.explain(action, layout.project(), e, BIGQUERY_API, "roles/bigquery.admin");
        }
    }
}
