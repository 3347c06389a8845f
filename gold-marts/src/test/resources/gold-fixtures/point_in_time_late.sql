-- What arrives after a first build of point_in_time.sql without c1-2, p1-1 (and c3's history):
-- c1's GOLD version and p1's recategorisation (late: s2 was placed at their start), c3's first
-- version, a late refund of one of s4's three units, and a new sale s6 with two Audio lines.
update sales_snapshots.customers_scd2 set dbt_valid_to = '2026-02-10 12:00:00', is_current = false
    where dbt_scd_id = 'c1-1';
insert into sales_snapshots.customers_scd2 values
    ('c1-2', 'c1', 2, 'LOYALTY_TIER_CHANGED', 'Ada', 'ada@example.com', 'DE', 'Berlin', 'GOLD',
        '2026-02-10 12:00:00', null, '2026-02-10 12:00:00', true),
    ('c3-0', 'c3', 0, 'REGISTERED', 'Cy', 'cy@example.com', 'DE', 'Berlin', 'GOLD',
        '2026-01-01 00:00:00', null, '2026-01-01 00:00:00', true);
update sales_snapshots.products_scd2 set dbt_valid_to = '2026-02-10 12:00:00', is_current = false
    where dbt_scd_id = 'p1-0';
insert into sales_snapshots.products_scd2 values
    ('p1-1', 'p1', 1, 'RECATEGORISED', 'SKU-1', 'Phone X', 'Acme', 'Refurbished', 'Smartphones', 100, 'EUR',
        'ACTIVE', '2026-02-10 12:00:00', null, '2026-02-10 12:00:00', true),
    ('p3-0', 'p3', 0, 'LISTED', 'SKU-3', 'Speaker', 'Acme', 'Audio', 'Speakers', 10, 'EUR', 'ACTIVE',
        '2026-01-01 00:00:00', null, '2026-01-01 00:00:00', true);
update sales_silver.sale_lines set refunded_quantity = 1, refunded_amount = 10.00, net_amount = 20.00,
    refunded_amount_reporting = 10.00, net_amount_reporting = 20.00, last_sequence_number = 3 where sale_id = 's4';
insert into sales_silver.sale_lines (sale_id, line_number, event_id, customer_id, store_id, channel, payment_method,
    currency, placed_at, product_id, quantity, unit_price, discount, amount, status, refunded_quantity, net_amount,
    reporting_currency, fx_rate, amount_reporting, net_amount_reporting, last_sequence_number, refunded_amount,
    refunded_amount_reporting) values
    ('s6', 1, 'e6', 'c2', 'st-de', 'WEB', 'CARD', 'EUR', '2026-02-12 09:00:00', 'p2', 1, 10, 0, 10.00,
        'PLACED', 0, 10.00, 'EUR', 1, 10.00, 10.00, 0, 0, 0),
    ('s6', 2, 'e6', 'c2', 'st-de', 'WEB', 'CARD', 'EUR', '2026-02-12 09:00:00', 'p3', 2, 10, 0, 20.00,
        'PLACED', 0, 20.00, 'EUR', 1, 20.00, 20.00, 0, 0, 0);
