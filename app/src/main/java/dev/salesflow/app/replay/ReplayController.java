package dev.salesflow.app.replay;

import dev.salesflow.projection.replay.ReplayService;
import dev.salesflow.projection.replay.ReplayStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/replay?projection=NAME|all} starts a rebuild, {@code GET /api/replay} follows it,
 * {@code DELETE /api/replay} cancels it before the switch-over.
 */
@RestController
@RequestMapping("/api/replay")
public class ReplayController {

    private final ReplayService replays;

    public ReplayController(ReplayService replays) {
        this.replays = replays;
    }

    @GetMapping
    public ReplayStatus status() {
        return replays.status();
    }

    @PostMapping
    public ResponseEntity<?> start(
            @RequestParam(name = "projection", defaultValue = ReplayService.ALL) String projection) {
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.start(projection));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(new Problem(e.getMessage()));
        } catch (IllegalStateException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problem(e.getMessage()));
        }
    }

    @DeleteMapping
    public ReplayStatus cancel() {
        replays.cancel();
        return replays.status();
    }

    record Problem(String error) {}
}
