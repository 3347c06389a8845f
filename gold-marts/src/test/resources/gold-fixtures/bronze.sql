-- Bronze as beam-bronze creates it in DuckDB (bronze/duckdb/bronze_tables.sql).
create schema if not exists sales_bronze;
create table if not exists sales_bronze.sales_events (
    event_id          varchar primary key,
    event_type        varchar not null,
    event_revision    varchar,
    aggregate_type    varchar not null,
    aggregate_id      varchar not null,
    sequence_number   bigint not null,
    occurred_at       timestamp not null,
    published_at      timestamp,
    payload           json not null,
    raw_message       varchar not null,
    pubsub_message_id varchar,
    attributes        json,
    ingested_at       timestamp not null
);
