-- Which arrivals the next merge of sales_events_landing into sales_events takes (GoogleSQL; run by
-- MergeSalesEvents before merge_sales_events.sql). @since TIMESTAMP: the start of the window.
-- Returns the window's end (the latest ingested_at, so that rows committed meanwhile wait for the next
-- run) and the business days it holds, which the merge passes on as constants to prune partitions.
select
    count(*) as arrivals,
    format_timestamp('%Y-%m-%dT%H:%M:%E6SZ', max(ingested_at), 'UTC') as through,
    array_to_string(array_agg(distinct cast(date(occurred_at) as string) order by cast(date(occurred_at) as string)), ',') as business_dates
from ${landing}
where ingested_at >= @since
