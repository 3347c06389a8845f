package dev.salesflow.app.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.app.SalesflowApplication;
import dev.salesflow.relay.PubSubRelay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * "No handler logs an error and moves on": every event processor of the real application either
 * dead-letters (projections) or propagates the error (relay, sale parties); none uses Axon's
 * LoggingErrorHandler, its default for event handlers.
 */
class NoHandlerLogsAndMovesOnTest {

    @TempDir
    Path dataDir;

    @Test
    void everyProcessorDeadLettersOrPropagates() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SalesflowApplication.class)
                .run(
                        "--salesflow.data-dir=" + dataDir,
                        "--salesflow.generator.enabled=false",
                        "--salesflow.bronze.enabled=false",
                        "--salesflow.pubsub.emulator.grpc-port=" + freePort(),
                        "--salesflow.pubsub.emulator.rest-port=" + freePort(),
                        "--server.port=0")) {
            EventProcessingConfiguration processing = context.getBean(org.axonframework.config.Configuration.class)
                    .eventProcessingConfiguration();
            Map<String, EventProcessor> processors = processing.eventProcessors();
            assertThat(processors).containsKeys(PubSubRelay.PROCESSING_GROUP, "sale-parties");

            List<String> deadLettered = new ArrayList<>();
            for (Map.Entry<String, EventProcessor> entry : processors.entrySet()) {
                String name = entry.getKey();
                assertThat(processing.errorHandler(name)).as(name).isNotInstanceOf(LoggingErrorHandler.class);
                for (EventHandlerInvoker invoker :
                        leaves(((AbstractEventProcessor) entry.getValue()).eventHandlerInvoker())) {
                    assertThat(invoker).as(name).isInstanceOf(SimpleEventHandlerInvoker.class);
                    SimpleEventHandlerInvoker simple = (SimpleEventHandlerInvoker) invoker;
                    assertThat(simple.getListenerInvocationErrorHandler())
                            .as(name)
                            .isInstanceOf(PropagatingErrorHandler.class);
                    if (invoker instanceof DeadLetteringEventHandlerInvoker) {
                        deadLettered.add(name);
                    }
                }
                boolean streaming = entry.getValue() instanceof StreamingEventProcessor;
                boolean relay = name.equals(PubSubRelay.PROCESSING_GROUP);
                assertThat(processing.deadLetterQueue(name).isPresent())
                        .as(name + ": streaming processors other than the relay dead-letter")
                        .isEqualTo(streaming && !relay);
                if (entry.getValue() instanceof SubscribingEventProcessor) {
                    assertThat(deadLettered).as(name).doesNotContain(name);
                }
            }
            assertThat(deadLettered)
                    .as("projection groups with a dead-letter queue")
                    .isNotEmpty()
                    .doesNotContain(PubSubRelay.PROCESSING_GROUP, "sale-parties");
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<EventHandlerInvoker> leaves(EventHandlerInvoker invoker) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            List<EventHandlerInvoker> leaves = new ArrayList<>();
            multi.delegates().forEach(delegate -> leaves.addAll(leaves(delegate)));
            return leaves;
        }
        return List.of(invoker);
    }
}
