package dev.salesflow.generator.sale;

import static dev.salesflow.domain.api.sale.PaymentMethod.APPLE_PAY;
import static dev.salesflow.domain.api.sale.PaymentMethod.BANK_TRANSFER;
import static dev.salesflow.domain.api.sale.PaymentMethod.BUY_NOW_PAY_LATER;
import static dev.salesflow.domain.api.sale.PaymentMethod.CARD;
import static dev.salesflow.domain.api.sale.PaymentMethod.CASH;
import static dev.salesflow.domain.api.sale.PaymentMethod.GOOGLE_PAY;
import static dev.salesflow.domain.api.sale.PaymentMethod.PAYPAL;
import static dev.salesflow.domain.api.sale.SalesChannel.IN_STORE;
import static dev.salesflow.domain.api.sale.SalesChannel.MARKETPLACE;
import static dev.salesflow.domain.api.sale.SalesChannel.MOBILE_APP;
import static dev.salesflow.domain.api.sale.SalesChannel.PHONE;
import static dev.salesflow.domain.api.sale.SalesChannel.WEB;

import dev.salesflow.domain.api.sale.PaymentMethod;
import dev.salesflow.domain.api.sale.SalesChannel;
import dev.salesflow.domain.api.store.StoreKind;
import dev.salesflow.generator.chance.WeightedChoice;
import java.util.List;
import java.util.random.RandomGenerator;

/** How customers shop: channels per store kind, payment per channel, basket and quantity sizes. */
final class ShoppingHabits {

    /** Share of sales a customer places in another country's online store. */
    static final double CROSS_BORDER_SHARE = 0.06;

    /** Store choice at home: the online store draws most, then a shop in the customer's own city. */
    static final double ONLINE_STORE_WEIGHT = 5.0;
    static final double SAME_CITY_SHOP_WEIGHT = 3.0;
    static final double OTHER_CITY_SHOP_WEIGHT = 0.5;

    // A physical shop also takes click-and-collect web orders and phone orders.
    private static final WeightedChoice<SalesChannel> SHOP_CHANNELS =
            WeightedChoice.of(List.of(IN_STORE, WEB, PHONE), 88, 8, 4);
    private static final WeightedChoice<SalesChannel> ONLINE_CHANNELS =
            WeightedChoice.of(List.of(WEB, MOBILE_APP, MARKETPLACE, PHONE), 50, 32, 13, 5);

    private static final WeightedChoice<PaymentMethod> AT_THE_TILL =
            WeightedChoice.of(List.of(CARD, CASH, APPLE_PAY, GOOGLE_PAY, BUY_NOW_PAY_LATER), 55, 18, 13, 8, 6);
    private static final WeightedChoice<PaymentMethod> ON_THE_PHONE =
            WeightedChoice.of(List.of(CARD, BANK_TRANSFER, PAYPAL), 70, 20, 10);
    private static final WeightedChoice<PaymentMethod> ONLINE_CHECKOUT = WeightedChoice.of(
            List.of(CARD, PAYPAL, APPLE_PAY, GOOGLE_PAY, BUY_NOW_PAY_LATER, BANK_TRANSFER), 45, 22, 10, 7, 9, 7);

    private static final WeightedChoice<Integer> BASKET_SIZES = WeightedChoice.of(List.of(1, 2, 3, 4), 58, 26, 11, 5);
    private static final WeightedChoice<Integer> QUANTITIES = WeightedChoice.of(List.of(1, 2, 3), 82, 13, 5);

    private ShoppingHabits() {
    }

    static SalesChannel channel(StoreKind kind, RandomGenerator random) {
        return kind == StoreKind.PHYSICAL ? SHOP_CHANNELS.pick(random) : ONLINE_CHANNELS.pick(random);
    }

    /** Cash only over the counter. */
    static PaymentMethod payment(SalesChannel channel, RandomGenerator random) {
        return switch (channel) {
            case IN_STORE -> AT_THE_TILL.pick(random);
            case PHONE -> ON_THE_PHONE.pick(random);
            case WEB, MOBILE_APP, MARKETPLACE -> ONLINE_CHECKOUT.pick(random);
        };
    }

    static int basketSize(RandomGenerator random) {
        return BASKET_SIZES.pick(random);
    }

    static int quantity(RandomGenerator random) {
        return QUANTITIES.pick(random);
    }
}
