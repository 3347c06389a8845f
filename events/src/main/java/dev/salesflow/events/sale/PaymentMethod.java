package dev.salesflow.events.sale;

public enum PaymentMethod {
    CARD,
    PAYPAL,
    APPLE_PAY,
    GOOGLE_PAY,
    BANK_TRANSFER,
    CASH,
    BUY_NOW_PAY_LATER
}
