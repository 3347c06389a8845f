package dev.salesflow.domain.product;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.salesflow.domain.api.Rules;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.product.ProductListedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** An item of the catalogue with its list price. */
public class Product {

    private static final String AGGREGATE = "Product";

    @AggregateIdentifier
    private String productId;

    protected Product() {
    }

    @CommandHandler
    public Product(ListProductCommand cmd) {
        Rules.requireText(cmd.productId(), "productId", AGGREGATE);
        Rules.requireText(cmd.sku(), "sku", AGGREGATE);
        Rules.requireText(cmd.name(), "name", AGGREGATE);
        Rules.requireText(cmd.brand(), "brand", AGGREGATE);
        Rules.requireText(cmd.category(), "category", AGGREGATE);
        Rules.requireText(cmd.subcategory(), "subcategory", AGGREGATE);
        Rules.requireNotNegative(cmd.price(), "price", AGGREGATE);
        Rules.requireCurrency(cmd.currency(), AGGREGATE);
        Rules.requirePresent(cmd.listedAt(), "listedAt", AGGREGATE);
        apply(new ProductListedEvent(cmd.productId(), cmd.sku(), cmd.name(), cmd.brand(), cmd.category(),
                cmd.subcategory(), cmd.price(), cmd.currency(), cmd.listedAt()));
    }

    @EventSourcingHandler
    void on(ProductListedEvent event) {
        this.productId = event.productId();
    }
}
