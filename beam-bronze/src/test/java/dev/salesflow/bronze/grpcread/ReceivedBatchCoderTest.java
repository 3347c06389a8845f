package dev.salesflow.bronze.grpcread;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceivedBatchCoderTest {

    @Test
    void decodesWhatItEncodedEvenInsideALongerStream() throws Exception {
        ReceivedBatch batch = new ReceivedBatch(List.of(
                new ReceivedBatch.Received(
                        "m-1",
                        "ack-1",
                        1_764_126_000_123L,
                        "{\"event_id\":\"é\"}".getBytes(StandardCharsets.UTF_8),
                        Map.of("event_id", "é", "k", "")),
                new ReceivedBatch.Received("m-2", "ack-2", 0, new byte[0], Map.of())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReceivedBatchCoder.of().encode(batch, out);
        ReceivedBatchCoder.of().encode(new ReceivedBatch(List.of()), out);
        out.write(42);

        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        ReceivedBatch decoded = ReceivedBatchCoder.of().decode(in);
        assertThat(ReceivedBatchCoder.of().decode(in).messages()).isEmpty();
        assertThat(in.read()).isEqualTo(42);

        assertThat(decoded.messages()).hasSize(2);
        ReceivedBatch.Received first = decoded.messages().get(0);
        assertThat(first.messageId()).isEqualTo("m-1");
        assertThat(first.ackId()).isEqualTo("ack-1");
        assertThat(first.publishTimeMillis()).isEqualTo(1_764_126_000_123L);
        assertThat(new String(first.data(), StandardCharsets.UTF_8)).isEqualTo("{\"event_id\":\"é\"}");
        assertThat(first.attributes()).isEqualTo(Map.of("event_id", "é", "k", ""));
        assertThat(decoded.messages().get(1).data()).isEmpty();
    }
}
