// dyad: the command-line tool (docs/cli.md).
//
// Exit codes: 0 success; 2 bad usage; 3 unreadable or invalid input;
// 4 malformed bundled data; 5 internal error.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cameo/codebook.h"
#include "core/text.h"
#include "core/tsv.h"
#include "dyad/json.h"
#include "dyad/pipeline.h"

namespace {

using dyad::Config;
using dyad::Document;
using dyad::Status;
using dyad::StatusCode;

int ExitCode(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return 0;
    case StatusCode::kInvalidArgument: return 2;
    case StatusCode::kNotFound:
    case StatusCode::kIoError:
    case StatusCode::kInvalidInput: return 3;
    case StatusCode::kDataError: return 4;
    case StatusCode::kInternal: return 5;
  }
  return 5;
}

int Fail(const Status& s) {
  std::fprintf(stderr, "dyad: %s\n", s.message().c_str());
  return ExitCode(s);
}

// Parses "2019-07-02", "20190702", "2019-07" or "2019" (with any time part).
dyad::Date ParseInputDate(std::string_view s) {
  dyad::Date d;
  std::string digits;
  for (char c : s.substr(0, 10)) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  if (digits.size() >= 4) d.year = std::stoi(digits.substr(0, 4));
  if (digits.size() >= 6) d.month = std::stoi(digits.substr(4, 2));
  if (digits.size() >= 8) d.day = std::stoi(digits.substr(6, 2));
  if (d.month < 1 || d.month > 12) d.month = d.day = 0;
  if (d.day < 0 || d.day > 31) d.day = 0;
  return d;
}

std::string Shorten(std::string_view s, size_t n) {
  std::string out(dyad::Trim(s));
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  if (out.size() <= n) return out;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut) + "...";
}

void PrintSummary(const Config& config, const Document& doc) {
  const dyad::Meta& m = doc.meta;
  std::printf("== %s\n", doc.source.c_str());
  std::printf("   title:     %s\n", m.title.c_str());
  std::printf("   site:      %s    byline: %s\n", m.site.empty() ? "-" : m.site.c_str(),
              m.byline.empty() ? "-" : m.byline.c_str());
  std::printf("   published: %s%s%s    (page date %s)\n",
              m.published.known() ? m.published.Iso().c_str() : "unknown",
              m.published_evidence.empty() ? "" : " from ", m.published_evidence.c_str(),
              m.page_date.known() ? m.page_date.Iso().c_str() : "none");
  std::printf("   %zu sentences, %zu entities, %zu quotes, %zu places, %zu events, "
              "%zu boilerplate blocks removed\n",
              doc.sentences.size(), doc.entities.size(), doc.quotes.size(), doc.places.size(),
              doc.events.size(), doc.boilerplate.size());
  const dyad::cameo::Codebook* cb = nullptr;
  if (auto r = dyad::cameo::Codebook::Get(config); r.ok()) cb = *r;
  if (!doc.events.empty()) std::printf("   events:\n");
  for (const dyad::Event& ev : doc.events) {
    const auto* info = cb ? cb->Find(ev.code) : nullptr;
    std::printf("     %-10s %-9s %-4s %-22s -> %-9s %s%s\n",
                ev.date.known() ? ev.date.Iso().c_str() : "-", ev.source.code.c_str(),
                ev.code.c_str(), info ? Shorten(info->name, 22).c_str() : "?",
                ev.target.code.empty() ? "-" : ev.target.code.c_str(),
                Shorten(doc.Text(doc.sentences[ev.sentence].span), 60).c_str(),
                ev.modality == dyad::Modality::kAsserted
                    ? ""
                    : (" [" + std::string(dyad::ToString(ev.modality)) + "]").c_str());
  }
  if (!doc.quotes.empty()) std::printf("   quotes:\n");
  for (const dyad::Quote& q : doc.quotes) {
    std::string who = q.speaker >= 0 ? doc.entities[q.speaker].name : "?";
    std::printf("     %-22s %-10s \"%s\"\n", Shorten(who, 22).c_str(), q.cue.c_str(),
                Shorten(doc.Text(q.span), 70).c_str());
  }
  std::printf("\n");
}

void PrintQuotesTable(const Document& doc) {
  std::printf("%-28s %-12s %s\n", "SPEAKER", "CUE", "QUOTATION");
  for (const dyad::Quote& q : doc.quotes) {
    std::string who = q.speaker >= 0 ? doc.entities[q.speaker].name : "(unknown)";
    std::printf("%-28s %-12s %s\n", Shorten(who, 28).c_str(), q.cue.c_str(),
                Shorten(doc.Text(q.span), 200).c_str());
  }
}

// Batch mode: one JSON object a line in, one document a line out, same order.
int RunJsonl(const Config& config, const std::string& path, const dyad::JsonOptions& jopt,
             int threads) {
  std::string data;
  Status s = dyad::ReadFile(path, &data);
  if (!s.ok()) return Fail(s);
  std::vector<std::string_view> lines;
  for (std::string_view l : dyad::Split(data, '\n')) {
    if (!dyad::Trim(l).empty()) lines.push_back(l);
  }
  std::vector<std::string> out(lines.size());
  std::atomic<size_t> next{0};
  std::atomic<int> bad{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < lines.size();) {
      nlohmann::json rec = nlohmann::json::parse(lines[i], nullptr, false);
      std::string where = path + ":" + std::to_string(i + 1);
      if (rec.is_discarded() || !rec.is_object()) {
        out[i] = nlohmann::json{{"id", nullptr}, {"error", where + ": not a JSON object"},
                                {"events", nlohmann::json::array()}}
                     .dump();
        ++bad;
        continue;
      }
      Document doc;
      doc.source = where;
      if (rec.contains("id")) {
        doc.id = rec["id"].is_string() ? rec["id"].get<std::string>() : rec["id"].dump();
      }
      if (rec.contains("html") && rec["html"].is_string()) {
        doc.raw = rec["html"].get<std::string>();
        doc.format = dyad::Format::kHtml;
      } else if (rec.contains("text") && rec["text"].is_string()) {
        doc.raw = rec["text"].get<std::string>();
        doc.format = dyad::Format::kText;
      }
      if (rec.contains("url") && rec["url"].is_string()) doc.meta.url = rec["url"].get<std::string>();
      if (rec.contains("date") && rec["date"].is_string()) {
        doc.meta.input_date = ParseInputDate(rec["date"].get<std::string>());
      }
      doc.raw = dyad::RepairUtf8(doc.raw);
      Status st = dyad::RunPipeline(config, doc);
      if (!st.ok()) {
        out[i] = nlohmann::json{{"id", doc.id}, {"error", st.message()},
                                {"events", nlohmann::json::array()}}
                     .dump();
        ++bad;
        continue;
      }
      out[i] = dyad::ToJson(config, doc, jopt);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  for (const std::string& o : out) {
    std::fwrite(o.data(), 1, o.size(), stdout);
    std::fputc('\n', stdout);
  }
  if (bad > 0) std::fprintf(stderr, "dyad: %s: %d of %zu records failed (see their \"error\")\n",
                            path.c_str(), bad.load(), lines.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dyad: news articles in, coded event data out"};
  app.require_subcommand(1);
  Config config = Config::Default();

  std::vector<std::string> paths;
  bool jsonl = false, pretty = false, explain = false, summary = false;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string data_dir;

  CLI::App* code = app.add_subcommand("code", "Code articles: one JSON document per input");
  code->add_option("paths", paths, "a .txt or .html file, or - for standard input")->required();
  code->add_flag("--jsonl", jsonl, "input is JSON lines {id, text, date[, html, url]}");
  code->add_flag("--pretty", pretty, "indent the JSON");
  code->add_flag("--explain", explain, "show each event's pattern and trigger");
  code->add_flag("--summary", summary, "print a readable summary instead of JSON");
  code->add_option("--threads", threads, "worker threads in --jsonl mode")->check(CLI::Range(1, 256));
  std::string html_parser = "gumbo";
  code->add_option("--html-parser", html_parser, "HTML parser")->check(CLI::IsMember({"gumbo"}));
  for (CLI::App* c : {code}) c->add_option("--data", data_dir, "data folder (default: the repository's data/)");

  std::string qpath;
  CLI::App* quotes = app.add_subcommand("quotes", "Print a table of quotations and speakers");
  quotes->add_option("path", qpath, "a .txt or .html file, or -")->required();
  quotes->add_option("--data", data_dir, "data folder");

  app.add_subcommand("version", "Print dyad's version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (!data_dir.empty()) config.data_dir = data_dir;
  config.explain = explain;

  if (app.got_subcommand("version")) {
    std::printf("dyad %s\n", DYAD_VERSION);
    return 0;
  }
  dyad::JsonOptions jopt;
  jopt.pretty = pretty;
  jopt.explain = explain;

  // Load every lexicon up front: malformed data fails here, with exit code 4.
  if (Status s = dyad::Preload(config); !s.ok()) return Fail(s);

  if (app.got_subcommand("quotes")) {
    auto doc = dyad::ReadDocument(qpath);
    if (!doc.ok()) return Fail(doc.status());
    Status s = dyad::RunPipeline(config, *doc);
    if (!s.ok()) return Fail(s);
    PrintQuotesTable(*doc);
    return 0;
  }

  if (jsonl) {
    if (paths.size() != 1) return Fail(Status::InvalidArgument("--jsonl takes exactly one file"));
    return RunJsonl(config, paths[0], jopt, threads);
  }
  int rc = 0;
  for (const std::string& p : paths) {
    auto doc = dyad::ReadDocument(p);
    if (!doc.ok()) {
      rc = Fail(doc.status());
      continue;
    }
    Status s = dyad::RunPipeline(config, *doc);
    if (!s.ok()) {
      rc = Fail(s);
      continue;
    }
    if (summary) {
      PrintSummary(config, *doc);
    } else {
      std::string j = dyad::ToJson(config, *doc, jopt);
      std::fwrite(j.data(), 1, j.size(), stdout);
      std::fputc('\n', stdout);
    }
  }
  return rc;
}
