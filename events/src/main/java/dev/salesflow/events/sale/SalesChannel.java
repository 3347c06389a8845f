package dev.salesflow.events.sale;

public enum SalesChannel {
    WEB,
    MOBILE_APP,
    IN_STORE,
    MARKETPLACE,
    PHONE
}
