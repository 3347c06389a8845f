package dev.salesflow.app.health;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's Micrometer monitors for the event processors and the command bus, the same meters its
 * auto-configuration registers, except that the capacity gauges average over one minute instead of
 * ten. Axon's {@link CapacityMonitor} keeps every message's duration for its whole window (a
 * skip-list entry each): at ~700 events/s through seven processors and the command bus, ten minutes
 * of them held over 300 MB of the 1 GiB heap and grew for the first ten minutes of every run (issue
 * 14's soak, found with JFR's old-object sample paths); one minute holds a tenth of that.
 */
@Configuration(proxyBeanMethods = false)
class AxonMetrics {

    /** The window of the capacity gauges ({@code eventProcessor.*.capacity}, {@code commandBus.capacity}). */
    static final long CAPACITY_WINDOW_SECONDS = 60;

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new OneMinuteCapacityRegistry(registry);
    }

    static final class OneMinuteCapacityRegistry extends GlobalMetricRegistry {

        OneMinuteCapacityRegistry(MeterRegistry registry) {
            super(registry);
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name) {
            MeterRegistry registry = getRegistry();
            return new MultiMessageMonitor<EventMessage<?>>(List.<MessageMonitor<? super EventMessage<?>>>of(
                    MessageTimerMonitor.buildMonitor(name, registry),
                    EventProcessorLatencyMonitor.builder()
                            .meterNamePrefix(name)
                            .meterRegistry(registry)
                            .build(),
                    capacity(name, registry),
                    MessageCountingMonitor.buildMonitor(name, registry)));
        }

        @Override
        public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name) {
            MeterRegistry registry = getRegistry();
            return new MultiMessageMonitor<CommandMessage<?>>(List.<MessageMonitor<? super CommandMessage<?>>>of(
                    MessageTimerMonitor.buildMonitor(name, registry),
                    capacity(name, registry),
                    MessageCountingMonitor.buildMonitor(name, registry)));
        }

        private static CapacityMonitor capacity(String name, MeterRegistry registry) {
            return CapacityMonitor.buildMonitor(name, registry, CAPACITY_WINDOW_SECONDS, TimeUnit.SECONDS);
        }
    }
}
