-- Bronze in BigQuery (GoogleSQL). The job creates both tables on first use (CREATE_IF_NEEDED) from
-- the schemas in sales_events.schema.json / sales_events_error_records.schema.json (same columns,
-- checked by WriteToBigQueryTest); this file is the reference and what to run by hand, e.g. with
-- `bq query --use_legacy_sql=false < bronze_tables.sql`. The dataset must exist before the job starts.
--
-- sales_events may hold several rows per event_id (a publisher retry or a replay is a new Pub/Sub
-- message; at-least-once writes may repeat a row): read it through sales_events_deduplicated.
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

-- dead_letter_key: SHA-256 of the message data, attributes and reason (as in DuckDB, where it is the
-- primary key); BigQuery enforces no key, so a redelivered dead letter may repeat: group by it to count
-- distinct failures.
create table if not exists sales_bronze.sales_events_error_records (
    dead_letter_key   string not null,
    pubsub_message_id string,
    failed_at         timestamp not null,
    attributes        json,
    payload_string    string,
    payload_bytes     bytes,
    error_message     string not null,
    stacktrace        string
)
partition by date(failed_at);

-- One row per event_id: the first arrival wins, as in the DuckDB bronze table.
create view if not exists sales_bronze.sales_events_deduplicated as
select *
from sales_bronze.sales_events
where true
qualify row_number() over (partition by event_id order by ingested_at, pubsub_message_id) = 1;
