-- A small silver layer (tables created by GoldFixtures from the projections' specs).
insert into sales_silver.stores (store_id, name, country, city, kind, currency, opened_at, status, closed_at,
    updated_at, last_sequence_number) values
    ('st-de', 'Berlin Mitte', 'DE', 'Berlin', 'PHYSICAL', 'EUR', '2026-01-01', 'OPEN', null, '2026-01-01', 0),
    ('st-jp', 'Tokyo Online', 'JP', 'Tokyo', 'ONLINE', 'JPY', '2026-01-01', 'OPEN', null, '2026-01-01', 0);
insert into sales_silver.fx_rates values
    ('EUR', 'JPY', '2026-02-01', 160, '2026-02-01 00:00:00', 'fx1', 0);
-- s1: one of two units of its first line refunded; s2: cancelled; s3: yen converted at 160 per euro.
insert into sales_silver.sale_lines (sale_id, line_number, event_id, customer_id, store_id, channel, payment_method,
    currency, placed_at, product_id, quantity, unit_price, discount, amount, status, fulfilled_at, cancelled_at,
    refunded_quantity, refunded_amount, net_amount, reporting_currency, fx_rate, fx_rate_day, amount_reporting,
    refunded_amount_reporting, net_amount_reporting, last_sequence_number) values
    ('s1', 1, 'e3', 'c1', 'st-de', 'IN_STORE', 'CARD', 'EUR', '2026-02-01 10:00:00', 'p1', 2, 10.00, 0, 20.00,
     'FULFILLED', '2026-02-01 11:00:00', null, 1, 10.00, 10.00, 'EUR', 1, '2026-02-01', 20.00, 10.00, 10.00, 2),
    ('s1', 2, 'e3', 'c1', 'st-de', 'IN_STORE', 'CARD', 'EUR', '2026-02-01 10:00:00', 'p2', 1, 5.50, 0, 5.50,
     'FULFILLED', '2026-02-01 11:00:00', null, 0, 0, 5.50, 'EUR', 1, '2026-02-01', 5.50, 0, 5.50, 2),
    ('s2', 1, 'e4', 'c2', 'st-de', 'IN_STORE', 'CASH', 'EUR', '2026-02-01 23:59:59', 'p1', 1, 10.00, 0, 10.00,
     'CANCELLED', null, '2026-02-02 09:00:00', 0, 0, 0, 'EUR', 1, '2026-02-01', 10.00, 0, 0, 1),
    ('s3', 1, 'e5', 'c3', 'st-jp', 'WEB', 'CARD', 'JPY', '2026-02-02 00:00:00', 'p3', 1, 15000, 0, 15000,
     'PLACED', null, null, 0, 0, 15000, 'EUR', 160, '2026-02-01', 93.75, 0, 93.75, 0);
insert into sales_bronze.sales_events (event_id, event_type, aggregate_type, aggregate_id, sequence_number,
    occurred_at, payload, raw_message, ingested_at) values
    ('e3', 'SalePlacedEvent', 'Sale', 's1', 0, '2026-02-01 10:00:00', '{}', '{}', now()),
    ('e4', 'SalePlacedEvent', 'Sale', 's2', 0, '2026-02-01 23:59:59', '{}', '{}', now()),
    ('e5', 'SalePlacedEvent', 'Sale', 's3', 0, '2026-02-02 00:00:00', '{}', '{}', now()),
    ('e9', 'SaleRefundedEvent', 'Sale', 's1', 2, '2026-02-03 09:00:00',
     '{"saleId":"s1","refundId":"r1","currency":"EUR","lines":[{"productId":"p1","quantity":1,"amount":10.00}],"amount":10.00,"reason":"DAMAGED","refundedAt":"2026-02-03T09:00:00Z"}',
     '{}', now());
