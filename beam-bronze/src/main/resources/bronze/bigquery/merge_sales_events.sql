-- Bronze on BigQuery, effectively once per event_id (GoogleSQL script, run by MergeSalesEvents every
-- --mergeEverySeconds; analysed by ZetaSQL in gcp-setup's BronzeSqlAnalysisTest).
-- The job appends every arrival to ${landing} (Storage Write API); this script copies the first
-- arrival of each event_id that sales_events lacks, then dead-letters arrivals whose event_id has
-- landed with other content (as the DuckDB sink does). Both statements are idempotent, so a run that
-- stops between them, or runs twice, changes nothing the next run would not.
-- Parameters: @since, @through TIMESTAMP (the window of ingested_at), @business_dates ARRAY<DATE> (the
-- days of occurred_at in the window: constants, so that only those partitions of sales_events are read).
-- An arrival whose event_id landed on another business day is not found here (see beam-bronze/README.md).
merge ${events} t
using (
    select *
    from ${landing}
    where ingested_at >= @since and ingested_at <= @through
      and date(occurred_at) in unnest(@business_dates)
    qualify row_number() over (partition by event_id order by ingested_at, pubsub_message_id) = 1
) s
on t.event_id = s.event_id and date(t.occurred_at) in unnest(@business_dates)
when not matched by target then
    insert (event_id, event_type, event_revision, aggregate_type, aggregate_id, sequence_number, occurred_at,
            published_at, payload, raw_message, pubsub_message_id, attributes, ingested_at)
    values (s.event_id, s.event_type, s.event_revision, s.aggregate_type, s.aggregate_id, s.sequence_number,
            s.occurred_at, s.published_at, s.payload, s.raw_message, s.pubsub_message_id, s.attributes,
            s.ingested_at);

-- dead_letter_key as FailedMessage.key: SHA-256 of the message data, its attributes and the reason,
-- each prefixed by its length as 4 bytes big-endian.
insert into ${error_records} (dead_letter_key, pubsub_message_id, failed_at, attributes, payload_string,
        payload_bytes, error_message, stacktrace)
select dead_letter_key, pubsub_message_id, current_timestamp(), attributes, raw_message, data, error_message,
       'MERGE into ${events_name} (merge_sales_events.sql): the arrival differs from the landed row'
from (
    select c.*,
           to_hex(sha256(concat(
               from_hex(lpad(format('%x', byte_length(c.data)), 8, '0')), c.data,
               from_hex(lpad(format('%x', byte_length(c.attrs)), 8, '0')), c.attrs,
               from_hex(lpad(format('%x', byte_length(c.reason)), 8, '0')), c.reason))) as dead_letter_key
    from (
        select d.*,
               cast(d.raw_message as bytes) as data,
               cast(ifnull(to_json_string(d.attributes), '') as bytes) as attrs,
               cast(d.error_message as bytes) as reason
        from (
            select s.pubsub_message_id, s.attributes, s.raw_message,
                   format("event_id '%s' has already landed in ${events_name} with other content (%s differ;"
                          || " landed from Pub/Sub message %s): one event id must always carry the same event,"
                          || " so this message is kept here and the landed row stays as it is",
                          s.event_id,
                          array_to_string([
                              if(s.event_type != t.event_type, 'event_type', null),
                              if(s.event_revision is distinct from t.event_revision, 'event_revision', null),
                              if(s.aggregate_type != t.aggregate_type, 'aggregate_type', null),
                              if(s.aggregate_id != t.aggregate_id, 'aggregate_id', null),
                              if(s.sequence_number != t.sequence_number, 'sequence_number', null),
                              if(s.occurred_at != t.occurred_at, 'occurred_at', null),
                              if(to_json_string(s.payload) != to_json_string(t.payload), 'payload', null)], ', '),
                          ifnull(t.pubsub_message_id, 'unknown')) as error_message
            from ${landing} s
            join ${events} t on t.event_id = s.event_id and date(t.occurred_at) in unnest(@business_dates)
            where s.ingested_at >= @since and s.ingested_at <= @through
              and date(s.occurred_at) in unnest(@business_dates)
              and (s.event_type != t.event_type
                   or s.event_revision is distinct from t.event_revision
                   or s.aggregate_type != t.aggregate_type
                   or s.aggregate_id != t.aggregate_id
                   or s.sequence_number != t.sequence_number
                   or s.occurred_at != t.occurred_at
                   or to_json_string(s.payload) != to_json_string(t.payload))
        ) d
    ) c
) k
where k.dead_letter_key not in (
    select e.dead_letter_key from ${error_records} e where e.failed_at >= @since)
qualify row_number() over (partition by k.dead_letter_key order by k.pubsub_message_id) = 1;
