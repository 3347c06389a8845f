package dev.salesflow.app.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress line and /api/status's JSON say when and why the generator is held back. */
class ProgressLineTest {

    private static PipelineStatus.Snapshot snapshot(boolean heldBack, String reason, String stage, long behind) {
        return new PipelineStatus.Snapshot(
                1200, 0, "RUNNING", null, 5000, 4900, 4800, 0, 3000, "RUNNING", 4800, 0, 0, null, 0, Map.of(), heldBack,
                reason, stage, behind, 2000, 12.5, 3);
    }

    @Test
    void aGeneratorHeldBackIsSaidAtTheEndOfTheLineWithTheStageAndTheBound() {
        String line = ProgressReporter.line(
                snapshot(
                        true,
                        "generator held back: pubsub-relay 2,150 events behind (bound 2,000)",
                        "pubsub-relay",
                        2150),
                480);
        assertThat(line)
                .startsWith("sales 1200 (480/s) | events stored 5000")
                .endsWith(
                        "| mart refreshed not yet | generator held back: pubsub-relay 2,150 events behind (bound 2,000)");
    }

    @Test
    void aGeneratorNotHeldBackLeavesTheLineAsItWas() {
        String line = ProgressReporter.line(snapshot(false, null, "pubsub-relay", 300), 480);
        assertThat(line).doesNotContain("held back").endsWith("| mart refreshed not yet");
    }

    @Test
    void theStatusJsonKeepsItsFieldsAndAddsTheHoldBack() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        JsonNode status = json.readTree(json.writeValueAsString(snapshot(
                true, "generator held back: bronze (restarting) 2,150 events behind (bound 2,000)", "bronze", 2150)));
        assertThat(status.get("salesGenerated").asLong()).isEqualTo(1200);
        assertThat(status.get("eventsStored").asLong()).isEqualTo(5000);
        assertThat(status.get("generatorState").asText()).isEqualTo("RUNNING");
        assertThat(status.get("generatorHeldBack").asBoolean()).isTrue();
        assertThat(status.get("generatorHeldBackReason").asText())
                .isEqualTo("generator held back: bronze (restarting) 2,150 events behind (bound 2,000)");
        assertThat(status.get("slowestStage").asText()).isEqualTo("bronze");
        assertThat(status.get("slowestStageEventsBehind").asLong()).isEqualTo(2150);
        assertThat(status.get("generatorMaxBacklog").asLong()).isEqualTo(2000);
        assertThat(status.get("generatorHeldBackSeconds").asDouble()).isEqualTo(12.5);
        assertThat(status.get("generatorHoldBacks").asLong()).isEqualTo(3);
    }
}
