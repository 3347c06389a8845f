package dev.salesflow.generator.change;

import dev.salesflow.domain.api.customer.ChangeCustomerEmailCommand;
import dev.salesflow.domain.api.customer.MoveCustomerCommand;
import dev.salesflow.domain.api.product.DiscontinueProductCommand;
import dev.salesflow.domain.api.product.RecategoriseProductCommand;
import dev.salesflow.domain.api.product.RepriceProductCommand;
import dev.salesflow.domain.api.store.CloseStoreCommand;
import dev.salesflow.generator.catalogue.Catalogue;
import dev.salesflow.generator.catalogue.Category;
import dev.salesflow.generator.catalogue.Country;
import dev.salesflow.generator.catalogue.CustomerBase;
import dev.salesflow.generator.catalogue.ProductRange;
import dev.salesflow.generator.state.CustomerState;
import dev.salesflow.generator.state.ProductState;
import dev.salesflow.generator.state.ShopState;
import dev.salesflow.generator.state.StoreState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The slow changes of the business, drawn once per sale tick with probability
 * {@code perDay / ticksPerDay} so that their daily frequency does not depend on the sales volume:
 * price changes (mostly markdowns), re-shelving to another subcategory, discontinuations (each
 * with a successor listed in the same department, so the range does not shrink), closures of
 * physical shops (never a market's last store: online stores stay open), customers moving and
 * changing e-mail address.
 */
public final class ChangeDesk {

    /** Expected changes per business day. */
    public static final double REPRICES_PER_DAY = 4.0;

    public static final double RECATEGORISATIONS_PER_DAY = 0.15;
    public static final double DISCONTINUATIONS_PER_DAY = 0.4;
    public static final double CLOSURES_PER_DAY = 0.04;
    /** Per 1,000 customers. */
    public static final double MOVES_PER_DAY_PER_1000 = 0.3;

    public static final double EMAIL_CHANGES_PER_DAY_PER_1000 = 0.2;
    /** Of the moves, the share that crosses a border. */
    private static final double MOVES_ABROAD = 0.15;

    private static final BigDecimal NO_LIMIT = new BigDecimal(1_000_000);

    private final long seed;
    private final ShopState shop;

    public ChangeDesk(long seed, ShopState shop) {
        this.seed = seed;
        this.shop = shop;
    }

    /** Draws this tick's changes, applies them to the shop and hands their commands over in order. */
    public void changes(Instant at, double ticksPerDay, SplittableRandom random, Consumer<Object> emit) {
        double customersK = shop.customers().size() / 1000.0;
        if (random.nextDouble() < REPRICES_PER_DAY / ticksPerDay) {
            reprice(at, random, emit);
        }
        if (random.nextDouble() < RECATEGORISATIONS_PER_DAY / ticksPerDay) {
            recategorise(at, random, emit);
        }
        if (random.nextDouble() < DISCONTINUATIONS_PER_DAY / ticksPerDay) {
            discontinue(at, random, emit);
        }
        if (random.nextDouble() < CLOSURES_PER_DAY / ticksPerDay) {
            close(at, random, emit);
        }
        if (random.nextDouble() < MOVES_PER_DAY_PER_1000 * customersK / ticksPerDay) {
            move(at, random, emit);
        }
        if (random.nextDouble() < EMAIL_CHANGES_PER_DAY_PER_1000 * customersK / ticksPerDay) {
            changeEmail(at, random, emit);
        }
    }

    private void reprice(Instant at, SplittableRandom random, Consumer<Object> emit) {
        ProductState product = shop.anyActiveProduct(random);
        // Two markdowns for every rise, as in electronics retail where models age fast.
        double factor =
                random.nextDouble() < 0.65 ? 0.80 + 0.15 * random.nextDouble() : 1.03 + 0.09 * random.nextDouble();
        BigDecimal price = ProductRange.charmPrice(product.priceEur().doubleValue() * factor, BigDecimal.ONE, NO_LIMIT);
        if (price.compareTo(product.priceEur()) != 0) {
            shop.reprice(product, price);
            emit.accept(new RepriceProductCommand(product.productId(), price, at));
        }
    }

    private void recategorise(Instant at, SplittableRandom random, Consumer<Object> emit) {
        ProductState product = shop.anyActiveProduct(random);
        List<String> others = product.category().subcategories().stream()
                .map(Category.Subcategory::name)
                .filter(name -> !name.equals(product.subcategory()))
                .toList();
        if (!others.isEmpty()) {
            String subcategory = others.get(random.nextInt(others.size()));
            shop.recategorise(product, subcategory);
            emit.accept(new RecategoriseProductCommand(
                    product.productId(), product.category().label(), subcategory, at));
        }
    }

    private void discontinue(Instant at, SplittableRandom random, Consumer<Object> emit) {
        ProductState product = shop.anyActiveProduct(random);
        shop.discontinue(product);
        emit.accept(new DiscontinueProductCommand(product.productId(), at));
        ProductState successor =
                shop.list(ProductRange.product(seed, shop.products().size(), product.category()));
        emit.accept(Catalogue.listing(successor.listed(), at));
    }

    private void close(Instant at, SplittableRandom random, Consumer<Object> emit) {
        List<StoreState> closable =
                shop.stores().stream().filter(shop::mayClose).toList();
        if (!closable.isEmpty()) {
            StoreState store = closable.get(random.nextInt(closable.size()));
            shop.close(store);
            emit.accept(new CloseStoreCommand(store.storeId(), at));
        }
    }

    private void move(Instant at, SplittableRandom random, Consumer<Object> emit) {
        CustomerState customer =
                shop.customers().get(random.nextInt(shop.customers().size()));
        Country country = customer.country();
        if (random.nextDouble() < MOVES_ABROAD && shop.servedMarkets().size() > 1) {
            List<Country> abroad = shop.servedMarkets().stream()
                    .filter(c -> !c.equals(customer.country()))
                    .toList();
            country = abroad.get(random.nextInt(abroad.size()));
        }
        String city = CustomerBase.bigCityFirst(country.cities()).pick(random);
        if (country.equals(customer.country()) && city.equals(customer.city())) {
            return; // a move within the same city is not a change of address the shop sees
        }
        shop.move(customer, country, city);
        emit.accept(new MoveCustomerCommand(customer.customerId(), country.code(), city, at));
    }

    private void changeEmail(Instant at, SplittableRandom random, Consumer<Object> emit) {
        CustomerState customer =
                shop.customers().get(random.nextInt(shop.customers().size()));
        List<String> domains = customer.country().mailDomains();
        // The mailbox holds the customer number, so the new address is unique too.
        String email = customer.registered().mailbox() + "." + (customer.emailChanges() + 2) + "@"
                + domains.get(random.nextInt(domains.size()));
        shop.changeEmail(customer, email);
        emit.accept(new ChangeCustomerEmailCommand(customer.customerId(), email, at));
    }
}
