package dev.salesflow.domain.sale;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.Rules;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.SaleLine;
import dev.salesflow.domain.api.sale.SalePlacedEvent;
import java.util.List;
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
    public Sale(PlaceSaleCommand cmd) {
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
        apply(new SalePlacedEvent(cmd.saleId(), cmd.customerId(), cmd.storeId(), cmd.channel(),
                cmd.paymentMethod(), cmd.currency(), cmd.placedAt(), List.copyOf(cmd.lines())));
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
