-- Silver sale lines (the columns of docs/projections.md that gold reads) and SCD2 histories for
-- the point-in-time marts. Customer c1 was STANDARD until 2026-02-10 12:00, GOLD after (and moved
-- on 02-05, staying STANDARD); product p1 was in Phones until 02-10 12:00, Refurbished after.
insert into sales_silver.stores (store_id, name, country, city, kind, currency, opened_at, status, updated_at,
    last_sequence_number) values ('st-de', 'Berlin Mitte', 'DE', 'Berlin', 'PHYSICAL', 'EUR', '2026-01-01', 'OPEN',
    '2026-01-01', 0);
insert into sales_silver.sale_lines (sale_id, line_number, event_id, customer_id, store_id, channel, payment_method,
    currency, placed_at, product_id, quantity, unit_price, discount, amount, status, refunded_quantity, net_amount,
    reporting_currency, fx_rate, amount_reporting, net_amount_reporting, last_sequence_number, refunded_amount,
    refunded_amount_reporting) values
    -- 20.00 of it refunded: revenue is the net amount.
    ('s1', 1, 'e1', 'c1', 'st-de', 'IN_STORE', 'CARD', 'EUR', '2026-02-03 10:00:00', 'p1', 1, 100, 0, 100.00,
        'FULFILLED', 0, 80.00, 'EUR', 1, 100.00, 80.00, 2, 20.00, 20.00),
    -- Placed at the very instant c1 became GOLD and p1 Refurbished: the new versions apply.
    ('s2', 1, 'e2', 'c1', 'st-de', 'WEB', 'CARD', 'EUR', '2026-02-10 12:00:00', 'p1', 1, 50, 0, 50.00,
        'PLACED', 0, 50.00, 'EUR', 1, 50.00, 50.00, 0, 0, 0),
    ('s3', 1, 'e3', 'c1', 'st-de', 'WEB', 'CARD', 'EUR', '2026-02-10 11:59:59', 'p2', 2, 10, 0, 20.00,
        'PLACED', 0, 20.00, 'EUR', 1, 20.00, 20.00, 0, 0, 0),
    ('s4', 1, 'e4', 'c2', 'st-de', 'IN_STORE', 'CASH', 'EUR', '2026-02-11 09:00:00', 'p2', 3, 10, 0, 30.00,
        'PLACED', 0, 30.00, 'EUR', 1, 30.00, 30.00, 0, 0, 0),
    -- c3 has no history yet.
    ('s5', 1, 'e5', 'c3', 'st-de', 'IN_STORE', 'CASH', 'EUR', '2026-02-11 10:00:00', 'p2', 1, 10, 0, 10.00,
        'PLACED', 0, 10.00, 'EUR', 1, 10.00, 10.00, 0, 0, 0);

insert into sales_snapshots.customers_scd2 values
    ('c1-0', 'c1', 0, 'REGISTERED', 'Ada', 'ada@example.com', 'GB', 'London', 'STANDARD',
        '2026-02-01 00:00:00', '2026-02-05 08:00:00', '2026-02-01 00:00:00', false),
    ('c1-1', 'c1', 1, 'MOVED', 'Ada', 'ada@example.com', 'DE', 'Berlin', 'STANDARD',
        '2026-02-05 08:00:00', '2026-02-10 12:00:00', '2026-02-05 08:00:00', false),
    ('c1-2', 'c1', 2, 'LOYALTY_TIER_CHANGED', 'Ada', 'ada@example.com', 'DE', 'Berlin', 'GOLD',
        '2026-02-10 12:00:00', null, '2026-02-10 12:00:00', true),
    ('c2-0', 'c2', 0, 'REGISTERED', 'Bo', 'bo@example.com', 'DE', 'Berlin', 'PLATINUM',
        '2026-01-01 00:00:00', null, '2026-01-01 00:00:00', true);

insert into sales_snapshots.products_scd2 values
    ('p1-0', 'p1', 0, 'LISTED', 'SKU-1', 'Phone X', 'Acme', 'Phones', 'Smartphones', 100, 'EUR', 'ACTIVE',
        '2026-01-01 00:00:00', '2026-02-10 12:00:00', '2026-01-01 00:00:00', false),
    ('p1-1', 'p1', 1, 'RECATEGORISED', 'SKU-1', 'Phone X', 'Acme', 'Refurbished', 'Smartphones', 100, 'EUR',
        'ACTIVE', '2026-02-10 12:00:00', null, '2026-02-10 12:00:00', true),
    ('p2-0', 'p2', 0, 'LISTED', 'SKU-2', 'Earbuds', 'Acme', 'Audio', 'Headphones', 10, 'EUR', 'ACTIVE',
        '2026-01-01 00:00:00', null, '2026-01-01 00:00:00', true);
