-- The agency that owns a plan's programme (issue 19): the Department of Labour (Sở LĐTBXH) until 2024, the
-- Department of Health (Sở Y tế) since 1 March 2025, printed on forms, screens and meeting material. A plan
-- file may name it (`owner:`); otherwise core/plans.py derives it from the year when the plan is installed.

ALTER TABLE plans ADD COLUMN owner TEXT;
UPDATE plans SET file_sha256 = '';  -- every plan is installed again at the next start, its owner filled in
