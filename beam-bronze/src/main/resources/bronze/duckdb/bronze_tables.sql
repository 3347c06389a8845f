-- Bronze: every event exactly as received, one row per event_id. Times are UTC.
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

-- Dead letters, after the schema of Google's Pub/Sub to BigQuery template: the original bytes
-- and attributes, why the message failed, and the stack trace.
create table if not exists sales_bronze.sales_events_error_records (
    pubsub_message_id varchar primary key,
    failed_at         timestamp not null,
    attributes        json,
    payload_string    varchar,
    payload_bytes     blob,
    error_message     varchar not null,
    stacktrace        varchar
);
