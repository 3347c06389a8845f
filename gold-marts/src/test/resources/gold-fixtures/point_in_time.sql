-- Silver sale lines (the columns of docs/projections.md that gold reads) and SCD2 histories for
-- the point-in-time marts. Customer c1 was STANDARD until 2026-02-10 12:00, GOLD after (and moved
-- on 02-05, staying STANDARD); product p1 was in Phones until 02-10 12:00, Refurbished after.
create schema if not exists sales_silver;
create table sales_silver.stores (store_id varchar, name varchar, country varchar, city varchar, kind varchar,
    opened_at timestamp, event_id varchar);
create table sales_silver.sale_lines (sale_id varchar, line_number bigint, event_id varchar, customer_id varchar,
    store_id varchar, channel varchar, payment_method varchar, currency varchar, placed_at timestamp,
    product_id varchar, quantity bigint, unit_price decimal(18, 2), discount decimal(18, 2), amount decimal(18, 2),
    status varchar, refunded_quantity bigint, net_amount decimal(18, 2), reporting_currency varchar, fx_rate decimal(18, 6),
    amount_reporting decimal(18, 2), net_amount_reporting decimal(18, 2), last_sequence_number bigint);
insert into sales_silver.stores values ('st-de', 'Berlin Mitte', 'DE', 'Berlin', 'PHYSICAL', '2026-01-01', 'e0');
insert into sales_silver.sale_lines values
    -- 20.00 of it refunded: revenue is the net amount.
    ('s1', 1, 'e1', 'c1', 'st-de', 'IN_STORE', 'CARD', 'EUR', '2026-02-03 10:00:00', 'p1', 1, 100, 0, 100.00,
        'FULFILLED', 0, 80.00, 'EUR', 1, 100.00, 80.00, 2),
    -- Placed at the very instant c1 became GOLD and p1 Refurbished: the new versions apply.
    ('s2', 1, 'e2', 'c1', 'st-de', 'WEB', 'CARD', 'EUR', '2026-02-10 12:00:00', 'p1', 1, 50, 0, 50.00,
        'PLACED', 0, 50.00, 'EUR', 1, 50.00, 50.00, 0),
    ('s3', 1, 'e3', 'c1', 'st-de', 'WEB', 'CARD', 'EUR', '2026-02-10 11:59:59', 'p2', 2, 10, 0, 20.00,
        'PLACED', 0, 20.00, 'EUR', 1, 20.00, 20.00, 0),
    ('s4', 1, 'e4', 'c2', 'st-de', 'IN_STORE', 'CASH', 'EUR', '2026-02-11 09:00:00', 'p2', 3, 10, 0, 30.00,
        'PLACED', 0, 30.00, 'EUR', 1, 30.00, 30.00, 0),
    -- c3 has no history yet.
    ('s5', 1, 'e5', 'c3', 'st-de', 'IN_STORE', 'CASH', 'EUR', '2026-02-11 10:00:00', 'p2', 1, 10, 0, 10.00,
        'PLACED', 0, 10.00, 'EUR', 1, 10.00, 10.00, 0);

create schema if not exists sales_snapshots;
create table sales_snapshots.customers_scd2 (dbt_scd_id varchar not null, customer_id varchar not null,
    sequence_number bigint not null, change_type varchar not null, name varchar, email varchar, country varchar,
    city varchar, loyalty_tier varchar, dbt_valid_from timestamp not null, dbt_valid_to timestamp,
    dbt_updated_at timestamp not null, is_current boolean not null);
insert into sales_snapshots.customers_scd2 values
    ('c1-0', 'c1', 0, 'REGISTERED', 'Ada', 'ada@example.com', 'GB', 'London', 'STANDARD',
        '2026-02-01 00:00:00', '2026-02-05 08:00:00', '2026-02-01 00:00:00', false),
    ('c1-1', 'c1', 1, 'MOVED', 'Ada', 'ada@example.com', 'DE', 'Berlin', 'STANDARD',
        '2026-02-05 08:00:00', '2026-02-10 12:00:00', '2026-02-05 08:00:00', false),
    ('c1-2', 'c1', 2, 'LOYALTY_TIER_CHANGED', 'Ada', 'ada@example.com', 'DE', 'Berlin', 'GOLD',
        '2026-02-10 12:00:00', null, '2026-02-10 12:00:00', true),
    ('c2-0', 'c2', 0, 'REGISTERED', 'Bo', 'bo@example.com', 'DE', 'Berlin', 'PLATINUM',
        '2026-01-01 00:00:00', null, '2026-01-01 00:00:00', true);

create table sales_snapshots.products_scd2 (dbt_scd_id varchar not null, product_id varchar not null,
    sequence_number bigint not null, change_type varchar not null, sku varchar, name varchar, brand varchar,
    category varchar, subcategory varchar, list_price decimal(18, 4), currency varchar, status varchar,
    dbt_valid_from timestamp not null, dbt_valid_to timestamp, dbt_updated_at timestamp not null,
    is_current boolean not null);
insert into sales_snapshots.products_scd2 values
    ('p1-0', 'p1', 0, 'LISTED', 'SKU-1', 'Phone X', 'Acme', 'Phones', 'Smartphones', 100, 'EUR', 'ACTIVE',
        '2026-01-01 00:00:00', '2026-02-10 12:00:00', '2026-01-01 00:00:00', false),
    ('p1-1', 'p1', 1, 'RECATEGORISED', 'SKU-1', 'Phone X', 'Acme', 'Refurbished', 'Smartphones', 100, 'EUR',
        'ACTIVE', '2026-02-10 12:00:00', null, '2026-02-10 12:00:00', true),
    ('p2-0', 'p2', 0, 'LISTED', 'SKU-2', 'Earbuds', 'Acme', 'Audio', 'Headphones', 10, 'EUR', 'ACTIVE',
        '2026-01-01 00:00:00', null, '2026-01-01 00:00:00', true);
