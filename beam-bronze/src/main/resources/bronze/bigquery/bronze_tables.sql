-- Bronze in BigQuery (GoogleSQL), generated from BronzeTableLayout and the *.schema.json files
-- (WriteToBigQueryTest fails when this file and they differ: BronzeSql.createTables() prints the part
-- after `create schema`). `gcp setup` creates these tables through the API from the same definitions; the
-- job creates the landing and error tables on first use (CREATE_IF_NEEDED) and sales_events before its
-- first merge. This file is the reference and what to run by hand:
-- `bq query --use_legacy_sql=false < bronze_tables.sql`. The dataset must exist before the job starts.
--
-- sales_events_landing: every arrival, appended by the job (Storage Write API); a buffer for the merge
--   (hourly partitions of ingested_at, kept 7 days).
-- sales_events: one row per event_id, filled only by merge_sales_events.sql; what everything reads.
-- sales_events_error_records: dead letters. dead_letter_key is the SHA-256 of the message data,
--   attributes and reason (as in DuckDB, where it is the primary key); BigQuery enforces no key, so a
--   redelivered dead letter may repeat: count distinct keys.
create schema if not exists sales_bronze;

create table if not exists `sales_bronze`.`sales_events_landing` (
    event_id string not null,
    event_type string not null,
    event_revision string,
    aggregate_type string not null,
    aggregate_id string not null,
    sequence_number int64 not null,
    occurred_at timestamp not null,
    published_at timestamp,
    payload json not null,
    raw_message string not null,
    pubsub_message_id string,
    attributes json,
    ingested_at timestamp not null
)
partition by timestamp_trunc(ingested_at, hour)
options (partition_expiration_days = 7);

create table if not exists `sales_bronze`.`sales_events` (
    event_id string not null,
    event_type string not null,
    event_revision string,
    aggregate_type string not null,
    aggregate_id string not null,
    sequence_number int64 not null,
    occurred_at timestamp not null,
    published_at timestamp,
    payload json not null,
    raw_message string not null,
    pubsub_message_id string,
    attributes json,
    ingested_at timestamp not null
)
partition by date(occurred_at)
cluster by event_type, aggregate_id;

create table if not exists `sales_bronze`.`sales_events_error_records` (
    dead_letter_key string not null,
    pubsub_message_id string,
    failed_at timestamp not null,
    attributes json,
    payload_string string,
    payload_bytes bytes,
    error_message string not null,
    stacktrace string
)
partition by date(failed_at);
