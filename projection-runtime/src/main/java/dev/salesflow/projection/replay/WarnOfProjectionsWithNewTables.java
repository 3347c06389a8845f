package dev.salesflow.projection.replay;

import dev.salesflow.projection.runtime.ProjectionEventHandler;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A projection whose tables were created at this start while its processor already holds a token
 * (an upgrade changed a table's shape, or someone dropped a table) goes on from that token into
 * empty tables. This says so at start-up, with the command that rebuilds them.
 *
 * <p>The tokens are read once every bean exists and before any processor starts: read later, a
 * first start's processors may already have moved past events they handled into the new tables.
 */
@Component
public class WarnOfProjectionsWithNewTables implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger("salesflow.replay");

    private final ObjectProvider<ProjectionEventHandler> handlers;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final List<String> newTablesBehindAPosition = new ArrayList<>();

    WarnOfProjectionsWithNewTables(
            ObjectProvider<ProjectionEventHandler> handlers, TokenStore tokenStore, TransactionManager transactions) {
        this.handlers = handlers;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (ProjectionEventHandler handler : handlers) {
            String name = handler.processingGroup();
            if (handler.startedWithNewTables() && hasPosition(name)) {
                newTablesBehindAPosition.add(name);
            }
        }
    }

    /** The projections whose tables are new while their processor held a position before it started. */
    public List<String> newTablesBehindAPosition() {
        return List.copyOf(newTablesBehindAPosition);
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhereTablesAreNewButTheProcessorIsNot() {
        for (String name : newTablesBehindAPosition) {
            log.warn(
                    "Projection {}: its tables were created at this start but its processor already had a"
                            + " position, so they miss the events before it. Rebuild them: ./run.sh replay --projection {}",
                    name,
                    name);
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
