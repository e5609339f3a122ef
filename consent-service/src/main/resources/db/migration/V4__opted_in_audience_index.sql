-- The audience index held every state. An import reads its project's current states of a chunk's phones
-- (project = ? AND phone = ANY(?)); while the statistics still described the project as empty (they are refreshed only
-- after many rows), the planner read that through this index and walked the project's whole slice of it for every
-- chunk: 214 ms per 5,000 rows and 42 s of a 1M-row import. Only opted-in rows are ever read through it (audiences),
-- so it becomes partial: it cannot serve that read any more, which therefore always takes the primary key (phone
-- first), and opted-out and unknown states no longer cost an index entry.
DROP INDEX consent_state_audience_idx;
CREATE INDEX consent_state_audience_idx ON consent_state (project, category, phone) WHERE state = 'OPTED_IN';
