package dev.salesflow.app.bronze;

import dev.salesflow.app.SalesflowProperties;
import dev.salesflow.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bronze's dead letters in the running application (its DuckDB file is locked by it), read-only, for
 * {@code ./run.sh errors list|show} ({@link ErrorsCommand}).
 */
@RestController
@RequestMapping(path = "/api/bronze/errors", produces = "application/json")
public class ErrorRecordsController {

    static final int MAX_LIMIT = 10_000;

    private final ErrorRecords records;
    private final String dataDir;

    @Autowired
    public ErrorRecordsController(Warehouse warehouse, SalesflowProperties properties) {
        this(warehouse, properties.dataDir());
    }

    public ErrorRecordsController(Warehouse warehouse, Path dataDir) {
        this.records = new ErrorRecords(warehouse);
        this.dataDir = dataDir.toAbsolutePath().normalize().toString();
    }

    /** The newest records (at most {@code limit}), how many there are and which data directory holds them. */
    @GetMapping
    public ResponseEntity<Map<String, Object>> list(@RequestParam(name = "limit", defaultValue = "20") String limit) {
        int n;
        try {
            n = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_LIMIT) {
            return ResponseEntity.badRequest()
                    .body(Map.of(
                            "error", "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + limit + "'"));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dataDir", dataDir);
        answer.put("total", records.count());
        answer.put("records", records.list(n));
        return ResponseEntity.ok(answer);
    }

    /** One record in full; 404 when no id starts so, 400 when the id is malformed or ambiguous. */
    @GetMapping("/{id}")
    public ResponseEntity<Map<String, Object>> show(@PathVariable("id") String id) {
        try {
            Map<String, Object> answer = new LinkedHashMap<>(records.show(id));
            answer.put("dataDir", dataDir);
            return ResponseEntity.ok(answer);
        } catch (IllegalArgumentException e) {
            int status = e.getMessage().startsWith("no error record") ? 404 : 400;
            return ResponseEntity.status(status).body(Map.of("error", e.getMessage()));
        }
    }
}
