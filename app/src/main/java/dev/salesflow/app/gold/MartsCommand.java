package dev.salesflow.app.gold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesflow.app.warehouse.WarehouseOptions;
import dev.salesflow.app.web.StateChangeGuard;
import dev.salesflow.gold.GoldProject;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.gold.RunLog;
import dev.salesflow.gold.SqlModel;
import dev.salesflow.warehouse.DuckDbWarehouse;
import dev.salesflow.warehouse.WarehouseException;
import dev.salesflow.warehouse.engine.DuckDbQueryEngine;
import dev.salesflow.warehouse.engine.QueryEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./run.sh marts run|test|graph|runs}: drives the gold orchestrator. If the application
 * serving {@code --data-dir} answers on {@code --port}, the run happens there ({@code /api/marts});
 * otherwise the command opens the data directory's DuckDB file itself (the application must be
 * stopped then: DuckDB allows one process per file).
 *
 * <p>Exit codes: 0 everything built and every error-severity test passed; 1 a model failed or was
 * skipped, or a test failed; 2 the command could not run (bad selection, no warehouse, file locked).
 */
@Command(
        name = "marts",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Builds, tests and shows the gold models (star schema and marts).")
public class MartsCommand implements Callable<Integer> {

    enum Action {
        run,
        test,
        graph,
        runs
    }

    @Parameters(
            index = "0",
            paramLabel = "run|test|graph|runs",
            description = "run: build the models in dependency"
                    + " order, each followed by its tests; test: only the tests; graph: the dependency graph; runs: the"
                    + " run log.")
    Action action;

    @Option(
            names = "--select",
            split = ",",
            description = "Models: NAME, NAME+ (with descendants), +NAME (with"
                    + " ancestors); comma separated (default: all).")
    List<String> select = new ArrayList<>();

    @Option(names = "--full-refresh", description = "run: rebuild incremental models from scratch.")
    boolean fullRefresh;

    @Option(names = "--mermaid", description = "graph: print a Mermaid flowchart instead of a list.")
    boolean mermaid;

    @Option(names = "--last", defaultValue = "10", description = "runs: how many (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Port of a running application (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--data-dir",
            defaultValue = "./data",
            description = "Data directory of the warehouse (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @CommandLine.Mixin
    WarehouseOptions warehouseOptions = new WarehouseOptions();

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GoldProject project = GoldProject.load();
        try {
            project.select(select);
        } catch (IllegalArgumentException e) {
            err.println("marts: " + e.getMessage());
            return 2;
        }
        if (action == Action.graph) {
            graph(out, project);
            return 0;
        }
        String dir = dataDir.toAbsolutePath().normalize().toString();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        JsonNode status = null;
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base()))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            status = response.statusCode() == 200 ? json.readTree(response.body()) : null;
            if (status == null || !status.has("dataDir")) {
                err.println("marts: something answers on port " + port + " but it is not salesflow; pass --port of the"
                        + " running salesflow, or stop what listens there");
                return 2;
            }
        } catch (ConnectException | HttpTimeoutException e) {
            return local(out, err, dir, project);
        }
        if (!dir.equals(status.path("dataDir").asText())) {
            err.println("marts: the application on port " + port + " serves "
                    + status.path("dataDir").asText() + ", not " + dir
                    + "; pass its --data-dir, or the --port of the one serving " + dir);
            return 2;
        }
        return remote(out, err, http);
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/api/marts";
    }

    private void graph(PrintWriter out, GoldProject project) {
        if (mermaid) {
            out.print(project.mermaid());
        } else {
            for (SqlModel model : project.modelsInOrder()) {
                if (select.isEmpty() || project.select(select).contains(model.name())) {
                    out.printf(
                            "%-40s %-12s <- %s%n",
                            model.name(),
                            model.materialization().name().toLowerCase(),
                            String.join(", ", model.refs().isEmpty() ? model.sources() : model.refs()));
                }
            }
        }
        out.flush();
    }

    private int remote(PrintWriter out, PrintWriter err, HttpClient http) throws IOException, InterruptedException {
        if (action == Action.runs) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base() + "/runs?last=" + last))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            json.readTree(response.body()).forEach(line -> out.println(line.asText()));
            out.flush();
            return 0;
        }
        out.println("Running in the application on port " + port + " (it answers when the run is over)");
        out.flush();
        String query = "?build=" + (action == Action.run) + "&fullRefresh=" + fullRefresh + "&select="
                + URLEncoder.encode(String.join(",", select), StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/run" + query))
                        .timeout(Duration.ofHours(2))
                        .header(StateChangeGuard.CLIENT_HEADER, "cli")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(response.body());
        if (response.statusCode() != 200) {
            err.println("marts: " + body.path("error").asText(response.body()));
            return 2;
        }
        body.path("progress").forEach(line -> out.println(line.asText()));
        body.path("problems").forEach(line -> out.println("  " + line.asText()));
        out.flush();
        return body.path("succeeded").asBoolean() ? 0 : 1;
    }

    private int local(PrintWriter out, PrintWriter err, String dir, GoldProject project) {
        if (warehouseOptions.bigQuery()) {
            return onBigQuery(out, err, project);
        }
        Path file = Path.of(dir, "warehouse", "analytics.duckdb");
        if (!Files.exists(file)) {
            err.println("marts: no warehouse at " + file + " and no application on port " + port + "; start salesflow"
                    + " with ./run.sh (or pass --data-dir / --port)");
            return 2;
        }
        DuckDbWarehouse warehouse;
        try {
            warehouse = DuckDbWarehouse.open(file);
        } catch (WarehouseException e) {
            err.println("marts: cannot open " + file + ": " + e.getMessage() + " - if salesflow runs with another port,"
                    + " pass --port; otherwise stop the process holding the file");
            return 2;
        }
        try (warehouse) {
            if (action == Action.runs) {
                RunLog.lastRuns(warehouse, last).forEach(out::println);
                out.flush();
                return 0;
            }
            out.println("No application on port " + port + ": working on " + file);
            out.flush();
            return runAndReport(out, new DuckDbQueryEngine(warehouse), project);
        }
    }

    /** The gcp mode without the application: the models rendered for BigQuery run there. */
    private int onBigQuery(PrintWriter out, PrintWriter err, GoldProject project) {
        QueryEngine engine;
        try {
            engine = warehouseOptions.bigQueryEngine("gold-command");
        } catch (RuntimeException e) {
            err.println("marts: cannot reach BigQuery: " + e.getMessage()
                    + " (pass --bigquery-project or set GOOGLE_CLOUD_PROJECT; credentials: gcloud auth"
                    + " application-default login)");
            return 2;
        }
        try {
            if (action == Action.runs) {
                RunLog.lastRuns(engine, last).forEach(out::println);
                out.flush();
                return 0;
            }
            out.println("No application on port " + port + ": working on BigQuery, project "
                    + warehouseOptions.project() + ", location " + warehouseOptions.location());
            out.flush();
            return runAndReport(out, engine, project);
        } catch (WarehouseException e) {
            err.println("marts: " + e.getMessage());
            return 2;
        }
    }

    private int runAndReport(PrintWriter out, QueryEngine warehouse, GoldProject project) {
        ModelRunner.RunResult result = new ModelRunner(warehouse, project)
                .run(
                        new ModelRunner.Request(
                                action == Action.run ? "command:run" : "command:test",
                                select,
                                fullRefresh,
                                action == Action.run),
                        line -> {
                            out.println(line);
                            out.flush();
                        });
        RunLog.problems(warehouse, result.runId()).forEach(line -> out.println("  " + line));
        out.flush();
        return result.succeeded() ? 0 : 1;
    }
}
