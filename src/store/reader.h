// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The read side of a corpus store, as `dyad query`, `show` and `export` use
// it: implemented by the SQLite Store (store.h) and by the shared
// PostgreSQL store PgStore (pg_store.h, docs/scale.md) with the same
// filters, the same order (by id), the same cursors and the same rows, from
// one set of queries (read_sql.h).
//
// A Reader is used from one thread at a time. The ForEach methods may be
// nested (a callback may call any method of the same Reader), and they
// stream: memory stays bounded however many rows match.

#ifndef DYAD_STORE_READER_H_
#define DYAD_STORE_READER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "dyad/status.h"
#include "store/rows.h"

namespace dyad::store {

// Read access to a store.
class Reader {
 public:
  virtual ~Reader() = default;

  // Counts of what the store holds.
  virtual Result<Stats> GetStats() = 0;

  // Calls `fn` for each event matching `filter` (at most filter.limit when
  // it is not zero), ordered by id; stops early and returns its status
  // when `fn` fails. A page's last id is the cursor (filter.after_id) of
  // the next page.
  virtual Status ForEachEvent(const EventFilter& filter,
                              const std::function<Status(const EventRow&)>& fn) = 0;

  // Events matching `filter`, ordered by id (ForEachEvent collected).
  Result<std::vector<EventRow>> QueryEvents(const EventFilter& filter);

  // One event by id; kNotFound when absent.
  virtual Result<EventRow> GetEvent(int64_t id) = 0;

  // The mentions of event `event_id`, ordered by document date then id.
  virtual Result<std::vector<MentionRow>> GetMentions(int64_t event_id) = 0;

  // Calls `fn` for each mention of the events matching `filter` (the limit
  // counts events), ordered by event id then mention id.
  virtual Status ForEachMention(const EventFilter& filter,
                                const std::function<Status(const MentionRow&)>& fn) = 0;

  // Distinct source URLs of event `event_id`, oldest document first.
  virtual Result<std::vector<std::string>> GetEventUrls(int64_t event_id) = 0;

  // One document by id; kNotFound when absent.
  virtual Result<DocumentRow> GetDocument(int64_t id) = 0;

  // Calls `fn` for every document, ordered by id.
  virtual Status ForEachDocument(const std::function<Status(const DocumentRow&)>& fn) = 0;

  // A document's sentences, ordered by index.
  virtual Result<std::vector<SentenceRow>> GetSentences(int64_t doc_id) = 0;

  // A document's event mentions, ordered by index.
  virtual Result<std::vector<MentionRow>> GetDocumentMentions(int64_t doc_id) = 0;

  // A document's entities and places, ordered by index.
  virtual Result<std::vector<EntityRow>> GetEntities(int64_t doc_id) = 0;
  virtual Result<std::vector<PlaceRow>> GetPlaces(int64_t doc_id) = 0;

  // Calls `fn` for each quotation of document `doc_id` (0 for every
  // document), ordered by document id then index.
  virtual Status ForEachQuote(int64_t doc_id, const std::function<Status(const QuoteRow&)>& fn) = 0;
};

}  // namespace dyad::store

#endif  // DYAD_STORE_READER_H_
