package dev.salesflow.projections.customer;

import dev.salesflow.projection.runtime.CurrentStateTable;
import java.time.Instant;

/** One row of {@code sales_silver.customers}: a customer as of the latest business time. */
record CustomerRow(
        String customerId,
        String name,
        String email,
        String country,
        String city,
        String preferredCurrency,
        String loyaltyTier,
        Instant registeredAt,
        Instant addressChangedAt,
        Instant emailChangedAt,
        Instant loyaltyTierChangedAt,
        Instant updatedAt,
        long lastSequenceNumber)
        implements CurrentStateTable.Row<CustomerRow> {

    static CustomerRow of(Object[] row) {
        return new CustomerRow(
                (String) row[0],
                (String) row[1],
                (String) row[2],
                (String) row[3],
                (String) row[4],
                (String) row[5],
                (String) row[6],
                (Instant) row[7],
                (Instant) row[8],
                (Instant) row[9],
                (Instant) row[10],
                (Instant) row[11],
                (Long) row[12]);
    }

    @Override
    public Object[] toRow() {
        return CustomersProjection.CUSTOMERS.row(
                customerId,
                name,
                email,
                country,
                city,
                preferredCurrency,
                loyaltyTier,
                registeredAt,
                addressChangedAt,
                emailChangedAt,
                loyaltyTierChangedAt,
                updatedAt,
                lastSequenceNumber);
    }

    @Override
    public CustomerRow at(Instant updated, long sequenceNumber) {
        return new CustomerRow(
                customerId,
                name,
                email,
                country,
                city,
                preferredCurrency,
                loyaltyTier,
                registeredAt,
                addressChangedAt,
                emailChangedAt,
                loyaltyTierChangedAt,
                updated,
                sequenceNumber);
    }

    CustomerRow moved(String newCountry, String newCity, Instant at) {
        return new CustomerRow(
                customerId,
                name,
                email,
                newCountry,
                newCity,
                preferredCurrency,
                loyaltyTier,
                registeredAt,
                at,
                emailChangedAt,
                loyaltyTierChangedAt,
                updatedAt,
                lastSequenceNumber);
    }

    CustomerRow emailChanged(String newEmail, Instant at) {
        return new CustomerRow(
                customerId,
                name,
                newEmail,
                country,
                city,
                preferredCurrency,
                loyaltyTier,
                registeredAt,
                addressChangedAt,
                at,
                loyaltyTierChangedAt,
                updatedAt,
                lastSequenceNumber);
    }

    CustomerRow loyaltyTierChanged(String newTier, Instant at) {
        return new CustomerRow(
                customerId,
                name,
                email,
                country,
                city,
                preferredCurrency,
                newTier,
                registeredAt,
                addressChangedAt,
                emailChangedAt,
                at,
                updatedAt,
                lastSequenceNumber);
    }
}
