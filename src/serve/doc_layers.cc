// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Read queries the article view needs beyond the store's API: a document's
// entities, places and quotation spans (tables of docs/store.md). The store
// keeps no mention spans for entities and places, so their occurrences are
// found in the stored text: whole-word matches of the entity's or place's
// name. Read through the store's Reader (SQLite or PostgreSQL).

#include <cctype>
#include <nlohmann/json.hpp>
#include <string>

#include "serve/internal.h"

namespace dyad::serve {

using nlohmann::json;

namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Byte spans of whole-word occurrences of `name` in `text` (at most 200).
json FindMentions(const std::string& text, const std::string& name) {
  json out = json::array();
  if (name.size() < 2) return out;
  for (size_t at = text.find(name); at != std::string::npos && out.size() < 200;
       at = text.find(name, at + 1)) {
    size_t end = at + name.size();
    bool left = at == 0 || !IsWordByte(text[at - 1]);
    bool right = end >= text.size() || !IsWordByte(text[end]);
    if (left && right) out.push_back({{"start", at}, {"end", end}});
  }
  return out;
}

}  // namespace

Status AddDocumentLayers(store::Reader& s, int64_t doc_id, json* doc) {
  const std::string text = (*doc)["text"].get<std::string>();
  json entities = json::array();
  auto stored_entities = s.GetEntities(doc_id);
  if (!stored_entities.ok()) return stored_entities.status();
  for (const store::EntityRow& e : *stored_entities) {
    entities.push_back({{"name", e.name},
                        {"type", e.type},
                        {"code", e.code},
                        {"country", e.country},
                        {"role", e.role},
                        {"title", e.title},
                        {"mentions", FindMentions(text, e.name)}});
  }
  json places = json::array();
  auto stored_places = s.GetPlaces(doc_id);
  if (!stored_places.ok()) return stored_places.status();
  for (const store::PlaceRow& p : *stored_places) {
    places.push_back({{"name", p.name},
                      {"country", p.country},
                      {"admin1", p.admin1},
                      {"feature", p.feature},
                      {"lat", p.has_geo ? json(p.lat) : json(nullptr)},
                      {"lon", p.has_geo ? json(p.lon) : json(nullptr)},
                      {"mentions", FindMentions(text, p.name)}});
  }
  json& quotes = (*doc)["quotes"];
  Status st = s.ForEachQuote(doc_id, [&](const store::QuoteRow& q) {
    for (json& quote : quotes) {
      if (quote["index"] == q.index && q.begin >= 0 && q.begin <= q.end &&
          q.end <= static_cast<int64_t>(text.size())) {
        quote["start"] = q.begin;
        quote["end"] = q.end;
      }
    }
    return Status::Ok();
  });
  DYAD_RETURN_IF_ERROR(st);
  (*doc)["entities"] = std::move(entities);
  (*doc)["places"] = std::move(places);
  return Status::Ok();
}

}  // namespace dyad::serve
