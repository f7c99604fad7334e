// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The rows a corpus store returns and the filter of its event queries,
// shared by the SQLite Store (store.h) and the PostgreSQL PgStore
// (pg_store.h) through the Reader interface (reader.h). Columns are
// documented in docs/store.md.

#ifndef DYAD_STORE_ROWS_H_
#define DYAD_STORE_ROWS_H_

#include <cstdint>
#include <string>

namespace dyad::store {

// Counts of what the store holds.
struct Stats {
  int64_t documents = 0;
  int64_t sentences = 0;
  int64_t entities = 0;
  int64_t quotes = 0;
  int64_t places = 0;
  int64_t mentions = 0;
  int64_t events = 0;             // merged events
  int64_t unmerged_mentions = 0;  // mentions awaiting Merge()
};

// Filters for QueryEvents. Empty strings and zero values mean "any". All
// given filters must hold (AND).
struct EventFilter {
  // An actor: matches the source or target actor code by prefix ("RUS",
  // "RUSGOV") or the actor's name case-insensitively.
  std::string actor;
  // A second actor; with `actor`, the pair in either direction.
  std::string actor2;
  // Source / target country (ISO alpha-3 as in CAMEO codes: "RUS", "PAK").
  std::string source_country;
  std::string target_country;
  // CAMEO event code, matched as a prefix ("04" matches "042", "0431").
  std::string code;
  // CAMEO root, two digits ("04").
  std::string root;
  // GDELT quad class 1-4; 0 for any.
  int quad_class = 0;
  // Event date range, inclusive, as YYYYMMDD; 0 for open.
  int date_from = 0;
  int date_to = 0;
  // Place name (case-insensitive substring) or a two-letter country code.
  std::string place;
  // Outlet (documents.outlet), case-insensitive exact match; matches when any
  // mention of the event came from it.
  std::string outlet;
  // Words that some mention's sentence contains (case-insensitive substring).
  std::string text;
  // Cursor: only events with id greater than this (0 for the first page).
  int64_t after_id = 0;
  // Maximum number of events returned; 0 for no limit.
  int limit = 100;
};

// One merged (cross-article) event, as stored in `events`.
struct EventRow {
  int64_t id = 0;
  std::string code;  // CAMEO event code ("042")
  std::string root;  // "04"
  int quad_class = 0;
  double goldstein = 0;
  std::string source_code, source_name, source_country;
  std::string target_code, target_name, target_country;
  int date = 0;        // YYYYMMDD of the event (earliest mention's), 0 unknown
  int first_seen = 0;  // YYYYMMDD of the earliest reporting document
  int last_seen = 0;   // YYYYMMDD of the latest reporting document
  std::string place_name, place_country, place_admin1, place_feature;
  double lat = 0, lon = 0;
  bool has_geo = false;
  int num_mentions = 0;    // mentions, incl. several in one article
  int num_sources = 0;     // distinct outlets
  int num_articles = 0;    // distinct documents
  std::string source_url;  // URL of the first document that reported it
  std::string sentence;    // the sentence of the representative mention
  int64_t first_doc = 0;   // id of that document
};

// One event mention: an event coded from one sentence of one document.
struct MentionRow {
  int64_t id = 0;
  int64_t event_id = 0;  // merged event, 0 before Merge()
  int64_t doc_id = 0;
  int index = 0;     // position in the document's events
  int sentence = 0;  // 0-based sentence index in the document
  std::string code;
  std::string source_code, source_name, target_code, target_name;
  int date = 0;          // YYYYMMDD, 0 unknown
  std::string modality;  // "asserted", "future", ...
  std::string place_name, place_country;
  int source_offset = -1, target_offset = -1, action_offset = -1;  // bytes
  std::string trigger;
  std::string sentence_text;
  // From the document:
  std::string url, outlet, title;
  int doc_date = 0;          // YYYYMMDD of the document's reference date
  int doc_length = 0;        // bytes of cleaned text
  int event_first_seen = 0;  // the merged event's first_seen, 0 before Merge()
};

// A document's stored fields (without its layers).
struct DocumentRow {
  int64_t id = 0;
  std::string content_hash, url, source, outlet, title, byline, language;
  std::string published;  // ISO date or ""
  int date = 0;           // YYYYMMDD of the reference date, 0 unknown
  std::string text;
  int num_sentences = 0, num_events = 0, num_quotes = 0;
};

// A stored quotation with its speaker.
struct QuoteRow {
  int64_t doc_id = 0;
  int index = 0;
  int begin = 0, end = 0;  // bytes of the document's cleaned text
  std::string text, speaker, speaker_code, cue, kind;
  int sentence = -1;
  std::string url, outlet;
  int doc_date = 0;
};

// A stored entity of a document.
struct EntityRow {
  std::string name, type, code, country, role, title;
};

// A stored place of a document.
struct PlaceRow {
  std::string name, country, admin1, feature;
  double lat = 0, lon = 0;
  bool has_geo = false;
};

// A stored sentence.
struct SentenceRow {
  int64_t doc_id = 0;
  int index = 0;
  int begin = 0, end = 0;
  std::string text;
};

}  // namespace dyad::store

#endif  // DYAD_STORE_ROWS_H_
