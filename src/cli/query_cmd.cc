// dyad query: events from the corpus store matching filters, as a table,
// JSON or CSV (docs/cli.md).

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cameo/codebook.h"
#include "cli/cli.h"
#include "cli/store_cli.h"

namespace dyad::cli {
namespace {

struct QueryOptions {
  std::string db;
  std::string format = "table";
  bool urls = false;
  FilterArgs filter;
};

void Print(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fputc('\n', stdout);
}

int RunQuery(Globals& g, const QueryOptions& o) {
  auto f = ToFilter(o.filter);
  if (!f.ok()) return Fail(f.status());
  auto st = OpenExistingStore(o.db);
  if (!st.ok()) return Fail(st.status());
  store::Reader& s = **st;
  const cameo::Codebook* cb = nullptr;
  if (auto r = cameo::Codebook::Get(g.config); r.ok()) cb = *r;
  int64_t last = 0, n = 0;
  if (o.format == "table") {
    std::printf("%-17s %-10s %-12s %-5s %-26s %-12s %-14s %4s %4s  %s\n", "ID", "DATE", "SOURCE",
                "CODE", "ACTION", "TARGET", "PLACE", "ART", "SRC", "SENTENCE");
  } else if (o.format == "csv") {
    Print(EventCsvHeader());
  }
  Status status = s.ForEachEvent(*f, [&](const store::EventRow& e) {
    last = e.id;
    ++n;
    if (o.format == "json") {
      std::vector<std::string> urls;
      if (o.urls) {
        auto u = s.GetEventUrls(e.id);
        if (!u.ok()) return u.status();
        urls = *u;
      }
      Print(EventJson(g.config, e, o.urls ? &urls : nullptr));
    } else if (o.format == "csv") {
      Print(EventCsvRow(e));
    } else {
      const cameo::CodeInfo* info = cb ? cb->Find(e.code) : nullptr;
      std::printf("%-17lld %-10s %-12s %-5s %-26s %-12s %-14s %4d %4d  %s\n",
                  static_cast<long long>(e.id), IsoDate(e.date).c_str(),
                  Shorten(e.source_code.empty() ? "-" : e.source_code, 12).c_str(), e.code.c_str(),
                  Shorten(info ? info->name : "?", 26).c_str(),
                  Shorten(e.target_code.empty() ? "-" : e.target_code, 12).c_str(),
                  Shorten(e.place_name.empty() ? "-" : e.place_name, 14).c_str(), e.num_articles,
                  e.num_sources, Shorten(e.sentence, 80).c_str());
    }
    return Status::Ok();
  });
  if (!status.ok()) return Fail(status);
  // The cursor for the next page goes to standard error, so that standard
  // output stays pure data.
  if (f->limit > 0 && n == f->limit) {
    std::fprintf(stderr, "dyad query: more events may follow: add --after %lld\n",
                 static_cast<long long>(last));
  }
  return 0;
}

}  // namespace

Command AddQueryCommand(CLI::App& root, Globals& g) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* app = root.add_subcommand("query", "Find merged events in the corpus store");
  AddStoreOptions(app, &o->db);
  AddFilterOptions(app, &o->filter, 100);
  app->add_option("--format", o->format, "table (default), json (one event per line) or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  app->add_flag("--urls", o->urls, "json: add every source URL of each event");
  AddDataOption(app, g);
  return {app, [o](Globals& g) { return RunQuery(g, *o); }, false};
}

}  // namespace dyad::cli
