package dev.salesflow.eventstore;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The event store's storage engine: Axon's JPA engine configured as its Spring Boot
 * auto-configuration would (serializers, upcasters, snapshot filter), plus the flush before events
 * are handed to tracking processors ({@link FlushBeforeReadStorageEngine}).
 */
@Configuration
// Axon's auto-configuration registers its event entities with JPA only when it builds the engine itself.
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
@Import(EventStoreQueries.class)
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
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            EntityManagerProvider entityManagerProvider,
            TransactionManager transactionManager,
            DurableStore durableStore) {
        return new FlushBeforeReadStorageEngine(
                builder(
                        defaultSerializer,
                        persistenceExceptionResolver,
                        eventSerializer,
                        configuration,
                        entityManagerProvider,
                        transactionManager),
                durableStore);
    }

    /**
     * A second engine on the same store for replays only: it fetches {@code batchSize} events per
     * query (the JPA engine ignores the size asked of {@code fetchTrackedEvents} and uses its own,
     * 100 by default, which suits live processors). Not an {@link EventStorageEngine} bean, so Axon
     * keeps using the one above.
     */
    @Bean
    ReplayEventStorage replayEventStorage(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            EntityManagerProvider entityManagerProvider,
            TransactionManager transactionManager,
            DurableStore durableStore,
            @Value("${salesflow.replay.batch-size:5000}") int batchSize) {
        return new ReplayEventStorage(
                new FlushBeforeReadStorageEngine(
                        builder(
                                        defaultSerializer,
                                        persistenceExceptionResolver,
                                        eventSerializer,
                                        configuration,
                                        entityManagerProvider,
                                        transactionManager)
                                .batchSize(batchSize),
                        durableStore),
                batchSize);
    }

    /** The storage engine that reads replays, and the number of events it fetches per query. */
    public record ReplayEventStorage(FlushBeforeReadStorageEngine engine, int batchSize) {}

    private static JpaEventStorageEngine.Builder builder(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            EntityManagerProvider entityManagerProvider,
            TransactionManager transactionManager) {
        return JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager);
    }
}
