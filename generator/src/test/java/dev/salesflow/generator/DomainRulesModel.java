package dev.salesflow.generator;

import dev.salesflow.domain.api.customer.ChangeCustomerEmailCommand;
import dev.salesflow.domain.api.customer.ChangeLoyaltyTierCommand;
import dev.salesflow.domain.api.customer.MoveCustomerCommand;
import dev.salesflow.domain.api.customer.RegisterCustomerCommand;
import dev.salesflow.domain.api.fx.PublishExchangeRatesCommand;
import dev.salesflow.domain.api.product.DiscontinueProductCommand;
import dev.salesflow.domain.api.product.ListProductCommand;
import dev.salesflow.domain.api.product.RecategoriseProductCommand;
import dev.salesflow.domain.api.product.RepriceProductCommand;
import dev.salesflow.domain.api.sale.CancelSaleCommand;
import dev.salesflow.domain.api.sale.FulfilSaleCommand;
import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.domain.api.sale.RefundLine;
import dev.salesflow.domain.api.sale.RefundSaleCommand;
import dev.salesflow.domain.api.store.CloseStoreCommand;
import dev.salesflow.domain.api.store.OpenStoreCommand;
import dev.salesflow.events.sale.SaleLine;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The domain's rules as the API states them, checked independently of the aggregates (which are
 * being rewritten in parallel): what the generator sends must be acceptable under them.
 */
final class DomainRulesModel {

    private final Map<String, Instant> customers = new HashMap<>();
    private final Map<String, Store> stores = new HashMap<>();
    private final Map<String, Product> products = new HashMap<>();
    private final Map<String, Sale> sales = new HashMap<>();
    private final Set<String> refundIds = new HashSet<>();
    private final Map<String, Set<String>> emailsInUse = new HashMap<>();
    private LocalDate lastRatesDay;
    private Instant lastTime = Instant.EPOCH;

    void check(TimedCommand timed) {
        require(!timed.at().isBefore(lastTime), "business time went back");
        lastTime = timed.at();
        Object command = timed.command();
        if (command instanceof ListProductCommand c) {
            require(products.put(c.productId(), new Product(c.listedAt())) == null, "product listed twice");
            require(c.price().signum() > 0 && c.price().scale() == 2, "list price");
            require(c.subcategory() != null && !c.subcategory().isBlank(), "subcategory");
        } else if (command instanceof OpenStoreCommand c) {
            require(stores.put(c.storeId(), new Store(c.country(), c.currency(), c.openedAt())) == null, "store twice");
        } else if (command instanceof RegisterCustomerCommand c) {
            require(customers.put(c.customerId(), c.registeredAt()) == null, "customer twice");
            require(emailsInUse.computeIfAbsent("all", k -> new HashSet<>()).add(c.email()), "email unique");
        } else if (command instanceof PublishExchangeRatesCommand c) {
            require(c.baseCurrency().equals("EUR"), "base");
            require(lastRatesDay == null || c.day().equals(lastRatesDay.plusDays(1)), "one publication a day");
            lastRatesDay = c.day();
            c.rates().forEach((code, rate) -> require(rate.signum() > 0, "rate " + code));
        } else if (command instanceof PlaceSaleCommand c) {
            placeSale(c);
        } else if (command instanceof FulfilSaleCommand c) {
            Sale sale = sale(c.saleId());
            require(!sale.cancelled && !sale.fulfilled, "fulfil an open sale once");
            require(!c.fulfilledAt().isBefore(sale.placedAt), "fulfil after placing");
            sale.fulfilled = true;
        } else if (command instanceof CancelSaleCommand c) {
            Sale sale = sale(c.saleId());
            require(!sale.fulfilled && !sale.cancelled, "cancel only before fulfilment");
            sale.cancelled = true;
        } else if (command instanceof RefundSaleCommand c) {
            Sale sale = sale(c.saleId());
            require(sale.fulfilled, "refund only after fulfilment");
            require(refundIds.add(c.refundId()), "refund id unique");
            for (RefundLine line : c.lines()) {
                Integer left = sale.refundable.get(line.productId());
                require(left != null && line.quantity() > 0 && line.quantity() <= left, "refund at most what remains");
                sale.refundable.put(line.productId(), left - line.quantity());
            }
        } else if (command instanceof RepriceProductCommand c) {
            Product product = product(c.productId());
            require(product.discontinuedAt == null, "reprice a discontinued product");
            require(c.price().signum() > 0, "price");
        } else if (command instanceof RecategoriseProductCommand c) {
            require(product(c.productId()).discontinuedAt == null, "recategorise a discontinued product");
        } else if (command instanceof DiscontinueProductCommand c) {
            Product product = product(c.productId());
            require(product.discontinuedAt == null, "discontinue twice");
            product.discontinuedAt = c.discontinuedAt();
        } else if (command instanceof CloseStoreCommand c) {
            Store store = stores.get(c.storeId());
            require(store != null && store.closedAt == null, "close an open store");
            store.closedAt = c.closedAt();
            require(
                    stores.values().stream().anyMatch(s -> s.country.equals(store.country) && s.closedAt == null),
                    "never the last store of " + store.country);
        } else if (command instanceof MoveCustomerCommand c) {
            require(customers.containsKey(c.customerId()), "move a registered customer");
        } else if (command instanceof ChangeCustomerEmailCommand c) {
            require(customers.containsKey(c.customerId()), "registered");
            require(emailsInUse.computeIfAbsent("all", k -> new HashSet<>()).add(c.email()), "email unique");
        } else if (command instanceof ChangeLoyaltyTierCommand c) {
            require(customers.containsKey(c.customerId()) && c.loyaltyTier() != null, "tier");
        } else {
            throw new AssertionError("unexpected command " + command);
        }
    }

    private void placeSale(PlaceSaleCommand c) {
        require(!sales.containsKey(c.saleId()), "sale twice");
        Instant at = c.placedAt();
        Instant registered = customers.get(c.customerId());
        require(registered != null && !at.isBefore(registered), "customer registered");
        Store store = stores.get(c.storeId());
        require(store != null && !at.isBefore(store.openedAt), "store open");
        require(store.closedAt == null || at.isBefore(store.closedAt), "store not closed");
        require(store.currency.equals(c.currency()), "sale currency = store currency");
        require(
                lastRatesDay != null && !lastRatesDay.isBefore(LocalDate.ofInstant(at, java.time.ZoneOffset.UTC)),
                "rates of the day published before the sale");
        int digits = Currency.getInstance(c.currency()).getDefaultFractionDigits();
        Sale sale = new Sale(at);
        for (SaleLine line : c.lines()) {
            Product product = product(line.productId());
            require(!at.isBefore(product.listedAt), "product listed");
            require(product.discontinuedAt == null || at.isBefore(product.discontinuedAt), "not discontinued");
            require(line.quantity() > 0, "quantity");
            require(line.unitPrice().signum() > 0 && line.unitPrice().scale() == digits, "unit price in minor units");
            require(line.discount().signum() >= 0 && line.discount().compareTo(line.grossAmount()) < 0, "discount");
            require(sale.refundable.put(line.productId(), line.quantity()) == null, "one line per product");
        }
        sales.put(c.saleId(), sale);
    }

    private Sale sale(String id) {
        Sale sale = sales.get(id);
        require(sale != null, "unknown sale " + id);
        return sale;
    }

    private Product product(String id) {
        Product product = products.get(id);
        require(product != null, "unknown product " + id);
        return product;
    }

    private static void require(boolean rule, String what) {
        if (!rule) {
            throw new AssertionError("rule broken: " + what);
        }
    }

    private static final class Store {
        final String country;
        final String currency;
        final Instant openedAt;
        Instant closedAt;

        Store(String country, String currency, Instant openedAt) {
            this.country = country;
            this.currency = currency;
            this.openedAt = openedAt;
        }
    }

    private static final class Product {
        final Instant listedAt;
        Instant discontinuedAt;

        Product(Instant listedAt) {
            this.listedAt = listedAt;
        }
    }

    private static final class Sale {
        final Instant placedAt;
        final Map<String, Integer> refundable = new HashMap<>();
        boolean fulfilled;
        boolean cancelled;

        Sale(Instant placedAt) {
            this.placedAt = placedAt;
        }
    }
}
