-- Finding a child, the child's record and the chronology.

-- Names found by how they sound: fuzzystrmatch (a PostgreSQL contrib extension, "trusted", so the database's
-- owner can create it; PGlite loads it in src/db/pglite.ts). dmetaphone gives "Jon" and "John" the same key,
-- and "Smyth" and "Smith".
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- A person's name as lower-case parts ("Mary-Jane O'Neil" -> {mary, jane, o, neil}).
CREATE FUNCTION tl_name_parts(forename text, surname text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN array_remove(regexp_split_to_array(lower(coalesce(forename, '') || ' ' || coalesce(surname, '')), '[\s''’‘`.,-]+'), '');

-- The sound keys of every part of a name (double metaphone, primary and alternative).
CREATE FUNCTION tl_name_keys(forename text, surname text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN ARRAY(
    SELECT DISTINCT k FROM unnest(tl_name_parts(forename, surname)) AS w, LATERAL (VALUES (dmetaphone(w)), (dmetaphone_alt(w))) AS v(k)
     WHERE k <> '' ORDER BY k
  );

-- An identifier as typed or as held, without spaces or punctuation, in capitals ("943 476 5919" -> 9434765919).
CREATE FUNCTION tl_identifier_key(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN upper(regexp_replace(value, '[^0-9A-Za-z]', '', 'g'));

-- Search indexes on the current version of each person.
CREATE INDEX person_name_keys ON person USING gin (tl_name_keys(forename, surname)) WHERE recorded_to IS NULL AND NOT deleted;
CREATE INDEX person_surname_prefix ON person (lower(surname) text_pattern_ops) WHERE recorded_to IS NULL AND NOT deleted;
CREATE INDEX person_forename_prefix ON person (lower(forename) text_pattern_ops) WHERE recorded_to IS NULL AND NOT deleted;
CREATE INDEX person_dob ON person (dob) WHERE recorded_to IS NULL AND NOT deleted;
CREATE INDEX person_expected_dob ON person (expected_dob) WHERE recorded_to IS NULL AND NOT deleted AND expected_dob IS NOT NULL;
CREATE INDEX person_identifier_value ON person_identifier (tl_identifier_key(value)) WHERE recorded_to IS NULL AND NOT deleted;

-- Key people on the child's record: relationships recorded on another person's record, the child's mother,
-- and the rest of the child's family.
CREATE INDEX relationship_related_person ON relationship (related_person_id) WHERE recorded_to IS NULL;
CREATE INDEX mother_child_person ON mother (child_person_id) WHERE recorded_to IS NULL;
CREATE INDEX family_family ON family (family_id) WHERE recorded_to IS NULL;

-- Significant event (tl_significant_events): something that happened in the child's life, added to the
-- chronology by hand. As src/db/schema-ddl.ts generates it.
CREATE TABLE significant_event (
  id text NOT NULL,
  version integer NOT NULL,
  person_id text,
  event_at timestamptz,
  event_at_has_time boolean,
  title text,
  description text,
  source text,
  worker_id text,
  deleted boolean NOT NULL DEFAULT false,
  recorded_from timestamptz NOT NULL,
  recorded_to timestamptz,
  recorded_by text NOT NULL,
  change_reason text,
  first_recorded_at timestamptz NOT NULL,
  import_id integer REFERENCES import_run (id),
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX significant_event_current ON significant_event (id) WHERE recorded_to IS NULL;
CREATE INDEX significant_event_person ON significant_event (person_id);
CREATE VIEW current_significant_event AS SELECT * FROM significant_event WHERE recorded_to IS NULL AND NOT deleted;
