-- Scratch table nobody reads.
create or replace table ANALYTICS.MARTS.ORDER_NOTES as
select order_id, note from ANALYTICS.STAGING.STG_NOTES;
