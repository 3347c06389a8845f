package dev.salesflow.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesflow.events.DomainEvent;
import dev.salesflow.events.EventRevision;
import dev.salesflow.events.EventTypes;
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

    /** The relay publishes each class's {@code @EventRevision} (null without one): bronze must know it. */
    @Test
    void everyDomainEventsCurrentRevisionIsKnownToBronze() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(DomainEvent.class));
        Set<String> unknown = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.salesflow.events")) {
            Class<?> event = Class.forName(candidate.getBeanClassName());
            EventRevision revision = event.getAnnotation(EventRevision.class);
            String published = revision == null ? null : revision.value();
            if (!EventTypes.isKnownRevision(event.getSimpleName(), published)) {
                unknown.add(event.getSimpleName() + " " + published);
            }
        }
        assertThat(unknown)
                .as("event types whose current revision " + EventTypes.RESOURCE + " does not list")
                .isEmpty();
    }
}
