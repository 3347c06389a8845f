package dev.salesflow.gcp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the gcp mode needs in one Google Cloud project, with the settings each resource must
 * have. Pure values: {@code gcp setup --dry-run} prints them without any client or credentials.
 *
 * @param project the project id
 * @param region where Dataflow runs and the bucket lives (e.g. {@code europe-west1})
 * @param bigQueryLocation the datasets' location: the region unless given (e.g. {@code EU})
 * @param bucket the bucket for Dataflow temp/staging files and the Parquet export of gold
 * @param partitionExpirationDays days a bronze partition is kept; 0 = kept forever
 * @param maxDeliveryAttempts deliveries of one message to bronze before it goes to the dead-letter topic
 */
public record GcpLayout(
        String project,
        String region,
        String bigQueryLocation,
        String bucket,
        int partitionExpirationDays,
        int maxDeliveryAttempts) {

    public static final String TOPIC = "sales-events";
    public static final String BRONZE_SUBSCRIPTION = "sales-events-bronze";
    public static final String DEAD_LETTER_TOPIC = "sales-events-dead-letter";
    public static final String DEAD_LETTER_SUBSCRIPTION = "sales-events-dead-letter";
    /** Receives only the probe messages of {@code gcp check} (filter), so probes never reach bronze. */
    public static final String CHECK_SUBSCRIPTION = "sales-events-check";
    /** Attribute that marks a probe message. */
    public static final String PROBE_ATTRIBUTE = "salesflow_probe";

    public static final String BRONZE_FILTER = "NOT attributes:" + PROBE_ATTRIBUTE;
    public static final String CHECK_FILTER = "attributes:" + PROBE_ATTRIBUTE;

    /** As the application's local subscription (PubSubTopology): time to land a batch before redelivery. */
    public static final int BRONZE_ACK_DEADLINE_SECONDS = 60;

    public static final int CHECK_ACK_DEADLINE_SECONDS = 10;
    /** Redelivery backoff of a nacked or expired message. */
    public static final int RETRY_MIN_BACKOFF_SECONDS = 10;

    public static final int RETRY_MAX_BACKOFF_SECONDS = 600;
    /** Unacked messages are kept 7 days (the default maximum of a subscription). */
    public static final long RETENTION_SECONDS = 7 * 24 * 3600L;
    /** Probes are worthless after a few minutes; 10 minutes is Pub/Sub's minimum retention. */
    public static final long CHECK_RETENTION_SECONDS = 600;

    public static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 10;

    public static final String BRONZE_DATASET = "sales_bronze";
    public static final List<String> DATASETS =
            List.of(BRONZE_DATASET, "sales_silver", "sales_snapshots", "sales_gold", "sales_ops");
    /** Every arrival, appended by the bronze job; merged into {@link #EVENTS_TABLE}. */
    public static final String LANDING_TABLE = "sales_events_landing";
    /** One row per event id: what readers of bronze read. */
    public static final String EVENTS_TABLE = "sales_events";

    public static final String ERROR_RECORDS_TABLE = "sales_events_error_records";

    /** Bucket prefixes the docs and the Dataflow command use. */
    public static final String DATAFLOW_TEMP = "bronze/tmp";

    public static final String DATAFLOW_STAGING = "bronze/staging";
    public static final String GOLD_EXPORT = "gold/parquet";
    /** Where {@code gcp check} writes (and deletes) its probe object. */
    public static final String PROBE_PREFIX = "salesflow-check/";

    /** Labels on everything setup creates: billing exports and the console can filter on them. */
    public static final Map<String, String> LABELS = Map.of("app", "salesflow");

    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");

    public GcpLayout {
        if (project == null || !PROJECT_ID.matcher(project).matches()) {
            throw new IllegalArgumentException("--project must be a project id (6-30 lower-case letters, digits "
                    + "and hyphens, starting with a letter), got "
                    + (project == null || project.isEmpty()
                            ? "nothing: pass --project or set GOOGLE_CLOUD_PROJECT"
                            : "'" + project + "'"));
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("--region must be a Google Cloud region such as europe-west1 or "
                    + "us-central1, got "
                    + (region == null || region.isEmpty()
                            ? "nothing: pass --region or set SALESFLOW_REGION"
                            : "'" + region + "'"));
        }
        if (bigQueryLocation == null || bigQueryLocation.isBlank()) {
            bigQueryLocation = region;
        }
        if (bucket == null || bucket.isBlank()) {
            bucket = project + "-salesflow";
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.startsWith("goog")) {
            throw new IllegalArgumentException("--bucket must be a bucket name (3-63 lower-case letters, digits, "
                    + "'-', '_' or '.', not starting with 'goog'), got '" + bucket + "'");
        }
        if (partitionExpirationDays < 0) {
            throw new IllegalArgumentException(
                    "--partition-expiration-days must be 0 (keep forever) or more, got " + partitionExpirationDays);
        }
        if (maxDeliveryAttempts < 5 || maxDeliveryAttempts > 100) {
            throw new IllegalArgumentException(
                    "--max-delivery-attempts must be within 5..100 (Pub/Sub's range), got " + maxDeliveryAttempts);
        }
    }

    public String topicPath() {
        return topicPath(TOPIC);
    }

    public String topicPath(String topic) {
        return "projects/" + project + "/topics/" + topic;
    }

    public String subscriptionPath(String subscription) {
        return "projects/" + project + "/subscriptions/" + subscription;
    }

    /** Partition expiry in milliseconds, or null when partitions are kept forever. */
    public Long partitionExpirationMs() {
        return partitionExpirationDays == 0 ? null : partitionExpirationDays * 86_400_000L;
    }

    /** Cloud Storage reports locations in upper case, BigQuery as given; compare either way. */
    static boolean sameLocation(String a, String b) {
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    public String gcsUrl(String prefix) {
        return "gs://" + bucket + "/" + prefix;
    }
}
