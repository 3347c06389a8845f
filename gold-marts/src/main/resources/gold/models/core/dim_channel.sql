-- The sales channels of the domain (dev.salesflow.domain.api.sale.SalesChannel).
-- Grain: channel (one channel).
with channels as (
    select 'WEB' as channel, 'Web shop' as channel_name, true as is_online
    union all select 'MOBILE_APP', 'Mobile app', true
    union all select 'IN_STORE', 'In store', false
    union all select 'MARKETPLACE', 'Marketplace', true
    union all select 'PHONE', 'Phone order', false
)

select * from channels
