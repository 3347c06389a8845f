package dev.salesflow.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.events.EventTypes;
import dev.salesflow.events.DomainEvent;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/** Every event the domain can store is relayed; bronze must accept each one's event_type. */
class BronzeKnowsEveryDomainEventTest {

    @Test
    void everyDomainEventTypeIsListedForBronze() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(DomainEvent.class));
        Set<String> domainEvents = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.salesflow.events")) {
            domainEvents.add(Class.forName(candidate.getBeanClassName()).getSimpleName());
        }
        assertThat(domainEvents).contains("SalePlacedEvent", "ProductDiscontinuedEvent", "ExchangeRatesPublishedEvent");
        assertThat(EventTypes.known()).containsAll(domainEvents);
    }
}
