package dev.salesflow.app.gold;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.gold.ModelRunner;
import dev.salesflow.gold.RunLog;
import dev.salesflow.warehouse.engine.QueryEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The gold orchestrator of the running application, for {@code ./run.sh marts …} ({@link MartsCommand}). */
@RestController
@RequestMapping("/api/marts")
public class MartsController {

    private final MartScheduler marts;
    private final QueryEngine warehouse;
    private final String dataDir;

    public MartsController(MartScheduler marts, QueryEngine warehouse, SalesflowProperties properties) {
        this.marts = marts;
        this.warehouse = warehouse;
        this.dataDir = properties.dataDir().toAbsolutePath().normalize().toString();
    }

    /** Which data directory this application serves (the command checks it) and its models. */
    @GetMapping
    public Map<String, Object> status() {
        return Map.of(
                "dataDir",
                dataDir,
                "models",
                marts.project().modelsInOrder().stream().map(m -> m.name()).toList());
    }

    /** Builds (or only tests, build=false) the selected models now; answers when the run is over. */
    @PostMapping("/run")
    public ResponseEntity<Map<String, Object>> run(
            @RequestParam(name = "select", defaultValue = "") String select,
            @RequestParam(name = "fullRefresh", defaultValue = "false") boolean fullRefresh,
            @RequestParam(name = "build", defaultValue = "true") boolean build) {
        List<String> progress = new ArrayList<>();
        try {
            ModelRunner.RunResult result = marts.runNow(
                    new ModelRunner.Request(
                            build ? "command:run" : "command:test",
                            select.isBlank() ? List.of() : List.of(select),
                            fullRefresh,
                            build),
                    progress::add);
            return ResponseEntity.ok(Map.of(
                    "runId",
                    result.runId(),
                    "succeeded",
                    result.succeeded(),
                    "progress",
                    progress,
                    "problems",
                    RunLog.problems(warehouse, result.runId()),
                    "failedTests",
                    result.failedTests(),
                    "warnedTests",
                    result.warnedTests()));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        } catch (IllegalStateException e) {
            return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
        }
    }

    @GetMapping("/runs")
    public List<String> runs(@RequestParam(name = "last", defaultValue = "10") int last) {
        return RunLog.lastRuns(warehouse, last);
    }
}
