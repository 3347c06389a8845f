package dev.salesflow.projection.replay;

import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The projections' Axon tracking processors: stopped, moved to the replay's token, started again. */
public final class AxonLiveProcessors implements LiveProcessors {

    private static final Logger log = LoggerFactory.getLogger(AxonLiveProcessors.class);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final Map<String, ProjectionEventHandler> handlers;
    private final Set<String> stopped = new HashSet<>();

    public AxonLiveProcessors(
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            TransactionManager transactions,
            Map<String, ProjectionEventHandler> handlers) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.handlers = handlers;
    }

    @Override
    public void pause(Projection projection) {
        processor(projection).ifPresent(processor -> {
            if (processor.isRunning()) {
                processor.shutDown();
                stopped.add(projection.name());
                log.info("Live processor {} stopped for the switch-over", projection.name());
            }
        });
    }

    @Override
    public void resumeAfter(Projection projection, TrackingToken token) {
        String name = projection.name();
        transactions.executeInTransaction(() -> {
            int[] segments = tokenStore.fetchSegments(name);
            if (segments.length == 0) {
                tokenStore.initializeTokenSegments(name, 1, token);
            } else if (segments.length == 1 && segments[0] == 0) {
                tokenStore.storeToken(token, name, 0);
                tokenStore.releaseClaim(name, 0);
            } else {
                throw new IllegalStateException("processor " + name + " has segments " + Arrays.toString(segments)
                        + "; the replay moves single-segment processors only: configure it with one segment");
            }
        });
        ProjectionEventHandler handler = handlers.get(name);
        if (handler != null) {
            handler.forgetCachedRows();
        }
        restart(projection);
    }

    @Override
    public void resumeUnchanged(Projection projection) {
        restart(projection);
    }

    @Override
    public long livePosition(Projection projection) {
        String name = projection.name();
        try {
            return transactions.fetchInTransaction(() -> {
                int[] segments = tokenStore.fetchSegments(name);
                if (segments.length != 1) {
                    return -1L;
                }
                TrackingToken token = tokenStore.fetchToken(name, segments[0]);
                tokenStore.releaseClaim(name, segments[0]);
                return token == null ? -1L : token.position().orElse(-1L);
            });
        } catch (RuntimeException e) {
            log.debug("Position of {} unknown: {}", name, e.getMessage());
            return -1;
        }
    }

    private void restart(Projection projection) {
        if (stopped.remove(projection.name())) {
            processor(projection).ifPresent(EventProcessor::start);
            log.info("Live processor {} started again", projection.name());
        }
    }

    private Optional<EventProcessor> processor(Projection projection) {
        return processing.eventProcessorByProcessingGroup(projection.name());
    }
}
