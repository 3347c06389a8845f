package dev.salesflow.domain.api.sale;

/** How many units of one product of the sale are returned. */
public record RefundLine(String productId, int quantity) {}
