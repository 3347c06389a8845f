package dev.salesflow.projection.replay;

import dev.salesflow.eventstore.DurableStore;
import dev.salesflow.eventstore.EventStorageConfiguration.ReplayEventStorage;
import dev.salesflow.projection.runtime.Projection;
import dev.salesflow.projection.runtime.ProjectionEventHandler;
import dev.salesflow.warehouse.table.TableStore;
import dev.salesflow.warehouse.table.TableStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rebuilds one or all projections (the {@link ProjectionEventHandler} beans' projections) with
 * {@link ProjectionReplay}: one replay at a time, in the background for the HTTP endpoint or in
 * the caller's thread for the command line. Progress goes to the log every two seconds.
 */
@Component
public class ReplayService {

    /** What the command line and the endpoint call every projection at once. */
    public static final String ALL = "all";

    private static final Logger log = LoggerFactory.getLogger("salesflow.replay");

    private final ObjectProvider<ProjectionEventHandler> handlers;
    private final ReplayEventStorage replayStorage;
    private final TableStores tableStores;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final String dataDir;
    private final ProjectionReplay.Settings settings;
    private final DataSource eventStore;
    private final DurableStore durableStore;
    private final org.axonframework.config.Configuration axon;
    private final String readThrough;
    private volatile ReplayStatus status;
    private volatile ProjectionReplay running;

    public ReplayService(
            ObjectProvider<ProjectionEventHandler> handlers,
            ReplayEventStorage replayStorage,
            TableStores tableStores,
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            TransactionManager transactions,
            ReplaySettings replaySettings,
            DataSource eventStore,
            DurableStore durableStore,
            org.axonframework.config.Configuration axon,
            @Value("${salesflow.replay.read-through:jdbc}") String readThrough) {
        if (!readThrough.equals("jdbc") && !readThrough.equals("jpa")) {
            throw new IllegalArgumentException(
                    "salesflow.replay.read-through must be jdbc (plain JDBC reads, the default) or jpa (Axon's JPA"
                            + " storage engine), got '" + readThrough + "'");
        }
        this.eventStore = eventStore;
        this.durableStore = durableStore;
        this.axon = axon;
        this.readThrough = readThrough;
        this.handlers = handlers;
        this.replayStorage = replayStorage;
        this.tableStores = tableStores;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.dataDir = replaySettings.dataDir().toAbsolutePath().normalize().toString();
        this.settings = new ProjectionReplay.Settings(
                replaySettings.flushEvery(), replaySettings.cachedAggregates(), Duration.ofSeconds(2));
        this.status = ReplayStatus.idle(dataDir, names());
    }

    /** The projections by name, sorted. */
    public Map<String, ProjectionEventHandler> projections() {
        Map<String, ProjectionEventHandler> byName = new TreeMap<>();
        for (ProjectionEventHandler handler : handlers) {
            byName.put(handler.projection().name(), handler);
        }
        return byName;
    }

    private List<String> names() {
        return List.copyOf(projections().keySet());
    }

    public ReplayStatus status() {
        return status;
    }

    /** Starts a replay in the background. */
    public synchronized ReplayStatus start(String which) {
        List<Projection> selected = select(which);
        claim(selected);
        Thread worker = new Thread(
                () -> {
                    try {
                        execute(selected, line -> {});
                    } catch (RuntimeException e) {
                        // Logged and kept in the status for GET /api/replay.
                    }
                },
                "projection-replay");
        worker.setDaemon(true);
        worker.start();
        return status;
    }

    /** Runs a replay in this thread; {@code console} also gets each progress line. */
    public ReplayResult run(String which, Consumer<String> console) {
        List<Projection> selected;
        synchronized (this) {
            selected = select(which);
            claim(selected);
        }
        return execute(selected, console);
    }

    /** Stops a running replay before it switches over (the live tables stay as they are). */
    public void cancel() {
        ProjectionReplay replay = running;
        if (replay != null) {
            replay.cancel();
        }
    }

    private List<Projection> select(String which) {
        Map<String, ProjectionEventHandler> all = projections();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no projections are configured in this application, nothing to replay");
        }
        if (which == null || which.isBlank() || ALL.equals(which)) {
            return all.values().stream().map(ProjectionEventHandler::projection).toList();
        }
        ProjectionEventHandler handler = all.get(which);
        if (handler == null) {
            throw new IllegalArgumentException(
                    "unknown projection '" + which + "': use one of " + all.keySet() + " or " + ALL);
        }
        return List.of(handler.projection());
    }

    private void claim(List<Projection> selected) {
        if (status.state() == ReplayStatus.State.RUNNING) {
            throw new IllegalStateException("a replay of " + status.projections() + " is running: wait for it"
                    + " (GET /api/replay) or run this one afterwards");
        }
        status = ReplayStatus.started(
                dataDir, names(), selected.stream().map(Projection::name).toList());
    }

    private ReplayResult execute(List<Projection> selected, Consumer<String> console) {
        List<String> names = selected.stream().map(Projection::name).toList();
        Instant startedAt = status.startedAt();
        try (TableStore store = tableStore()) {
            Consumer<ReplayProgress> progress = p -> {
                status = status.withProgress(p);
                log.info("{} {}", names, p.line());
                console.accept(p.line());
            };
            ProjectionReplay replay = new ProjectionReplay(eventSource(), store, settings, progress);
            running = replay;
            Map<String, ProjectionEventHandler> handlersByName = new LinkedHashMap<>(projections());
            ReplayResult result = replay.run(
                    new ArrayList<>(selected),
                    new AxonLiveProcessors(processing, tokenStore, transactions, handlersByName));
            status = status.succeeded(result);
            for (String line : ReplayReport.lines(result)) {
                log.info("{}", line);
                console.accept(line);
            }
            return result;
        } catch (RuntimeException e) {
            log.error("Replay of {} (started {}) failed: {}", names, startedAt, e.getMessage(), e);
            status = status.failed(e.getMessage());
            throw e;
        } finally {
            running = null;
        }
    }

    /**
     * Plain JDBC reads by default; {@code salesflow.replay.read-through=jpa} reads through Axon's JPA
     * engine as live processors do (slower; for comparison). Both upcast and deserialise with the
     * storage engine's serializer and the application's upcasters.
     */
    private ReplayEventSource eventSource() {
        if (readThrough.equals("jpa")) {
            return new StorageEngineEventSource(replayStorage.engine(), replayStorage.batchSize());
        }
        return new JdbcEventSource(
                eventStore,
                replayStorage.engine().getEventSerializer(),
                axon.upcasterChain(),
                durableStore,
                replayStorage.batchSize());
    }

    private TableStore tableStore() {
        return tableStores.open();
    }
}
