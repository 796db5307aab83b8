-- Every SQL statement of the application, one per name. Values are always
-- bound parameters ($name), never formatted into the text.

-- name: create_schema_migrations
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL
);

-- name: applied_migrations
SELECT version FROM schema_migrations ORDER BY version;

-- name: record_migration
INSERT INTO schema_migrations VALUES ($version, $name, current_timestamp);

-- name: upsert_structure
INSERT OR REPLACE INTO unit_structures VALUES ($structure, $label, $valid_from, $valid_to);

-- name: count_units
SELECT count(*) AS count_units FROM units WHERE structure = $structure;

-- name: insert_units_from_csv
INSERT INTO units
SELECT $structure, unit_code, name, unit_type, level, nullif(parent_code, ''), NULL, NULL
FROM read_csv($path, header = true, all_varchar = true);

-- name: count_crosswalk
SELECT count(*) AS count_crosswalk FROM unit_crosswalk;

-- name: insert_crosswalk_from_csv
INSERT INTO unit_crosswalk
SELECT old_code, old_level, old_name, old_district_code, old_province_code, new_code, new_name, new_province_code, part
FROM read_csv($path, header = true, all_varchar = true);

-- name: upsert_periods
-- Every period in one statement (run at each start): each $column is a list, unnested side by side.
INSERT OR REPLACE INTO periods
SELECT unnest($period_code::TEXT[]), unnest($period_type::TEXT[]), unnest($year::INTEGER[]),
       unnest($start_date::DATE[]), unnest($end_date::DATE[]);

-- name: upsert_elements
INSERT OR REPLACE INTO data_elements
SELECT unnest($element_code::TEXT[]), unnest($section_code::TEXT[]), unnest($label::TEXT[]),
       unnest($unit_label::TEXT[]), unnest($nature::TEXT[]), unnest($value_type::TEXT[]),
       unnest($sort_order::INTEGER[]);

-- name: upsert_indicators
INSERT OR REPLACE INTO indicators
SELECT unnest($indicator_code::TEXT[]), unnest($name::TEXT[]), unnest($kind::TEXT[]),
       unnest($numerator_element::TEXT[]), unnest($denominator_element::TEXT[]), unnest($unit_label::TEXT[]),
       unnest($sort_order::INTEGER[]);

-- name: plan_file_hash
SELECT file_sha256 FROM plans WHERE plan_id = $plan_id;

-- name: delete_plan_targets
DELETE FROM targets WHERE plan_id = $plan_id;

-- name: delete_plan_deadlines
DELETE FROM plan_deadlines WHERE plan_id = $plan_id;

-- name: delete_plan_units
DELETE FROM plan_units WHERE plan_id = $plan_id;

-- name: delete_plan
DELETE FROM plans WHERE plan_id = $plan_id;

-- name: insert_plan
INSERT INTO plans (plan_id, province_code, province_name, year, structure, title, document_number, issued_by,
                   issued_on, source_file, file_sha256, loaded_at, owner, period_basis, entry_open_days)
VALUES ($plan_id, $province_code, $province_name, $year, $structure, $title, $document_number,
        $issued_by, $issued_on, $source_file, $file_sha256, current_timestamp, $owner, $period_basis,
        $entry_open_days);

-- name: insert_plan_units_by_level
INSERT INTO plan_units
SELECT $plan_id, u.unit_code
FROM units u
WHERE u.structure = $structure AND u.level = $level
  AND (u.parent_code = $province_code
       OR u.parent_code IN (SELECT d.unit_code FROM units d
                            WHERE d.structure = $structure AND d.parent_code = $province_code))
  AND NOT list_contains($exclude, u.unit_code);

-- name: insert_plan_units
-- The units a plan lists by code ($unit_codes), in one statement: a national plan lists thousands.
INSERT OR IGNORE INTO plan_units SELECT $plan_id, unnest($unit_codes::TEXT[]);

-- name: unknown_units
SELECT code FROM unnest($codes::TEXT[]) AS t(code)
WHERE code NOT IN (SELECT unit_code FROM units WHERE structure = $structure);

-- name: insert_deadline
INSERT INTO plan_deadlines VALUES ($plan_id, $period_type, $deadline_day, $months_after_end, $is_default, $source_text);

-- name: insert_target
INSERT INTO targets VALUES (
    $plan_id, $target_id, $indicator_code, $kind, $value_min, $value_max, $label, $source_text, $sort_order
);

-- name: insert_audit
INSERT INTO audit_log (logged_at, actor, action, entity, entity_id, before_json, after_json)
VALUES (current_timestamp, $actor, $action, $entity, $entity_id, $before_json, $after_json);

-- name: insert_audit_lines
-- Many lines of one actor, action and entity: entity_id, before_json and after_json are lists.
INSERT INTO audit_log (logged_at, actor, action, entity, entity_id, before_json, after_json)
SELECT current_timestamp, $actor, $action, $entity, unnest($entity_id::TEXT[]), unnest($before_json::TEXT[]),
       unnest($after_json::TEXT[]);

-- name: list_plans
SELECT plan_id, province_code, province_name, year, structure, title, document_number,
       issued_by, issued_on, source_file, owner, period_basis,
       (SELECT count(*) FROM plan_units pu WHERE pu.plan_id = p.plan_id) AS count_units,
       (SELECT count(*) FROM targets t WHERE t.plan_id = p.plan_id) AS count_targets
FROM plans p
ORDER BY year DESC, province_name;

-- name: plan_row
-- One plan's row; file_sha256 and loaded_at change whenever the plan is installed again (the engine's cache key).
SELECT plan_id, province_code, province_name, year, structure, file_sha256, loaded_at, period_basis
FROM plans WHERE plan_id = $plan_id;

-- name: plan_ids
SELECT plan_id FROM plans ORDER BY plan_id;

-- name: plan_targets
SELECT t.target_id, t.indicator_code, i.name AS indicator_name, t.kind, t.value_min, t.value_max,
       t.label, t.source_text
FROM targets t LEFT JOIN indicators i USING (indicator_code)
WHERE t.plan_id = $plan_id
ORDER BY t.sort_order;

-- name: plan_deadlines
SELECT period_type, deadline_day, months_after_end, is_default, source_text
FROM plan_deadlines WHERE plan_id = $plan_id;

-- name: plan_reporting_units
SELECT pu.unit_code, u.name, u.level, u.unit_type, u.parent_code
FROM plan_units pu
JOIN plans p USING (plan_id)
JOIN units u ON u.structure = p.structure AND u.unit_code = pu.unit_code
WHERE pu.plan_id = $plan_id
ORDER BY pu.unit_code;

-- name: plan_unit_ancestors
-- Each reporting unit of the plan paired with itself and every unit above it, with that unit's name.
WITH RECURSIVE chain(unit_code, ancestor_code) AS (
    SELECT unit_code, unit_code FROM plan_units WHERE plan_id = $plan_id
    UNION ALL
    SELECT c.unit_code, u.parent_code
    FROM chain c
    JOIN units u ON u.structure = $structure AND u.unit_code = c.ancestor_code
    WHERE u.parent_code IS NOT NULL
)
SELECT c.unit_code, c.ancestor_code, u.name
FROM chain c
JOIN units u ON u.structure = $structure AND u.unit_code = c.ancestor_code;

-- name: unit_by_code
SELECT unit_code, name, unit_type, level, parent_code
FROM units WHERE structure = $structure AND unit_code = $unit_code;

-- name: units_of_structure
-- Every unit of a structure, as unit_by_code gives one: a load of many files looks its units up at once.
SELECT unit_code, name, unit_type, level, parent_code
FROM units WHERE structure = $structure;

-- name: indicator_catalogue
SELECT i.indicator_code, i.name, i.kind, i.numerator_element, i.denominator_element, i.unit_label,
       n.nature AS numerator_nature
FROM indicators i LEFT JOIN data_elements n ON n.element_code = i.numerator_element
ORDER BY i.sort_order;

-- name: unit_figures
-- What each element's figure for each of the given units rests on at a period's end (DOMAIN.md section 4),
-- from the unit's current reports of the year ending by then. A stock or cumulative element: one row, its
-- value in the newest report stating it (latest end, then latest received, then latest loaded). A flow:
-- one row, the sum over the reports stating it in the chain that covers the year without overlapping (Q1 + Q2 + Q3, or
-- S1 + Q3: never Q2 and S1 together), added up in the order of the year. Periods (quarters, halves,
-- the year) either nest or do not meet, so the chain is the reports no other report contains: ordered by
-- start, longest first, those that start after every earlier report's end. An element no report states
-- has no row: missing, not zero. A figure's reports come as their ids in a text ('101,245,390'): a unit's
-- flows share their chain, and a text is read into Python far faster than a list.
-- A figure held for verification (table held_figures, until confirmed) is not stated by its report: the
-- figure of the version that report replaced stands in its place (source_id names that version), else an
-- older report's, as for any figure a report leaves out.
-- With $approved_only, only the reports whose current version the secretariat approved count (issue 20,
-- item 1): the others are as if not received.
WITH approved AS (
    SELECT arg_max(submission_id, review_id) AS submission_id FROM report_reviews
    GROUP BY unit_code, period_code
    HAVING arg_max(decision, review_id) = 'approved'
),
reports AS (
    SELECT s.unit_code, s.submission_id, p.start_date, p.end_date, s.received_at,
           coalesce(max(p.end_date) OVER (
               PARTITION BY s.unit_code
               ORDER BY p.start_date, p.end_date DESC, s.received_at DESC, s.submission_id DESC
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
           ) < p.start_date, TRUE) AS in_chain,
           row_number() OVER (  -- the report's place among the unit's: the newest stating an element is the last
               PARTITION BY s.unit_code ORDER BY p.end_date, s.received_at, s.submission_id
           ) AS seq
    FROM submissions s
    JOIN periods p USING (period_code)
    WHERE s.status = 'current' AND p.year = $year AND p.end_date <= $end_date
      AND list_contains($unit_codes::TEXT[], s.unit_code)
      AND (NOT $approved_only OR s.submission_id IN (SELECT submission_id FROM approved))
),
held AS (SELECT submission_id, element_code FROM held_figures WHERE state <> 'confirmed'),
figures AS (
    SELECT r.*, v.element_code, v.value, r.submission_id AS source_id
    FROM reports r
    JOIN submission_values v USING (submission_id)
    ANTI JOIN held USING (submission_id, element_code)
    UNION ALL
    SELECT r.*, v.element_code, v.value, replaced.submission_id AS source_id
    FROM reports r
    JOIN held h USING (submission_id)
    JOIN submissions replaced ON replaced.superseded_by = r.submission_id
    JOIN submission_values v ON v.submission_id = replaced.submission_id AND v.element_code = h.element_code
    ANTI JOIN held h2 ON h2.submission_id = replaced.submission_id AND h2.element_code = v.element_code
),
stated AS (
    SELECT f.unit_code, f.submission_id, f.source_id, f.end_date, f.seq, f.in_chain, f.element_code, e.nature, f.value
    FROM figures f
    JOIN data_elements e USING (element_code)
)
SELECT unit_code, element_code, arg_max(value, seq) AS value, arg_max(source_id, seq)::TEXT AS submission_ids,
       max(end_date) AS end_date
FROM stated
WHERE nature <> 'flow'
GROUP BY unit_code, element_code
UNION ALL
SELECT unit_code, element_code, sum(value ORDER BY seq) AS value,
       string_agg(source_id::TEXT, ',' ORDER BY seq) AS submission_ids, max(end_date) AS end_date
FROM stated
WHERE nature = 'flow' AND in_chain
GROUP BY unit_code, element_code;

-- name: held_figures_in_scope
-- The figures held for verification in the given units' current reports of the year ending by a date: what
-- an indicator must say it leaves out.
SELECT s.unit_code, h.element_code, h.problem
FROM held_figures h
JOIN submissions s USING (submission_id)
JOIN periods p USING (period_code)
WHERE h.state <> 'confirmed' AND s.status = 'current' AND p.year = $year AND p.end_date <= $end_date
  AND list_contains($unit_codes::TEXT[], s.unit_code)
ORDER BY s.unit_code, h.element_code;

-- name: plan_held_figures
-- The figures held for verification in the current reports of a plan's units for its year, awaiting the
-- secretariat (pending) or a corrected report (correction); one row per report and problem, with the held
-- elements and their values in the report.
SELECT s.submission_id, s.unit_code, u.name AS unit_name, s.period_code, s.received_at, s.sender, s.sender_reason,
       h.problem, h.state, h.decided_by, h.decided_at, h.decision_reason,
       list(h.element_code ORDER BY h.element_code) AS element_codes,
       list(v.value ORDER BY h.element_code) AS element_values
FROM held_figures h
JOIN submissions s USING (submission_id)
JOIN periods p USING (period_code)
JOIN plans pl ON pl.plan_id = $plan_id
JOIN units u ON u.structure = pl.structure AND u.unit_code = s.unit_code
LEFT JOIN submission_values v ON v.submission_id = h.submission_id AND v.element_code = h.element_code
WHERE h.state <> 'confirmed' AND s.status = 'current' AND p.year = pl.year
  AND s.unit_code IN (SELECT unit_code FROM plan_units WHERE plan_id = $plan_id)
GROUP BY ALL
ORDER BY s.received_at, s.submission_id, h.problem;

-- name: held_figures_of_problem
SELECT element_code, state FROM held_figures WHERE submission_id = $submission_id AND problem = $problem
ORDER BY element_code;

-- name: decide_held_figures
-- The secretariat's decision on the figures a report holds for one problem: confirmed (counted from now on)
-- or correction (held until a corrected report replaces the report).
UPDATE held_figures SET state = $state, decided_by = $actor, decided_at = current_timestamp, decision_reason = $reason
WHERE submission_id = $submission_id AND problem = $problem AND state <> 'confirmed';

-- name: period_unit_reports
-- The given units' current reports for the given periods (those ending on the same day), with the time
-- the first version of each arrived: timeliness is judged on that, not on a later correction.
SELECT unit_code, period_code, first_received_at
FROM submissions
WHERE status = 'current' AND list_contains($period_codes::TEXT[], period_code)
  AND list_contains($unit_codes::TEXT[], unit_code);

-- name: plan_data_summary
-- Where the data of a plan's year stands: reports per period; $unit_codes (NULL: every unit) limits it to
-- a unit staff member's units.
SELECT s.period_code, p.end_date, count(DISTINCT s.unit_code) AS count_units,
       max(s.received_at) AS last_received_at
FROM submissions s
JOIN periods p USING (period_code)
WHERE s.status = 'current' AND p.year = $year
  AND s.unit_code IN (SELECT unit_code FROM plan_units WHERE plan_id = $plan_id)
  AND ($unit_codes::TEXT[] IS NULL OR list_contains($unit_codes::TEXT[], s.unit_code))
GROUP BY s.period_code, p.end_date
ORDER BY p.end_date, s.period_code;

-- name: count_submissions
SELECT count(*) AS count_submissions FROM submissions;

-- name: last_load_marker
-- Changes whenever data is loaded, a held figure is decided, a report reviewed or a committee's decision recorded
-- or closed: the key of the dashboard's caches.
SELECT coalesce(max(submission_id), 0) AS last_submission_id,
       (SELECT count(*) FROM submissions WHERE status = 'current') AS count_current,
       (SELECT max(loaded_at) FROM plans) AS last_plan_loaded_at,
       (SELECT max(decided_at) FROM held_figures) AS last_verified_at,  -- a confirmed figure counts from then
       (SELECT max(review_id) FROM report_reviews) AS last_review_id,
       (SELECT max(decision_id) FROM committee_decisions) AS last_decision_id,
       (SELECT count(closed_at) FROM committee_decisions) AS count_closed_decisions
FROM submissions;

-- name: results_marker
-- Changes whenever anything a plan's results at a period's end rest on changes: the reports of the year ending by
-- then (a report or its new version gets a new id), the installed plans, the decisions on held figures and, with
-- $approved_only, the reviews. The key of the engine's shared results: a report of the fourth quarter leaves
-- the results of the first three as they were.
SELECT max(s.submission_id) AS last_submission_id,
       count(*) FILTER (WHERE s.status = 'current') AS count_current,
       (SELECT max(loaded_at) FROM plans) AS last_plan_loaded_at,
       (SELECT max(decided_at) FROM held_figures) AS last_verified_at,
       CASE WHEN $approved_only THEN (SELECT max(review_id) FROM report_reviews) END AS last_review_id
FROM submissions s
JOIN periods p USING (period_code)
WHERE p.year = $year AND p.end_date <= $end_date;

-- name: current_submission
SELECT submission_id, file_sha256, first_received_at
FROM submissions
WHERE unit_code = $unit_code AND period_code = $period_code AND status = 'current';

-- name: unit_plan_owner
-- The agency a unit's report for a year goes to: the owner of the (first) plan the unit reports for that year.
SELECT p.owner
FROM plans p JOIN plan_units pu USING (plan_id)
WHERE pu.unit_code = $unit_code AND p.year = $year
ORDER BY p.plan_id
LIMIT 1;

-- name: recorded_report
-- The current report of a unit and period as the form carries it: who wrote it, then its figures and communes.
SELECT submission_id, author
FROM submissions
WHERE unit_code = $unit_code AND period_code = $period_code AND status = 'current';

-- name: submission_communes_of
SELECT commune_code, held_communication, count_sessions, count_establishments, count_inspected, is_healthy
FROM submission_communes WHERE submission_id = $submission_id;

-- name: submissions_by_hashes
-- The reports that hold the very same bytes as any of the given files (by SHA-256).
SELECT file_sha256, submission_id, unit_code, period_code
FROM submissions WHERE file_sha256 IN (SELECT unnest($file_sha256::TEXT[]));

-- name: current_submissions_of
-- The current report of each unit and period given side by side in the two lists.
SELECT s.unit_code, s.period_code, s.submission_id, s.first_received_at
FROM submissions s
JOIN (SELECT DISTINCT unnest($unit_code::TEXT[]) AS unit_code, unnest($period_code::TEXT[]) AS period_code) k
  ON s.unit_code = k.unit_code AND s.period_code = k.period_code
WHERE s.status = 'current';

-- name: next_submission_ids
SELECT nextval('submission_id_seq') AS submission_id FROM range($count);

-- name: insert_submissions
-- Many reports in one statement: each $column but received_at and sender is a list, unnested side by side.
INSERT INTO submissions (submission_id, file_sha256, file_name, archive_path, unit_code, period_code, received_at,
                         first_received_at, sender, status, superseded_by, author, report_date, sender_reason)
SELECT unnest($submission_id::INTEGER[]), unnest($file_sha256::TEXT[]), unnest($file_name::TEXT[]),
       unnest($archive_path::TEXT[]), unnest($unit_code::TEXT[]), unnest($period_code::TEXT[]), $received_at,
       unnest($first_received_at::TIMESTAMP[]), $sender, unnest($status::TEXT[]), unnest($superseded_by::INTEGER[]),
       unnest($author::TEXT[]), unnest($report_date::TEXT[]), unnest($sender_reason::TEXT[]);

-- name: insert_held_figures
-- The figures of new reports that break a validation rule, held for verification.
INSERT INTO held_figures (submission_id, element_code, problem, state)
SELECT unnest($submission_id::INTEGER[]), unnest($element_code::TEXT[]), unnest($problem::TEXT[]), 'pending';

-- name: supersede_submissions
UPDATE submissions SET status = 'superseded', superseded_by = k.superseded_by
FROM (SELECT unnest($submission_id::INTEGER[]) AS submission_id, unnest($superseded_by::INTEGER[]) AS superseded_by) k
WHERE submissions.submission_id = k.submission_id;

-- name: insert_values
-- One statement for the values of many reports: each $column is a list, unnested side by side.
INSERT INTO submission_values
SELECT unnest($submission_id::INTEGER[]), unnest($element_code::TEXT[]), unnest($value::DOUBLE[]);

-- name: count_plan_units
SELECT count(*) AS count_units FROM plan_units WHERE plan_id = $plan_id;

-- name: plan_units_of_year
SELECT pu.unit_code, u.name, p.plan_id
FROM plans p
JOIN plan_units pu USING (plan_id)
JOIN units u ON u.structure = p.structure AND u.unit_code = pu.unit_code
WHERE p.year = $year;

-- name: units_year_values
-- The current figures of units in years (a unit and a year side by side in the two lists).
SELECT s.unit_code, p.year, s.period_code, p.end_date, v.element_code, v.value
FROM (SELECT DISTINCT unnest($unit_code::TEXT[]) AS unit_code, unnest($year::INTEGER[]) AS year) k
JOIN submissions s ON s.unit_code = k.unit_code AND s.status = 'current'
JOIN periods p ON p.period_code = s.period_code AND p.year = k.year
JOIN submission_values v ON v.submission_id = s.submission_id;

-- name: insert_warnings
INSERT INTO submission_warnings
SELECT unnest($submission_id::INTEGER[]), unnest($sheet::TEXT[]), unnest($cell::TEXT[]),
       unnest($element_code::TEXT[]), unnest($message::TEXT[]);

-- name: insert_communes
INSERT INTO submission_communes
SELECT unnest($submission_id::INTEGER[]), unnest($commune_code::TEXT[]), unnest($commune_name::TEXT[]),
       unnest($held_communication::BOOLEAN[]), unnest($count_sessions::DOUBLE[]),
       unnest($count_establishments::DOUBLE[]), unnest($count_inspected::DOUBLE[]), unnest($is_healthy::BOOLEAN[]);

-- name: current_values
-- Export: the figures of every current report.
SELECT s.unit_code, s.period_code AS period, v.element_code, v.value
FROM submissions s
JOIN submission_values v USING (submission_id)
JOIN periods p USING (period_code)
JOIN data_elements e USING (element_code)
WHERE s.status = 'current'
ORDER BY s.unit_code, p.end_date, p.start_date DESC, e.sort_order;

-- name: unit_communes
-- The communes directly under a unit in one structure (the rows of the form's ChiTietXa sheet).
SELECT unit_code, name
FROM units
WHERE structure = $structure AND parent_code = $unit_code AND level = 'commune'
ORDER BY unit_code;

-- name: plan_year_first_receipts
-- The current report of each of the plan's units for each period of a year, with the time its
-- first version arrived: timeliness is judged on that, not on a later correction.
SELECT s.unit_code, s.period_code, s.first_received_at, s.received_at
FROM submissions s
JOIN periods p USING (period_code)
WHERE s.status = 'current' AND p.year = $year
  AND s.unit_code IN (SELECT unit_code FROM plan_units WHERE plan_id = $plan_id)
ORDER BY s.unit_code, p.end_date, p.start_date DESC;

-- name: plan_submission_warnings
-- Every warning raised on a report of the plan's units for the plan's year, with the version that
-- carried it; superseded versions only on request; a NULL unit or period means all of them.
SELECT s.submission_id, s.unit_code, u.name AS unit_name, s.period_code, s.status, s.received_at,
       s.file_name, w.sheet, w.cell, w.element_code, w.message
FROM submission_warnings w
JOIN submissions s USING (submission_id)
JOIN periods p USING (period_code)
JOIN plans pl ON pl.plan_id = $plan_id AND p.year = pl.year
JOIN plan_units pu ON pu.plan_id = pl.plan_id AND pu.unit_code = s.unit_code
JOIN units u ON u.structure = pl.structure AND u.unit_code = s.unit_code
WHERE (s.status = 'current' OR $include_superseded)
  AND ($unit_code::TEXT IS NULL OR s.unit_code = $unit_code)
  AND ($period_code::TEXT IS NULL OR s.period_code = $period_code)
ORDER BY s.unit_code, p.end_date, p.start_date DESC, s.received_at, w.sheet, w.cell, w.message;

-- name: submission_periods
-- The period of each of the given submissions (the reports a figure rests on).
SELECT submission_id, period_code
FROM submissions
WHERE submission_id IN (SELECT unnest($submission_ids::INTEGER[]));

-- name: unit_latest_commune_detail
-- The commune rows (sheet ChiTietXa) of a unit's latest current report of the year, up to a date,
-- among the reports that carry such rows.
WITH source AS (
    SELECT s.submission_id, s.period_code, s.received_at
    FROM submissions s
    JOIN periods p USING (period_code)
    WHERE s.unit_code = $unit_code AND s.status = 'current'
      AND p.year = $year AND p.end_date <= $end_date
      AND EXISTS (SELECT 1 FROM submission_communes c WHERE c.submission_id = s.submission_id)
    ORDER BY p.end_date DESC, s.received_at DESC
    LIMIT 1
)
SELECT source.submission_id, source.period_code, source.received_at,
       c.commune_code, c.commune_name, c.held_communication, c.count_establishments, c.count_inspected
FROM source
JOIN submission_communes c USING (submission_id)
ORDER BY c.commune_code;

-- name: units_year_versions
-- When each version (current and superseded) of the given units' reports for a year arrived, oldest first.
SELECT s.unit_code, s.period_code, s.received_at
FROM submissions s
JOIN periods p USING (period_code)
WHERE s.unit_code IN (SELECT unnest($unit_code::TEXT[])) AND p.year = $year
ORDER BY s.unit_code, s.period_code, s.received_at;

-- name: unit_year_submissions
-- Every version (current and superseded) of a unit's reports for a year, with its count of warnings.
SELECT s.submission_id, s.period_code, p.period_type, s.received_at, s.first_received_at, s.sender,
       s.status, s.file_name,
       (SELECT count(*) FROM submission_warnings w WHERE w.submission_id = s.submission_id) AS count_warnings
FROM submissions s
JOIN periods p USING (period_code)
WHERE s.unit_code = $unit_code AND p.year = $year
ORDER BY p.end_date, p.start_date DESC, s.received_at;

-- name: submission_summary
-- One version of a report: who sent it, when, and what became of it.
SELECT submission_id, unit_code, period_code, file_name, sender, received_at, first_received_at, status,
       superseded_by, archive_path, file_sha256
FROM submissions WHERE submission_id = $submission_id;

-- name: submission_values_of
SELECT element_code, value FROM submission_values WHERE submission_id = $submission_id;

-- name: unit_previous_report
-- The unit's current report of the same kind (quarter, half-year, year) for the latest period ending
-- before the given one: what a new report is compared with.
SELECT s.submission_id, s.period_code
FROM submissions s
JOIN periods p USING (period_code)
WHERE s.unit_code = $unit_code AND s.status = 'current' AND p.period_type = $period_type
  AND p.end_date < $end_date
ORDER BY p.end_date DESC
LIMIT 1;

-- name: plan_submission_history
-- Every version of every report of the plan's units for the plan's year, newest first; a NULL unit
-- or period means all of them; $unit_codes (NULL: every unit) limits it to a unit staff member's units.
SELECT s.submission_id, s.unit_code, u.name AS unit_name, s.period_code, s.file_name, s.sender,
       s.received_at, s.first_received_at, s.status, s.superseded_by,
       (SELECT count(*) FROM submission_warnings w WHERE w.submission_id = s.submission_id) AS count_warnings
FROM submissions s
JOIN periods p USING (period_code)
JOIN plans pl ON pl.plan_id = $plan_id AND p.year = pl.year
JOIN plan_units pu ON pu.plan_id = pl.plan_id AND pu.unit_code = s.unit_code
JOIN units u ON u.structure = pl.structure AND u.unit_code = s.unit_code
WHERE ($unit_code::TEXT IS NULL OR s.unit_code = $unit_code)
  AND ($period_code::TEXT IS NULL OR s.period_code = $period_code)
  AND ($unit_codes::TEXT[] IS NULL OR list_contains($unit_codes::TEXT[], s.unit_code))
ORDER BY s.received_at DESC, s.submission_id DESC;

-- name: plan_latest_receipt
-- When the newest current report of the plan's units, for a period of the year ending by a date, arrived.
SELECT max(s.received_at) AS last_received_at
FROM submissions s
JOIN periods p USING (period_code)
WHERE s.status = 'current' AND p.year = $year AND p.end_date <= $end_date
  AND s.unit_code IN (SELECT unit_code FROM plan_units WHERE plan_id = $plan_id);

-- name: user_by_name
SELECT username, full_name, role, is_active, sessions_valid_from FROM users WHERE username = $username;

-- name: user_unit_codes
SELECT unit_code FROM user_units WHERE username = $username ORDER BY unit_code;

-- name: all_user_unit_codes
-- Every account's units, for the administration page's forms.
SELECT username, unit_code FROM user_units ORDER BY username, unit_code;

-- name: user_sign_in_state
SELECT password_hash, is_active FROM users WHERE username = $username;

-- name: record_sign_in
UPDATE users SET last_sign_in_at = $signed_in_at WHERE username = $username;

-- name: end_user_sessions
-- Sessions of the account signed in before $ended_at no longer pass (a new password, a deactivation).
UPDATE users SET sessions_valid_from = $ended_at WHERE username = $username;

-- name: sign_in_secret
SELECT secret_hex FROM sign_in_secret;

-- name: insert_sign_in_secret
INSERT INTO sign_in_secret VALUES (1, $secret_hex) ON CONFLICT DO NOTHING;

-- name: forget_sign_in_failures
DELETE FROM sign_in_failures WHERE failed_at < $before;

-- name: forget_known_clients
DELETE FROM sign_in_known_clients WHERE last_signed_in_at < $before;

-- name: sign_in_failure_counts
-- The remembered failures at this name from this client, from this client at any name and at this name from any
-- client, each with the latest; and whether this client is one the name signed in from (its owner's usual one).
SELECT count(*) FILTER (WHERE client_key = $client_key AND name_key = $name_key) AS count_pair_failures,
       max(failed_at) FILTER (WHERE client_key = $client_key AND name_key = $name_key) AS last_pair_failure_at,
       count(*) FILTER (WHERE client_key = $client_key) AS count_client_failures,
       max(failed_at) FILTER (WHERE client_key = $client_key) AS last_client_failure_at,
       count(*) FILTER (WHERE name_key = $name_key) AS count_name_failures,
       max(failed_at) FILTER (WHERE name_key = $name_key) AS last_name_failure_at,
       EXISTS (SELECT 1 FROM sign_in_known_clients k WHERE k.name_key = $name_key AND k.client_key = $client_key)
           AS is_known_client
FROM sign_in_failures;

-- name: insert_sign_in_failure
INSERT INTO sign_in_failures (failed_at, client_key, name_key) VALUES ($failed_at, $client_key, $name_key);

-- name: clear_sign_in_failures_of_pair
DELETE FROM sign_in_failures WHERE name_key = $name_key AND client_key = $client_key;

-- name: clear_sign_in_failures_of_name
DELETE FROM sign_in_failures WHERE name_key = $name_key;

-- name: forget_known_client
DELETE FROM sign_in_known_clients WHERE name_key = $name_key AND client_key = $client_key;

-- name: forget_known_clients_of_name
DELETE FROM sign_in_known_clients WHERE name_key = $name_key;

-- name: insert_known_client
INSERT INTO sign_in_known_clients (name_key, client_key, last_signed_in_at) VALUES ($name_key, $client_key, $signed_in_at);

-- name: set_password_hash
UPDATE users SET password_hash = $password_hash WHERE username = $username;

-- name: insert_user
INSERT INTO users (username, full_name, role, password_hash, is_active, created_at, last_sign_in_at)
VALUES ($username, $full_name, $role, $password_hash, TRUE, $created_at, NULL);

-- name: insert_user_unit
INSERT INTO user_units VALUES ($username, $unit_code);

-- name: delete_user_units
DELETE FROM user_units WHERE username = $username;

-- name: update_user
UPDATE users SET full_name = $full_name, role = $role WHERE username = $username;

-- name: set_user_active
UPDATE users SET is_active = $is_active WHERE username = $username;

-- name: active_admins
SELECT username FROM users WHERE role = 'admin' AND is_active;

-- name: active_password_hashes
-- The active accounts among the given names, with their password hashes: is a demo password still in use?
SELECT username, role, password_hash FROM users WHERE is_active AND list_contains($usernames, username);

-- name: all_unit_codes
SELECT DISTINCT unit_code FROM units;

-- name: list_users
-- Every account with its units, for the administration page.
SELECT u.username, u.full_name, u.role, u.is_active, u.last_sign_in_at,
       (SELECT string_agg(unit_code, ', ' ORDER BY unit_code) FROM user_units uu WHERE uu.username = u.username)
           AS unit_codes
FROM users u
ORDER BY u.role, u.username;

-- name: audit_entries
-- The audit log, newest first, filtered by actor, entity and a date range (NULL: no filter).
SELECT audit_id, logged_at, actor, action, entity, entity_id, before_json, after_json
FROM audit_log
WHERE ($actor::TEXT IS NULL OR actor = $actor)
  AND ($entity::TEXT IS NULL OR entity = $entity)
  AND ($since::DATE IS NULL OR logged_at >= $since)
  AND ($until::DATE IS NULL OR logged_at < $until::DATE + 1)
ORDER BY audit_id DESC
LIMIT $limit;

-- name: audit_actors
SELECT DISTINCT actor FROM audit_log ORDER BY actor;

-- name: all_reporting_units
-- Every unit that reports for at least one plan, with its province, for assigning units to accounts.
SELECT DISTINCT pu.unit_code, u.name, p.province_name
FROM plan_units pu
JOIN plans p USING (plan_id)
JOIN units u ON u.structure = p.structure AND u.unit_code = pu.unit_code
ORDER BY p.province_name, pu.unit_code;

-- name: provinces_of
SELECT unit_code, name FROM units WHERE structure = $structure AND level = 'province' ORDER BY unit_code;

-- name: province_units_of_level
-- The units of one level under a province (directly, or under one of its districts), in code order.
SELECT u.unit_code, u.name
FROM units u
WHERE u.structure = $structure AND u.level = $level
  AND (u.parent_code = $province_code
       OR u.parent_code IN (SELECT d.unit_code FROM units d
                            WHERE d.structure = $structure AND d.parent_code = $province_code))
ORDER BY u.unit_code;

-- name: checkpoint
-- Write every committed change into the database file itself: the file alone is then the whole database.
CHECKPOINT;

-- name: database_facts
-- What a backup's manifest and the health check say about a database: schema version and row counts.
SELECT (SELECT max(version) FROM schema_migrations) AS schema_version,
       (SELECT count(*) FROM submissions) AS count_submissions,
       (SELECT count(*) FROM submissions WHERE status = 'current') AS count_current,
       (SELECT count(*) FROM users) AS count_users,
       (SELECT count(*) FROM audit_log) AS count_audit;

-- name: has_accounts
-- Whether a database has accounts (a backup made before they existed has not): any table or view that the
-- name `users` could reach, so that accounts cannot hide from a restore's comparison under another guise.
SELECT count(*) > 0 AS has_accounts FROM information_schema.tables WHERE lower(table_name) = 'users';

-- name: accounts_compared
-- What a restore compares, account by account, between the live database and a backup's.
SELECT u.username, u.role, u.password_hash, u.is_active,
       coalesce((SELECT list(uu.unit_code ORDER BY uu.unit_code) FROM user_units uu WHERE uu.username = u.username),
                []::TEXT[]) AS unit_codes
FROM users u
ORDER BY u.username;

-- name: archived_originals
-- Every report version (current and superseded) with its original file in the archive.
SELECT s.archive_path, s.file_sha256, s.file_name, s.unit_code,
       (SELECT min(u.name) FROM units u WHERE u.unit_code = s.unit_code) AS unit_name,
       s.period_code, s.status
FROM submissions s
ORDER BY s.archive_path;

-- name: archived_paths
-- The original file of every report version, relative to the archive: the health check's quick look.
SELECT archive_path FROM submissions;

-- name: crosswalk_predecessors
-- The pre-2025 units a post-2025 commune came from (core/continuity.py), each with its district's name and
-- whether it came whole or as a part of a divided commune.
SELECT c.old_code, c.old_level, c.old_name, c.old_district_code, coalesce(d.name, '') AS district_name, c.part
FROM unit_crosswalk c
LEFT JOIN units d ON d.structure = 'pre2025' AND d.unit_code = c.old_district_code
WHERE c.new_code = $new_code
ORDER BY c.old_district_code, c.old_code;

-- name: crosswalk_successors
-- The post-2025 communes a pre-2025 unit's territory went to: for a commune its own rows, for a district those
-- of every commune in it (and its own row when it had none).
SELECT c.new_code, c.new_name, c.old_code, c.old_name, c.part
FROM unit_crosswalk c
WHERE c.old_code = $old_code OR (c.old_district_code = $old_code AND $old_level = 'district')
ORDER BY c.new_code, c.old_code;

-- name: predecessor_provinces
-- The pre-2025 provinces a post-2025 province was made of (itself alone when it was not merged).
SELECT DISTINCT c.old_province_code AS unit_code, u.name
FROM unit_crosswalk c
JOIN units u ON u.structure = 'pre2025' AND u.unit_code = c.old_province_code
WHERE c.new_province_code = $province_code
ORDER BY unit_code;

-- name: years_reported
-- The years in which any of the given units has a current report for a period ending in [$from_date, $to_date].
SELECT DISTINCT p.year
FROM submissions s JOIN periods p USING (period_code)
WHERE s.status = 'current' AND list_contains($unit_codes::TEXT[], s.unit_code)
  AND p.end_date BETWEEN $from_date AND $to_date
ORDER BY p.year;

-- name: successor_province
-- The post-2025 province a pre-2025 province became part of.
SELECT DISTINCT new_province_code AS unit_code FROM unit_crosswalk WHERE old_province_code = $province_code;

-- name: review_states
-- The latest review decision about each current report of the given units (NULL: every unit) for the given
-- periods: none, or one about an older version, means the report waits for review (core/reviews.py).
WITH cur AS (
    SELECT s.unit_code, s.period_code, s.submission_id, s.received_at, s.sender,
           (SELECT count(*) FROM submissions v
            WHERE v.unit_code = s.unit_code AND v.period_code = s.period_code) AS versions,
           (SELECT count(*) FROM submission_warnings w WHERE w.submission_id = s.submission_id) AS warnings,
           (SELECT count(*) FROM held_figures h
            WHERE h.submission_id = s.submission_id AND h.state <> 'confirmed') AS held
    FROM submissions s
    WHERE s.status = 'current'
      AND list_contains($period_codes::TEXT[], s.period_code)
      AND ($unit_codes::TEXT[] IS NULL OR list_contains($unit_codes::TEXT[], s.unit_code))
),
latest AS (
    SELECT r.*, row_number() OVER (PARTITION BY r.unit_code, r.period_code ORDER BY r.review_id DESC) AS n
    FROM report_reviews r
    JOIN cur USING (unit_code, period_code)
)
SELECT cur.unit_code, cur.period_code, cur.submission_id, cur.received_at, cur.sender, cur.versions,
       cur.warnings, cur.held,
       CASE WHEN l.submission_id = cur.submission_id THEN l.decision END AS decision,
       CASE WHEN l.submission_id = cur.submission_id THEN l.reason END AS reason,
       CASE WHEN l.submission_id = cur.submission_id THEN l.cells_json END AS cells_json,
       CASE WHEN l.submission_id = cur.submission_id THEN l.actor END AS actor,
       CASE WHEN l.submission_id = cur.submission_id THEN l.decided_at END AS decided_at
FROM cur LEFT JOIN latest l ON l.unit_code = cur.unit_code AND l.period_code = cur.period_code AND l.n = 1;

-- name: approved_reports
-- Of the given units' current reports for the given periods, those approved: the latest decision about the report is
-- the approval of its current version (as review_states reads it). What the loader asks at every batch: the locks.
WITH latest AS (
    SELECT unit_code, period_code, arg_max(submission_id, review_id) AS submission_id,
           arg_max(decision, review_id) AS decision, arg_max(actor, review_id) AS actor,
           arg_max(decided_at, review_id) AS decided_at
    FROM report_reviews
    WHERE list_contains($period_codes::TEXT[], period_code) AND list_contains($unit_codes::TEXT[], unit_code)
    GROUP BY unit_code, period_code
)
SELECT l.unit_code, l.period_code, l.actor, l.decided_at
FROM latest l
JOIN submissions s ON s.submission_id = l.submission_id AND s.status = 'current'
WHERE l.decision = 'approved';

-- name: insert_review
INSERT INTO report_reviews (unit_code, period_code, submission_id, decision, reason, cells_json, actor, decided_at)
VALUES ($unit_code, $period_code, $submission_id, $decision, $reason, $cells_json, $actor, $decided_at);

-- name: previous_version
-- The version a report replaced, if any (Duyệt báo cáo shows the figures beside it).
SELECT submission_id FROM submissions WHERE superseded_by = $submission_id;

-- name: unit_plan_entry
-- The plan a unit reports for in a year (the first, as unit_plan_owner): its id and how long entry stays open.
SELECT p.plan_id, p.entry_open_days
FROM plans p JOIN plan_units pu USING (plan_id)
WHERE pu.unit_code = $unit_code AND p.year = $year
ORDER BY p.plan_id
LIMIT 1;

-- name: entry_window
-- The latest day a window the secretariat opened lets a unit upload a report (NULL: none opened).
SELECT max(open_until) AS open_until FROM entry_windows WHERE unit_code = $unit_code AND period_code = $period_code;

-- name: insert_entry_window
INSERT INTO entry_windows VALUES ($unit_code, $period_code, $open_until, $reason, $actor, $opened_at);

-- name: figure_questions
-- The questions on the figures of the given units (NULL: every unit) and periods, oldest first, each with the
-- figure on record now (NULL when the current report leaves it blank, or none came in).
SELECT q.question_id, q.unit_code, q.period_code, q.element_code, q.question, q.asked_by, q.asked_at,
       q.answer, q.answered_by, q.answered_at, v.value
FROM figure_questions q
LEFT JOIN submissions s ON s.unit_code = q.unit_code AND s.period_code = q.period_code AND s.status = 'current'
LEFT JOIN submission_values v ON v.submission_id = s.submission_id AND v.element_code = q.element_code
WHERE list_contains($period_codes::TEXT[], q.period_code)
  AND ($unit_codes::TEXT[] IS NULL OR list_contains($unit_codes::TEXT[], q.unit_code))
ORDER BY q.question_id;

-- name: figure_question
SELECT question_id, unit_code, period_code, element_code, answer FROM figure_questions
WHERE question_id = $question_id;

-- name: insert_figure_question
INSERT INTO figure_questions (unit_code, period_code, element_code, question, asked_by, asked_at)
VALUES ($unit_code, $period_code, $element_code, $question, $asked_by, $asked_at)
RETURNING question_id;

-- name: answer_figure_question
UPDATE figure_questions SET answer = $answer, answered_by = $answered_by, answered_at = $answered_at
WHERE question_id = $question_id;

-- name: unit_contacts
-- The contacts of the given units, in the order they were added.
SELECT contact_id, unit_code, name, role, email, phone
FROM unit_contacts WHERE list_contains($unit_codes::TEXT[], unit_code)
ORDER BY contact_id;

-- name: insert_unit_contact
INSERT INTO unit_contacts (unit_code, name, role, email, phone, added_by, added_at)
VALUES ($unit_code, $name, $role, $email, $phone, $added_by, $added_at)
RETURNING contact_id;

-- name: delete_unit_contact
DELETE FROM unit_contacts WHERE contact_id = $contact_id RETURNING unit_code, name, role, email, phone;

-- name: mail_known_events
-- Of the given events, those a message was already recorded for (core/outbox.py: one message per event).
SELECT event_key FROM mail_messages WHERE list_contains($event_keys::TEXT[], event_key);

-- name: insert_mail_message
INSERT INTO mail_messages (event_key, kind, plan_id, period_code, unit_code, recipients, subject, body,
                           created_by, created_at, expires_at, status, attempts)
SELECT $event_key, $kind, $plan_id, $period_code, $unit_code, $recipients, $subject, $body,
       $created_by, $created_at, $expires_at, 'queued', 0
WHERE NOT EXISTS (SELECT 1 FROM mail_messages WHERE event_key = $event_key)
RETURNING message_id;

-- name: insert_mail_attachment
INSERT INTO mail_attachments (message_id, position, file_name, mime_type, content)
VALUES ($message_id, $position, $file_name, $mime_type, $content);

-- name: expire_mail_messages
-- Messages not sent before they stopped making sense (a reminder after its deadline): never sent.
UPDATE mail_messages SET status = 'expired'
WHERE status IN ('queued', 'failed') AND expires_at < $now
RETURNING message_id;

-- name: claim_mail_messages
-- The messages to send now, marked as being sent by this run: waiting or failed ones, and those a run that
-- stopped half-way left marked before `stale_before`. NULL message_ids: every one.
UPDATE mail_messages
SET status = 'sending', attempts = attempts + 1, last_attempt_at = $now
WHERE (status IN ('queued', 'failed') OR (status = 'sending' AND last_attempt_at < $stale_before))
  AND ($message_ids::INTEGER[] IS NULL OR list_contains($message_ids::INTEGER[], message_id))
RETURNING message_id, recipients, subject, body;

-- name: mail_attachments
SELECT message_id, position, file_name, mime_type, content FROM mail_attachments
WHERE list_contains($message_ids::INTEGER[], message_id)
ORDER BY message_id, position;

-- name: mark_mail_sent
UPDATE mail_messages SET status = 'sent', sent_at = $now, error = NULL WHERE message_id = $message_id;

-- name: mark_mail_failed
UPDATE mail_messages SET status = 'failed', error = $error WHERE message_id = $message_id;

-- name: mail_log
-- The messages recorded, newest first, with their outcome (NULL status: every one).
SELECT m.message_id, m.kind, m.plan_id, m.period_code, m.unit_code, m.recipients, m.subject, m.body,
       m.created_by, m.created_at, m.status, m.attempts, m.last_attempt_at, m.sent_at, m.error,
       (SELECT string_agg(a.file_name, ', ' ORDER BY a.position) FROM mail_attachments a
        WHERE a.message_id = m.message_id) AS attachment_names
FROM mail_messages m
WHERE $status::TEXT IS NULL OR m.status = $status
ORDER BY m.message_id DESC
LIMIT $limit;

-- name: mail_counts
SELECT status, count(*) AS count_messages FROM mail_messages GROUP BY status ORDER BY status;

-- name: digest_recipients
SELECT recipient_id, name, email FROM digest_recipients ORDER BY recipient_id;

-- name: insert_digest_recipient
INSERT INTO digest_recipients (name, email, added_by, added_at) VALUES ($name, $email, $added_by, $added_at)
RETURNING recipient_id;

-- name: delete_digest_recipient
DELETE FROM digest_recipients WHERE recipient_id = $recipient_id RETURNING name, email;

-- name: mail_marker
-- Changes whenever a message is recorded or sent, or a contact or digest recipient is added or removed: part of
-- the key of page Thư điện tử's cached preview.
SELECT (SELECT max(message_id) FROM mail_messages) AS last_message,
       (SELECT count(*) FROM mail_messages WHERE status = 'sent') AS count_sent,
       (SELECT max(contact_id) FROM unit_contacts) AS last_contact,
       (SELECT count(*) FROM unit_contacts) AS count_contacts,
       (SELECT max(recipient_id) FROM digest_recipients) AS last_recipient,
       (SELECT count(*) FROM digest_recipients) AS count_recipients;

-- name: committee_decisions
-- A plan's decisions, open ones first, then by meeting and order of recording.
SELECT decision_id, plan_id, period_code, indicator_code, unit_codes, decision, responsible, due_on, value_then,
       recorded_by, recorded_at, closed_by, closed_at, close_note
FROM committee_decisions
WHERE plan_id = $plan_id
ORDER BY closed_at IS NOT NULL, decision_id;

-- name: insert_committee_decision
INSERT INTO committee_decisions (plan_id, period_code, indicator_code, unit_codes, decision, responsible, due_on,
                                 value_then, recorded_by, recorded_at)
VALUES ($plan_id, $period_code, $indicator_code, $unit_codes, $decision, $responsible, $due_on, $value_then,
        $recorded_by, $recorded_at)
RETURNING decision_id;

-- name: close_committee_decision
UPDATE committee_decisions SET closed_by = $closed_by, closed_at = $closed_at, close_note = $close_note
WHERE decision_id = $decision_id AND closed_at IS NULL
RETURNING decision_id, plan_id, indicator_code, decision;
