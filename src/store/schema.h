// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The store's SQL schema (documented column by column in docs/store.md).

#ifndef DYAD_STORE_SCHEMA_H_
#define DYAD_STORE_SCHEMA_H_

namespace dyad::store {

// CREATE statements for every table and index, idempotent.
inline constexpr const char* kSchemaSql = R"sql(
CREATE TABLE IF NOT EXISTS meta(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS documents(
  id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,
  url TEXT,
  source TEXT NOT NULL,
  outlet TEXT NOT NULL,
  title TEXT NOT NULL,
  byline TEXT NOT NULL,
  language TEXT NOT NULL,
  published TEXT NOT NULL,
  date INTEGER NOT NULL,
  text TEXT NOT NULL,
  num_sentences INTEGER NOT NULL,
  num_events INTEGER NOT NULL,
  num_quotes INTEGER NOT NULL,
  sentence_spans TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_url ON documents(url) WHERE url IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet COLLATE NOCASE);

-- Each sentence of documents.sentence_spans (a JSON array of [begin, end,
-- paragraph], one per sentence in order) with its text, cut out of the
-- document's text by byte offsets: the text is stored once, and a document's
-- sentences take one value instead of a row each.
CREATE VIEW IF NOT EXISTS sentences AS
SELECT d.id AS doc_id, j.key AS idx, j.value ->> 0 AS begin, j.value ->> 1 AS "end",
       j.value ->> 2 AS paragraph,
       CAST(substr(CAST(d.text AS BLOB), (j.value ->> 0) + 1, (j.value ->> 1) - (j.value ->> 0))
            AS TEXT) AS text
FROM documents d, json_each(d.sentence_spans) j;

CREATE TABLE IF NOT EXISTS entities(
  doc_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  code TEXT NOT NULL,
  country TEXT NOT NULL,
  role TEXT NOT NULL,
  title TEXT NOT NULL,
  num_mentions INTEGER NOT NULL,
  PRIMARY KEY(doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_code ON entities(code);

CREATE TABLE IF NOT EXISTS quotes(
  doc_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  begin INTEGER NOT NULL,
  end INTEGER NOT NULL,
  text TEXT NOT NULL,
  speaker_idx INTEGER NOT NULL,
  speaker TEXT NOT NULL,
  speaker_code TEXT NOT NULL,
  cue TEXT NOT NULL,
  kind TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  nested_in INTEGER NOT NULL,
  PRIMARY KEY(doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker COLLATE NOCASE);

CREATE TABLE IF NOT EXISTS places(
  doc_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  name TEXT NOT NULL,
  country TEXT NOT NULL,
  admin1 TEXT NOT NULL,
  feature TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  geonames_id INTEGER NOT NULL,
  num_mentions INTEGER NOT NULL,
  PRIMARY KEY(doc_id, idx)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS event_mentions(
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  event_id INTEGER,
  block TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  code TEXT NOT NULL,
  root TEXT NOT NULL,
  quad_class INTEGER NOT NULL,
  source_code TEXT NOT NULL,
  source_name TEXT NOT NULL,
  source_country TEXT NOT NULL,
  target_code TEXT NOT NULL,
  target_name TEXT NOT NULL,
  target_country TEXT NOT NULL,
  date INTEGER NOT NULL,
  date_from_text INTEGER NOT NULL,
  modality TEXT NOT NULL,
  place_idx INTEGER NOT NULL,
  place_name TEXT NOT NULL,
  place_country TEXT NOT NULL,
  trigger TEXT NOT NULL,
  source_offset INTEGER NOT NULL,
  target_offset INTEGER NOT NULL,
  action_offset INTEGER NOT NULL,
  quote_idx INTEGER NOT NULL,
  attributed_to TEXT NOT NULL,
  UNIQUE(doc_id, idx)
);
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions(event_id);
CREATE INDEX IF NOT EXISTS event_mentions_block ON event_mentions(block);
CREATE INDEX IF NOT EXISTS event_mentions_unmerged ON event_mentions(block) WHERE event_id IS NULL;

CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY,
  block TEXT NOT NULL,
  code TEXT NOT NULL,
  root TEXT NOT NULL,
  quad_class INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  source_code TEXT NOT NULL,
  source_name TEXT NOT NULL,
  source_country TEXT NOT NULL,
  target_code TEXT NOT NULL,
  target_name TEXT NOT NULL,
  target_country TEXT NOT NULL,
  date INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  place_name TEXT NOT NULL,
  place_country TEXT NOT NULL,
  place_admin1 TEXT NOT NULL,
  place_feature TEXT NOT NULL,
  lat REAL,
  lon REAL,
  num_mentions INTEGER NOT NULL,
  num_sources INTEGER NOT NULL,
  num_articles INTEGER NOT NULL,
  source_url TEXT NOT NULL,
  first_doc INTEGER NOT NULL,
  first_mention INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_block ON events(block);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_pair ON events(source_country, target_country);
CREATE INDEX IF NOT EXISTS events_source_id ON events(source_country, id, date);
CREATE INDEX IF NOT EXISTS events_target_id ON events(target_country, id, quad_class, date);
CREATE INDEX IF NOT EXISTS events_root_id ON events(root, id, code, date);
CREATE INDEX IF NOT EXISTS events_quad_id ON events(quad_class, id, date);
)sql";

// Upgrades a store of schema version 1 to 2 (before kSchemaSql runs, which
// adds the new indexes): the filter indexes of version 1 kept each key's
// events in date order, so a page in id order had to sort every match;
// version 2's *_id indexes hold them in id order. Leaves the version to set.
inline constexpr const char* kUpgradeFrom1Sql = R"sql(
DROP INDEX IF EXISTS events_target;
DROP INDEX IF EXISTS events_code;
DROP INDEX IF EXISTS events_root;
DROP INDEX IF EXISTS events_quad;
DROP INDEX IF EXISTS events_place;
)sql";

// Upgrades a store of schema version 3 (or older) to 4, in two parts around
// kSchemaSql, which creates the `sentences` view: versions 1 and 2 kept each
// sentence with its text a second time in a table `sentences`, version 3
// kept its span in a table `sentence_spans` (a row per sentence); version 4
// packs a document's spans into documents.sentence_spans.
inline constexpr const char* kUpgradeFrom2BeforeSql =
    "ALTER TABLE sentences RENAME TO old_sentences;";
inline constexpr const char* kUpgradeFrom3BeforeSql =
    "DROP VIEW sentences; ALTER TABLE sentence_spans RENAME TO old_sentences;";
inline constexpr const char* kUpgradeFrom3Sql =
    "ALTER TABLE documents ADD COLUMN sentence_spans TEXT NOT NULL DEFAULT '[]';"
    "UPDATE documents SET sentence_spans = (SELECT json_group_array(json_array(begin, \"end\", "
    "paragraph)) FROM (SELECT begin, \"end\", paragraph FROM old_sentences o "
    "WHERE o.doc_id = documents.id ORDER BY idx));"
    "DROP TABLE old_sentences;";

// For a read-only connection to a store of version 1 to 3: a temporary view
// `documents` (found before the table) with the sentence_spans of version 4,
// gathered from the older `sentences`.
inline constexpr const char* kOldSpansReadViewSql =
    "CREATE TEMP VIEW documents AS SELECT d.*, (SELECT json_group_array(json_array(begin, "
    "\"end\", paragraph)) FROM (SELECT begin, \"end\", paragraph FROM main.sentences s WHERE "
    "s.doc_id = d.id ORDER BY idx)) AS sentence_spans FROM main.documents d;";

// The columns of `documents` but its sentence spans.
inline constexpr const char* kDocumentColumns =
    "id, content_hash, url, source, outlet, title, byline, language, published, date, text, "
    "num_sentences, num_events, num_quotes";

// Tables in dump order with the ORDER BY that makes their dump canonical.
struct DumpTable {
  const char* name;  // the table or view dumped
  const char* order;
  const char* table;    // the table that stores its rows
  const char* columns;  // those dumped
};
inline constexpr DumpTable kDumpTables[] = {
    {"meta", "key", "meta", "*"},
    // Sentence spans are dumped as the rows of `sentences`.
    {"documents", "id", "documents", kDocumentColumns},
    {"sentences", "doc_id, idx", "documents", "*"},
    {"entities", "doc_id, idx", "entities", "*"},
    {"quotes", "doc_id, idx", "quotes", "*"},
    {"places", "doc_id, idx", "places", "*"},
    {"event_mentions", "id", "event_mentions", "*"},
    {"events", "id", "events", "*"},
};

}  // namespace dyad::store

#endif  // DYAD_STORE_SCHEMA_H_
