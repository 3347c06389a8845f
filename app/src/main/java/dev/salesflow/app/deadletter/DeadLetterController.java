package dev.salesflow.app.deadletter;

import dev.salesflow.projection.deadletter.DeadLetters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dead letters over HTTP, for {@code ./run.sh dead-letters} and anyone with curl. */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    public record Listing(List<String> groups, List<DeadLetters.Letter> letters) {}

    @GetMapping
    public Listing list(@RequestParam Optional<String> group) {
        return new Listing(deadLetters.groups(), deadLetters.list(group));
    }

    @PostMapping("/retry")
    public List<DeadLetters.RetryResult> retry(@RequestParam String group, @RequestParam Optional<String> sequence) {
        return deadLetters.retry(group, sequence);
    }

    /** The retry could not finish by its deadline: 503, with what it did and what to do. */
    @ExceptionHandler(DeadLetters.RetryDeadlineException.class)
    ResponseEntity<Map<String, Object>> pastDeadline(DeadLetters.RetryDeadlineException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .body(Map.of("error", e.getMessage(), "done", e.done()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> unknownGroup(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }
}
