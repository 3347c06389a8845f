package dev.salesflow.generator.sale;

import dev.salesflow.domain.api.sale.PlaceSaleCommand;
import dev.salesflow.events.sale.PaymentMethod;
import dev.salesflow.events.sale.SaleLine;
import dev.salesflow.events.sale.SalesChannel;
import dev.salesflow.events.store.StoreKind;
import dev.salesflow.generator.catalogue.Country;
import dev.salesflow.generator.state.CustomerState;
import dev.salesflow.generator.state.ProductState;
import dev.salesflow.generator.state.ShopState;
import dev.salesflow.generator.state.StoreState;
import dev.salesflow.generator.time.Seasonality;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Places one sale on the current state of the shop: a market awake at that hour, one of its
 * customers by propensity, a store and channel by the market's habits (shops only while open),
 * a payment method by market and channel, and a basket of products still sold at the day's
 * local prices with the odd promotion.
 */
public final class SaleDesk {

    private final ShopState shop;

    public SaleDesk(ShopState shop) {
        this.shop = shop;
    }

    /**
     * @param rateOf units of a currency per EUR on the sale's day
     */
    public SaleDraft place(
            String saleId, Instant placedAt, SplittableRandom random, Function<String, BigDecimal> rateOf) {
        int hourOfWeek = Seasonality.hourOfWeek(placedAt);
        Country market = shop.marketAt(hourOfWeek, random);
        CustomerState customer = shop.customerIn(market, random);
        Country home = customer.country();
        CountryHabits habits = CountryHabits.of(home.code());

        StoreState store = null;
        if (random.nextDouble() < ShoppingHabits.CROSS_BORDER_SHARE) {
            store = shop.foreignOnline(home, random);
        }
        double shopDraw = random.nextDouble();
        if (store == null && shopDraw < habits.shopShare() && Seasonality.shopsOpen(home, hourOfWeek)) {
            store = shop.shopNear(customer, random);
        }
        double marketplaceDraw = random.nextDouble();
        if (store == null && marketplaceDraw < habits.marketplaceShare()) {
            store = shop.marketplace(home);
        }
        if (store == null) {
            store = shop.online(home);
        }
        if (store == null) {
            store = shop.anyOpenStore(home);
        }
        SalesChannel channel = channel(store.kind(), habits, random);
        PaymentMethod payment = switch (channel) {
            case IN_STORE -> habits.till().pick(random);
            case PHONE -> ShoppingHabits.ON_THE_PHONE.pick(random);
            case WEB, MOBILE_APP, MARKETPLACE -> habits.online().pick(random);
        };

        String currency = store.currency();
        BigDecimal rate = rateOf.apply(currency);
        int size = Math.min(ShoppingHabits.BASKET_SIZES.pick(random), shop.activeProductCount());
        List<SaleLine> lines = new ArrayList<>(size);
        long[] lineSpendCents = new long[size];
        long spendCents = 0;
        while (lines.size() < size) {
            ProductState product = shop.product(random);
            if (contains(lines, product.productId())) {
                continue; // one line per product: draw again
            }
            int quantity = ShoppingHabits.QUANTITIES.pick(random);
            int percentOff = random.nextDouble() < ShoppingHabits.PROMOTED_LINE_SHARE
                    ? ShoppingHabits.PROMOTIONS.pick(random)
                    : 0;
            BigDecimal unit = LocalPrices.localPrice(product.priceEur(), currency, rate);
            BigDecimal discount = percentOff == 0
                    ? BigDecimal.ZERO.setScale(unit.scale())
                    : LocalPrices.percentOf(unit.multiply(BigDecimal.valueOf(quantity)), percentOff, currency);
            // Loyalty counts list-price value in EUR, so it does not move with exchange rates.
            long cents = product.priceEur().movePointRight(2).longValueExact() * quantity * (100 - percentOff) / 100;
            lineSpendCents[lines.size()] = cents;
            spendCents += cents;
            lines.add(new SaleLine(product.productId(), quantity, unit, discount));
        }
        PlaceSaleCommand command = new PlaceSaleCommand(
                saleId,
                customer.customerId(),
                store.storeId(),
                channel,
                payment,
                currency,
                placedAt,
                List.copyOf(lines));
        return new SaleDraft(command, customer, store, spendCents, lineSpendCents);
    }

    private static SalesChannel channel(StoreKind kind, CountryHabits habits, SplittableRandom random) {
        return switch (kind) {
            case PHYSICAL -> ShoppingHabits.SHOP_CHANNELS.pick(random);
            case MARKETPLACE -> SalesChannel.MARKETPLACE;
            case ONLINE -> {
                double draw = random.nextDouble();
                if (draw < ShoppingHabits.PHONE_SHARE) {
                    yield SalesChannel.PHONE;
                }
                yield random.nextDouble() < habits.appShare() ? SalesChannel.MOBILE_APP : SalesChannel.WEB;
            }
        };
    }

    private static boolean contains(List<SaleLine> lines, String productId) {
        for (SaleLine line : lines) {
            if (line.productId().equals(productId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A sale and what the simulation must remember of it.
     *
     * @param spendCents     what it adds to the customer's spend (EUR cents at list-price value)
     * @param lineSpendCents the same per line, for refunds
     */
    public record SaleDraft(
            PlaceSaleCommand command,
            CustomerState customer,
            StoreState store,
            long spendCents,
            long[] lineSpendCents) {}
}
