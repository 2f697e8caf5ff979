-- Customers mart.
create or replace table ANALYTICS.MARTS.CUSTOMERS as
select customer_id, first_name, last_name
from ANALYTICS.STAGING.STG_CUSTOMERS;
