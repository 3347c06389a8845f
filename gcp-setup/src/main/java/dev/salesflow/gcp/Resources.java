package dev.salesflow.gcp;

import com.google.cloud.bigquery.Clustering;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.TableDefinition;
import com.google.cloud.bigquery.TimePartitioning;
import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.StorageClass;
import com.google.protobuf.Duration;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.ExpirationPolicy;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The resources of a {@link GcpLayout} as the clients' request objects, how to describe them in one
 * line, and how an existing resource differs from what the layout wants (shared by setup and check).
 */
final class Resources {

    /** A setting that differs; {@code updatable} when Pub/Sub / BigQuery can change it in place. */
    record Difference(String field, String expected, String actual, boolean updatable) {
        @Override
        public String toString() {
            return field + " is " + actual + ", expected " + expected;
        }
    }

    private Resources() {}

    // ------------------------------------------------------------------ Pub/Sub

    static List<Topic> topics(GcpLayout layout) {
        return List.of(topic(layout, GcpLayout.DEAD_LETTER_TOPIC), topic(layout, GcpLayout.TOPIC));
    }

    private static Topic topic(GcpLayout layout, String name) {
        return Topic.newBuilder()
                .setName(layout.topicPath(name))
                .putAllLabels(GcpLayout.LABELS)
                .build();
    }

    /** In creation order: a dead-letter topic needs its subscription before messages reach it. */
    static List<Subscription> subscriptions(GcpLayout layout) {
        Subscription deadLetters = Subscription.newBuilder()
                .setName(layout.subscriptionPath(GcpLayout.DEAD_LETTER_SUBSCRIPTION))
                .setTopic(layout.topicPath(GcpLayout.DEAD_LETTER_TOPIC))
                .setAckDeadlineSeconds(GcpLayout.BRONZE_ACK_DEADLINE_SECONDS)
                .setMessageRetentionDuration(seconds(GcpLayout.RETENTION_SECONDS))
                .setExpirationPolicy(ExpirationPolicy.getDefaultInstance())
                .putAllLabels(GcpLayout.LABELS)
                .build();
        Subscription bronze = Subscription.newBuilder()
                .setName(layout.subscriptionPath(GcpLayout.BRONZE_SUBSCRIPTION))
                .setTopic(layout.topicPath())
                .setAckDeadlineSeconds(GcpLayout.BRONZE_ACK_DEADLINE_SECONDS)
                .setRetryPolicy(RetryPolicy.newBuilder()
                        .setMinimumBackoff(seconds(GcpLayout.RETRY_MIN_BACKOFF_SECONDS))
                        .setMaximumBackoff(seconds(GcpLayout.RETRY_MAX_BACKOFF_SECONDS)))
                .setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
                        .setDeadLetterTopic(layout.topicPath(GcpLayout.DEAD_LETTER_TOPIC))
                        .setMaxDeliveryAttempts(layout.maxDeliveryAttempts()))
                .setEnableMessageOrdering(true)
                .setMessageRetentionDuration(seconds(GcpLayout.RETENTION_SECONDS))
                // An expiration policy without a ttl: the subscription never expires when idle (the
                // default would delete it after 31 days without a subscriber).
                .setExpirationPolicy(ExpirationPolicy.getDefaultInstance())
                .setFilter(GcpLayout.BRONZE_FILTER)
                .putAllLabels(GcpLayout.LABELS)
                .build();
        Subscription check = Subscription.newBuilder()
                .setName(layout.subscriptionPath(GcpLayout.CHECK_SUBSCRIPTION))
                .setTopic(layout.topicPath())
                .setAckDeadlineSeconds(GcpLayout.CHECK_ACK_DEADLINE_SECONDS)
                .setMessageRetentionDuration(seconds(GcpLayout.CHECK_RETENTION_SECONDS))
                .setExpirationPolicy(ExpirationPolicy.getDefaultInstance())
                .setFilter(GcpLayout.CHECK_FILTER)
                .putAllLabels(GcpLayout.LABELS)
                .build();
        return List.of(deadLetters, bronze, check);
    }

    static String describe(Subscription s) {
        StringBuilder text = new StringBuilder("topic ")
                .append(shortName(s.getTopic()))
                .append(", ack deadline ")
                .append(s.getAckDeadlineSeconds())
                .append(" s");
        if (s.hasRetryPolicy()) {
            text.append(", retry backoff ").append(retry(s));
        }
        if (s.hasDeadLetterPolicy()) {
            text.append(", dead letters to ")
                    .append(shortName(s.getDeadLetterPolicy().getDeadLetterTopic()))
                    .append(" after ")
                    .append(s.getDeadLetterPolicy().getMaxDeliveryAttempts())
                    .append(" deliveries");
        }
        text.append(", ordering ")
                .append(s.getEnableMessageOrdering() ? "on" : "off")
                .append(", retention ")
                .append(retention(s))
                .append(", ")
                .append(expiry(s));
        if (!s.getFilter().isEmpty()) {
            text.append(", filter ").append(s.getFilter());
        }
        return text.toString();
    }

    static List<Difference> differences(Subscription expected, Subscription actual) {
        List<Difference> differences = new ArrayList<>();
        compare(differences, "topic", expected.getTopic(), actual.getTopic(), false);
        compare(
                differences,
                "ack deadline",
                expected.getAckDeadlineSeconds() + " s",
                actual.getAckDeadlineSeconds() + " s",
                true);
        compare(differences, "retry policy", retry(expected), retry(actual), true);
        compare(differences, "dead-letter policy", deadLetter(expected), deadLetter(actual), true);
        compare(
                differences,
                "message ordering",
                onOff(expected.getEnableMessageOrdering()),
                onOff(actual.getEnableMessageOrdering()),
                false);
        compare(differences, "retention", retention(expected), retention(actual), true);
        compare(differences, "expiration", expiry(expected), expiry(actual), true);
        compare(differences, "filter", quoted(expected.getFilter()), quoted(actual.getFilter()), false);
        return differences;
    }

    /** The update-mask path of each updatable difference. */
    static List<String> updatePaths(List<Difference> differences) {
        List<String> paths = new ArrayList<>();
        for (Difference difference : differences) {
            switch (difference.field()) {
                case "ack deadline" -> paths.add("ack_deadline_seconds");
                case "retry policy" -> paths.add("retry_policy");
                case "dead-letter policy" -> paths.add("dead_letter_policy");
                case "retention" -> paths.add("message_retention_duration");
                case "expiration" -> paths.add("expiration_policy");
                default -> throw new IllegalArgumentException(difference.field() + " cannot be updated");
            }
        }
        return paths;
    }

    private static String retry(Subscription s) {
        if (!s.hasRetryPolicy()) {
            return "immediate redelivery (no retry policy)";
        }
        return s.getRetryPolicy().getMinimumBackoff().getSeconds() + " s.."
                + s.getRetryPolicy().getMaximumBackoff().getSeconds() + " s";
    }

    private static String deadLetter(Subscription s) {
        return s.hasDeadLetterPolicy()
                ? shortName(s.getDeadLetterPolicy().getDeadLetterTopic()) + " after "
                        + s.getDeadLetterPolicy().getMaxDeliveryAttempts() + " deliveries"
                : "none";
    }

    /** Unset means Pub/Sub's default of 7 days. */
    private static String retention(Subscription s) {
        long seconds = s.hasMessageRetentionDuration()
                ? s.getMessageRetentionDuration().getSeconds()
                : GcpLayout.RETENTION_SECONDS;
        return seconds % 86_400 == 0 ? seconds / 86_400 + " d" : seconds / 60 + " min";
    }

    /** No policy means Pub/Sub's default (deleted after 31 days without activity); a policy without ttl: never. */
    private static String expiry(Subscription s) {
        if (!s.hasExpirationPolicy()) {
            return "expires after 31 d idle";
        }
        return s.getExpirationPolicy().hasTtl()
                ? "expires after " + s.getExpirationPolicy().getTtl().getSeconds() / 86_400 + " d idle"
                : "never expires";
    }

    // ------------------------------------------------------------------ BigQuery

    static DatasetInfo dataset(GcpLayout layout, String name) {
        return DatasetInfo.newBuilder(DatasetId.of(layout.project(), name))
                .setLocation(layout.bigQueryLocation())
                .setLabels(GcpLayout.LABELS)
                .setDescription("salesflow " + name.substring("sales_".length()))
                .build();
    }

    static String describe(BronzeTables.Table table, GcpLayout layout) {
        return table.schema().getFields().size() + " columns, partitioned by " + table.partitionType() + "("
                + table.partitionField() + "), " + expiry(table.expirationMs(layout))
                + (table.clustering().isEmpty() ? "" : ", clustered by " + String.join(", ", table.clustering()));
    }

    static List<Difference> differences(BronzeTables.Table table, GcpLayout layout, TableDefinition found) {
        List<Difference> differences = new ArrayList<>();
        StandardTableDefinition wanted = table.definition(layout);
        if (!(found instanceof StandardTableDefinition actual)) {
            differences.add(new Difference(
                    "type", "TABLE", found == null ? "none" : found.getType().toString(), false));
            return differences;
        }
        List<String> wantedColumns = BronzeTables.describe(wanted.getSchema());
        List<String> actualColumns = BronzeTables.describe(actual.getSchema());
        // Columns are matched by name (the job writes by name); BigQuery adds new columns at the end.
        if (!new HashSet<>(wantedColumns).equals(new HashSet<>(actualColumns))) {
            List<String> missing = wantedColumns.stream()
                    .filter(c -> !actualColumns.contains(c))
                    .toList();
            List<String> extra = actualColumns.stream()
                    .filter(c -> !wantedColumns.contains(c))
                    .toList();
            // Only NULLABLE columns can be added to a table in place (tables.patch).
            boolean addable = extra.isEmpty() && missing.stream().allMatch(c -> c.endsWith(" NULLABLE"));
            String shape = ((missing.isEmpty() ? "" : "missing " + missing)
                    + (extra.isEmpty() ? "" : (missing.isEmpty() ? "" : " and ") + "not in the schema " + extra));
            differences.add(new Difference("columns", "those of beam-bronze's schema file", shape, addable));
        }
        TimePartitioning partitioning = actual.getTimePartitioning();
        compare(
                differences,
                "partitioning",
                table.partitionType() + "(" + table.partitionField() + ")",
                partitioning == null
                        ? "none"
                        : partitioning.getType() + "("
                                + (partitioning.getField() == null ? "_PARTITIONTIME" : partitioning.getField()) + ")",
                false);
        compare(
                differences,
                "partition expiry",
                days(table.expirationMs(layout)),
                days(partitioning == null ? null : partitioning.getExpirationMs()),
                partitioning != null);
        Clustering clustering = actual.getClustering();
        compare(
                differences,
                "clustering",
                table.clustering().toString(),
                (clustering == null || clustering.getFields() == null ? List.of() : clustering.getFields()).toString(),
                false);
        return differences;
    }

    private static String expiry(Long expirationMs) {
        return expirationMs == null || expirationMs <= 0
                ? "partitions kept forever"
                : "partitions expire after " + expirationMs / 86_400_000L + " d";
    }

    /**
     * The definition to patch an existing table with: its own columns in their order plus the
     * missing ones at the end (they are all NULLABLE, see {@link #differences}), the layout's
     * partitioning and clustering.
     */
    static StandardTableDefinition patched(BronzeTables.Table table, GcpLayout layout, TableDefinition found) {
        StandardTableDefinition wanted = table.definition(layout);
        if (found == null || found.getSchema() == null) {
            return wanted;
        }
        List<Field> fields = new ArrayList<>(found.getSchema().getFields());
        List<String> present = fields.stream().map(Field::getName).toList();
        for (Field field : wanted.getSchema().getFields()) {
            if (!present.contains(field.getName())) {
                fields.add(field);
            }
        }
        return wanted.toBuilder().setSchema(Schema.of(fields)).build();
    }

    private static String days(Long expirationMs) {
        return expirationMs == null || expirationMs <= 0 ? "none" : expirationMs / 86_400_000L + " d";
    }

    // ------------------------------------------------------------------ Cloud Storage

    static BucketInfo bucket(GcpLayout layout) {
        return BucketInfo.newBuilder(layout.bucket())
                .setLocation(layout.region())
                .setStorageClass(StorageClass.STANDARD)
                .setIamConfiguration(BucketInfo.IamConfiguration.newBuilder()
                        .setIsUniformBucketLevelAccessEnabled(true)
                        .setPublicAccessPrevention(BucketInfo.PublicAccessPrevention.ENFORCED)
                        .build())
                .setLabels(GcpLayout.LABELS)
                .build();
    }

    static String describe(BucketInfo bucket) {
        return "location " + bucket.getLocation() + ", " + bucket.getStorageClass()
                + ", uniform bucket-level access, public access prevention enforced";
    }

    static List<Difference> differences(GcpLayout layout, Bucket actual) {
        List<Difference> differences = new ArrayList<>();
        if (!GcpLayout.sameLocation(layout.region(), actual.getLocation())) {
            differences.add(new Difference("location", layout.region(), String.valueOf(actual.getLocation()), false));
        }
        BucketInfo.IamConfiguration iam = actual.getIamConfiguration();
        boolean uniform = iam != null && Boolean.TRUE.equals(iam.isUniformBucketLevelAccessEnabled());
        compare(differences, "uniform bucket-level access", "on", onOff(uniform), false);
        return differences;
    }

    // ------------------------------------------------------------------ helpers

    private static void compare(
            List<Difference> differences, String field, String expected, String actual, boolean updatable) {
        if (!Objects.equals(expected, actual)) {
            differences.add(new Difference(field, expected, actual, updatable));
        }
    }

    static Duration seconds(long seconds) {
        return Duration.newBuilder().setSeconds(seconds).build();
    }

    static String shortName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    private static String quoted(String filter) {
        return filter.isEmpty() ? "none" : "'" + filter + "'";
    }
}
