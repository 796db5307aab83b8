-- How a plan's periods cut the year (issue 19, item 7): 'calendar' (calendar quarters, halves and year) or
-- 'decree_09' (the data cut-off windows of Decree 09/2019/NĐ-CP: a quarter from the 15th of the month before it
-- to the 14th of its last month). A plan file may say `period_basis:`; by default calendar.

ALTER TABLE plans ADD COLUMN period_basis TEXT DEFAULT 'calendar';
UPDATE plans SET file_sha256 = '';  -- every plan is installed again at the next start, its basis filled in
