-- Fails with every sale line that the point-in-time join made more than once (overlapping versions).
select sale_id, line_number, count(*) as n
from {{ ref('int_sale_lines_point_in_time') }}
group by sale_id, line_number
having count(*) > 1
