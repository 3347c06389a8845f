package dev.salesflow.generation;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.customer.ChangeCustomerEmailCommand;
import dev.salesflow.domain.api.customer.ChangeLoyaltyTierCommand;
import dev.salesflow.domain.api.customer.MoveCustomerCommand;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.product.RecategoriseProductCommand;
import dev.salesflow.domain.api.product.RepriceProductCommand;
import dev.salesflow.domain.api.sale.CancelSaleCommand;
import dev.salesflow.domain.api.sale.FulfilSaleCommand;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.RefundSaleCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.events.sale.SaleLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the simulation's commands on several threads, at most {@link #maxInFlight()} at a time,
 * while every command still finds what the stream put before it:
 *
 * <ul>
 *   <li>commands on one aggregate run one after another in stream order (a sale's fulfilment after
 *       its placement, a refund after the fulfilment, a customer's changes in order);
 *   <li>a sale starts only after the last command on its customer, store and products ended (so
 *       they are registered, listed, opened before it), and a customer's later commands wait for
 *       that customer's sales;
 *   <li>discontinuations, store closures and exchange-rate publications are barriers: they start
 *       when everything before them has ended and nothing after them starts before they end. The
 *       sale rule is judged at business time, so a sale at the very instant of a discontinuation
 *       must not overtake it or be overtaken; and a day's rates precede that day's sales in the
 *       store, as they did with one sender. Commands of an unknown type are barriers too.
 * </ul>
 *
 * Commands without such a link may be stored in another order than the stream's: the events are
 * the same (same aggregates, same payloads, same order per aggregate), only their interleaving in
 * the store's global order differs. Each send is Axon's {@code sendAndWait} on a worker thread, so
 * a command counts as done once its unit of work committed.
 *
 * <p>How far a command can fall behind: one that waits for another enters the senders' queue when
 * that one ended, behind whatever was queued meanwhile (up to {@link #maxInFlight()} commands), and
 * what it waited for may itself have queued behind as many. A sale whose buyer's registration was
 * just submitted can therefore be stored after several hundred later sales. A resume must not take
 * the stored sales for a prefix of the stream (GeneratorRunner finds the first missing one).
 *
 * <p>Not thread-safe for callers: one thread submits.
 */
final class CommandPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandPipeline.class);

    /** What became of a command: sent (stored or a no-op), or refused by the domain. */
    interface Outcome {
        void sent(Object command);

        void refused(Object command, InvalidCommandException reason);
    }

    private final CommandGateway gateway;
    private final Outcome outcome;
    private final int maxInFlight;
    private final ExecutorService workers;
    private final Semaphore slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The last command submitted per key (aggregate), until it ended. */
    private final Map<String, CompletableFuture<Void>> lastByKey = new ConcurrentHashMap<>();
    /** The first unexpected failure: the stream stops there. */
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    CommandPipeline(CommandGateway gateway, int senders, int maxInFlight, Outcome outcome) {
        if (senders < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("senders and maxInFlight must be positive");
        }
        this.gateway = gateway;
        this.outcome = outcome;
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(senders, task -> {
            Thread thread = new Thread(task, "sales-generator-sender-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    int maxInFlight() {
        return maxInFlight;
    }

    /**
     * Hands the command to a sender once the commands it depends on ended; waits while
     * {@link #maxInFlight()} are in flight. Throws the first unexpected failure of an earlier command.
     */
    void submit(Object command) throws InterruptedException {
        rethrowFailure();
        Links links = links(command);
        if (links == null) {
            // A barrier: alone, after everything before it.
            drain();
            send(command);
            rethrowFailure();
            return;
        }
        slots.acquire();
        inFlight.incrementAndGet();
        List<CompletableFuture<Void>> before = new ArrayList<>(4);
        for (String key : links.after()) {
            CompletableFuture<Void> last = lastByKey.get(key);
            if (last != null && !last.isDone()) {
                before.add(last);
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        for (String key : links.owns()) {
            lastByKey.put(key, done);
        }
        Runnable task = () -> {
            try {
                send(command);
            } finally {
                for (String key : links.owns()) {
                    lastByKey.remove(key, done);
                }
                inFlight.decrementAndGet();
                slots.release();
                done.complete(null);
            }
        };
        if (before.isEmpty()) {
            workers.execute(task);
        } else {
            CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
                    .whenComplete((ignored, error) -> workers.execute(task));
        }
    }

    /** Waits until every submitted command ended; throws the first unexpected failure. */
    void drain() throws InterruptedException {
        slots.acquire(maxInFlight);
        slots.release(maxInFlight);
        rethrowFailure();
    }

    int inFlight() {
        return inFlight.get();
    }

    private void send(Object command) {
        if (failure.get() != null) {
            return; // the stream stopped at an earlier command: nothing after it is sent
        }
        try {
            gateway.sendAndWait(command);
            outcome.sent(command);
        } catch (InvalidCommandException e) {
            outcome.refused(command, e);
        } catch (RuntimeException e) {
            if (failure.compareAndSet(null, e)) {
                // The generator's failure line names the cause; which command met it is said here.
                log.error("The command that stopped the generator: {} ({})", command, e.toString());
            }
        }
    }

    private void rethrowFailure() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Sales generator: commands still in flight after 30 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keys a command waits for and the keys it holds until it ended; null for a barrier. */
    record Links(List<String> after, List<String> owns) {}

    static Links links(Object command) {
        if (command instanceof PlaceSaleCommand c) {
            List<String> after = new ArrayList<>(c.lines().size() + 3);
            after.add(sale(c.saleId()));
            after.add(customer(c.customerId()));
            after.add("store|" + c.storeId());
            for (SaleLine line : c.lines()) {
                after.add(product(line.productId()));
            }
            return new Links(after, List.of(sale(c.saleId()), customer(c.customerId())));
        }
        String key = null;
        if (command instanceof FulfilSaleCommand c) {
            key = sale(c.saleId());
        } else if (command instanceof CancelSaleCommand c) {
            key = sale(c.saleId());
        } else if (command instanceof RefundSaleCommand c) {
            key = sale(c.saleId());
        } else if (command instanceof RegisterCustomerCommand c) {
            key = customer(c.customerId());
        } else if (command instanceof ChangeLoyaltyTierCommand c) {
            key = customer(c.customerId());
        } else if (command instanceof MoveCustomerCommand c) {
            key = customer(c.customerId());
        } else if (command instanceof ChangeCustomerEmailCommand c) {
            key = customer(c.customerId());
        } else if (command instanceof ListProductCommand c) {
            key = product(c.productId());
        } else if (command instanceof RepriceProductCommand c) {
            key = product(c.productId());
        } else if (command instanceof RecategoriseProductCommand c) {
            key = product(c.productId());
        } else if (command instanceof OpenStoreCommand c) {
            key = "store|" + c.storeId();
        }
        // Discontinuations, closures, rate publications and anything unknown: barriers.
        return key == null ? null : new Links(List.of(key), List.of(key));
    }

    private static String sale(String id) {
        return "sale|" + id;
    }

    private static String customer(String id) {
        return "customer|" + id;
    }

    private static String product(String id) {
        return "product|" + id;
    }
}
