package dev.salesflow.app.eventstore;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store's storage engine: Axon's JPA engine configured as its Spring Boot
 * auto-configuration would (serializers, upcasters, snapshot filter), plus the flush before events
 * are handed to tracking processors ({@link FlushBeforeReadStorageEngine}).
 */
@Configuration
// Axon's auto-configuration registers its event entities with JPA only when it builds the engine itself.
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
public class EventStorageConfiguration {

    @Bean
    EventStoreDatabase eventStoreDatabase(DataSource dataSource) {
        return EventStoreDatabase.of(dataSource);
    }

    @Bean
    DurableStore durableStore(DataSource dataSource, EventStoreDatabase database) {
        return new DurableStore(dataSource, database);
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          EntityManagerProvider entityManagerProvider,
                                          TransactionManager transactionManager,
                                          DurableStore durableStore) {
        return new FlushBeforeReadStorageEngine(JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager), durableStore);
    }
}
