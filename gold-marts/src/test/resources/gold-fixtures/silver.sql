-- A small silver layer for the gold tests (the real tables belong to the projections module; these
-- have the columns gold reads, see docs/projections.md).
create schema if not exists sales_silver;
create table sales_silver.stores (store_id varchar primary key, name varchar, country varchar, city varchar,
    kind varchar, currency varchar, opened_at timestamp, status varchar, closed_at timestamp);
create table sales_silver.sale_lines (sale_id varchar, line_number bigint, event_id varchar, customer_id varchar,
    store_id varchar, channel varchar, payment_method varchar, currency varchar, placed_at timestamp,
    product_id varchar, quantity bigint, unit_price decimal(18, 2), discount decimal(18, 2),
    amount decimal(18, 2), status varchar, refunded_quantity bigint, refunded_amount decimal(18, 2),
    net_amount decimal(18, 2), reporting_currency varchar, fx_rate decimal(18, 10),
    amount_reporting decimal(18, 2), refunded_amount_reporting decimal(18, 2),
    net_amount_reporting decimal(18, 2), primary key (sale_id, line_number));
insert into sales_silver.stores values
    ('st-de', 'Berlin Mitte', 'DE', 'Berlin', 'PHYSICAL', 'EUR', '2026-01-01', 'OPEN', null),
    ('st-jp', 'Tokyo Online', 'JP', 'Tokyo', 'ONLINE', 'JPY', '2026-01-01', 'OPEN', null);
-- s1: one of two units of its first line refunded; s2: cancelled; s3: yen converted at 160 per euro.
insert into sales_silver.sale_lines values
    ('s1', 1, 'e3', 'c1', 'st-de', 'IN_STORE', 'CARD', 'EUR', '2026-02-01 10:00:00', 'p1', 2, 10.00, 0, 20.00,
     'FULFILLED', 1, 10.00, 10.00, 'EUR', 1, 20.00, 10.00, 10.00),
    ('s1', 2, 'e3', 'c1', 'st-de', 'IN_STORE', 'CARD', 'EUR', '2026-02-01 10:00:00', 'p2', 1, 5.50, 0, 5.50,
     'FULFILLED', 0, 0, 5.50, 'EUR', 1, 5.50, 0, 5.50),
    ('s2', 1, 'e4', 'c2', 'st-de', 'IN_STORE', 'CASH', 'EUR', '2026-02-01 23:59:59', 'p1', 1, 10.00, 0, 10.00,
     'CANCELLED', 0, 0, 0, 'EUR', 1, 10.00, 0, 0),
    ('s3', 1, 'e5', 'c3', 'st-jp', 'WEB', 'CARD', 'JPY', '2026-02-02 00:00:00', 'p3', 1, 15000, 0, 15000,
     'PLACED', 0, 0, 15000, 'EUR', 160, 93.75, 0, 93.75);
