package dev.salesflow.gcp;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code salesflow gcp setup|check}: the Google Cloud resources of the gcp mode (docs/gcp.md). */
@Command(
        name = "gcp",
        mixinStandardHelpOptions = true,
        subcommands = {GcpCommand.Setup.class, GcpCommand.Check.class},
        description = "Creates (setup) or verifies (check) the Pub/Sub topic and subscriptions, BigQuery datasets "
                + "and bronze tables and the Cloud Storage bucket of the gcp mode. See docs/gcp.md.")
public class GcpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("salesflow gcp: name a subcommand, setup or check (see --help)");
        return 2;
    }

    /** Options both subcommands share. */
    static class LayoutOptions {
        @Option(
                names = "--project",
                defaultValue = "${env:GOOGLE_CLOUD_PROJECT}",
                description = "Project id (default: $GOOGLE_CLOUD_PROJECT).")
        String project;

        @Option(
                names = "--region",
                defaultValue = "${env:SALESFLOW_REGION}",
                description = "Region of the bucket and the Dataflow job, e.g. europe-west1 (default:"
                        + " $SALESFLOW_REGION, which the application's gcp profile also reads).")
        String region;

        @Option(
                names = "--bucket",
                description = "Bucket for Dataflow temp/staging files and the gold Parquet "
                        + "export (default: <project>-salesflow).")
        String bucket;

        @Option(
                names = "--bigquery-location",
                defaultValue = "${env:SALESFLOW_BIGQUERY_LOCATION}",
                description = "Location of the datasets (default: $SALESFLOW_BIGQUERY_LOCATION, else the region;"
                        + " e.g. EU). The application reads the same variables (SALESFLOW_BIGQUERY_LOCATION, else"
                        + " SALESFLOW_REGION).")
        String bigQueryLocation;

        @Option(
                names = "--partition-expiration-days",
                defaultValue = "0",
                description = "Days a bronze partition "
                        + "(one day of occurred_at) is kept; 0 = forever (default: ${DEFAULT-VALUE}).")
        int partitionExpirationDays;

        @Option(
                names = "--max-delivery-attempts",
                defaultValue = "" + GcpLayout.DEFAULT_MAX_DELIVERY_ATTEMPTS,
                description = "Deliveries of a message to bronze before it goes to the dead-letter topic, 5..100 "
                        + "(default: ${DEFAULT-VALUE}).")
        int maxDeliveryAttempts;

        @Option(
                names = "--pubsub-emulator-host",
                description = "host:port of a Pub/Sub emulator (plaintext, no "
                        + "credentials) instead of Cloud Pub/Sub; for local runs and tests.")
        String pubsubEmulatorHost;

        @Option(
                names = "--bigquery-endpoint",
                description =
                        "Root URL of a BigQuery REST stand-in (no credentials) " + "instead of BigQuery; for tests.")
        String bigQueryEndpoint;

        @Option(
                names = "--storage-endpoint",
                description = "Root URL of a Cloud Storage JSON API stand-in (no "
                        + "credentials) instead of Cloud Storage; for tests.")
        String storageEndpoint;

        GcpLayout layout() {
            return new GcpLayout(
                    project, region, bigQueryLocation, bucket, partitionExpirationDays, maxDeliveryAttempts);
        }

        GcpClients.Endpoints endpoints() {
            return new GcpClients.Endpoints(pubsubEmulatorHost, bigQueryEndpoint, storageEndpoint);
        }
    }

    @Command(
            name = "setup",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Creates what is missing (idempotent): prints one line per resource, created, exists, "
                    + "updated or DIFFERS. Exit code 1 if a resource differs in a way setup cannot change.")
    static class Setup implements Callable<Integer> {
        @Mixin
        LayoutOptions options;

        @Option(
                names = "--dry-run",
                description = "Print the plan and change nothing (offline: no credentials, no " + "network).")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            GcpLayout layout = layout(options, spec);
            if (dryRun) {
                GcpSetup.plan(layout).forEach(out::println);
                GcpSetup.nextSteps(layout).forEach(out::println);
                out.println("Dry run: nothing was sent.");
                out.flush();
                return 0;
            }
            try (GcpClients clients = GcpClients.connect(layout, options.endpoints())) {
                out.println("Setting up project " + layout.project() + " (region " + layout.region()
                        + ", BigQuery location " + layout.bigQueryLocation() + "):");
                List<GcpSetup.Step> steps = new GcpSetup(layout, out).run(clients);
                out.println(GcpSetup.summary(steps) + ".");
                GcpSetup.nextSteps(layout).forEach(out::println);
                out.flush();
                return GcpSetup.ok(steps) ? 0 : 1;
            } catch (GcpException e) {
                out.flush();
                spec.commandLine().getErr().println("salesflow gcp setup: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Verifies every resource and its settings, and that the credentials can publish and pull "
                    + "(a probe message), query BigQuery (a dry run) and write to the bucket (a probe object, "
                    + "deleted). One line per check; exit code 1 if any fails.")
    static class Check implements Callable<Integer> {
        @Mixin
        LayoutOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            GcpLayout layout = layout(options, spec);
            try (GcpClients clients = GcpClients.connect(layout, options.endpoints())) {
                List<GcpCheck.Result> results = new GcpCheck(layout, out).run(clients);
                long failed = results.stream().filter(result -> !result.ok()).count();
                out.println(
                        failed == 0
                                ? "All " + results.size() + " checks passed."
                                : failed + " of " + results.size() + " checks failed.");
                out.flush();
                return failed == 0 ? 0 : 1;
            } catch (GcpException e) {
                out.flush();
                spec.commandLine().getErr().println("salesflow gcp check: " + e.getMessage());
                return 1;
            }
        }
    }

    /** A bad option value is the user's to fix: picocli prints it with the usage hint. */
    private static GcpLayout layout(LayoutOptions options, CommandSpec spec) {
        try {
            return options.layout();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** For running the module alone: {@code java -cp … dev.salesflow.gcp.GcpCommand setup …}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GcpCommand()).execute(args));
    }
}
