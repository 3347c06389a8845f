package dev.salesflow.domain.product;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.salesflow.domain.api.InvalidCommandException;
import dev.salesflow.domain.api.Rules;
import dev.salesflow.domain.api.product.DiscontinueProductCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.product.RecategoriseProductCommand;
import dev.salesflow.domain.api.product.RepriceProductCommand;
import dev.salesflow.events.product.ProductDiscontinuedEvent;
import dev.salesflow.events.product.ProductListedEvent;
import dev.salesflow.events.product.ProductRecategorisedEvent;
import dev.salesflow.events.product.ProductRepricedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * An item of the catalogue with its list price.
 *
 * <p>Rules:
 * <ul>
 *   <li>Listing needs id, sku, name, brand, category, subcategory, a price &gt;= 0 with no more
 *       decimals than its currency has, an ISO-4217 currency that is some country's money, and
 *       the listing time.</li>
 *   <li>A reprice needs a price &gt;= 0 (in the listed currency, same decimals rule); the event
 *       carries the previous price and the currency. An equal price (compareTo) emits nothing.</li>
 *   <li>A recategorisation needs category and subcategory; the same pair emits nothing.</li>
 *   <li>Discontinuing twice emits nothing the second time; repricing or recategorising a
 *       discontinued product is refused.</li>
 *   <li>No business time may be before the listing.</li>
 * </ul>
 */
public class Product {

    private static final String AGGREGATE = "Product";

    @AggregateIdentifier
    private String productId;

    private Instant listedAt;
    private BigDecimal price;
    private String currency;
    private String category;
    private String subcategory;
    private Instant discontinuedAt;

    protected Product() {}

    @CommandHandler
    public Product(ListProductCommand cmd) {
        Rules.requireText(cmd.productId(), "productId", AGGREGATE);
        String where = AGGREGATE + " " + cmd.productId();
        Rules.requireText(cmd.sku(), "sku", where);
        Rules.requireText(cmd.name(), "name", where);
        Rules.requireText(cmd.brand(), "brand", where);
        Rules.requireText(cmd.category(), "category", where);
        Rules.requireText(cmd.subcategory(), "subcategory", where);
        Rules.requireCurrency(cmd.currency(), where);
        Rules.requireNotNegative(cmd.price(), "price", where);
        Rules.requireMinorUnits(cmd.price(), cmd.currency(), "price", where);
        Rules.requirePresent(cmd.listedAt(), "listedAt", where);
        apply(new ProductListedEvent(
                cmd.productId(),
                cmd.sku(),
                cmd.name(),
                cmd.brand(),
                cmd.category(),
                cmd.subcategory(),
                cmd.price(),
                cmd.currency(),
                cmd.listedAt()));
    }

    @CommandHandler
    void handle(RepriceProductCommand cmd) {
        Rules.requireNotNegative(cmd.price(), "price", where());
        Rules.requireMinorUnits(cmd.price(), currency, "price", where());
        Rules.requireNotBefore(cmd.repricedAt(), "repricedAt", listedAt, "the listing", where());
        requireNotDiscontinued("repriced");
        if (cmd.price().compareTo(price) == 0) {
            return;
        }
        apply(new ProductRepricedEvent(productId, price, cmd.price(), currency, cmd.repricedAt()));
    }

    @CommandHandler
    void handle(RecategoriseProductCommand cmd) {
        Rules.requireText(cmd.category(), "category", where());
        Rules.requireText(cmd.subcategory(), "subcategory", where());
        Rules.requireNotBefore(cmd.recategorisedAt(), "recategorisedAt", listedAt, "the listing", where());
        requireNotDiscontinued("recategorised");
        if (cmd.category().equals(category) && cmd.subcategory().equals(subcategory)) {
            return;
        }
        apply(new ProductRecategorisedEvent(productId, cmd.category(), cmd.subcategory(), cmd.recategorisedAt()));
    }

    @CommandHandler
    void handle(DiscontinueProductCommand cmd) {
        Rules.requireNotBefore(cmd.discontinuedAt(), "discontinuedAt", listedAt, "the listing", where());
        if (discontinuedAt != null) {
            return;
        }
        apply(new ProductDiscontinuedEvent(productId, cmd.discontinuedAt()));
    }

    private void requireNotDiscontinued(String change) {
        if (discontinuedAt != null) {
            throw new InvalidCommandException(
                    where() + ": cannot be " + change + ", it is discontinued since " + discontinuedAt);
        }
    }

    private String where() {
        return AGGREGATE + " " + productId;
    }

    @EventSourcingHandler
    void on(ProductListedEvent event) {
        this.productId = event.productId();
        this.listedAt = event.listedAt();
        this.price = event.price();
        this.currency = event.currency();
        this.category = event.category();
        this.subcategory = event.subcategory();
    }

    @EventSourcingHandler
    void on(ProductRepricedEvent event) {
        this.price = event.price();
    }

    @EventSourcingHandler
    void on(ProductRecategorisedEvent event) {
        this.category = event.category();
        this.subcategory = event.subcategory();
    }

    @EventSourcingHandler
    void on(ProductDiscontinuedEvent event) {
        this.discontinuedAt = event.discontinuedAt();
    }
}
