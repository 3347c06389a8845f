package dev.salesflow.domain.sale;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.Rules;
import dev.salesflow.domain.api.sale.CancelSaleCommand;
import dev.salesflow.domain.api.sale.FulfilSaleCommand;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.RefundLine;
import dev.salesflow.domain.api.sale.RefundSaleCommand;
import dev.salesflow.events.sale.RefundedLine;
import dev.salesflow.events.sale.SaleCancelledEvent;
import dev.salesflow.events.sale.SaleFulfilledEvent;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalePlacedEvent;
import dev.salesflow.events.sale.SaleRefundedEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An order of one customer in one store, paid in one currency, with one or more lines.
 *
 * <p>Rules:
 * <ul>
 *   <li>Placing needs customer, store, channel, payment method, an ISO-4217 currency that is some
 *       country's money, the time and at least one line. Each line names a product (at most one
 *       line per product, so that refunds can name lines by product), a quantity &gt; 0, a unit
 *       price &gt;= 0 and a discount &gt;= 0 and at most the line's gross amount; prices and
 *       discounts have no more decimals than the currency. Through {@link SaleParties}, at the
 *       sale's time: the customer is registered, the store open and selling in the sale's
 *       currency, every product listed and not discontinued.</li>
 *   <li>Fulfilling: not before placement, refused once cancelled; again emits nothing.</li>
 *   <li>Cancelling: needs a reason, not before placement, only before fulfilment (afterwards the
 *       message says to refund instead); again emits nothing.</li>
 *   <li>Refunding: needs refundId and reason, only after fulfilment, not before it, never for a
 *       cancelled sale. Each line names a product of the sale once, returns &gt; 0 units and at
 *       most the units still refundable. The amount of a refunded line is the line's net amount
 *       pro rata to the units, rounded HALF_EVEN to the currency's fraction digits; the refund
 *       that returns a line's last units gets exactly what remains, so the refunds of a line sum
 *       to its net amount. The same refundId with the same lines emits nothing; with other
 *       lines it is refused.</li>
 * </ul>
 */
public class Sale {

    private static final String AGGREGATE = "Sale";

    @AggregateIdentifier
    private String saleId;

    private String currency;
    private Instant placedAt;
    private Instant fulfilledAt;
    private Instant cancelledAt;
    /** By product id, in the order of the sale. */
    private Map<String, LineState> lines;
    /** Units per product of each refund made, by refund id: what makes a re-sent refund harmless. */
    private Map<String, Map<String, Integer>> refunds;

    protected Sale() {}

    @CommandHandler
    public Sale(PlaceSaleCommand cmd, SaleParties parties) {
        Rules.requireText(cmd.saleId(), "saleId", AGGREGATE);
        String where = AGGREGATE + " " + cmd.saleId();
        Rules.requireText(cmd.customerId(), "customerId", where);
        Rules.requireText(cmd.storeId(), "storeId", where);
        Rules.requirePresent(cmd.channel(), "channel", where);
        Rules.requirePresent(cmd.paymentMethod(), "paymentMethod", where);
        Rules.requireCurrency(cmd.currency(), where);
        Rules.requirePresent(cmd.placedAt(), "placedAt", where);
        Rules.requireNotEmpty(cmd.lines(), "line", where);
        Map<String, Integer> lineOfProduct = new HashMap<>();
        for (int i = 0; i < cmd.lines().size(); i++) {
            checkLine(where + " line " + (i + 1), cmd.lines().get(i), cmd.currency());
            Integer earlier = lineOfProduct.putIfAbsent(cmd.lines().get(i).productId(), i + 1);
            if (earlier != null) {
                throw new InvalidCommandException(where + " line " + (i + 1) + ": product "
                        + cmd.lines().get(i).productId() + " is on line " + earlier
                        + " already; one line per product");
            }
        }
        checkParties(where, cmd, parties);
        apply(new SalePlacedEvent(
                cmd.saleId(),
                cmd.customerId(),
                cmd.storeId(),
                cmd.channel(),
                cmd.paymentMethod(),
                cmd.currency(),
                cmd.placedAt(),
                List.copyOf(cmd.lines())));
    }

    private static void checkLine(String where, SaleLine line, String currency) {
        if (line == null) {
            throw new InvalidCommandException(where + ": the line is empty");
        }
        Rules.requireText(line.productId(), "productId", where);
        if (line.quantity() <= 0) {
            throw new InvalidCommandException(where + ": quantity must be positive, was " + line.quantity());
        }
        Rules.requireNotNegative(line.unitPrice(), "unitPrice", where);
        Rules.requireMinorUnits(line.unitPrice(), currency, "unitPrice", where);
        Rules.requireNotNegative(line.discount(), "discount", where);
        Rules.requireMinorUnits(line.discount(), currency, "discount", where);
        if (line.discount().compareTo(line.grossAmount()) > 0) {
            throw new InvalidCommandException(
                    where + ": discount " + line.discount().toPlainString() + " is more than the line's gross amount "
                            + line.grossAmount().toPlainString());
        }
    }

    /** Rules that span aggregates, judged at the sale's business time. */
    private static void checkParties(String where, PlaceSaleCommand cmd, SaleParties parties) {
        Instant at = cmd.placedAt();
        Set<String> productIds = new TreeSet<>();
        cmd.lines().forEach(line -> productIds.add(line.productId()));
        SaleParties.Facts facts = parties.lockAndRead(cmd.customerId(), cmd.storeId(), productIds);
        SaleParties.CustomerFacts customer = facts.customer()
                .orElseThrow(() ->
                        new InvalidCommandException(where + ": customer " + cmd.customerId() + " is not registered"));
        if (at.isBefore(customer.registeredAt())) {
            throw new InvalidCommandException(where + ": customer " + cmd.customerId() + " registered only at "
                    + customer.registeredAt() + ", after the sale's time " + at);
        }
        SaleParties.StoreFacts store = facts.store()
                .orElseThrow(() -> new InvalidCommandException(where + ": store " + cmd.storeId() + " does not exist"));
        if (at.isBefore(store.openedAt())) {
            throw new InvalidCommandException(where + ": store " + cmd.storeId() + " opens only at " + store.openedAt()
                    + ", after the sale's time " + at);
        }
        if (store.closedAt() != null && !at.isBefore(store.closedAt())) {
            throw new InvalidCommandException(where + ": store " + cmd.storeId() + " is closed since "
                    + store.closedAt() + ", before the sale's time " + at);
        }
        if (!store.currency().equals(cmd.currency())) {
            throw new InvalidCommandException(where + ": store " + cmd.storeId() + " sells in " + store.currency()
                    + ", not in " + cmd.currency());
        }
        for (String productId : productIds) {
            SaleParties.ProductFacts product = facts.products().get(productId);
            if (product == null) {
                throw new InvalidCommandException(where + ": product " + productId + " is not in the catalogue");
            }
            if (at.isBefore(product.listedAt())) {
                throw new InvalidCommandException(where + ": product " + productId + " is listed only from "
                        + product.listedAt() + ", after the sale's time " + at);
            }
            if (product.discontinuedAt() != null && !at.isBefore(product.discontinuedAt())) {
                throw new InvalidCommandException(where + ": product " + productId + " is discontinued since "
                        + product.discontinuedAt() + ", before the sale's time " + at);
            }
        }
    }

    @CommandHandler
    void handle(FulfilSaleCommand cmd) {
        Rules.requireNotBefore(cmd.fulfilledAt(), "fulfilledAt", placedAt, "the placement", where());
        if (cancelledAt != null) {
            throw new InvalidCommandException(where() + ": cannot be fulfilled, it was cancelled at " + cancelledAt);
        }
        if (fulfilledAt != null) {
            return;
        }
        apply(new SaleFulfilledEvent(saleId, cmd.fulfilledAt()));
    }

    @CommandHandler
    void handle(CancelSaleCommand cmd) {
        Rules.requireText(cmd.reason(), "reason", where());
        Rules.requireNotBefore(cmd.cancelledAt(), "cancelledAt", placedAt, "the placement", where());
        if (cancelledAt != null) {
            return;
        }
        if (fulfilledAt != null) {
            throw new InvalidCommandException(
                    where() + ": cannot be cancelled, it was fulfilled at " + fulfilledAt + "; refund it instead");
        }
        apply(new SaleCancelledEvent(saleId, cmd.reason(), cmd.cancelledAt()));
    }

    @CommandHandler
    void handle(RefundSaleCommand cmd) {
        Rules.requireText(cmd.refundId(), "refundId", where());
        String where = where() + " refund " + cmd.refundId();
        Rules.requireText(cmd.reason(), "reason", where);
        Rules.requirePresent(cmd.refundedAt(), "refundedAt", where);
        Rules.requireNotEmpty(cmd.lines(), "line", where);
        Map<String, Integer> units = requestedUnits(where, cmd.lines());
        Map<String, Integer> earlier = refunds.get(cmd.refundId());
        if (earlier != null) {
            if (earlier.equals(units)) {
                return;
            }
            throw new InvalidCommandException(where + ": was already made with other lines " + earlier + ", now "
                    + units + "; a refund cannot be changed, send a new refundId for more units");
        }
        if (cancelledAt != null) {
            throw new InvalidCommandException(
                    where + ": the sale was cancelled at " + cancelledAt + ", there is nothing to refund");
        }
        if (fulfilledAt == null) {
            throw new InvalidCommandException(where + ": the sale is not fulfilled yet; cancel it instead");
        }
        Rules.requireNotBefore(cmd.refundedAt(), "refundedAt", fulfilledAt, "the fulfilment", where);
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        List<RefundedLine> refunded = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(digits);
        int lineNumber = 0;
        for (Map.Entry<String, Integer> entry : units.entrySet()) {
            lineNumber++;
            LineState line = lines.get(entry.getKey());
            int remaining = line.quantity() - line.refundedUnits();
            if (entry.getValue() > remaining) {
                throw new InvalidCommandException(where + " line " + lineNumber + ": " + entry.getValue()
                        + " units of product " + entry.getKey() + " asked for, but only " + remaining
                        + " remain refundable (sold " + line.quantity() + ", refunded " + line.refundedUnits() + ")");
            }
            BigDecimal amount = line.refundFor(entry.getValue(), digits);
            refunded.add(new RefundedLine(entry.getKey(), entry.getValue(), amount));
            total = total.add(amount);
        }
        apply(new SaleRefundedEvent(
                saleId, cmd.refundId(), currency, List.copyOf(refunded), total, cmd.reason(), cmd.refundedAt()));
    }

    /** Units per product, in the command's order; each product of the sale at most once. */
    private Map<String, Integer> requestedUnits(String where, List<RefundLine> refundLines) {
        Map<String, Integer> units = new LinkedHashMap<>();
        for (int i = 0; i < refundLines.size(); i++) {
            String lineWhere = where + " line " + (i + 1);
            RefundLine line = refundLines.get(i);
            if (line == null) {
                throw new InvalidCommandException(lineWhere + ": the line is empty");
            }
            Rules.requireText(line.productId(), "productId", lineWhere);
            if (!lines.containsKey(line.productId())) {
                throw new InvalidCommandException(lineWhere + ": product " + line.productId()
                        + " is not in the sale (it has " + lines.keySet() + ")");
            }
            if (line.quantity() <= 0) {
                throw new InvalidCommandException(lineWhere + ": quantity must be positive, was " + line.quantity());
            }
            if (units.putIfAbsent(line.productId(), line.quantity()) != null) {
                throw new InvalidCommandException(lineWhere + ": product " + line.productId()
                        + " is named twice; at most one line per product and refund");
            }
        }
        return units;
    }

    private String where() {
        return AGGREGATE + " " + saleId;
    }

    @EventSourcingHandler
    void on(SalePlacedEvent event) {
        this.saleId = event.saleId();
        this.currency = event.currency();
        this.placedAt = event.placedAt();
        this.lines = new LinkedHashMap<>();
        for (SaleLine line : event.lines()) {
            lines.put(line.productId(), new LineState(line.quantity(), line.netAmount(), 0, BigDecimal.ZERO));
        }
        this.refunds = new HashMap<>();
    }

    @EventSourcingHandler
    void on(SaleFulfilledEvent event) {
        this.fulfilledAt = event.fulfilledAt();
    }

    @EventSourcingHandler
    void on(SaleCancelledEvent event) {
        this.cancelledAt = event.cancelledAt();
    }

    @EventSourcingHandler
    void on(SaleRefundedEvent event) {
        Map<String, Integer> units = new LinkedHashMap<>();
        for (RefundedLine line : event.lines()) {
            lines.computeIfPresent(line.productId(), (id, state) -> state.withRefund(line.quantity(), line.amount()));
            units.put(line.productId(), line.quantity());
        }
        refunds.put(event.refundId(), units);
    }

    /** What was sold of one product and how much of it has been refunded; a value, replaced when sourcing. */
    private record LineState(int quantity, BigDecimal netAmount, int refundedUnits, BigDecimal refundedAmount) {

        LineState withRefund(int units, BigDecimal amount) {
            return new LineState(quantity, netAmount, refundedUnits + units, refundedAmount.add(amount));
        }

        /**
         * The net amount pro rata to {@code units}, rounded to the currency; the last units get
         * the exact rest. Never more than the rest either: with tiny amounts, rounding up each
         * partial refund could otherwise leave the last one a negative rest.
         */
        BigDecimal refundFor(int units, int digits) {
            BigDecimal rest = netAmount.subtract(refundedAmount);
            if (refundedUnits + units == quantity) {
                return rest.stripTrailingZeros().scale() <= digits ? rest.setScale(digits) : rest;
            }
            BigDecimal share = netAmount
                    .multiply(BigDecimal.valueOf(units))
                    .divide(BigDecimal.valueOf(quantity), digits, RoundingMode.HALF_EVEN);
            return share.min(rest.max(BigDecimal.ZERO).setScale(digits, RoundingMode.DOWN));
        }
    }
}
