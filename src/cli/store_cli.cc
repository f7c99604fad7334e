#include "cli/store_cli.h"

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "cameo/codebook.h"
#include "dyad/document.h"
#include "store/pg_store.h"

namespace dyad::cli {

void AddDbOption(CLI::App* app, std::string* db) {
  *db = kDefaultDb;
  app->add_option("--db", *db, "the store (SQLite file; default ./dyad.db)");
}

void AddStoreOptions(CLI::App* app, std::string* db) {
  AddDbOption(app, db);
  app->add_option_function<std::string>(
         "--pg", [db](const std::string& url) { *db = std::string(kPgPrefix) + url; },
         "read the shared PostgreSQL store instead (libpq URL, docs/scale.md)")
      ->excludes(app->get_option("--db"));
}

Result<std::unique_ptr<store::Reader>> OpenExistingStore(const std::string& db) {
  if (db.rfind(kPgPrefix, 0) == 0) {
    auto pg = store::PgStore::Open(db.substr(kPgPrefix.size()), /*read_only=*/true);
    if (!pg.ok()) return pg.status();
    return std::unique_ptr<store::Reader>(std::move(*pg));
  }
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) {
    return Status::NotFound(db + ": no such store (create it with dyad ingest --db " + db + ")");
  }
  auto st = store::Store::Open(db, /*read_only=*/true);
  if (!st.ok()) return st.status();
  return std::unique_ptr<store::Reader>(std::move(*st));
}

std::string IsoDate(int d) {
  if (d == 0) return "";
  char buf[16];
  if (d % 100 == 0 && d / 100 % 100 == 0) {
    std::snprintf(buf, sizeof buf, "%04d", d / 10000);
  } else if (d % 100 == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", d / 10000, d / 100 % 100);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  }
  return buf;
}

bool ParseDateBound(const std::string& s, bool end, int* out) {
  Date d = Date::Parse(s);
  if (!d.known()) return false;
  int m = d.month != 0 ? d.month : (end ? 12 : 1);
  int day = d.day != 0 ? d.day : (end ? 31 : 1);
  *out = d.year * 10000 + m * 100 + day;
  return true;
}

}  // namespace dyad::cli

namespace dyad::cli {

void AddFilterOptions(CLI::App* app, FilterArgs* a, int default_limit) {
  a->limit = default_limit;
  app->add_option("--actor", a->actor, "actor code prefix (RUS, RUSGOV), country or name");
  app->add_option("--actor2", a->actor2, "second actor: with --actor, the pair either way");
  app->add_option("--source", a->source, "source actor country (ISO alpha-3)");
  app->add_option("--target", a->target, "target actor country (ISO alpha-3)");
  app->add_option("--code", a->code, "CAMEO event code prefix (04, 042)");
  app->add_option("--root", a->root, "CAMEO root (two digits)");
  app->add_option("--quad", a->quad,
                  "quad class 1-4 or verbal-coop, material-coop, "
                  "verbal-conflict, material-conflict");
  app->add_option("--from", a->from, "events on or after this date (YYYY[-MM[-DD]])");
  app->add_option("--to", a->to, "events on or before this date (YYYY[-MM[-DD]])");
  app->add_option("--place", a->place, "place name (substring) or ISO alpha-2 country");
  app->add_option("--outlet", a->outlet, "reported by this outlet (e.g. reuters.com)");
  app->add_option("--text", a->text, "a mention's sentence contains this text");
  app->add_option("--after", a->after, "cursor: events with id greater than this");
  app->add_option("--limit", a->limit, "at most this many events (0: all)")
      ->check(CLI::Range(0, 1 << 30));
}

Result<store::EventFilter> ToFilter(const FilterArgs& a) {
  store::EventFilter f;
  f.actor = a.actor;
  f.actor2 = a.actor2;
  f.source_country = a.source;
  f.target_country = a.target;
  f.code = a.code;
  f.place = a.place;
  f.outlet = a.outlet;
  f.text = a.text;
  f.after_id = a.after;
  f.limit = a.limit;
  if (!a.root.empty()) {
    if (a.root.size() != 2 || !std::isdigit(static_cast<unsigned char>(a.root[0])) ||
        !std::isdigit(static_cast<unsigned char>(a.root[1]))) {
      return Status::InvalidArgument("--root: expected two digits (01-20), got \"" + a.root + "\"");
    }
    f.root = a.root;
  }
  if (!a.quad.empty()) {
    const char* names[] = {"verbal-coop", "material-coop", "verbal-conflict", "material-conflict"};
    for (int i = 0; i < 4; ++i) {
      if (a.quad == std::to_string(i + 1) || a.quad == names[i]) f.quad_class = i + 1;
    }
    if (f.quad_class == 0)
      return Status::InvalidArgument("--quad: expected 1-4, got \"" + a.quad + "\"");
  }
  if (!a.from.empty() && !ParseDateBound(a.from, false, &f.date_from)) {
    return Status::InvalidArgument("--from: not a date: \"" + a.from + "\"");
  }
  if (!a.to.empty() && !ParseDateBound(a.to, true, &f.date_to)) {
    return Status::InvalidArgument("--to: not a date: \"" + a.to + "\"");
  }
  return f;
}

std::string EventJson(const Config& config, const store::EventRow& e,
                      const std::vector<std::string>* urls) {
  nlohmann::json j;
  j["id"] = e.id;
  j["date"] = IsoDate(e.date);
  j["code"] = e.code;
  const cameo::Codebook* cb = nullptr;
  if (auto r = cameo::Codebook::Get(config); r.ok()) cb = *r;
  const cameo::CodeInfo* info = cb ? cb->Find(e.code) : nullptr;
  j["name"] = info ? info->name : "";
  j["root"] = e.root;
  j["quad_class"] = e.quad_class;
  j["goldstein"] = e.goldstein;
  j["source"] = {{"code", e.source_code}, {"name", e.source_name}, {"country", e.source_country}};
  j["target"] = {{"code", e.target_code}, {"name", e.target_name}, {"country", e.target_country}};
  if (e.place_name.empty()) {
    j["place"] = nullptr;
  } else {
    j["place"] = {{"name", e.place_name},
                  {"country", e.place_country},
                  {"admin1", e.place_admin1},
                  {"feature", e.place_feature}};
    if (e.has_geo) {
      j["place"]["lat"] = e.lat;
      j["place"]["lon"] = e.lon;
    }
  }
  j["num_mentions"] = e.num_mentions;
  j["num_sources"] = e.num_sources;
  j["num_articles"] = e.num_articles;
  j["first_seen"] = IsoDate(e.first_seen);
  j["last_seen"] = IsoDate(e.last_seen);
  j["source_url"] = e.source_url;
  if (urls) j["source_urls"] = *urls;
  j["sentence"] = e.sentence;
  return j.dump();
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string EventCsvHeader() {
  return "id,date,source_code,source_name,code,target_code,target_name,root,quad_class,"
         "goldstein,place,place_country,num_mentions,num_sources,num_articles,first_seen,"
         "last_seen,source_url,sentence";
}

std::string EventCsvRow(const store::EventRow& e) {
  char gold[32];
  std::snprintf(gold, sizeof gold, "%.1f", e.goldstein);
  std::string out;
  bool first = true;
  for (const std::string& f :
       {std::to_string(e.id), IsoDate(e.date), e.source_code, e.source_name, e.code, e.target_code,
        e.target_name, e.root, std::to_string(e.quad_class), std::string(gold), e.place_name,
        e.place_country, std::to_string(e.num_mentions), std::to_string(e.num_sources),
        std::to_string(e.num_articles), IsoDate(e.first_seen), IsoDate(e.last_seen), e.source_url,
        e.sentence}) {
    if (!first) out += ',';
    first = false;
    out += CsvField(f);
  }
  return out;
}

}  // namespace dyad::cli
