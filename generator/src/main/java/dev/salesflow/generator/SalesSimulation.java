package dev.salesflow.generator;

import dev.salesflow.domain.api.customer.ChangeLoyaltyTierCommand;
import dev.salesflow.domain.api.fx.PublishExchangeRatesCommand;
import dev.salesflow.domain.api.sale.CancelSaleCommand;
import dev.salesflow.domain.api.sale.FulfilSaleCommand;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.RefundLine;
import dev.salesflow.domain.api.sale.RefundSaleCommand;
import dev.salesflow.events.customer.LoyaltyTier;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalesChannel;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.generator.catalogue.Catalogue;
import dev.salesflow.generator.chance.Seeds;
import dev.salesflow.generator.chance.Stream;
import dev.salesflow.generator.change.ChangeDesk;
import dev.salesflow.generator.followup.FollowUp;
import dev.salesflow.generator.followup.FollowUpQueue;
import dev.salesflow.generator.fx.ExchangeRateWalk;
import dev.salesflow.generator.sale.SaleDesk;
import dev.salesflow.generator.state.CustomerState;
import dev.salesflow.generator.state.ShopState;
import dev.salesflow.generator.time.BackfillArrivals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A deterministic electronics retailer as an ordered stream of commands: the catalogue, then per
 * sale tick the day's exchange rates (before the day's first sale), follow-ups that fell due
 * (fulfilments, cancellations, refunds), the odd catalogue or profile change, the sale itself and
 * what follows it at once (in-store fulfilment, a loyalty tier earned). Business times never
 * decrease. Nothing here reads a clock: backfills draw their own arrival times, live runs take
 * them from the caller.
 *
 * <p>Delays are counted in sale ticks, {@link #ticksPerDay()} to a business day: in a backfill
 * that is the average sales per day, so a delay of two days lands two days later on average; in
 * a live run it is {@link #LIVE_TICKS_PER_DAY}, which makes days pass in minutes for a demo. Either
 * way the commands do not depend on the wall-clock pace, which is what makes resuming exact:
 * {@link #fastForward(long)} replays the state without sending and the tail that follows equals
 * that of an uninterrupted run (in a live run up to the business times and the day's prices).
 *
 * <p>Not thread-safe: one simulation feeds one producer. Memory is bounded by the catalogue and
 * the follow-ups pending (about three weeks of refunds).
 */
public final class SalesSimulation {

    /** Sale ticks per business day in live runs: at 20 sales/s a day of delay passes in 2 minutes. */
    public static final double LIVE_TICKS_PER_DAY = 2_400;

    private static final double IN_STORE_REFUNDS = 0.03;
    private static final double ONLINE_REFUNDS = 0.08;
    private static final double MARKETPLACE_REFUNDS = 0.10;
    private static final double CANCELLATIONS = 0.045;
    private static final double MARKETPLACE_CANCELLATIONS = 0.06;
    private static final double PARTIAL_REFUNDS = 0.35;
    private static final List<String> CANCEL_REASONS = List.of(
            "customer changed their mind",
            "payment not completed",
            "out of stock at the warehouse",
            "duplicate order",
            "delivery date too late");
    private static final List<String> FULL_REFUND_REASONS =
            List.of("defective on arrival", "not as described", "returned within the return period", "arrived damaged");
    private static final List<String> PARTIAL_REFUND_REASONS =
            List.of("one item returned", "wrong model ordered", "item defective");

    private final SimulationSettings settings;
    private final Backfill backfill;
    private final Supplier<Instant> liveClock;
    private final boolean salesOnly;
    private Instant nextSaleTime;
    private final Catalogue catalogue;
    private final ShopState shop;
    private final SaleDesk saleDesk;
    private final ChangeDesk changeDesk;
    private final ExchangeRateWalk rates;
    private final FollowUpQueue followUps = new FollowUpQueue();
    private final BackfillArrivals arrivals;
    private final double ticksPerDay;
    private final ArrayDeque<TimedCommand> ready = new ArrayDeque<>();

    private boolean started;
    private boolean ended;
    private long tick;
    private long salesPlaced;
    private Instant lastTime = Instant.EPOCH;
    private Instant lastEmitted = Instant.EPOCH;
    private LocalDate ratesPublishedUpTo;
    private Instant ratesPublishedAt;

    /**
     * Sales only, business times given per sale: {@link #catalogue(Instant)} then {@link #nextSale}.
     * No follow-ups, no catalogue or profile changes, so every sale refers to the initial catalogue;
     * for benchmarks and tests that want a plain stream of PlaceSaleCommands. Sale n has the same id as
     * in the full stream.
     */
    public SalesSimulation(SimulationSettings settings) {
        this(settings, null, null, true);
    }

    private SalesSimulation(SimulationSettings settings, Backfill backfill, Supplier<Instant> liveClock) {
        this(settings, backfill, liveClock, false);
    }

    private SalesSimulation(
            SimulationSettings settings, Backfill backfill, Supplier<Instant> liveClock, boolean salesOnly) {
        this.salesOnly = salesOnly;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backfill = backfill;
        this.catalogue = Catalogue.build(settings);
        this.shop = new ShopState(catalogue);
        this.saleDesk = new SaleDesk(shop);
        this.changeDesk = new ChangeDesk(settings.seed(), shop);
        this.rates = new ExchangeRateWalk(settings.seed());
        if (backfill != null) {
            this.ticksPerDay = backfill.salesPerDay();
            this.arrivals = new BackfillArrivals(
                    settings.seed(), backfill.from(), backfill.until(), backfill.salesPerDay(), shop.weeklyIntensity());
        } else {
            this.ticksPerDay = LIVE_TICKS_PER_DAY;
            this.arrivals = null;
        }
        this.liveClock = liveClock != null ? liveClock : () -> nextSaleTime;
    }

    /** The commands that create the catalogue, all at {@code at}: products, stores, customers. */
    public List<Object> catalogue(Instant at) {
        return catalogue.commands(at);
    }

    /** The next sale, placed at {@code placedAt} (only on a simulation made with {@link #SalesSimulation(SimulationSettings)}). */
    public PlaceSaleCommand nextSale(Instant placedAt) {
        if (!salesOnly) {
            throw new IllegalStateException("nextSale is for sales-only simulations; use next()");
        }
        nextSaleTime = Objects.requireNonNull(placedAt, "placedAt");
        for (TimedCommand command = next(); ; command = next()) {
            if (command.command() instanceof PlaceSaleCommand sale) {
                return sale;
            }
        }
    }

    /** A history of {@code plan.days()} days before {@code plan.until()}; the stream ends there. */
    public static SalesSimulation backfill(SimulationSettings settings, Backfill plan) {
        return new SalesSimulation(settings, Objects.requireNonNull(plan, "plan"), null);
    }

    /** An endless run whose business times are read from {@code clock} (once per tick). */
    public static SalesSimulation live(SimulationSettings settings, Supplier<Instant> clock) {
        return new SalesSimulation(settings, null, Objects.requireNonNull(clock, "clock"));
    }

    public SimulationSettings settings() {
        return settings;
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    /** The business as it stands after the commands handed out so far (read only, please). */
    public ShopState shop() {
        return shop;
    }

    public double ticksPerDay() {
        return ticksPerDay;
    }

    /** The next command, or null once a backfill reached its end (a live run never ends). */
    public TimedCommand next() {
        while (ready.isEmpty()) {
            if (ended || !advance()) {
                ended = true;
                return null;
            }
        }
        TimedCommand command = ready.poll();
        if (command.command() instanceof PlaceSaleCommand) {
            salesPlaced++;
        }
        return command;
    }

    /** The id of the n-th sale (0-based) of this simulation, whether handed out yet or not. */
    public String saleId(long n) {
        return Seeds.id(settings.seed(), "sale", n);
    }

    /** Sales handed out by {@link #next()} so far. */
    public long salesPlaced() {
        return salesPlaced;
    }

    /**
     * Consumes commands without handing them out until {@code sales} sales have been placed (or a
     * backfill ends): the state after sending that many sales. What {@link #next()} returns then
     * is what an uninterrupted run sends after its {@code sales}-th sale.
     */
    public void fastForward(long sales) {
        if (sales < salesPlaced) {
            throw new IllegalArgumentException("already " + salesPlaced + " sales placed, cannot go back to " + sales);
        }
        while (salesPlaced < sales && next() != null) {
            // the state changes as the commands pass
        }
    }

    /**
     * The rates of the last day published so far, as a command to send again after a live restart:
     * fast-forwarding consumed that day's publication, and sales of today should find today's rates.
     * Repeating a publication is a no-op in the domain. Null before the first publication.
     */
    public TimedCommand latestRates() {
        if (ratesPublishedUpTo == null) {
            return null;
        }
        return new TimedCommand(
                lastEmitted,
                new PublishExchangeRatesCommand(
                        ExchangeRateWalk.BASE,
                        ratesPublishedUpTo,
                        rates.ratesOf(ratesPublishedUpTo),
                        ratesPublishedAt));
    }

    /** Follow-ups planned but not handed out yet. */
    public int pendingFollowUps() {
        return followUps.size();
    }

    // One tick: the catalogue first, then everything up to and including the next sale.
    private boolean advance() {
        if (!started) {
            started = true;
            Instant at = backfill != null ? backfill.from() : millis(liveClock.get());
            lastTime = at;
            for (Object command : catalogue.commands(at)) {
                emit(at, command);
            }
            publishRatesUpTo(at);
            return true;
        }
        Instant drawn = backfill != null ? arrivals.next() : salesOnly ? nextSaleTime : millis(liveClock.get());
        if (drawn == null) {
            return false;
        }
        // A live clock that steps back must not break the order (sales-only callers choose their own times).
        Instant at = drawn.isBefore(lastTime) && !salesOnly ? lastTime : drawn;
        lastTime = at;
        publishRatesUpTo(at);
        for (FollowUp due = followUps.pollDue(tick); due != null; due = followUps.pollDue(tick)) {
            apply(due, at);
        }
        if (!salesOnly) {
            changeDesk.changes(
                    at,
                    ticksPerDay,
                    Seeds.randomFor(settings.seed(), Stream.CHANGE, tick),
                    command -> emit(at, command));
        }
        placeSale(at);
        tick++;
        return true;
    }

    private void publishRatesUpTo(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        while (ratesPublishedUpTo == null || ratesPublishedUpTo.isBefore(day)) {
            LocalDate next = ratesPublishedUpTo == null ? day : ratesPublishedUpTo.plusDays(1);
            Instant dayStart = next.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant publishedAt = dayStart.isAfter(lastEmitted) ? dayStart : lastEmitted;
            emit(
                    publishedAt,
                    new PublishExchangeRatesCommand(ExchangeRateWalk.BASE, next, rates.ratesOf(next), publishedAt));
            ratesPublishedUpTo = next;
            ratesPublishedAt = publishedAt;
        }
    }

    private void placeSale(Instant at) {
        SplittableRandom random = Seeds.randomFor(settings.seed(), Stream.SALE, tick);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        String saleId = saleId(tick);
        SaleDesk.SaleDraft draft = saleDesk.place(saleId, at, random, currency -> rates.rate(currency, day));
        PlaceSaleCommand sale = draft.command();
        emit(at, sale);
        if (!salesOnly) {
            earn(draft.customer(), draft.spendCents(), at);
            planFollowUps(draft, random, at);
        }
    }

    private void planFollowUps(SaleDesk.SaleDraft draft, SplittableRandom random, Instant at) {
        PlaceSaleCommand sale = draft.command();
        boolean overTheCounter = sale.channel() == SalesChannel.IN_STORE;
        boolean marketplace = draft.store().kind() == StoreKind.MARKETPLACE;
        double refundShare = overTheCounter ? IN_STORE_REFUNDS : marketplace ? MARKETPLACE_REFUNDS : ONLINE_REFUNDS;
        long refundAfter = 0;
        RefundPlan refund = null;
        if (random.nextDouble() < refundShare) {
            refundAfter = ticks(2 + 19 * random.nextDouble());
            refund = refundPlan(sale.lines(), draft.lineSpendCents(), random);
        }
        CustomerState customer = draft.customer();
        if (overTheCounter) {
            // Handed over at the till.
            emit(at, new FulfilSaleCommand(sale.saleId(), at));
            if (refund != null) {
                followUps.add(new FollowUp(
                        tick + refundAfter,
                        followUps.nextSequence(),
                        FollowUp.Kind.REFUND,
                        tick,
                        sale.saleId(),
                        customer,
                        refund.lines(),
                        refund.partial(),
                        refund.cents(),
                        0));
            }
            return;
        }
        double days = switch (draft.store().kind()) {
            case PHYSICAL -> 0.2 + 0.8 * random.nextDouble(); // click and collect, phone orders
            case ONLINE -> 0.5 + 2.5 * random.nextDouble(); // parcel delivery
            case MARKETPLACE -> 1.0 + 3.0 * random.nextDouble(); // the marketplace's logistics
        };
        long fulfilAfter = ticks(days);
        double cancelShare = marketplace ? MARKETPLACE_CANCELLATIONS : CANCELLATIONS;
        if (random.nextDouble() < cancelShare) {
            long cancelAfter = Math.max(1, (long) (fulfilAfter * (0.1 + 0.7 * random.nextDouble())));
            followUps.add(new FollowUp(
                    tick + cancelAfter,
                    followUps.nextSequence(),
                    FollowUp.Kind.CANCEL,
                    tick,
                    sale.saleId(),
                    customer,
                    null,
                    false,
                    draft.spendCents(),
                    0));
        } else {
            followUps.add(new FollowUp(
                    tick + fulfilAfter,
                    followUps.nextSequence(),
                    FollowUp.Kind.FULFIL,
                    tick,
                    sale.saleId(),
                    customer,
                    refund == null ? null : refund.lines(),
                    refund != null && refund.partial(),
                    refund == null ? 0 : refund.cents(),
                    refundAfter));
        }
    }

    private void apply(FollowUp due, Instant at) {
        SplittableRandom random = Seeds.randomFor(settings.seed(), Stream.SALE, due.saleNumber() ^ Long.MIN_VALUE);
        switch (due.kind()) {
            case FULFIL -> {
                emit(at, new FulfilSaleCommand(due.saleId(), at));
                if (due.refund() != null) {
                    followUps.add(new FollowUp(
                            tick + due.refundAfter(),
                            followUps.nextSequence(),
                            FollowUp.Kind.REFUND,
                            due.saleNumber(),
                            due.saleId(),
                            due.customer(),
                            due.refund(),
                            due.partialRefund(),
                            due.spendCents(),
                            0));
                }
            }
            case CANCEL -> {
                emit(at, new CancelSaleCommand(due.saleId(), pick(CANCEL_REASONS, random), at));
                earn(due.customer(), -due.spendCents(), at);
            }
            case REFUND -> {
                String reason = pick(due.partialRefund() ? PARTIAL_REFUND_REASONS : FULL_REFUND_REASONS, random);
                emit(
                        at,
                        new RefundSaleCommand(
                                due.saleId(),
                                Seeds.id(settings.seed(), "refund", due.saleNumber()),
                                due.refund(),
                                reason,
                                at));
                earn(due.customer(), -due.spendCents(), at);
            }
        }
    }

    private RefundPlan refundPlan(List<SaleLine> lines, long[] lineCents, SplittableRandom random) {
        if (random.nextDouble() < PARTIAL_REFUNDS) {
            int i = random.nextInt(lines.size());
            SaleLine line = lines.get(i);
            if (line.quantity() > 1) {
                int units = 1 + random.nextInt(line.quantity() - 1);
                return new RefundPlan(
                        List.of(new RefundLine(line.productId(), units)), lineCents[i] * units / line.quantity(), true);
            }
            if (lines.size() > 1) {
                return new RefundPlan(List.of(new RefundLine(line.productId(), 1)), lineCents[i], true);
            }
        }
        List<RefundLine> all = new ArrayList<>(lines.size());
        long cents = 0;
        for (int i = 0; i < lines.size(); i++) {
            all.add(new RefundLine(lines.get(i).productId(), lines.get(i).quantity()));
            cents += lineCents[i];
        }
        return new RefundPlan(List.copyOf(all), cents, false);
    }

    private record RefundPlan(List<RefundLine> lines, long cents, boolean partial) {}

    /** Spend moves the loyalty tier: a tier earned (or lost after refunds) is announced at once. */
    private void earn(CustomerState customer, long cents, Instant at) {
        LoyaltyTier changed = customer.spend(cents);
        if (changed != null) {
            emit(at, new ChangeLoyaltyTierCommand(customer.customerId(), changed, at));
        }
    }

    private long ticks(double days) {
        return Math.max(1, Math.round(days * ticksPerDay));
    }

    private void emit(Instant at, Object command) {
        ready.add(new TimedCommand(at, command));
        lastEmitted = at;
    }

    private static String pick(List<String> items, SplittableRandom random) {
        return items.get(random.nextInt(items.size()));
    }

    private static Instant millis(Instant at) {
        return Instant.ofEpochMilli(at.toEpochMilli());
    }
}
