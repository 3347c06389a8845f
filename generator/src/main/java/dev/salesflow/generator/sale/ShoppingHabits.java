package dev.salesflow.generator.sale;

import static dev.salesflow.events.sale.PaymentMethod.BANK_TRANSFER;
import static dev.salesflow.events.sale.PaymentMethod.CARD;
import static dev.salesflow.events.sale.PaymentMethod.PAYPAL;
import static dev.salesflow.events.sale.SalesChannel.IN_STORE;
import static dev.salesflow.events.sale.SalesChannel.PHONE;
import static dev.salesflow.events.sale.SalesChannel.WEB;

import dev.salesflow.events.sale.PaymentMethod;
import dev.salesflow.events.sale.SalesChannel;
import dev.salesflow.generator.chance.WeightedChoice;
import java.util.List;

/** What is the same in every market: basket shapes, promotions, channels inside a shop. */
final class ShoppingHabits {

    /** Share of sales a customer places in another market's online store. */
    static final double CROSS_BORDER_SHARE = 0.04;
    /** Share of own-web-shop orders taken by phone. */
    static final double PHONE_SHARE = 0.04;

    /** A shop sells over the counter, takes click-and-collect web orders and phone orders. */
    static final WeightedChoice<SalesChannel> SHOP_CHANNELS =
            WeightedChoice.of(List.of(IN_STORE, WEB, PHONE), 90, 6, 4);

    static final WeightedChoice<PaymentMethod> ON_THE_PHONE =
            WeightedChoice.of(List.of(CARD, BANK_TRANSFER, PAYPAL), 70, 20, 10);

    static final WeightedChoice<Integer> BASKET_SIZES = WeightedChoice.of(List.of(1, 2, 3, 4), 58, 26, 11, 5);
    static final WeightedChoice<Integer> QUANTITIES = WeightedChoice.of(List.of(1, 2, 3), 84, 12, 4);
    /** Share of lines on promotion, and the promotion's percentage off. */
    static final double PROMOTED_LINE_SHARE = 0.14;

    static final WeightedChoice<Integer> PROMOTIONS = WeightedChoice.of(List.of(5, 10, 15, 20, 25), 30, 35, 20, 10, 5);

    private ShoppingHabits() {}
}
