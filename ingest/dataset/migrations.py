"""The database schema as forward migrations: a file made by this release opens in the next.

Each migration runs once, in order, inside one transaction with the version bump, so a file
is always at exactly one version. Never edit a released migration: add the next one.

The comments in the SQL are the documentation: SQLite keeps each CREATE statement as written,
so ``docs/database.md`` and the Datasette metadata are generated from the live schema
(``ingest.dataset.schema_doc``) and a test fails when they drift. Write a ``--`` comment after
every table's opening parenthesis and after every column.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


INITIAL = """
CREATE TABLE schema_migrations ( -- The migrations applied to this file, oldest first (the schema version is also in `PRAGMA user_version`).
  version INTEGER PRIMARY KEY, -- Schema version the migration brought the file to.
  name TEXT NOT NULL, -- What the migration did.
  applied_at TEXT NOT NULL, -- When (UTC, ISO 8601).
  roleframe_version TEXT NOT NULL -- The roleframe release that applied it.
);

CREATE TABLE series ( -- A document's identity across its versions: the same role profile, matrix, JE form or framework, whatever its bytes.
  id TEXT PRIMARY KEY, -- Stable id (uuid5 of `key`).
  kind TEXT NOT NULL, -- skills_matrix, role_profile, je_form, competency_framework or progression_framework.
  key TEXT NOT NULL UNIQUE, -- Natural key: kind, organisation and title, normalised (dates left out of titles).
  title TEXT, -- Title as the first version wrote it.
  organisation TEXT -- Organisation as the first version named it, if it did.
);

CREATE TABLE versions ( -- One version of a series. Renditions of one document (its .docx and its PDF) carry the same facts and share a version; different facts make a new version that supersedes the previous one. Nothing is deleted.
  id TEXT PRIMARY KEY, -- Stable id (uuid5 of series and content digest).
  series_id TEXT NOT NULL REFERENCES series(id), -- The series this is a version of.
  number INTEGER NOT NULL, -- 1, 2, 3 ... in the order versions were loaded.
  content_digest TEXT NOT NULL, -- sha256 of the facts loaded, without their places in the file.
  valid_from TEXT NOT NULL, -- When this version took effect: `load --valid-from`, else when it was loaded (UTC, ISO 8601).
  valid_to TEXT, -- When the next version took effect; NULL while this one is current.
  superseded_by TEXT REFERENCES versions(id), -- The version that took over from this one.
  UNIQUE (series_id, content_digest),
  UNIQUE (series_id, number)
);
CREATE INDEX versions_series ON versions(series_id, valid_from);

CREATE TABLE documents ( -- One row per file loaded (per distinct bytes): what it is, what read it, who loaded it and when.
  id TEXT PRIMARY KEY, -- The document JSON's id (uuid5 of the file's sha256).
  version_id TEXT NOT NULL REFERENCES versions(id), -- The version of its series this file is (a rendition of).
  filename TEXT NOT NULL, -- Source file name (no folders).
  sha256 TEXT NOT NULL UNIQUE, -- SHA-256 of the source file's bytes: the same bytes load once.
  format TEXT NOT NULL, -- Format detected from the bytes: docx, xlsx, pdf, csv, tsv.
  kind TEXT NOT NULL, -- Document kind (detected or forced).
  size INTEGER NOT NULL, -- Source file size in bytes.
  pages INTEGER, -- Page count (PDF).
  title TEXT, -- Document title where found.
  organisation TEXT, -- Organisation: named in the document, else `load --organisation`.
  service TEXT, -- Service or team where named.
  extractor TEXT NOT NULL, -- Kind extractor that read it.
  parser_version TEXT NOT NULL, -- That extractor's version.
  schema_version TEXT NOT NULL, -- Version of the document JSON schema.
  warnings INTEGER NOT NULL, -- Number of content warnings the pipeline raised.
  loaded_at TEXT NOT NULL, -- When it was loaded (UTC, ISO 8601).
  loaded_by TEXT NOT NULL -- Who loaded it (login name or `load --who`).
);
CREATE INDEX documents_version ON documents(version_id);
CREATE INDEX documents_kind ON documents(kind);

CREATE TABLE document_json ( -- Each document exactly as loaded (the pipeline's JSON), so later migrations can derive new tables from it.
  document_id TEXT PRIMARY KEY REFERENCES documents(id), -- The document.
  json TEXT NOT NULL -- The document JSON.
);

CREATE TABLE roles ( -- A role (post) as one thing across documents and versions, recognised by title and organisation, normalised.
  id TEXT PRIMARY KEY, -- Stable id.
  title TEXT NOT NULL, -- Title as first written.
  organisation TEXT, -- Organisation, if known.
  title_key TEXT NOT NULL, -- Title normalised for matching (case, `&`/and, punctuation, spelling, post counts such as `(x2)`).
  organisation_key TEXT NOT NULL, -- Organisation normalised; '' when unknown.
  status TEXT NOT NULL, -- ok; review when its title was near another role's and waits for a person (`roleframe review --db`); decided once a person ruled.
  merged_into TEXT REFERENCES roles(id), -- Set when a person ruled it the same role as another: its mentions now point there.
  created_at TEXT NOT NULL -- When it was first seen.
);
CREATE INDEX roles_key ON roles(organisation_key, title_key);
CREATE INDEX roles_status ON roles(status);

CREATE TABLE role_mentions ( -- A role as one document version writes it: title, grade, service, post numbers, and how it was recognised.
  id TEXT PRIMARY KEY, -- Stable id.
  version_id TEXT NOT NULL REFERENCES versions(id), -- The document version that mentions the role.
  role_id TEXT NOT NULL REFERENCES roles(id), -- The role it was recognised as.
  relation TEXT NOT NULL, -- How the document speaks of it: matrix_row, profile, je_post (the post evaluated), je_comparator, progression_role.
  position INTEGER NOT NULL, -- Order in the document.
  title TEXT NOT NULL, -- Title exactly as written.
  grade TEXT, -- Grade, pay scale or range as written.
  service TEXT, -- Service where named.
  team TEXT, -- Row group, section or team heading the role sits under.
  post_numbers TEXT, -- Post or position numbers as written.
  match_status TEXT NOT NULL, -- new (first seen), matched, review (near another role: waits for a person) or decided.
  match_method TEXT NOT NULL, -- exact, alias, fuzzy, stem, qualifier, near, decision or none.
  match_score REAL, -- Similarity to the role it was matched or compared with, 0-100.
  candidates TEXT -- For review: JSON list of the roles it may be (role_id, title, score).
);
CREATE INDEX role_mentions_role ON role_mentions(role_id);
CREATE INDEX role_mentions_version ON role_mentions(version_id);

CREATE TABLE competencies ( -- Competency, JE factor and requirement-category names exactly as written, each with the registry entry it matched.
  id TEXT PRIMARY KEY, -- Stable id (list and name as written).
  list TEXT NOT NULL, -- competencies, factors or categories.
  name TEXT NOT NULL, -- The name as written (`Financial n`).
  canonical_id TEXT, -- Registry entry it matched when last loaded; NULL when unmatched or waiting for review.
  canonical_name TEXT, -- That entry's preferred name.
  UNIQUE (list, name)
);
CREATE INDEX competencies_canonical ON competencies(canonical_id);

CREATE TABLE name_matches ( -- How each document matched each name onto the registry: status, score, method.
  id TEXT PRIMARY KEY, -- Stable id.
  document_id TEXT NOT NULL REFERENCES documents(id), -- The document that wrote the name.
  competency_id TEXT NOT NULL REFERENCES competencies(id), -- The name as written.
  status TEXT NOT NULL, -- matched, review or unmatched.
  score REAL NOT NULL, -- Score of the best candidate, 0-100.
  method TEXT NOT NULL, -- exact, alias, qualifier, stem, fuzzy, prefix, context, decision or none.
  canonical_id TEXT, -- Registry entry matched.
  canonical_name TEXT, -- Its preferred name.
  runner_up_name TEXT, -- Second-best entry, to show the margin.
  runner_up_score REAL, -- Its score.
  resolved_name TEXT, -- Full name a truncated name was read as (`Financial n` -> `Financial management`).
  reason TEXT -- Why it was not matched automatically.
);
CREATE INDEX name_matches_document ON name_matches(document_id);
CREATE INDEX name_matches_competency ON name_matches(competency_id);
CREATE INDEX name_matches_status ON name_matches(status);

CREATE TABLE requirements ( -- The level a role needs in a competency, with the level as written: skills matrix cells, and the competency tables of role profiles.
  id TEXT PRIMARY KEY, -- Stable id.
  version_id TEXT NOT NULL REFERENCES versions(id), -- Matrix version.
  role_mention_id TEXT NOT NULL REFERENCES role_mentions(id), -- The role (row).
  competency_id TEXT NOT NULL REFERENCES competencies(id), -- The competency (column header as written).
  position INTEGER NOT NULL, -- Order in the matrix (row-major).
  level INTEGER, -- Level as a number; NULL for an empty cell, a tick or text.
  raw TEXT NOT NULL -- The cell as written ('' when empty, `S`, `2`, `Good`).
);
CREATE INDEX requirements_version ON requirements(version_id);
CREATE INDEX requirements_mention ON requirements(role_mention_id);
CREATE INDEX requirements_competency ON requirements(competency_id);

CREATE TABLE descriptors ( -- What each level of a competency means (a skills matrix's descriptor table).
  id TEXT PRIMARY KEY, -- Stable id.
  version_id TEXT NOT NULL REFERENCES versions(id), -- Matrix version.
  competency_id TEXT NOT NULL REFERENCES competencies(id), -- The competency as the descriptor table names it.
  position INTEGER NOT NULL, -- Order in the descriptor table.
  level INTEGER NOT NULL, -- The level described.
  text TEXT NOT NULL -- The description ('' where the source cell is empty).
);
CREATE INDEX descriptors_competency ON descriptors(competency_id, level);
CREATE INDEX descriptors_version ON descriptors(version_id);

CREATE TABLE profile_fields ( -- Labelled values about a role: a role profile's fields (job family, pay scale, reports to ...) and a JE form's post details.
  id TEXT PRIMARY KEY, -- Stable id.
  version_id TEXT NOT NULL REFERENCES versions(id), -- Document version.
  role_mention_id TEXT NOT NULL REFERENCES role_mentions(id), -- The role.
  position INTEGER NOT NULL, -- Order in the document.
  label TEXT NOT NULL, -- Label as printed.
  value TEXT -- Value as written; NULL when not given.
);
CREATE INDEX profile_fields_mention ON profile_fields(role_mention_id);

CREATE TABLE profile_statements ( -- A role profile's text: purpose, accountabilities and outcomes, contacts, key facts, knowledge and skills, qualifications, progression stages, notes.
  id TEXT PRIMARY KEY, -- Stable id.
  version_id TEXT NOT NULL REFERENCES versions(id), -- Role profile version.
  role_mention_id TEXT NOT NULL REFERENCES role_mentions(id), -- The role.
  section TEXT NOT NULL, -- What the text is: purpose, accountability, outcome, progression_stage, key_facts, nature_of_contacts ... or other.
  heading TEXT, -- The section's heading or label as printed.
  position INTEGER NOT NULL, -- Order in the document.
  text TEXT NOT NULL, -- The paragraph as written.
  bulleted INTEGER NOT NULL -- 1 for a list item.
);
CREATE INDEX profile_statements_mention ON profile_statements(role_mention_id, section);

CREATE TABLE person_spec ( -- Person specification criteria of a role: essential or desirable, and how assessed.
  id TEXT PRIMARY KEY, -- Stable id.
  version_id TEXT NOT NULL REFERENCES versions(id), -- Role profile version.
  role_mention_id TEXT NOT NULL REFERENCES role_mentions(id), -- The role.
  position INTEGER NOT NULL, -- Order in the document.
  section TEXT, -- Criteria group as written (Knowledge, Experience).
  text TEXT NOT NULL, -- The criterion as written.
  requirement TEXT, -- essential, desirable, or NULL when the source does not say.
  assessed_by TEXT -- Assessment methods, comma-separated.
);
CREATE INDEX person_spec_mention ON person_spec(role_mention_id);

CREATE TABLE je_factors ( -- Job evaluation factor rows: the factor as written and the evidence given.
  id TEXT PRIMARY KEY, -- Stable id.
  version_id TEXT NOT NULL REFERENCES versions(id), -- JE form version.
  competency_id TEXT NOT NULL REFERENCES competencies(id), -- The factor name as written (list `factors`).
  position INTEGER NOT NULL, -- Order on the form.
  evidence TEXT -- Commentary and evidence, paragraphs joined by newlines.
);
CREATE INDEX je_factors_version ON je_factors(version_id);
CREATE INDEX je_factors_competency ON je_factors(competency_id);

CREATE TABLE je_levels ( -- Job evaluation factor levels of each post on a form: the comparator post's, the proposed and the agreed level.
  id TEXT PRIMARY KEY, -- Stable id.
  je_factor_id TEXT NOT NULL REFERENCES je_factors(id), -- The factor row.
  role_mention_id TEXT NOT NULL REFERENCES role_mentions(id), -- The post the level is for (the post evaluated, or the comparator).
  basis TEXT NOT NULL, -- comparator, proposed or agreed.
  level INTEGER, -- The level as a number; NULL when not given.
  raw TEXT NOT NULL, -- The level cell as written.
  score TEXT -- The score cell as written, where the form has one.
);
CREATE INDEX je_levels_factor ON je_levels(je_factor_id);
CREATE INDEX je_levels_mention ON je_levels(role_mention_id);

CREATE TABLE framework_levels ( -- The levels a competency framework defines (One, Two, Three) and who each is for.
  id TEXT PRIMARY KEY, -- Stable id.
  version_id TEXT NOT NULL REFERENCES versions(id), -- Framework version.
  level INTEGER NOT NULL, -- Level number.
  name TEXT NOT NULL, -- Level name as written.
  audience TEXT -- Who the level applies to (All staff, Managers).
);
CREATE INDEX framework_levels_version ON framework_levels(version_id);

CREATE TABLE framework_statements ( -- Competency framework behaviour statements: competency x level x sub-area.
  id TEXT PRIMARY KEY, -- Stable id.
  version_id TEXT NOT NULL REFERENCES versions(id), -- Framework version.
  competency_id TEXT NOT NULL REFERENCES competencies(id), -- The competency (list `competencies`).
  category TEXT, -- core or professional.
  level INTEGER, -- Level number.
  sub_area TEXT, -- Named group of statements, if any.
  position INTEGER NOT NULL, -- Order in the framework.
  text TEXT NOT NULL -- The statement as written.
);
CREATE INDEX framework_statements_version ON framework_statements(version_id);
CREATE INDEX framework_statements_competency ON framework_statements(competency_id, level);

CREATE TABLE progression_bands ( -- Career progression bands of a role (Level A (Developing) ...).
  id TEXT PRIMARY KEY, -- Stable id.
  version_id TEXT NOT NULL REFERENCES versions(id), -- Framework version.
  role_mention_id TEXT NOT NULL REFERENCES role_mentions(id), -- The role.
  position INTEGER NOT NULL, -- Order of the band.
  key TEXT NOT NULL, -- Short band key (A, B, C).
  label TEXT NOT NULL, -- Band label as written.
  name TEXT, -- Descriptive name (Developing).
  grade TEXT, -- The band's grade as written (`Grade 8` from `Entry (Grade 8)`), where given.
  preamble TEXT -- The band's lead-in line, where given.
);
CREATE INDEX progression_bands_mention ON progression_bands(role_mention_id);

CREATE TABLE band_statements ( -- What a post holder needs at a band, per category (qualifications, knowledge, experience, skills).
  id TEXT PRIMARY KEY, -- Stable id.
  band_id TEXT NOT NULL REFERENCES progression_bands(id), -- The band.
  competency_id TEXT REFERENCES competencies(id), -- The category label as written (list `categories`); NULL when the source printed none.
  category TEXT NOT NULL, -- Category key (qualifications, knowledge ...).
  position INTEGER NOT NULL, -- Order in the cell.
  text TEXT NOT NULL -- The statement as written.
);
CREATE INDEX band_statements_band ON band_statements(band_id);

CREATE TABLE provenance ( -- Where every value was read: one row per value and document, so each rendition of a version shows up.
  id INTEGER PRIMARY KEY, -- Row number.
  document_id TEXT NOT NULL REFERENCES documents(id), -- The document the value was read from.
  row_table TEXT NOT NULL, -- Table of the value (requirements, je_levels, role_mentions ...).
  row_id TEXT NOT NULL, -- Id of the value's row in that table.
  field TEXT NOT NULL, -- Which part of the row ('' for the row itself, e.g. `grade`).
  page INTEGER, -- 1-based page (PDF).
  sheet TEXT, -- Worksheet (Excel).
  cell TEXT, -- A1 cell reference (Excel).
  line INTEGER, -- 1-based line (CSV/TSV).
  table_index INTEGER, -- 0-based table in document order.
  row_index INTEGER, -- 0-based row in the table.
  column_index INTEGER, -- 0-based grid column in the table.
  paragraph INTEGER, -- 0-based paragraph (in the cell when table_index is set).
  UNIQUE (row_table, row_id, document_id, field)
);
CREATE INDEX provenance_document ON provenance(document_id);

CREATE TABLE role_decisions ( -- People's rulings on roles left for review: the same role as another, or a role of its own.
  id INTEGER PRIMARY KEY, -- Row number.
  role_id TEXT NOT NULL REFERENCES roles(id), -- The role ruled on.
  action TEXT NOT NULL, -- accept or pick (same role as target_role_id), new (a role of its own), reject (none of the candidates).
  target_role_id TEXT REFERENCES roles(id), -- The role it is the same as (accept, pick).
  who TEXT NOT NULL, -- Who decided.
  decided_at TEXT NOT NULL, -- When (UTC, ISO 8601).
  note TEXT -- Why, in the decider's words.
);
CREATE INDEX role_decisions_role ON role_decisions(role_id);

CREATE VIEW current_roles AS -- Roles in force (not merged into another) with what the current versions of their documents say: grades, services, post numbers.
SELECT r.id, r.title, r.organisation, r.status,
       GROUP_CONCAT(DISTINCT CASE WHEN v.valid_to IS NULL THEN m.grade END) AS grades,
       GROUP_CONCAT(DISTINCT CASE WHEN v.valid_to IS NULL THEN m.service END) AS services,
       GROUP_CONCAT(DISTINCT CASE WHEN v.valid_to IS NULL THEN m.post_numbers END) AS post_numbers,
       COUNT(DISTINCT m.version_id) AS versions,
       GROUP_CONCAT(DISTINCT m.relation) AS relations
FROM roles r LEFT JOIN role_mentions m ON m.role_id = r.id
LEFT JOIN versions v ON v.id = m.version_id
WHERE r.merged_into IS NULL
GROUP BY r.id;

CREATE VIEW role_requirements AS -- Everything a role requires, whatever the document kind, with the validity of the version that says so: matrix levels, JE factor levels, person specification criteria and progression band statements.
SELECT m.role_id, m.title AS role_title, sr.kind AS source, c.name AS subject,
       q.level, q.raw AS detail, q.version_id, v.valid_from, v.valid_to,
       'requirements' AS row_table, q.id AS row_id
FROM requirements q JOIN role_mentions m ON m.id = q.role_mention_id
JOIN competencies c ON c.id = q.competency_id JOIN versions v ON v.id = q.version_id
JOIN series sr ON sr.id = v.series_id
UNION ALL
SELECT m.role_id, m.title, 'je_form:' || l.basis, c.name, l.level, l.raw, f.version_id,
       v.valid_from, v.valid_to, 'je_levels', l.id
FROM je_levels l JOIN je_factors f ON f.id = l.je_factor_id
JOIN role_mentions m ON m.id = l.role_mention_id JOIN competencies c ON c.id = f.competency_id
JOIN versions v ON v.id = f.version_id
UNION ALL
SELECT m.role_id, m.title, 'role_profile:' || COALESCE(p.requirement, 'criterion'),
       COALESCE(p.section, 'person specification'), NULL, p.text, p.version_id, v.valid_from,
       v.valid_to, 'person_spec', p.id
FROM person_spec p JOIN role_mentions m ON m.id = p.role_mention_id
JOIN versions v ON v.id = p.version_id
UNION ALL
SELECT m.role_id, m.title, 'progression_framework:' || b.key, s.category, NULL, s.text,
       b.version_id, v.valid_from, v.valid_to, 'band_statements', s.id
FROM band_statements s JOIN progression_bands b ON b.id = s.band_id
JOIN role_mentions m ON m.id = b.role_mention_id JOIN versions v ON v.id = b.version_id;
"""

MIGRATIONS: tuple[Migration, ...] = (Migration(1, "initial schema", INITIAL),)
LATEST = MIGRATIONS[-1].version

# Views have no column comments in SQLite's stored SQL that survive well: describe them here.
VIEW_COLUMNS: dict[str, dict[str, str]] = {
    "current_roles": {
        "id": "Role id.",
        "title": "Title as first written.",
        "organisation": "Organisation, if known.",
        "status": "ok, review or decided.",
        "grades": "Grades as the current versions write them, comma-separated.",
        "services": "Services named by the current versions.",
        "post_numbers": "Post numbers written in the current versions.",
        "versions": "Document versions that mention the role (all, current or not).",
        "relations": "How those documents speak of it (matrix_row, profile ...).",
    },
    "role_requirements": {
        "role_id": "The role (merged roles already folded in).",
        "role_title": "The title as that document writes it.",
        "source": "Kind of statement: skills_matrix or role_profile (a competency level), "
        "je_form:<basis>, role_profile:<essential|desirable|criterion>, "
        "progression_framework:<band>.",
        "subject": "Competency, factor, criteria group or category.",
        "level": "Level as a number, where there is one.",
        "detail": "The cell or statement as written.",
        "version_id": "The document version that says so.",
        "valid_from": "When that version took effect.",
        "valid_to": "When the next version took effect; NULL while current.",
        "row_table": "Table of the underlying row (for provenance).",
        "row_id": "Id of the underlying row (for provenance).",
    },
}
