package dev.salesflow.domain.sale;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.Rules;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.SaleLine;
import dev.salesflow.domain.api.sale.SalePlacedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** An order of one customer in one store, paid in one currency, with one or more lines. */
public class Sale {

    private static final String AGGREGATE = "Sale";

    @AggregateIdentifier
    private String saleId;

    protected Sale() {
    }

    @CommandHandler
    public Sale(PlaceSaleCommand cmd, SaleParties parties) {
        Rules.requireText(cmd.saleId(), "saleId", AGGREGATE);
        Rules.requireText(cmd.customerId(), "customerId", AGGREGATE);
        Rules.requireText(cmd.storeId(), "storeId", AGGREGATE);
        Rules.requirePresent(cmd.channel(), "channel", AGGREGATE);
        Rules.requirePresent(cmd.paymentMethod(), "paymentMethod", AGGREGATE);
        Rules.requireCurrency(cmd.currency(), AGGREGATE);
        Rules.requirePresent(cmd.placedAt(), "placedAt", AGGREGATE);
        Rules.requireNotEmpty(cmd.lines(), "line", AGGREGATE);
        for (int i = 0; i < cmd.lines().size(); i++) {
            checkLine(cmd.saleId(), i + 1, cmd.lines().get(i));
        }
        checkParties(cmd, parties);
        apply(new SalePlacedEvent(cmd.saleId(), cmd.customerId(), cmd.storeId(), cmd.channel(),
                cmd.paymentMethod(), cmd.currency(), cmd.placedAt(), List.copyOf(cmd.lines())));
    }

    /** Rules that span aggregates, judged at the sale's business time. */
    private static void checkParties(PlaceSaleCommand cmd, SaleParties parties) {
        String where = AGGREGATE + " " + cmd.saleId();
        Instant at = cmd.placedAt();
        Set<String> productIds = new TreeSet<>();
        cmd.lines().forEach(line -> productIds.add(line.productId()));
        SaleParties.Facts facts = parties.lockAndRead(cmd.customerId(), cmd.storeId(), productIds);
        SaleParties.CustomerFacts customer = facts.customer().orElseThrow(() -> new InvalidCommandException(
                where + ": customer " + cmd.customerId() + " is not registered"));
        if (at.isBefore(customer.registeredAt())) {
            throw new InvalidCommandException(where + ": customer " + cmd.customerId() + " registered only at "
                    + customer.registeredAt() + ", after the sale's time " + at);
        }
        SaleParties.StoreFacts store = facts.store().orElseThrow(() -> new InvalidCommandException(
                where + ": store " + cmd.storeId() + " does not exist"));
        if (at.isBefore(store.openedAt())) {
            throw new InvalidCommandException(where + ": store " + cmd.storeId() + " opens only at "
                    + store.openedAt() + ", after the sale's time " + at);
        }
        if (store.closedAt() != null && !at.isBefore(store.closedAt())) {
            throw new InvalidCommandException(where + ": store " + cmd.storeId() + " is closed since "
                    + store.closedAt());
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
                        + product.discontinuedAt());
            }
        }
    }

    private static void checkLine(String saleId, int lineNumber, SaleLine line) {
        String where = AGGREGATE + " " + saleId + " line " + lineNumber;
        if (line == null) {
            throw new InvalidCommandException(where + ": the line is empty");
        }
        Rules.requireText(line.productId(), "productId", where);
        if (line.quantity() <= 0) {
            throw new InvalidCommandException(where + ": quantity must be positive, was " + line.quantity());
        }
        Rules.requireNotNegative(line.unitPrice(), "unitPrice", where);
    }

    @EventSourcingHandler
    void on(SalePlacedEvent event) {
        this.saleId = event.saleId();
    }
}
