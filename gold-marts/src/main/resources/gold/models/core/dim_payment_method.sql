-- The payment methods of the domain (dev.salesflow.domain.api.sale.PaymentMethod) and their family.
-- Grain: payment_method (one method).
with methods as (
    select 'CARD' as payment_method, 'Card' as payment_method_name, 'CARD' as payment_family
    union all select 'PAYPAL', 'PayPal', 'WALLET'
    union all select 'APPLE_PAY', 'Apple Pay', 'WALLET'
    union all select 'GOOGLE_PAY', 'Google Pay', 'WALLET'
    union all select 'BANK_TRANSFER', 'Bank transfer', 'BANK'
    union all select 'CASH', 'Cash', 'CASH'
    union all select 'BUY_NOW_PAY_LATER', 'Buy now, pay later', 'CREDIT'
)

select * from methods
