package dev.salesflow.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** The meters Axon's auto-configuration would register are there, counting what passes. */
class AxonMetricsTest {

    @Test
    void theProcessorAndCommandBusMetersAreRegisteredAndCount() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AxonMetrics.OneMinuteCapacityRegistry registry = new AxonMetrics.OneMinuteCapacityRegistry(meters);
        var processor = registry.registerEventProcessor("eventProcessor.silver-sales");
        var commandBus = registry.registerCommandBus("commandBus");
        for (int i = 0; i < 3; i++) {
            processor
                    .onMessageIngested(GenericEventMessage.asEventMessage("event " + i))
                    .reportSuccess();
        }
        commandBus
                .onMessageIngested(GenericCommandMessage.asCommandMessage("command"))
                .reportSuccess();

        assertThat(meters.get("eventProcessor.silver-sales.capacity").gauge()).isNotNull();
        assertThat(meters.get("eventProcessor.silver-sales.latency").gauge()).isNotNull();
        assertThat(meters.get("eventProcessor.silver-sales.successCounter")
                        .counter()
                        .count())
                .isEqualTo(3.0);
        assertThat(meters.get("commandBus.capacity").gauge()).isNotNull();
        assertThat(meters.get("commandBus.successCounter").counter().count()).isEqualTo(1.0);
    }
}
