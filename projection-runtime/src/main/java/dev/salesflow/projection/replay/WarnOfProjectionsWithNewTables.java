package dev.salesflow.projection.replay;

import dev.salesflow.projection.runtime.ProjectionEventHandler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A projection whose tables were created at this start while its processor already holds a token
 * (an upgrade changed a table's shape, or someone dropped a table) goes on from that token into
 * empty tables. This says so at start-up, with the command that rebuilds them.
 */
@Component
public class WarnOfProjectionsWithNewTables {

    private static final Logger log = LoggerFactory.getLogger("salesflow.replay");

    private final ObjectProvider<ProjectionEventHandler> handlers;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;

    WarnOfProjectionsWithNewTables(
            ObjectProvider<ProjectionEventHandler> handlers, TokenStore tokenStore, TransactionManager transactions) {
        this.handlers = handlers;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhereTablesAreNewButTheProcessorIsNot() {
        for (ProjectionEventHandler handler : handlers) {
            String name = handler.processingGroup();
            if (handler.startedWithNewTables() && hasPosition(name)) {
                log.warn(
                        "Projection {}: its tables were created at this start but its processor already had a"
                                + " position, so they miss the events before it. Rebuild them: ./run.sh replay --projection {}",
                        name,
                        name);
            }
        }
    }

    private boolean hasPosition(String processorName) {
        return transactions.fetchInTransaction(() -> {
            for (int segment : tokenStore.fetchSegments(processorName)) {
                TrackingToken token = tokenStore.fetchToken(processorName, segment);
                if (token != null && token.position().orElse(0) > 0) {
                    return true;
                }
            }
            return false;
        });
    }
}
