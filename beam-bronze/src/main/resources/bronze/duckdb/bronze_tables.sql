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
-- and attributes, why the message failed, and the stack trace. Keyed by dead_letter_key, the
-- SHA-256 of the whole message data, its attributes and the reason: a redelivered message that
-- fails the same way is one row, any other failure its own row (message ids repeat: an emulator
-- numbers them from 1 again after each start). Files made before the key are migrated by
-- BronzeTables.create.
create table if not exists sales_bronze.sales_events_error_records (
    dead_letter_key   varchar primary key,
    pubsub_message_id varchar,
    failed_at         timestamp not null,
    attributes        json,
    payload_string    varchar,
    payload_bytes     blob,
    error_message     varchar not null,
    stacktrace        varchar
);
