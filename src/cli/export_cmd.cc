// dyad export --format F: the corpus store to standard output as GDELT 2.0
// Events or Mentions TSV, JSON-lines documents, CSV events, PLOVER-style
// JSON events, or quotations with speakers (docs/cli.md).

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cameo/codebook.h"
#include "cli/cli.h"
#include "cli/store_cli.h"

namespace dyad::cli {
namespace {

struct ExportOptions {
  std::string db;
  std::string format;
  FilterArgs filter;
};

void Line(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}

// A TSV field: tabs and line breaks become spaces.
std::string Tsv(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

// The GDELT actor fields of a CAMEO actor code, in column order: Code, Name,
// CountryCode, KnownGroupCode, EthnicCode, Religion1Code, Religion2Code,
// Type1Code, Type2Code, Type3Code.
void ActorFields(const std::string& code, const std::string& name, const std::string& country,
                 std::vector<std::string>* out) {
  std::vector<std::string> parts;
  for (size_t i = 0; i + 3 <= code.size(); i += 3) parts.push_back(code.substr(i, 3));
  std::string known;
  std::vector<std::string> types;
  size_t k = 0;
  if (!country.empty() && !parts.empty() && parts[0] == country) k = 1;
  if (k == 0 && !parts.empty() &&
      (parts[0] == "IGO" || parts[0] == "NGO" || parts[0] == "IMG" || parts[0] == "MNC")) {
    types.push_back(parts[0]);
    if (parts.size() > 1) known = parts[1];
    k = 2;
  }
  for (; k < parts.size() && types.size() < 3; ++k) types.push_back(parts[k]);
  types.resize(3);
  out->insert(out->end(), {code, Tsv(name), country, known, "", "", ""});
  out->insert(out->end(), types.begin(), types.end());
}

std::string Num(double v, const char* fmt) {
  char buf[48];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

std::string Stamp(int yyyymmdd) { return yyyymmdd ? std::to_string(yyyymmdd) + "000000" : ""; }

// GDELT geo type for a place feature: 1 country, 5 first-level division
// (GDELT's WORLDSTATE), 4 city (WORLDCITY); 0 with no place.
int GeoType(const std::string& feature, const std::string& name) {
  if (name.empty()) return 0;
  if (feature == "country") return 1;
  if (feature == "admin1") return 5;
  return 4;
}

Status GdeltEvents(store::Reader& s, const store::EventFilter& f) {
  return s.ForEachEvent(f, [&](const store::EventRow& e) {
    std::vector<std::string> c;
    c.reserve(61);
    int d = e.date;
    c.push_back(std::to_string(e.id));
    c.push_back(d ? std::to_string(d) : "");
    c.push_back(d ? std::to_string(d / 100) : "");
    c.push_back(d ? std::to_string(d / 10000) : "");
    c.push_back(d ? Num(d / 10000 + (d / 100 % 100 * 30 + d % 100) / 365.0, "%.4f") : "");
    ActorFields(e.source_code, e.source_name, e.source_country, &c);
    ActorFields(e.target_code, e.target_name, e.target_country, &c);
    c.push_back("1");  // IsRootEvent: dyad does not rank events
    c.push_back(e.code);
    c.push_back(e.code.substr(0, 3));
    c.push_back(e.root);
    c.push_back(std::to_string(e.quad_class));
    c.push_back(Num(e.goldstein, "%.1f"));
    c.push_back(std::to_string(e.num_mentions));
    c.push_back(std::to_string(e.num_sources));
    c.push_back(std::to_string(e.num_articles));
    c.push_back("");                                                   // AvgTone: no tone model
    for (int actor = 0; actor < 2; ++actor) c.insert(c.end(), 8, "");  // Actor1/2 geo unknown
    int type = GeoType(e.place_feature, e.place_name);
    c.push_back(type ? std::to_string(type) : "");
    c.push_back(Tsv(e.place_name + (e.place_admin1.empty() || e.place_admin1 == e.place_name
                                        ? ""
                                        : ", " + e.place_admin1)));
    c.push_back(e.place_country);  // ISO 3166 alpha-2, not FIPS 10-4
    c.push_back("");               // ADM1 code
    c.push_back("");               // ADM2 code
    c.push_back(e.has_geo ? Num(e.lat, "%.4f") : "");
    c.push_back(e.has_geo ? Num(e.lon, "%.4f") : "");
    c.push_back("");  // FeatureID
    c.push_back(Stamp(e.first_seen));
    c.push_back(Tsv(e.source_url));
    std::string out;
    for (size_t i = 0; i < c.size(); ++i) {
      if (i) out += '\t';
      out += c[i];
    }
    Line(out);
    return Status::Ok();
  });
}

Status GdeltMentions(store::Reader& s, const store::EventFilter& f) {
  return s.ForEachMention(f, [&](const store::MentionRow& m) {
    std::vector<std::string> c = {std::to_string(m.event_id),
                                  Stamp(m.event_first_seen),
                                  Stamp(m.doc_date),
                                  m.url.empty() ? "2" : "1",
                                  Tsv(m.outlet),
                                  Tsv(m.url.empty() ? m.title : m.url),
                                  std::to_string(m.sentence + 1),
                                  std::to_string(m.source_offset),
                                  std::to_string(m.target_offset),
                                  std::to_string(m.action_offset),
                                  "1",
                                  m.modality == "asserted" ? "100" : "50",
                                  std::to_string(m.doc_length),
                                  "",
                                  "",
                                  ""};
    std::string out;
    for (size_t i = 0; i < c.size(); ++i) {
      if (i) out += '\t';
      out += c[i];
    }
    Line(out);
    return Status::Ok();
  });
}

nlohmann::json MentionJson(const store::MentionRow& m) {
  return {{"mention_id", m.id},
          {"event_id", m.event_id},
          {"sentence", m.sentence},
          {"code", m.code},
          {"source", {{"code", m.source_code}, {"name", m.source_name}}},
          {"target", {{"code", m.target_code}, {"name", m.target_name}}},
          {"date", IsoDate(m.date)},
          {"modality", m.modality},
          {"place", m.place_name},
          {"trigger", m.trigger},
          {"text", m.sentence_text}};
}

Status Documents(store::Reader& s) {
  return s.ForEachDocument([&](const store::DocumentRow& d) {
    nlohmann::json j = {{"id", d.id},
                        {"url", d.url},
                        {"source", d.source},
                        {"outlet", d.outlet},
                        {"title", d.title},
                        {"byline", d.byline},
                        {"date", IsoDate(d.date)},
                        {"published", d.published},
                        {"language", d.language},
                        {"text", d.text}};
    auto ms = s.GetDocumentMentions(d.id);
    if (!ms.ok()) return ms.status();
    j["events"] = nlohmann::json::array();
    for (const store::MentionRow& m : *ms) j["events"].push_back(MentionJson(m));
    j["quotes"] = nlohmann::json::array();
    Status st = s.ForEachQuote(d.id, [&](const store::QuoteRow& q) {
      j["quotes"].push_back({{"speaker", q.speaker},
                             {"speaker_code", q.speaker_code},
                             {"cue", q.cue},
                             {"kind", q.kind},
                             {"text", q.text}});
      return Status::Ok();
    });
    if (!st.ok()) return st;
    Line(j.dump());
    return Status::Ok();
  });
}

Status Plover(const Config& config, store::Reader& s, const store::EventFilter& f) {
  const cameo::Codebook* cb = nullptr;
  if (auto r = cameo::Codebook::Get(config); r.ok()) cb = *r;
  return s.ForEachEvent(f, [&](const store::EventRow& e) {
    const cameo::CodeInfo* info = cb ? cb->Find(e.code) : nullptr;
    auto urls = s.GetEventUrls(e.id);
    if (!urls.ok()) return urls.status();
    nlohmann::json j = {{"id", std::to_string(e.id)},
                        {"date", IsoDate(e.date)},
                        {"event_type", info ? info->plover_event : ""},
                        {"mode", info ? info->plover_mode : ""},
                        {"context", info ? info->plover_context : ""},
                        {"actor", e.source_name},
                        {"actor_code", e.source_code},
                        {"recipient", e.target_name},
                        {"recipient_code", e.target_code},
                        {"cameo_code", e.code},
                        {"country", e.place_country},
                        {"location", e.place_name},
                        {"num_mentions", e.num_mentions},
                        {"num_sources", e.num_sources},
                        {"num_articles", e.num_articles},
                        {"source_urls", *urls},
                        {"text", e.sentence}};
    if (e.has_geo) {
      j["lat"] = e.lat;
      j["lon"] = e.lon;
    }
    Line(j.dump());
    return Status::Ok();
  });
}

Status Quotes(store::Reader& s) {
  return s.ForEachQuote(0, [&](const store::QuoteRow& q) {
    Line(nlohmann::json{
        {"doc_id", q.doc_id},
        {"url", q.url},
        {"outlet", q.outlet},
        {"date", IsoDate(q.doc_date)},
        {"speaker", q.speaker.empty() ? nlohmann::json(nullptr) : nlohmann::json(q.speaker)},
        {"speaker_code", q.speaker_code},
        {"cue", q.cue},
        {"kind", q.kind},
        {"sentence", q.sentence},
        {"quote", q.text}}
             .dump());
    return Status::Ok();
  });
}

int RunExport(Globals& g, const ExportOptions& o) {
  auto f = ToFilter(o.filter);
  if (!f.ok()) return Fail(f.status());
  auto st = OpenExistingStore(o.db);
  if (!st.ok()) return Fail(st.status());
  store::Reader& s = **st;
  Status status;
  if (o.format == "gdelt-events") {
    status = GdeltEvents(s, *f);
  } else if (o.format == "gdelt-mentions") {
    status = GdeltMentions(s, *f);
  } else if (o.format == "jsonl") {
    status = Documents(s);
  } else if (o.format == "csv") {
    Line(EventCsvHeader());
    status = s.ForEachEvent(*f, [](const store::EventRow& e) {
      Line(EventCsvRow(e));
      return Status::Ok();
    });
  } else if (o.format == "plover") {
    status = Plover(g.config, s, *f);
  } else {
    status = Quotes(s);
  }
  if (!status.ok()) return Fail(status);
  return 0;
}

}  // namespace

Command AddExportCommand(CLI::App& root, Globals& g) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* app = root.add_subcommand("export", "Write the corpus store to standard output");
  app->add_option("--format", o->format,
                  "gdelt-events, gdelt-mentions, jsonl (documents), csv (events), plover, quotes")
      ->required()
      ->check(
          CLI::IsMember({"gdelt-events", "gdelt-mentions", "jsonl", "csv", "plover", "quotes"}));
  AddStoreOptions(app, &o->db);
  AddFilterOptions(app, &o->filter, 0);
  AddDataOption(app, g);
  return {app, [o](Globals& g) { return RunExport(g, *o); }, false};
}

}  // namespace dyad::cli
