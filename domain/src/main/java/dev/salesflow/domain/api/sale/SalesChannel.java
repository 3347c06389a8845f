package dev.salesflow.domain.api.sale;

public enum SalesChannel {
    WEB,
    MOBILE_APP,
    IN_STORE,
    MARKETPLACE,
    PHONE
}
