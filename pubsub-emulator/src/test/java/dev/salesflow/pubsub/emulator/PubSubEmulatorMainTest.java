package dev.salesflow.pubsub.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PubSubEmulatorMainTest {

    @Test
    void noArgumentsMeanTheDefaults() {
        assertThat(PubSubEmulatorMain.parse(new String[0])).isEqualTo(EmulatorSettings.defaults());
    }

    @Test
    void parsesEveryOptionInBothSpellings() {
        EmulatorSettings settings = PubSubEmulatorMain.parse(new String[] {
            "--host",
            "0.0.0.0",
            "--grpc-port=9085",
            "--rest-port",
            "0",
            "--max-backlog=42",
            "--max-backlog-bytes",
            "4096",
            "--max-request-bytes=2048",
            "--max-stream-threads",
            "3",
            "--rest-threads=2"
        });

        assertThat(settings).isEqualTo(new EmulatorSettings("0.0.0.0", 9085, 0, 42, 4096, 2048, 3, 2));
    }

    @Test
    void rejectsUnknownOptionsAndBadNumbers() {
        assertThatThrownBy(() -> PubSubEmulatorMain.parse(new String[] {"--port", "1"}))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> PubSubEmulatorMain.parse(new String[] {"--grpc-port", "x"}))
                .hasMessageContaining("x");
        assertThatThrownBy(() -> PubSubEmulatorMain.parse(new String[] {"--rest-port"}))
                .hasMessageContaining("Missing value");
        assertThatThrownBy(() -> PubSubEmulatorMain.parse(new String[] {"--rest-threads", "0"}))
                .hasMessageContaining("restThreads must be positive");
    }

    @Test
    void emulatorReportsItsEphemeralPortsAndTargets() {
        try (PubSubEmulator emulator = PubSubEmulator.start(EmulatorSettings.ephemeral())) {
            assertThat(emulator.grpcPort()).isPositive().isNotEqualTo(emulator.restPort());
            assertThat(emulator.grpcTarget()).isEqualTo("127.0.0.1:" + emulator.grpcPort());
            assertThat(emulator.restUrl()).isEqualTo("http://127.0.0.1:" + emulator.restPort() + "/");
        }
    }
}
