-- Bronze in BigQuery (GoogleSQL). Dedup on event_id happens downstream (Storage Write API is
-- at-least-once); silver reads the latest row per event_id.
create schema if not exists sales_bronze;

create table if not exists sales_bronze.sales_events (
    event_id          string not null,
    event_type        string not null,
    event_revision    string,
    aggregate_type    string not null,
    aggregate_id      string not null,
    sequence_number   int64 not null,
    occurred_at       timestamp not null,
    published_at      timestamp,
    payload           json not null,
    raw_message       string not null,
    pubsub_message_id string,
    attributes        json,
    ingested_at       timestamp not null
)
partition by date(occurred_at)
cluster by event_type, aggregate_id;

create table if not exists sales_bronze.sales_events_error_records (
    pubsub_message_id string,
    failed_at         timestamp not null,
    attributes        json,
    payload_string    string,
    payload_bytes     bytes,
    error_message     string not null,
    stacktrace        string
)
partition by date(failed_at);
