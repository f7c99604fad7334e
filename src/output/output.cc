// JSON output (docs/schema.md).
#include <nlohmann/json.hpp>

#include "cameo/codebook.h"
#include "dyad/json.h"

namespace dyad {

namespace {

using nlohmann::json;

json DateOrNull(const Date& d) { return d.known() ? json(d.Iso()) : json(nullptr); }

json ActorJson(const Document& doc, const ActorRef& a) {
  if (a.entity < 0 && a.code.empty()) return nullptr;
  json j;
  if (a.entity >= 0 && static_cast<size_t>(a.entity) < doc.entities.size()) {
    j["name"] = doc.entities[a.entity].name;
    j["entity"] = a.entity;
  } else if (a.mention >= 0 && static_cast<size_t>(a.mention) < doc.mentions.size()) {
    j["name"] = std::string(doc.Text(doc.mentions[a.mention].span));
    j["entity"] = nullptr;
  } else {
    j["name"] = nullptr;
    j["entity"] = nullptr;
  }
  j["code"] = a.code;
  if (a.mention >= 0 && static_cast<size_t>(a.mention) < doc.mentions.size()) {
    const Span& s = doc.mentions[a.mention].span;
    j["start"] = s.begin;
    j["end"] = s.end;
  }
  return j;
}

json EntityRef(const Document& doc, int32_t e) {
  if (e < 0 || static_cast<size_t>(e) >= doc.entities.size()) return nullptr;
  return json{{"name", doc.entities[e].name}, {"code", doc.entities[e].code}, {"entity", e}};
}

}  // namespace

std::string ToJson(const Config& config, const Document& doc, const JsonOptions& options) {
  const cameo::Codebook* codebook = nullptr;
  if (auto cb = cameo::Codebook::Get(config); cb.ok()) codebook = *cb;

  json j;
  j["id"] = doc.id;
  const Meta& m = doc.meta;
  j["meta"] = {{"title", m.title},
               {"site", m.site},
               {"byline", m.byline},
               {"url", m.url},
               {"language", m.language.empty() ? "en" : m.language},
               {"published", DateOrNull(m.published)},
               {"published_precision", m.published.Precision()},
               {"published_evidence", m.published_evidence},
               {"page_date", DateOrNull(m.page_date)}};
  j["meta"]["modified"] = DateOrNull(m.modified);
  if (!m.not_coded.empty()) j["meta"]["not_coded"] = m.not_coded;
  j["text"] = doc.text;
  j["stats"] = {{"sentences", doc.sentences.size()},
                {"tokens", doc.tokens.size()},
                {"paragraphs", doc.paragraphs.size()}};

  json bp = json::array();
  for (const Boilerplate& b : doc.boilerplate) bp.push_back({{"kind", b.kind}, {"text", b.text}});
  j["boilerplate"] = std::move(bp);

  json ents = json::array();
  for (const Entity& e : doc.entities) {
    json ms = json::array();
    for (uint32_t mi : e.mentions) {
      if (mi >= doc.mentions.size()) continue;
      const Mention& men = doc.mentions[mi];
      ms.push_back({{"start", men.span.begin},
                    {"end", men.span.end},
                    {"text", std::string(doc.Text(men.span))},
                    {"kind", ToString(men.kind)}});
    }
    ents.push_back({{"name", e.name},
                    {"type", ToString(e.type)},
                    {"code", e.code},
                    {"country", e.country},
                    {"role", e.role},
                    {"title", e.title},
                    {"mentions", std::move(ms)}});
  }
  j["entities"] = std::move(ents);

  json qs = json::array();
  for (const Quote& q : doc.quotes) {
    json sp = EntityRef(doc, q.speaker);
    qs.push_back({{"text", std::string(doc.Text(q.span))},
                  {"start", q.span.begin},
                  {"end", q.span.end},
                  {"speaker", sp},
                  {"cue", q.cue},
                  {"kind", ToString(q.kind)},
                  {"nested_in", q.nested_in < 0 ? json(nullptr) : json(q.nested_in)}});
  }
  j["quotes"] = std::move(qs);

  json evs = json::array();
  for (const Event& ev : doc.events) {
    json e;
    e["source"] = ActorJson(doc, ev.source);
    e["target"] = ActorJson(doc, ev.target);
    e["code"] = ev.code;
    e["root"] = std::string(cameo::Root(ev.code));
    e["quad_class"] = cameo::QuadClass(ev.code);
    const cameo::CodeInfo* info = codebook ? codebook->Find(ev.code) : nullptr;
    e["name"] = info ? json(info->name) : json(nullptr);
    e["goldstein"] = info ? json(info->goldstein) : json(nullptr);
    e["plover"] = info && !info->plover_event.empty() ? json(info->plover_event) : json(nullptr);
    e["plover_2021"] = info && !info->plover.empty() ? json(info->plover) : json(nullptr);
    e["plover_mode"] = info && !info->plover_mode.empty() ? json(info->plover_mode) : json(nullptr);
    e["plover_context"] =
        info && !info->plover_context.empty() ? json(info->plover_context) : json(nullptr);
    e["date"] = DateOrNull(ev.date);
    e["date_precision"] = ev.date.Precision();
    if (ev.timex >= 0 && static_cast<size_t>(ev.timex) < doc.timexes.size()) {
      e["date_evidence"] = std::string(doc.Text(doc.timexes[ev.timex].span));
    } else {
      e["date_evidence"] = nullptr;
    }
    if (ev.place >= 0 && static_cast<size_t>(ev.place) < doc.places.size()) {
      const Place& p = doc.places[ev.place];
      e["location"] = {{"name", p.name}, {"country", p.country}, {"lat", p.lat}, {"lon", p.lon}};
    } else {
      e["location"] = nullptr;
    }
    if (ev.sentence < doc.sentences.size()) {
      const Span& s = doc.sentences[ev.sentence].span;
      e["sentence"] = {{"start", s.begin}, {"end", s.end}};
      e["text"] = std::string(doc.Text(s));
    } else {
      e["sentence"] = nullptr;
      e["text"] = nullptr;
    }
    e["attributed_to"] = EntityRef(doc, ev.attributed_to);
    e["quote"] = ev.quote < 0 ? json(nullptr) : json(ev.quote);
    e["modality"] = ToString(ev.modality);
    if (options.explain) {
      e["explain"] = {{"pattern", ev.pattern},
                      {"trigger", std::string(doc.Text(ev.trigger))},
                      {"trigger_start", ev.trigger.begin},
                      {"trigger_end", ev.trigger.end}};
    }
    evs.push_back(std::move(e));
  }
  j["events"] = std::move(evs);

  json pls = json::array();
  for (const Place& p : doc.places) {
    json ms = json::array();
    for (const Span& s : p.mentions) {
      ms.push_back({{"start", s.begin}, {"end", s.end}, {"text", std::string(doc.Text(s))}});
    }
    pls.push_back({{"name", p.name},
                   {"country", p.country},
                   {"admin1", p.admin1},
                   {"feature", p.feature},
                   {"lat", p.lat},
                   {"lon", p.lon},
                   {"geonames_id", p.geonames_id == 0 ? json(nullptr) : json(p.geonames_id)},
                   {"mentions", std::move(ms)}});
  }
  j["places"] = std::move(pls);

  json tx = json::array();
  for (const Timex& t : doc.timexes) {
    tx.push_back({{"start", t.span.begin},
                  {"end", t.span.end},
                  {"text", std::string(doc.Text(t.span))},
                  {"value", DateOrNull(t.value)},
                  {"precision", t.value.Precision()},
                  {"relative", t.relative}});
  }
  j["times"] = std::move(tx);

  return j.dump(options.pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
}

}  // namespace dyad
