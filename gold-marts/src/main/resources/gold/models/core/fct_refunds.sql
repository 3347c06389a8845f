{{ config(materialized='incremental', unique_key='refund_id, product_id') }}
-- One row per refunded line, with the refund's own business time (the sale-line fact carries only
-- the line's refund totals). From the SaleRefundedEvent rows of bronze (payload as received;
-- deduplicated on event_id), joined to the sale line for its line number and rate: the reporting
-- amount is the refund converted at the sale's rate, rounded per refund (silver converts a line's
-- refunds once, so per line the sums can differ by a cent).
-- Incremental: events ingested up to 10 minutes before the latest one already loaded (bronze
-- batches may commit slightly out of order) whose event id is not loaded yet, plus refunds whose
-- sale line was not in the fact yet.
-- Grain: refund_id, product_id (one refunded line).
with events as (
    select event_id, aggregate_id, occurred_at, payload, ingested_at,
        row_number() over (partition by event_id order by ingested_at) as copy_number
    from {{ source('sales_bronze', 'sales_events') }}
    where event_type = 'SaleRefundedEvent'
    {% if is_incremental() %}
        and ((ingested_at > (select {{ timestamp_minus_minutes('max(_ingested_at)', 10) }} from {{ this }})
                and event_id not in (select event_id from {{ this }}))
             or aggregate_id in (select sale_id from {{ this }} where line_number is null)
             or (select count(*) from {{ this }}) = 0)
    {% endif %}
),

refunded_lines as (
    select
        {{ json_string('events.payload', 'refundId') }} as refund_id,
        events.aggregate_id as sale_id,
        {{ json_string('refunded_line', 'productId') }} as product_id,
        events.occurred_at as refunded_at,
        cast({{ json_string('refunded_line', 'quantity') }} as {{ t_int() }}) as quantity,
        cast({{ json_string('refunded_line', 'amount') }} as {{ t_money() }}) as amount,
        {{ json_string('events.payload', 'currency') }} as sale_currency,
        {{ json_string('events.payload', 'reason') }} as reason,
        events.event_id,
        events.ingested_at
    from events
    {{ cross_join_json_array('events.payload', 'lines', 'refunded_line') }}
    where events.copy_number = 1
),

final as (
    select
        refunded_lines.refund_id,
        refunded_lines.product_id,
        refunded_lines.sale_id,
        lines.line_number,
        refunded_lines.refunded_at,
        cast(refunded_lines.refunded_at as date) as refund_date,
        lines.sale_date,
        refunded_lines.quantity,
        refunded_lines.sale_currency,
        refunded_lines.amount,
        lines.reporting_currency,
        cast(round(refunded_lines.amount / lines.fx_rate, 2) as {{ t_money() }}) as amount_reporting,
        refunded_lines.reason,
        refunded_lines.event_id,
        refunded_lines.ingested_at as _ingested_at
    from refunded_lines
    left join {{ ref('fct_sale_lines') }} as lines
        on lines.sale_id = refunded_lines.sale_id and lines.product_id = refunded_lines.product_id
)

select * from final
