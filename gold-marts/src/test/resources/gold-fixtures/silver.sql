-- A small silver layer for the gold tests (the real DDL belongs to the projections module).
create schema if not exists sales_silver;
create table sales_silver.stores (store_id varchar primary key, name varchar, country varchar, city varchar,
    kind varchar, opened_at timestamp, event_id varchar);
create table sales_silver.sale_lines (sale_id varchar, line_number integer, event_id varchar, customer_id varchar,
    store_id varchar, channel varchar, payment_method varchar, currency varchar, placed_at timestamp,
    product_id varchar, quantity integer, unit_price decimal(18, 2), amount decimal(18, 2),
    primary key (sale_id, line_number));
insert into sales_silver.stores values
    ('st-de', 'Berlin Mitte', 'DE', 'Berlin', 'PHYSICAL', '2026-01-01', 'e1'),
    ('st-jp', 'Tokyo Online', 'JP', 'Tokyo', 'ONLINE', '2026-01-01', 'e2');
insert into sales_silver.sale_lines values
    ('s1', 1, 'e3', 'c1', 'st-de', 'IN_STORE', 'CARD', 'EUR', '2026-02-01 10:00:00', 'p1', 2, 10.00, 20.00),
    ('s1', 2, 'e3', 'c1', 'st-de', 'IN_STORE', 'CARD', 'EUR', '2026-02-01 10:00:00', 'p2', 1, 5.50, 5.50),
    ('s2', 1, 'e4', 'c2', 'st-de', 'IN_STORE', 'CASH', 'EUR', '2026-02-01 23:59:59', 'p1', 1, 10.00, 10.00),
    ('s3', 1, 'e5', 'c3', 'st-jp', 'WEB', 'CARD', 'JPY', '2026-02-02 00:00:00', 'p3', 1, 15000, 15000);
