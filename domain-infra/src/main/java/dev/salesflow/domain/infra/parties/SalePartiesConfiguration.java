package dev.salesflow.domain.infra.parties;

import dev.salesflow.eventstore.EventStoreDatabase;
import dev.salesflow.eventstore.EventStoreQueries;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;

/** The cross-aggregate rule of a sale: table, lock interceptor and start-up rebuild. */
@Configuration
@Import(SalePartiesProjection.class)
public class SalePartiesConfiguration {

    @Bean
    SalePartiesTable salePartiesTable(DataSource dataSource, EventStoreDatabase database) {
        return new SalePartiesTable(dataSource, database);
    }

    /**
     * An error in the projection must fail the command, not be logged and skipped: Axon's default
     * listener invocation error handler is a LoggingErrorHandler (EventProcessingModule), which would
     * let the events commit with the table out of step.
     */
    @Bean
    ConfigurerModule salePartiesErrorsFailTheCommand() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                SalePartiesProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance()));
    }

    /**
     * The embedded H2 file belongs to one process, so Java locks are enough there and much cheaper
     * than H2's exclusive row locks; a shared PostgreSQL needs the database's row locks.
     */
    @Bean
    GuardedSaleParties saleParties(SalePartiesTable table) {
        return table.singleProcess() ? new InProcessSaleParties(table) : new JdbcSaleParties(table);
    }

    @Bean
    Registration partyStatusLock(CommandBus commandBus, GuardedSaleParties parties) {
        return commandBus.registerHandlerInterceptor(new PartyStatusLock(parties));
    }

    @Bean
    SalePartiesRebuild salePartiesRebuild(
            SalePartiesTable table,
            SalePartiesProjection projection,
            EventStore eventStore,
            EventStoreQueries queries,
            PlatformTransactionManager transactionManager) {
        return new SalePartiesRebuild(table, projection, eventStore, queries, transactionManager);
    }
}
