package dev.salesflow.gcp;

import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.bigquery.Dataset;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Bucket;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Verifies a project: every resource of the layout exists with the expected settings, and the
 * credentials can publish and pull (a probe message through the check subscription), query
 * BigQuery (a dry run: nothing is billed) and write to the bucket (a probe object, deleted again).
 * One line per check; every check runs even when an earlier one failed.
 */
public final class GcpCheck {

    public record Result(boolean ok, String what, String detail) {
        String line() {
            return String.format("%-5s %s%s", ok ? "OK" : "FAIL", what, detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /** How long the probe may take from publish to pull; Pub/Sub usually needs well under a second. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private final GcpLayout layout;
    private final PrintWriter out;
    private final Duration probeTimeout;
    private final List<Result> results = new ArrayList<>();

    public GcpCheck(GcpLayout layout, PrintWriter out) {
        this(layout, out, PROBE_TIMEOUT);
    }

    GcpCheck(GcpLayout layout, PrintWriter out, Duration probeTimeout) {
        this.layout = layout;
        this.out = out;
        this.probeTimeout = probeTimeout;
    }

    public List<Result> run(GcpClients clients) {
        for (Topic topic : Resources.topics(layout)) {
            check("topic " + topic.getName(), Api.PUBSUB, () -> {
                clients.topics.getTopic(topic.getName());
                return "";
            });
        }
        for (Subscription wanted : Resources.subscriptions(layout)) {
            check("subscription " + wanted.getName(), Api.PUBSUB, () -> {
                Subscription found = clients.subscriptions.getSubscription(wanted.getName());
                return differences(Resources.differences(wanted, found));
            });
        }
        for (String name : GcpLayout.DATASETS) {
            check("dataset " + layout.project() + ":" + name, Api.BIGQUERY, () -> {
                Dataset found = clients.bigquery.getDataset(DatasetId.of(layout.project(), name));
                if (found == null) {
                    throw new Problem("missing: run `salesflow gcp setup`");
                }
                if (!GcpLayout.sameLocation(found.getLocation(), layout.bigQueryLocation())) {
                    throw new Problem("location is " + found.getLocation() + ", expected " + layout.bigQueryLocation());
                }
                return "";
            });
        }
        for (BronzeTables.Table table : BronzeTables.all()) {
            check("table " + layout.project() + ":" + table.qualifiedName(), Api.BIGQUERY, () -> {
                Table found = clients.bigquery.getTable(TableId.of(layout.project(), table.dataset(), table.name()));
                if (found == null) {
                    throw new Problem("missing: run `salesflow gcp setup`");
                }
                return differences(Resources.differences(table, layout, found.getDefinition()));
            });
        }
        check("bucket gs://" + layout.bucket(), Api.STORAGE, () -> {
            Bucket found = clients.storage.get(layout.bucket());
            if (found == null) {
                throw new Problem("missing: run `salesflow gcp setup`");
            }
            return differences(Resources.differences(layout, found));
        });
        check(
                "publish and pull a probe message (topic " + GcpLayout.TOPIC + ", subscription "
                        + GcpLayout.CHECK_SUBSCRIPTION + ")",
                Api.PUBSUB,
                () -> probeMessage(clients));
        check(
                "BigQuery dry-run query on " + GcpLayout.BRONZE_DATASET + "." + GcpLayout.EVENTS_TABLE,
                Api.BIGQUERY,
                () -> dryRunQuery(clients));
        check("write and delete a probe object in gs://" + layout.bucket(), Api.STORAGE, () -> probeObject(clients));
        return List.copyOf(results);
    }

    public static boolean ok(List<Result> results) {
        return results.stream().allMatch(Result::ok);
    }

    /** The statement of the dry run: what a reader of bronze runs, restricted to one day's partition. */
    static String probeQuery() {
        // dataset.table resolves in the job's project, the one the client was built for.
        return "SELECT event_type, COUNT(*) AS events\nFROM " + GcpLayout.BRONZE_DATASET + "." + GcpLayout.EVENTS_TABLE
                + "\nWHERE occurred_at >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)\nGROUP BY event_type";
    }

    private String probeMessage(GcpClients clients) {
        String probe = UUID.randomUUID().toString();
        long start = System.nanoTime();
        clients.topics.publish(
                layout.topicPath(),
                List.of(PubsubMessage.newBuilder()
                        .setData(ByteString.copyFromUtf8("salesflow gcp check probe " + probe))
                        .putAttributes(GcpLayout.PROBE_ATTRIBUTE, probe)
                        .build()));
        long deadline = start + probeTimeout.toNanos();
        String subscription = layout.subscriptionPath(GcpLayout.CHECK_SUBSCRIPTION);
        while (System.nanoTime() < deadline) {
            // Not return_immediately: the server waits (briefly) for a message, so this loop does not spin.
            PullResponse response = clients.subscriptions
                    .pullCallable()
                    .call(PullRequest.newBuilder()
                            .setSubscription(subscription)
                            .setMaxMessages(100)
                            .build());
            List<String> ackIds = new ArrayList<>();
            boolean found = false;
            for (ReceivedMessage received : response.getReceivedMessagesList()) {
                // Earlier probes (of a check that timed out) are acked too: the subscription only holds probes.
                ackIds.add(received.getAckId());
                found |= probe.equals(received.getMessage().getAttributesMap().get(GcpLayout.PROBE_ATTRIBUTE));
            }
            if (!ackIds.isEmpty()) {
                clients.subscriptions.acknowledge(subscription, ackIds);
            }
            if (found) {
                return "received after " + (System.nanoTime() - start) / 1_000_000 + " ms";
            }
        }
        throw new Problem("published, but not received on " + GcpLayout.CHECK_SUBSCRIPTION + " within "
                + probeTimeout.toSeconds() + " s: check its filter (" + GcpLayout.CHECK_FILTER + ") and that the "
                + "credentials may consume it (roles/pubsub.subscriber)");
    }

    private String dryRunQuery(GcpClients clients) {
        QueryJobConfiguration query = QueryJobConfiguration.newBuilder(probeQuery())
                .setUseLegacySql(false)
                .setDryRun(true)
                .setLabels(Map.of("app", "salesflow", "component", "gcp-check"))
                .build();
        Job job = clients.bigquery.create(JobInfo.of(
                JobId.newBuilder().setLocation(layout.bigQueryLocation()).build(), query));
        JobStatistics.QueryStatistics statistics = job.getStatistics();
        Long bytes = statistics == null ? null : statistics.getTotalBytesProcessed();
        return "valid, would scan " + (bytes == null ? "?" : bytes) + " bytes";
    }

    private String probeObject(GcpClients clients) {
        BlobId id = BlobId.of(layout.bucket(), GcpLayout.PROBE_PREFIX + "probe-" + UUID.randomUUID());
        clients.storage.create(
                BlobInfo.newBuilder(id).setContentType("text/plain").build(),
                "salesflow gcp check probe".getBytes(StandardCharsets.UTF_8));
        if (!clients.storage.delete(id)) {
            throw new Problem("wrote gs://" + id.getBucket() + "/" + id.getName() + " but could not delete it");
        }
        return "gs://" + id.getBucket() + "/" + id.getName();
    }

    private interface Probe {
        String run();
    }

    /** A check that found something wrong (as opposed to a call that failed). */
    private static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message);
        }
    }

    private static String differences(List<Resources.Difference> differences) {
        if (!differences.isEmpty()) {
            throw new Problem(String.join(
                            "; ",
                            differences.stream()
                                    .map(Resources.Difference::toString)
                                    .toList()) + " (run `salesflow gcp setup` to update what can be updated)");
        }
        return "";
    }

    /** The service a check calls: what to enable if it is off, and the roles that let it pass. */
    private enum Api {
        PUBSUB(
                "pubsub.googleapis.com",
                "roles/pubsub.viewer to read settings, roles/pubsub.publisher and "
                        + "roles/pubsub.subscriber for the probe"),
        BIGQUERY("bigquery.googleapis.com", "roles/bigquery.dataViewer on the dataset and roles/bigquery.jobUser"),
        STORAGE("storage.googleapis.com", "roles/storage.objectAdmin on the bucket");

        final String service;
        final String roles;

        Api(String service, String roles) {
            this.service = service;
            this.roles = roles;
        }
    }

    private void check(String what, Api api, Probe probe) {
        Result result;
        try {
            result = new Result(true, what, probe.run());
        } catch (Problem e) {
            result = new Result(false, what, e.getMessage());
        } catch (NotFoundException e) {
            result = new Result(false, what, "missing: run `salesflow gcp setup`");
        } catch (RuntimeException e) {
            result = new Result(
                    false,
                    what,
                    Failures.explain("checking", layout.project(), e, api.service, api.roles)
                            .getMessage()
                            .substring("checking failed: ".length()));
        }
        results.add(result);
        out.println(result.line());
        out.flush();
    }
}
