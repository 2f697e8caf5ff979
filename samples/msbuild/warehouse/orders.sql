-- Orders mart, rebuilt nightly.
create or replace table ANALYTICS.MARTS.ORDERS as
select order_id, customer_id, order_date, amount
from ANALYTICS.STAGING.STG_ORDERS;
