package dev.salesflow.app.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesflow.app.SalesflowApplication;
import dev.salesflow.app.web.StateChangeGuard;
import dev.salesflow.projection.replay.ProjectionProcessors;
import dev.salesflow.projection.replay.ReplayService;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./run.sh replay [--projection NAME|all]}: rebuilds projections. If the application is
 * running on {@code --port} for this data directory, it asks it ({@code POST /api/replay}) and
 * follows the progress; otherwise it starts the application in maintenance mode on the data
 * directory (no generator, relay, bronze job or web server; no processor running by itself), runs
 * the replay and exits.
 */
@Command(
        name = "replay",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Rebuilds one or all projections from the event store into shadow tables and switches to them "
                + "when complete.")
public class ReplayCommand implements Callable<Integer> {

    @Option(
            names = "--projection",
            defaultValue = ReplayService.ALL,
            description = "A processing group (silver-sales, customers-scd2, ...) or all (default: ${DEFAULT-VALUE}).")
    String projection;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Port of a running application (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--data-dir",
            defaultValue = "./data",
            description = "Data directory of the event store and warehouse (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** Anything else goes to Spring in maintenance mode, e.g. --salesflow.replay.batch-size=10000. */
    @CommandLine.Unmatched
    List<String> passThrough = new ArrayList<>();

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        String dir = dataDir.toAbsolutePath().normalize().toString();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/api/replay");
        JsonNode status;
        try {
            status = get(http, endpoint);
        } catch (ConnectException | HttpTimeoutException e) {
            return maintenance(dir);
        }
        if (status == null) {
            System.err.println(
                    "replay: something answers on port " + port + " but it is not salesflow's replay endpoint;"
                            + " pass --port of the running salesflow, or stop what listens there");
            return 1;
        }
        if (!dir.equals(status.path("dataDir").asText())) {
            System.err.println("replay: the application on port " + port + " serves "
                    + status.path("dataDir").asText() + ", not " + dir + "; pass the --port of the one serving " + dir
                    + ", or stop it");
            return 1;
        }
        return remote(http, endpoint);
    }

    private int remote(HttpClient http, URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(endpoint + "?projection="
                                + java.net.URLEncoder.encode(projection, java.nio.charset.StandardCharsets.UTF_8)))
                        .header(StateChangeGuard.CLIENT_HEADER, "cli")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            System.err.println(
                    "replay: " + json.readTree(started.body()).path("error").asText(started.body()));
            return 1;
        }
        System.out.println("Replay started in the application on port " + port + "; following its progress"
                + " (Ctrl-C stops following, not the replay)");
        String lastLine = null;
        while (true) {
            Thread.sleep(2_000);
            JsonNode status = get(http, endpoint);
            String line = status.path("progressLine").asText(null);
            if (line != null && !line.equals(lastLine)) {
                System.out.println(line);
                lastLine = line;
            }
            String state = status.path("state").asText();
            if ("SUCCEEDED".equals(state)) {
                status.path("report").forEach(reportLine -> System.out.println(reportLine.asText()));
                return 0;
            }
            if ("FAILED".equals(state)) {
                System.err.println("replay: " + status.path("error").asText());
                return 1;
            }
        }
    }

    private JsonNode get(HttpClient http, URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return null;
        }
        try {
            JsonNode node = json.readTree(response.body());
            return node.has("dataDir") ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private int maintenance(String dir) {
        System.out.println("No application answers on port " + port + ": replaying in maintenance mode on " + dir);
        List<String> arguments = new ArrayList<>(maintenanceArguments(dir));
        arguments.addAll(passThrough);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(SalesflowApplication.class).run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            System.err.println("replay: cannot open " + dir + ": " + rootMessage(e)
                    + (looksLocked(e)
                            ? " - another salesflow process uses it: run the replay there (./run.sh replay --port <its port>)"
                                    + " or stop it"
                            : ""));
            return 1;
        }
        try (context) {
            // Its progress and report reach the console through the log.
            context.getBean(ReplayService.class).run(projection, line -> {});
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("replay: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("replay: " + e.getMessage());
            return 1;
        }
    }

    /** The application with nothing running but the replay; also used by the replay benchmark. */
    public static List<String> maintenanceArguments(String dataDir) {
        return List.of(
                "--salesflow.data-dir=" + dataDir,
                "--" + ProjectionProcessors.MAINTENANCE + "=true",
                "--salesflow.generator.enabled=false",
                "--salesflow.bronze.enabled=false",
                "--salesflow.pubsub.emulator.enabled=false",
                "--salesflow.pubsub.create-missing=false",
                "--salesflow.shutdown.drain-timeout=0s",
                "--salesflow.marts.refresh-interval=1d",
                "--spring.main.web-application-type=none",
                "--logging.level.salesflow.progress=WARN");
    }

    private static boolean looksLocked(Throwable e) {
        String message = rootMessage(e).toLowerCase();
        return message.contains("lock") || message.contains("already in use");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }
}
