// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// End-to-end tests: the real `dyad` binary and dyad::RunPipeline on the
// articles in examples/ (see examples/README.md for what each should yield),
// the JSON document's schema (docs/schema.md) and the command-line contract
// (docs/cli.md: exit codes, --jsonl, standard input).

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../common/cli_run.h"
#include "dyad/config.h"
#include "dyad/json.h"
#include "dyad/pipeline.h"

namespace dyad {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// Helpers

std::string Example(const std::string& name) {
  return std::string(DYAD_SOURCE_DIR) + "/examples/" + name;
}

using test::Quote;
using test::ReadAll;
using test::RunDyad;
using test::RunResult;
using test::Scratch;
using test::WriteFile;

// Codes one example in-process and returns its JSON document (cached).
const json& Coded(const std::string& name) {
  static std::map<std::string, json> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  json j = json::object();
  auto doc = ReadDocument(Example(name));
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  if (doc.ok()) {
    Config config = Config::Default();
    Status s = RunPipeline(config, *doc);
    EXPECT_TRUE(s.ok()) << s.ToString();
    if (s.ok()) j = json::parse(ToJson(config, *doc, JsonOptions()), nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << name << ": ToJson gave invalid JSON";
  }
  return cache.emplace(name, std::move(j)).first->second;
}

std::string Str(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}

bool StartsWith(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

// The country (or IGO) part of an event side: its code, or "" for none.
std::string SideCode(const json& side) {
  return side.is_object() && side.contains("code") && side["code"].is_string()
             ? side["code"].get<std::string>()
             : "";
}

// True when `ev` is of `type`: a PLOVER type ("CONSULT"), a CAMEO root ("02")
// or a CAMEO code prefix of three or more digits ("163").
bool OfType(const json& ev, const std::string& type) {
  if (type.empty()) return true;
  // PLOVER types: the gold standard's name ("DISAPPROVE") or the 2021
  // table's ("ACCUSE").
  if (type[0] >= 'A' && type[0] <= 'Z') {
    return Str(ev, "plover") == type || Str(ev, "plover_2021") == type;
  }
  if (type.size() == 2) return Str(ev, "root") == type;
  return StartsWith(Str(ev, "code"), type);
}

// The first event of `type` whose source code starts with `src` and whose
// target code starts with `tgt` ("" matches any side, even a missing one).
// With `either_way`, source and target may be swapped.
const json* FindEvent(const json& doc, const std::string& src, const std::string& type,
                      const std::string& tgt, bool either_way = false) {
  if (!doc.contains("events") || !doc["events"].is_array()) return nullptr;
  for (const json& ev : doc["events"]) {
    if (!OfType(ev, type)) continue;
    std::string s = SideCode(ev["source"]), t = SideCode(ev["target"]);
    auto match = [&](const std::string& a, const std::string& b) {
      return (src.empty() || StartsWith(a, src)) && (tgt.empty() || StartsWith(b, tgt));
    };
    if (match(s, t) || (either_way && match(t, s))) return &ev;
  }
  return nullptr;
}

// A readable list of the document's events, for failure messages.
std::string EventList(const json& doc) {
  std::string out;
  if (!doc.contains("events")) return "(no events)";
  for (const json& ev : doc["events"]) {
    out += "\n  " + SideCode(ev["source"]) + " " + Str(ev, "code") + "/" + Str(ev, "plover") + " " +
           SideCode(ev["target"]) + " date=" + (ev["date"].is_string() ? Str(ev, "date") : "-") +
           " modality=" + Str(ev, "modality");
  }
  return out.empty() ? "(no events)" : out;
}

// Expects an event; when `date` is given, expects one such event to carry
// that date.
void ExpectEvent(const json& doc, const std::string& src, const std::string& type,
                 const std::string& tgt, const std::string& date = "", bool either_way = false) {
  const json* ev = FindEvent(doc, src, type, tgt, either_way);
  EXPECT_NE(ev, nullptr) << "no event " << (src.empty() ? "*" : src) << " " << type << " "
                         << (tgt.empty() ? "*" : tgt) << "; events:" << EventList(doc);
  if (ev == nullptr || date.empty()) return;
  std::string dates;
  for (const json& e : doc["events"]) {
    std::string s = SideCode(e["source"]), t = SideCode(e["target"]);
    if (&e != ev && (!OfType(e, type) || !StartsWith(s, src) || !StartsWith(t, tgt))) continue;
    if (Str(e, "date") == date) return;
    dates += ' ';
    dates += e["date"].is_string() ? Str(e, "date") : std::string("null");
    dates += " (\"";
    dates += Str(e, "text").substr(0, 80);
    dates += "\")";
  }
  ADD_FAILURE() << "no " << src << " " << type << " " << tgt << " event dated " << date
                << "; dates:" << dates;
}

// The shortest quote whose text contains `needle` (the first of equals), or
// nullptr. Shortest, so that a nested quotation is found rather than the
// quotation that encloses it (whose text contains it too).
const json* FindQuote(const json& doc, const std::string& needle, int* index = nullptr) {
  if (!doc.contains("quotes")) return nullptr;
  const json* best = nullptr;
  int i = 0;
  for (const json& q : doc["quotes"]) {
    std::string text = Str(q, "text");
    if (text.find(needle) != std::string::npos &&
        (best == nullptr || text.size() < Str(*best, "text").size())) {
      best = &q;
      if (index) *index = i;
    }
    ++i;
  }
  return best;
}

// Expects the quote containing `needle` to be attributed to an entity whose
// name contains `speaker`.
void ExpectSpeaker(const json& doc, const std::string& needle, const std::string& speaker) {
  const json* q = FindQuote(doc, needle);
  ASSERT_NE(q, nullptr) << "no quote containing \"" << needle << "\"";
  ASSERT_TRUE((*q)["speaker"].is_object()) << "quote \"" << needle << "\" has no speaker";
  EXPECT_NE(Str((*q)["speaker"], "name").find(speaker), std::string::npos)
      << "quote \"" << needle << "\" attributed to " << Str((*q)["speaker"], "name")
      << ", expected " << speaker;
}

// Expects a time expression whose text contains `needle`, with `value`.
void ExpectTime(const json& doc, const std::string& needle, const std::string& value) {
  ASSERT_TRUE(doc.contains("times"));
  for (const json& t : doc["times"]) {
    if (Str(t, "text").find(needle) != std::string::npos) {
      EXPECT_EQ(Str(t, "value"), value) << "time \"" << Str(t, "text") << "\"";
      return;
    }
  }
  ADD_FAILURE() << "no time expression containing \"" << needle << "\"";
}

// Expects a mention with exactly `text` and `kind` whose entity code starts
// with `code`.
void ExpectMention(const json& doc, const std::string& text, const std::string& kind,
                   const std::string& code) {
  ASSERT_TRUE(doc.contains("entities"));
  for (const json& e : doc["entities"]) {
    for (const json& m : e["mentions"]) {
      if (Str(m, "text") == text && Str(m, "kind") == kind) {
        EXPECT_TRUE(StartsWith(Str(e, "code"), code))
            << "\"" << text << "\" is a " << kind << " of " << Str(e, "name") << " ("
            << Str(e, "code") << "), expected " << code;
        return;
      }
    }
  }
  ADD_FAILURE() << "no " << kind << " mention \"" << text << "\"";
}

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

// ---------------------------------------------------------------------------
// Schema: every field of docs/schema.md, with its type, and valid offsets.

void ExpectSpanText(const std::string& text, const json& obj, const char* what) {
  ASSERT_TRUE(obj.contains("start") && obj["start"].is_number_unsigned()) << what << ": " << obj;
  ASSERT_TRUE(obj.contains("end") && obj["end"].is_number_unsigned()) << what << ": " << obj;
  size_t b = obj["start"].get<size_t>(), e = obj["end"].get<size_t>();
  ASSERT_LE(b, e) << what << ": " << obj;
  ASSERT_LE(e, text.size()) << what << ": span beyond text: " << obj;
  if (obj.contains("text") && obj["text"].is_string()) {
    EXPECT_EQ(text.substr(b, e - b), obj["text"].get<std::string>()) << what;
  }
}

void ExpectStringOrNull(const json& j, const char* key, const char* what) {
  ASSERT_TRUE(j.contains(key)) << what << " lacks \"" << key << "\"";
  EXPECT_TRUE(j[key].is_string() || j[key].is_null()) << what << "." << key << ": " << j[key];
}

void ExpectType(const json& j, const char* key, json::value_t type, const char* what) {
  ASSERT_TRUE(j.contains(key)) << what << " lacks \"" << key << "\"";
  bool ok = j[key].type() == type ||
            (type == json::value_t::number_integer && j[key].is_number_integer()) ||
            (type == json::value_t::number_float && j[key].is_number());
  EXPECT_TRUE(ok) << what << "." << key << " has type " << j[key].type_name() << ": " << j[key];
}

void ExpectIsoDateOrNull(const json& j, const char* key, const char* what) {
  ExpectStringOrNull(j, key, what);
  if (!j.contains(key) || !j[key].is_string()) return;
  std::string d = j[key].get<std::string>();
  bool ok = (d.size() == 4 || d.size() == 7 || d.size() == 10);
  for (size_t i = 0; i < d.size() && ok; ++i) {
    ok = (i == 4 || i == 7) ? d[i] == '-' : (d[i] >= '0' && d[i] <= '9');
  }
  EXPECT_TRUE(ok) << what << "." << key << " is not YYYY[-MM[-DD]]: " << d;
}

void ExpectEntityRefOrNull(const json& j, const char* key, size_t n_entities, const char* what) {
  ASSERT_TRUE(j.contains(key)) << what << " lacks \"" << key << "\"";
  const json& r = j[key];
  if (r.is_null()) return;
  ASSERT_TRUE(r.is_object()) << what << "." << key;
  ExpectType(r, "name", json::value_t::string, what);
  ExpectType(r, "code", json::value_t::string, what);
  ASSERT_TRUE(r.contains("entity") && r["entity"].is_number_integer()) << what << "." << key;
  EXPECT_LT(r["entity"].get<size_t>(), n_entities) << what << "." << key;
}

void ValidateSchema(const json& j) {
  using V = json::value_t;
  ASSERT_TRUE(j.is_object());
  for (const char* k :
       {"id", "meta", "text", "boilerplate", "entities", "quotes", "events", "places", "times"}) {
    ASSERT_TRUE(j.contains(k)) << "missing top-level field \"" << k << "\"";
  }
  ExpectType(j, "id", V::string, "document");
  ExpectType(j, "text", V::string, "document");
  const std::string text = j["text"].get<std::string>();
  EXPECT_FALSE(text.empty()) << "empty text";

  const json& m = j["meta"];
  ASSERT_TRUE(m.is_object());
  for (const char* k : {"title", "site", "byline", "url", "language", "published_precision",
                        "published_evidence"}) {
    ExpectType(m, k, V::string, "meta");
  }
  ExpectIsoDateOrNull(m, "published", "meta");
  ExpectIsoDateOrNull(m, "page_date", "meta");
  EXPECT_EQ(m["language"], "en");
  if (m["published"].is_string()) {
    std::set<std::string> precisions = {"day", "month", "year"};
    EXPECT_EQ(precisions.count(m["published_precision"].get<std::string>()), 1u);
  }

  ASSERT_TRUE(j["boilerplate"].is_array());
  for (const json& b : j["boilerplate"]) {
    ExpectType(b, "kind", V::string, "boilerplate");
    ExpectType(b, "text", V::string, "boilerplate");
  }

  ASSERT_TRUE(j["entities"].is_array());
  const size_t n_entities = j["entities"].size();
  std::set<std::string> types = {"country", "organization", "igo",  "person",
                                 "group",   "document",     "other"};
  std::set<std::string> mkinds = {"name", "alias", "demonym", "metonym", "pronoun", "description"};
  for (const json& e : j["entities"]) {
    for (const char* k : {"name", "type", "code", "country", "role", "title"}) {
      ExpectType(e, k, V::string, "entity");
    }
    EXPECT_EQ(types.count(Str(e, "type")), 1u) << "entity type " << e["type"];
    ASSERT_TRUE(e.contains("mentions") && e["mentions"].is_array());
    for (const json& men : e["mentions"]) {
      ExpectSpanText(text, men, "mention");
      EXPECT_EQ(mkinds.count(Str(men, "kind")), 1u) << "mention kind " << men["kind"];
    }
  }

  ASSERT_TRUE(j["quotes"].is_array());
  const size_t n_quotes = j["quotes"].size();
  std::set<std::string> qkinds = {"direct", "partial", "nested"};
  for (const json& q : j["quotes"]) {
    ExpectSpanText(text, q, "quote");
    ExpectType(q, "cue", V::string, "quote");
    EXPECT_EQ(qkinds.count(Str(q, "kind")), 1u) << "quote kind " << q["kind"];
    ExpectEntityRefOrNull(q, "speaker", n_entities, "quote");
    ASSERT_TRUE(q.contains("nested_in"));
    if (!q["nested_in"].is_null()) {
      ASSERT_TRUE(q["nested_in"].is_number_integer());
      EXPECT_LT(q["nested_in"].get<size_t>(), n_quotes);
    }
  }

  ASSERT_TRUE(j["events"].is_array());
  std::set<std::string> modalities = {"asserted", "future", "hypothetical", "negated"};
  for (const json& ev : j["events"]) {
    for (const char* side : {"source", "target"}) {
      ASSERT_TRUE(ev.contains(side)) << "event lacks " << side;
      const json& a = ev[side];
      if (a.is_null()) continue;
      ASSERT_TRUE(a.is_object());
      ExpectStringOrNull(a, "name", "actor");
      ExpectType(a, "code", V::string, "actor");
      ASSERT_TRUE(a.contains("entity"));
      if (!a["entity"].is_null()) {
        EXPECT_LT(a["entity"].get<size_t>(), n_entities);
      }
      if (a.contains("start")) ExpectSpanText(text, a, "actor");
    }
    ExpectType(ev, "code", V::string, "event");
    ExpectType(ev, "root", V::string, "event");
    EXPECT_TRUE(StartsWith(Str(ev, "code"), Str(ev, "root"))) << ev["code"];
    ExpectType(ev, "quad_class", V::number_integer, "event");
    EXPECT_GE(ev["quad_class"].get<int>(), 1);
    EXPECT_LE(ev["quad_class"].get<int>(), 4);
    ExpectType(ev, "name", V::string, "event");  // every emitted code is in the codebook
    ExpectType(ev, "goldstein", V::number_float, "event");
    ExpectStringOrNull(ev, "plover", "event");
    ExpectStringOrNull(ev, "plover_mode", "event");
    ExpectStringOrNull(ev, "plover_context", "event");
    ExpectIsoDateOrNull(ev, "date", "event");
    ExpectType(ev, "date_precision", V::string, "event");
    ExpectStringOrNull(ev, "date_evidence", "event");
    ASSERT_TRUE(ev.contains("location"));
    if (!ev["location"].is_null()) {
      ExpectType(ev["location"], "name", V::string, "location");
      ExpectType(ev["location"], "country", V::string, "location");
      ExpectType(ev["location"], "lat", V::number_float, "location");
      ExpectType(ev["location"], "lon", V::number_float, "location");
    }
    ASSERT_TRUE(ev.contains("sentence") && ev["sentence"].is_object());
    json sent = ev["sentence"];
    sent["text"] = ev["text"];
    ExpectSpanText(text, sent, "event sentence");
    ExpectEntityRefOrNull(ev, "attributed_to", n_entities, "event");
    ASSERT_TRUE(ev.contains("quote"));
    if (!ev["quote"].is_null()) {
      EXPECT_LT(ev["quote"].get<size_t>(), n_quotes);
    }
    EXPECT_EQ(modalities.count(Str(ev, "modality")), 1u) << ev["modality"];
  }

  ASSERT_TRUE(j["places"].is_array());
  for (const json& p : j["places"]) {
    for (const char* k : {"name", "country", "admin1", "feature"}) {
      ExpectType(p, k, V::string, "place");
    }
    ExpectType(p, "lat", V::number_float, "place");
    ExpectType(p, "lon", V::number_float, "place");
    EXPECT_TRUE(p["geonames_id"].is_null() || p["geonames_id"].is_number_integer());
    ASSERT_TRUE(p["mentions"].is_array());
    for (const json& s : p["mentions"]) ExpectSpanText(text, s, "place mention");
  }

  ASSERT_TRUE(j["times"].is_array());
  for (const json& t : j["times"]) {
    ExpectSpanText(text, t, "time");
    ExpectIsoDateOrNull(t, "value", "time");
    ExpectType(t, "precision", V::string, "time");
    ExpectType(t, "relative", V::boolean, "time");
  }
}

// Strings that are page chrome and must never reach `text`.
const char* const kChrome[] = {
    "Read more",         "Share this", "Welcome to",  "All rights reserved",
    "Privacy Policy",    "Subscribe",  "Most read",   "Related stories",
    "You may also like", "cookies",    "Sign up for", "Tags:"};

// ---------------------------------------------------------------------------
// Every example through the real binary.

struct ExampleMeta {
  const char* file;
  const char* title;
  const char* site;
  const char* byline;
  const char* published_prefix;  // the published date must start with this
  const char* pull_quote;        // words of a pull quote: once in the text
};

const ExampleMeta kExamples[] = {
    {"01_philippines_japan_drills.txt",
     "Philippines, Japan Begin Joint Naval Drills as Beijing Warns of “Consequences”",
     "Pacific Ledger", "Staff Reporter", "2023-08", "These drills threaten no one."},
    {"02_kenya_ethiopia_visit.txt", "Kenya and Ethiopia Sign Power Line Deal During Wambui Visit",
     "East Africa Monitor", "Our Correspondent", "2021-05",
     "Our two nations share a border, a history and now a power line"},
    {"03_poland_belarus_border.txt",
     "Warsaw Accuses Minsk of Staging Border Crisis, Sends More Troops", "Central Europe Wire",
     "News Desk", "2022-11", "This is not a migration crisis."},
    {"04_india_bangladesh_floods.html",
     "India sends flood relief to Bangladesh as leaders hold talks", "South Asia Herald",
     "Priya Natarajan", "2024-06-20", "The water rose faster than anyone expected."},
    {"05_thailand_cambodia_clash.html", "Thailand recalls envoy after deadly border shelling",
     "Mekong Times", "Somchai Wattana", "2023-03-16", "We will not allow our soldiers"},
};

// Names the example in gtest's messages.
void PrintTo(const ExampleMeta& ex, std::ostream* os) { *os << ex.file; }

class E2eExample : public ::testing::TestWithParam<ExampleMeta> {};

TEST_P(E2eExample, BinaryCodesItToValidJson) {
  const ExampleMeta& ex = GetParam();
  RunResult r = RunDyad("code " + Quote(Example(ex.file)));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << "not JSON: " << r.out.substr(0, 200);
  EXPECT_EQ(Count(r.out, "\n"), 1u) << "one document, one line";
  ValidateSchema(j);
  EXPECT_EQ(Str(j, "id"), Example(ex.file));
  // The binary and the library agree.
  EXPECT_EQ(j, Coded(ex.file));
}

TEST_P(E2eExample, PrettyAndExplainAreTheSameDocument) {
  const ExampleMeta& ex = GetParam();
  RunResult plain = RunDyad("code " + Quote(Example(ex.file)));
  RunResult pretty = RunDyad("code --pretty --explain " + Quote(Example(ex.file)));
  ASSERT_EQ(pretty.exit_code, 0) << pretty.err;
  json a = json::parse(plain.out, nullptr, false);
  json b = json::parse(pretty.out, nullptr, false);
  ASSERT_FALSE(b.is_discarded());
  EXPECT_GT(Count(pretty.out, "\n"), 10u) << "--pretty indents";
  for (json& ev : b["events"]) {
    ASSERT_TRUE(ev.contains("explain")) << "--explain adds explain to every event";
    EXPECT_TRUE(ev["explain"]["pattern"].is_string());
    ev.erase("explain");
  }
  EXPECT_EQ(a, b);
}

TEST_P(E2eExample, ChromeIsRemoved) {
  const ExampleMeta& ex = GetParam();
  const json& j = Coded(ex.file);
  std::string text = Str(j, "text");
  ASSERT_FALSE(text.empty());
  for (const char* c : kChrome) {
    EXPECT_EQ(text.find(c), std::string::npos) << "chrome \"" << c << "\" left in the text";
  }
  EXPECT_EQ(text.find("©"), std::string::npos);
  EXPECT_EQ(text.find("Facebook"), std::string::npos);
  // The pull quote repeats a quotation: its words stay once, not twice.
  EXPECT_EQ(Count(text, ex.pull_quote), 1u) << ex.pull_quote;
  // What was removed is kept as boilerplate.
  EXPECT_FALSE(j["boilerplate"].empty());
}

TEST_P(E2eExample, MetaIsRight) {
  const ExampleMeta& ex = GetParam();
  const json& j = Coded(ex.file);
  ASSERT_TRUE(j.contains("meta"));
  const json& m = j["meta"];
  EXPECT_EQ(Str(m, "title"), ex.title);
  EXPECT_EQ(Str(m, "site"), ex.site);
  EXPECT_EQ(Str(m, "byline"), ex.byline);
  EXPECT_TRUE(StartsWith(Str(m, "published"), ex.published_prefix))
      << "published " << m["published"] << " (" << Str(m, "published_evidence") << "), expected "
      << ex.published_prefix;
  EXPECT_FALSE(Str(m, "published_evidence").empty());
  // A page's display or modified date is never earlier than the story.
  if (m["page_date"].is_string() && m["published"].is_string()) {
    EXPECT_LE(Str(m, "published"), Str(m, "page_date"));
  }
}

INSTANTIATE_TEST_SUITE_P(E2e, E2eExample, ::testing::ValuesIn(kExamples),
                         [](const ::testing::TestParamInfo<ExampleMeta>& info) {
                           return "Ex" + std::string(info.param.file).substr(0, 2);
                         });

TEST(E2eExamples, TextPagesHaveALaterDisplayDate) {
  const std::pair<const char*, const char*> kPageDates[] = {
      {"01_philippines_japan_drills.txt", "2024-02-10"},
      {"02_kenya_ethiopia_visit.txt", "2023-03-13"},
      {"03_poland_belarus_border.txt", "2023-06-07"},
  };
  for (const auto& [file, page_date] : kPageDates) {
    const json& m = Coded(file)["meta"];
    EXPECT_EQ(Str(m, "page_date"), page_date) << file;
    EXPECT_NE(Str(m, "published"), page_date) << file;
  }
}

TEST(E2eExamples, SummaryListsEveryExample) {
  std::string args = "code --summary";
  for (const ExampleMeta& ex : kExamples) {
    args += ' ';
    args += Quote(Example(ex.file));
  }
  RunResult r = RunDyad(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const ExampleMeta& ex : kExamples) {
    EXPECT_NE(r.out.find(ex.file), std::string::npos) << ex.file;
  }
}

// ---------------------------------------------------------------------------
// What each example should yield (examples/README.md). These need every
// stage; they fail until the stages they depend on are done.

TEST(E2eExample01, Events) {
  const json& d = Coded("01_philippines_japan_drills.txt");
  ExpectEvent(d, "PHL", "COOPERATE", "JPN", "2023-08-21", /*either_way=*/true);
  ExpectEvent(d, "CHN", "THREATEN", "PHL", "2023-08-23");
  ExpectEvent(d, "PHL", "REJECT", "", "2023-08-24");
  ExpectEvent(d, "PHL", "ACCUSE", "CHN", "2023-07");
  ExpectEvent(d, "JPN", "CONSULT", "PHL", "2023-07");
  ExpectEvent(d, "JPN", "AGREE", "PHL");
  const json* sign = FindEvent(d, "PHL", "057", "JPN", true);
  ASSERT_NE(sign, nullptr) << EventList(d);
  EXPECT_EQ(Str(*sign, "modality"), "future");
  EXPECT_EQ(Str(*sign, "date"), "2023-09");
}

TEST(E2eExample01, Quotes) {
  const json& d = Coded("01_philippines_japan_drills.txt");
  ExpectSpeaker(d, "These drills threaten no one", "Ana Torres");
  ExpectSpeaker(d, "should stop stirring up trouble at sea", "Liu Wenbo");
  ExpectSpeaker(d, "Japan stands with the Philippines", "Kenji Arakawa");
  ExpectSpeaker(d, "has moved from words to ships", "Maria Delos Reyes");
  ExpectSpeaker(d, "Five years ago nobody would have imagined", "Maria Delos Reyes");
  const json* partial = FindQuote(d, "should stop stirring up trouble at sea");
  ASSERT_NE(partial, nullptr);
  EXPECT_EQ(Str(*partial, "kind"), "partial");
  int outer = -1;
  ASSERT_NE(FindQuote(d, "When their ambassador asked us", &outer), nullptr);
  ExpectSpeaker(d, "When their ambassador asked us", "Ana Torres");
  const json* nested = FindQuote(d, "Our boats will keep sailing");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(Str(*nested, "kind"), "nested");
  EXPECT_EQ((*nested)["nested_in"], outer);
}

TEST(E2eExample01, TimesAndActors) {
  const json& d = Coded("01_philippines_japan_drills.txt");
  ExpectTime(d, "21st August", "2023-08-21");
  ExpectTime(d, "Wednesday", "2023-08-23");
  ExpectTime(d, "Thursday", "2023-08-24");
  ExpectTime(d, "last month", "2023-07");
  ExpectTime(d, "September", "2023-09");
  ExpectMention(d, "Beijing", "metonym", "CHN");
  ExpectMention(d, "Tokyo", "metonym", "JPN");
  bool torres = false;
  for (const json& e : d["entities"]) {
    if (Str(e, "name") == "Ana Torres") {
      torres = true;
      EXPECT_EQ(Str(e, "type"), "person");
      EXPECT_EQ(Str(e, "title"), "Foreign Secretary");
      EXPECT_EQ(Str(e, "country"), "PHL");
    }
  }
  EXPECT_TRUE(torres) << "no entity \"Ana Torres\"";
}

TEST(E2eExample02, Events) {
  const json& d = Coded("02_kenya_ethiopia_visit.txt");
  ExpectEvent(d, "KEN", "SUPPORT", "ETH", "2021-05-06", true);
  ExpectEvent(d, "KEN", "CONSULT", "ETH", "2021-05-04");
  ExpectEvent(d, "KEN", "AID", "ETH", "2021-04");
  ExpectEvent(d, "KEN", "AGREE", "ETH");
  EXPECT_TRUE(FindEvent(d, "ETH", "02", "KEN") || FindEvent(d, "ETH", "10", "KEN"))
      << "ETH asks KEN to share intelligence" << EventList(d);
  ExpectEvent(d, "SOM", "ACCUSE", "");
}

TEST(E2eExample02, Quotes) {
  const json& d = Coded("02_kenya_ethiopia_visit.txt");
  ExpectSpeaker(d, "Our two nations share a border", "Grace Wambui");
  ExpectSpeaker(d, "Nairobi will not forget", "Grace Wambui");
  ExpectSpeaker(d, "open every door", "Tesfaye Alemu");
  ExpectSpeaker(d, "Criminals do not respect borders", "Hirut Bekele");
  const json* anon = FindQuote(d, "timely and generous");
  ASSERT_NE(anon, nullptr);
  if ((*anon)["speaker"].is_object()) {
    std::string who = Str((*anon)["speaker"], "name");
    for (const char* named : {"Wambui", "Alemu", "Bekele"}) {
      EXPECT_EQ(who.find(named), std::string::npos) << "unnamed official became " << who;
    }
  }
}

TEST(E2eExample02, TimesAndActors) {
  const json& d = Coded("02_kenya_ethiopia_visit.txt");
  ExpectTime(d, "4th May", "2021-05-04");
  ExpectTime(d, "Thursday", "2021-05-06");
  ExpectTime(d, "last month", "2021-04");
  ExpectTime(d, "September", "2021-09");
  ExpectMention(d, "Nairobi", "metonym", "KEN");
  ExpectMention(d, "Mogadishu", "metonym", "SOM");
}

TEST(E2eExample03, Events) {
  const json& d = Coded("03_poland_belarus_border.txt");
  ExpectEvent(d, "POL", "ACCUSE", "BLR", "2022-11-08");
  ExpectEvent(d, "POL", "MOBILIZE", "", "2022-10");
  ExpectEvent(d, "BLR", "REJECT", "", "2022-11-09");
  ExpectEvent(d, "BLR", "ACCUSE", "POL");
  ExpectEvent(d, "IGO", "163", "BLR", "2022-11-07");
  ExpectEvent(d, "", "PROTEST", "BLR", "2022-11-09");
  ExpectEvent(d, "LTU", "CONSULT", "POL", "2022-11-10");
  const json* sanctions = FindEvent(d, "IGO", "163", "BLR");
  if (sanctions) {
    EXPECT_EQ(Str(*sanctions, "plover"), "SANCTION");  // 2021 table: COERCE
    EXPECT_EQ(Str(*sanctions, "plover_2021"), "COERCE");
  }
}

TEST(E2eExample03, Quotes) {
  const json& d = Coded("03_poland_belarus_border.txt");
  ExpectSpeaker(d, "This is not a migration crisis", "Tomasz Wierzbicki");
  ExpectSpeaker(d, "inventing a fairy tale", "Alena Karpovich");
  ExpectSpeaker(d, "What happens on the Polish border", "Darius Petrauskas");
  int outer = -1;
  ASSERT_NE(FindQuote(d, "What happens on the Polish border", &outer), nullptr);
  const json* nested = FindQuote(d, "Will you stand with us?");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(Str(*nested, "kind"), "nested");
  EXPECT_EQ((*nested)["nested_in"], outer);
  const json* diplomat = FindQuote(d, "there will be a price to pay");
  ASSERT_NE(diplomat, nullptr);
  if ((*diplomat)["speaker"].is_object()) {
    EXPECT_EQ(Str((*diplomat)["speaker"], "name").find("Wierzbicki"), std::string::npos);
  }
}

TEST(E2eExample03, TimesAndActors) {
  const json& d = Coded("03_poland_belarus_border.txt");
  ExpectTime(d, "7th November", "2022-11-07");
  ExpectTime(d, "Tuesday", "2022-11-08");
  ExpectTime(d, "Thursday", "2022-11-10");
  ExpectTime(d, "last month", "2022-10");
  ExpectTime(d, "September", "2022-09");
  ExpectMention(d, "Minsk", "metonym", "BLR");
  std::set<std::string> places;
  for (const json& p : d["places"]) places.insert(Str(p, "name"));
  EXPECT_EQ(places.count("Warsaw"), 1u);
  EXPECT_EQ(places.count("Brussels"), 1u);
}

TEST(E2eExample04, Events) {
  const json& d = Coded("04_india_bangladesh_floods.html");
  ExpectEvent(d, "IND", "AID", "BGD", "2024-06-18");
  ExpectEvent(d, "IND", "041", "BGD", "2024-06-19");
  ExpectEvent(d, "BGD", "SUPPORT", "IND");
  EXPECT_TRUE(FindEvent(d, "BGD", "02", "IND") || FindEvent(d, "BGD", "10", "IND"))
      << "BGD calls on IND to share data" << EventList(d);
  ExpectEvent(d, "BGD", "ACCUSE", "IND");
  ExpectEvent(d, "CHN", "AGREE", "BGD");
}

TEST(E2eExample04, QuotesTimesAndPlaces) {
  const json& d = Coded("04_india_bangladesh_floods.html");
  ExpectSpeaker(d, "We have always been the first to respond", "Vikram Sethi");
  ExpectSpeaker(d, "The water rose faster", "Farhana Chowdhury");
  ExpectSpeaker(d, "swift and generous", "Farhana Chowdhury");
  int outer = -1;
  ASSERT_NE(FindQuote(d, "The water rose faster", &outer), nullptr);
  const json* nested = FindQuote(d, "We lost the whole harvest in one night");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(Str(*nested, "kind"), "nested");
  EXPECT_EQ((*nested)["nested_in"], outer);
  ExpectTime(d, "Tuesday", "2024-06-18");
  ExpectTime(d, "Wednesday", "2024-06-19");
  ExpectTime(d, "September", "2024-09");
  ExpectMention(d, "New Delhi", "metonym", "IND");
  std::set<std::string> places;
  for (const json& p : d["places"]) places.insert(Str(p, "name"));
  EXPECT_EQ(places.count("Sylhet"), 1u);
  EXPECT_EQ(places.count("Dhaka"), 1u);
  EXPECT_EQ(Str(d["meta"], "published_precision"), "day");
}

TEST(E2eExample05, Events) {
  const json& d = Coded("05_thailand_cambodia_clash.html");
  ExpectEvent(d, "KHM", "ASSAULT", "THA", "2023-03-14");
  ExpectEvent(d, "THA", "161", "KHM", "2023-03-15");
  ExpectEvent(d, "THA", "ACCUSE", "KHM");
  ExpectEvent(d, "THA", "REQUEST", "KHM");
  ExpectEvent(d, "KHM", "AGREE", "THA");
  ExpectEvent(d, "IGO", "02", "");
  ExpectEvent(d, "MYS", "AGREE", "");
}

TEST(E2eExample05, QuotesAndTimes) {
  const json& d = Coded("05_thailand_cambodia_clash.html");
  ExpectSpeaker(d, "a deliberate and unprovoked attack", "Chaiwat Suriyan");
  ExpectSpeaker(d, "We will not allow our soldiers", "Chaiwat Suriyan");
  ExpectSpeaker(d, "only answered fire with fire", "Sok Vannak");
  ExpectSpeaker(d, "at any time, in any place", "Hun Rithy");
  const json* partial = FindQuote(d, "only answered fire with fire");
  ASSERT_NE(partial, nullptr);
  EXPECT_EQ(Str(*partial, "kind"), "partial");
  ExpectTime(d, "Tuesday", "2023-03-14");
  ExpectTime(d, "Wednesday", "2023-03-15");
  ExpectTime(d, "next month", "2023-04");
  ExpectMention(d, "Phnom Penh", "metonym", "KHM");
  ExpectMention(d, "Bangkok", "metonym", "THA");
}

// ---------------------------------------------------------------------------
// The command-line contract (docs/cli.md).

TEST(E2eCli, VersionPrintsTheVersion) {
  RunResult r = RunDyad("version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(StartsWith(r.out, "dyad ")) << r.out;
}

TEST(E2eCli, BadUsageExitsTwo) {
  EXPECT_EQ(RunDyad("").exit_code, 2) << "no subcommand";
  EXPECT_EQ(RunDyad("code").exit_code, 2) << "code with no path";
  EXPECT_EQ(RunDyad("frobnicate x.txt").exit_code, 2) << "unknown subcommand";
  RunResult r = RunDyad("code --no-such-flag " + Quote(Example(kExamples[0].file)));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no-such-flag"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "nothing on stdout on bad usage";
  EXPECT_EQ(RunDyad("code --threads 0 --jsonl x.jsonl").exit_code, 2);
  EXPECT_EQ(RunDyad("quotes").exit_code, 2);
}

TEST(E2eCli, HelpExitsZero) {
  RunResult r = RunDyad("code --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--jsonl"), std::string::npos) << r.out;
}

TEST(E2eCli, MissingFileExitsThreeAndNamesIt) {
  std::string missing = Scratch("no_such_article.txt");
  RunResult r = RunDyad("code " + Quote(missing));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
}

TEST(E2eCli, EmptyOrBinaryFileExitsThree) {
  std::string empty = Scratch("empty.txt");
  WriteFile(empty, "  \n\n");
  RunResult r = RunDyad("code " + Quote(empty));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(empty), std::string::npos) << r.err;

  std::string binary = Scratch("binary.txt");
  WriteFile(binary, std::string("\x7f"
                                "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                16));
  r = RunDyad("code " + Quote(binary));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(binary), std::string::npos) << r.err;
}

TEST(E2eCli, OneBadFileAmongGoodOnesStillCodesTheGoodOnes) {
  std::string missing = Scratch("missing.txt");
  RunResult r = RunDyad("code " + Quote(Example(kExamples[0].file)) + " " + Quote(missing) + " " +
                        Quote(Example(kExamples[1].file)));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(Count(r.out, "\n"), 2u) << "two documents";
}

TEST(E2eCli, DashReadsStandardInput) {
  std::string in = Scratch("stdin.txt");
  WriteFile(in,
            "Foreign Minister Ana Torres visited Tokyo on Tuesday.\n\n"
            "She met Japanese officials to discuss maritime security.\n");
  RunResult r = RunDyad("code -", in);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ValidateSchema(j);
  EXPECT_NE(Str(j, "text").find("maritime security"), std::string::npos) << Str(j, "text");
}

TEST(E2eCli, QuotesPrintsATable) {
  RunResult r = RunDyad("quotes " + Quote(Example(kExamples[0].file)));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(StartsWith(r.out, "SPEAKER")) << r.out;
  EXPECT_NE(r.out.find("Ana Torres"), std::string::npos) << r.out;
}

TEST(E2eCli, JsonlKeepsIdsAndOrder) {
  std::string path = Scratch("records.jsonl");
  WriteFile(
      path,
      R"({"id": "first", "text": "Kenya and Ethiopia signed a trade agreement on Monday.", "date": "2021-05-03"})"
      "\n"
      "this line is not JSON\n"
      R"({"id": "third", "text": "Poland accused Belarus of provoking a border crisis.", "date": "2022-11-08T10:00:00Z"})"
      "\n"
      R"(["an", "array", "is not a record"])"
      "\n"
      R"({"id": "fifth", "html": "<html><body><p>India sent aid to Bangladesh on Tuesday.</p></body></html>"})"
      "\n");
  for (const char* threads : {"1", "2"}) {
    RunResult r = RunDyad(std::string("code --threads ") + threads + " --jsonl " + Quote(path));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::vector<json> docs;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      docs.push_back(json::parse(line, nullptr, false));
      ASSERT_FALSE(docs.back().is_discarded()) << line;
    }
    ASSERT_EQ(docs.size(), 5u) << "one output line per input line";
    EXPECT_EQ(docs[0]["id"], "first");
    EXPECT_TRUE(docs[1]["id"].is_null());
    EXPECT_TRUE(docs[1].contains("error"));
    EXPECT_NE(Str(docs[1], "error").find(path + ":2"), std::string::npos) << docs[1];
    EXPECT_TRUE(docs[1]["events"].is_array());
    EXPECT_EQ(docs[2]["id"], "third");
    EXPECT_TRUE(docs[3].contains("error"));
    EXPECT_EQ(docs[4]["id"], "fifth");
    for (size_t i : {0u, 2u, 4u}) {
      EXPECT_FALSE(docs[i].contains("error")) << docs[i];
      ValidateSchema(docs[i]);
    }
    // The record's date is the reference date when the text has none.
    EXPECT_EQ(Str(docs[2]["meta"], "published"), "2022-11-08");
    EXPECT_NE(r.err.find("2 of 5"), std::string::npos) << r.err;
  }
}

TEST(E2eCli, JsonlReadsStandardInput) {
  std::string path = Scratch("records.jsonl");
  WriteFile(path, R"({"id": 7, "text": "Japan pledged aid to the Philippines."})"
                  "\n");
  RunResult r = RunDyad("code --jsonl -", path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["id"], "7");
}

TEST(E2eCli, JsonlMissingFileExitsThree) {
  std::string missing = Scratch("missing.jsonl");
  RunResult r = RunDyad("code --jsonl " + Quote(missing));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
}

TEST(E2eCli, MalformedBundledDataExitsFour) {
  // A copy of data/ whose codebook has a bad Goldstein value on line 2.
  std::string dir = Scratch("data");
  fs::remove_all(dir);
  fs::copy(std::string(DYAD_SOURCE_DIR) + "/data", dir, fs::copy_options::recursive);
  WriteFile(dir + "/cameo_codes.tsv",
            "# code\tname\tgoldstein\tplover\n042\tMake a visit\tnot-a-number\tCONSULT\n");
  RunResult r = RunDyad("code --data " + Quote(dir) + " " + Quote(Example(kExamples[0].file)));
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("cameo_codes.tsv:2"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "no document is written with broken data";

  std::string records = Scratch("one.jsonl");
  WriteFile(records, R"({"id": "a", "text": "Japan pledged aid to the Philippines."})"
                     "\n");
  r = RunDyad("code --data " + Quote(dir) + " --jsonl " + Quote(records));
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("cameo_codes.tsv:2"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace dyad
