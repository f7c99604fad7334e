// dyad code and dyad quotes: run the pipeline over files and print JSON, a
// summary, or a quotation table.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "cameo/codebook.h"
#include "cli/cli.h"
#include "core/text.h"
#include "core/tsv.h"
#include "dyad/json.h"
#include "dyad/pipeline.h"
#include "warc/warc.h"

namespace dyad::cli {
namespace {

void PrintSummary(const Config& config, const Document& doc) {
  const Meta& m = doc.meta;
  std::printf("== %s\n", doc.source.c_str());
  std::printf("   title:     %s\n", m.title.c_str());
  std::printf("   site:      %s    byline: %s\n", m.site.empty() ? "-" : m.site.c_str(),
              m.byline.empty() ? "-" : m.byline.c_str());
  std::printf("   published: %s%s%s    (page date %s)\n",
              m.published.known() ? m.published.Iso().c_str() : "unknown",
              m.published_evidence.empty() ? "" : " from ", m.published_evidence.c_str(),
              m.page_date.known() ? m.page_date.Iso().c_str() : "none");
  std::printf(
      "   %zu sentences, %zu entities, %zu quotes, %zu places, %zu events, "
      "%zu boilerplate blocks removed\n",
      doc.sentences.size(), doc.entities.size(), doc.quotes.size(), doc.places.size(),
      doc.events.size(), doc.boilerplate.size());
  const cameo::Codebook* cb = nullptr;
  if (auto r = cameo::Codebook::Get(config); r.ok()) cb = *r;
  if (!doc.events.empty()) std::printf("   events:\n");
  for (const Event& ev : doc.events) {
    const auto* info = cb ? cb->Find(ev.code) : nullptr;
    std::printf("     %-10s %-9s %-4s %-22s -> %-9s %s%s\n",
                ev.date.known() ? ev.date.Iso().c_str() : "-", ev.source.code.c_str(),
                ev.code.c_str(), info ? Shorten(info->name, 22).c_str() : "?",
                ev.target.code.empty() ? "-" : ev.target.code.c_str(),
                Shorten(doc.Text(doc.sentences[ev.sentence].span), 60).c_str(),
                ev.modality == Modality::kAsserted
                    ? ""
                    : (" [" + std::string(ToString(ev.modality)) + "]").c_str());
  }
  if (!doc.quotes.empty()) std::printf("   quotes:\n");
  for (const Quote& q : doc.quotes) {
    std::string who = q.speaker >= 0 ? doc.entities[q.speaker].name : "?";
    std::printf("     %-22s %-10s \"%s\"\n", Shorten(who, 22).c_str(), q.cue.c_str(),
                Shorten(doc.Text(q.span), 70).c_str());
  }
  std::printf("\n");
}

void PrintQuotesTable(const Document& doc) {
  std::printf("%-28s %-12s %s\n", "SPEAKER", "CUE", "QUOTATION");
  for (const Quote& q : doc.quotes) {
    std::string who = q.speaker >= 0 ? doc.entities[q.speaker].name : "(unknown)";
    std::printf("%-28s %-12s %s\n", Shorten(who, 28).c_str(), q.cue.c_str(),
                Shorten(doc.Text(q.span), 200).c_str());
  }
}

std::string ErrorRecord(const std::string& id, const std::string& message) {
  return nlohmann::json{{"id", id.empty() ? nlohmann::json(nullptr) : nlohmann::json(id)},
                        {"error", message},
                        {"events", nlohmann::json::array()}}
      .dump();
}

// Runs `work(i)` for every i in [0, n) on `threads` threads and returns the
// results in index order, so output order never depends on the threads.
std::vector<std::string> ParallelMap(size_t n, int threads,
                                     const std::function<std::string(size_t)>& work) {
  std::vector<std::string> out(n);
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) out[i] = work(i);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads && static_cast<size_t>(t) < n; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return out;
}

void PrintLines(const std::vector<std::string>& lines) {
  for (const std::string& o : lines) {
    std::fwrite(o.data(), 1, o.size(), stdout);
    std::fputc('\n', stdout);
  }
}

// Codes `doc`: its JSON, or an error record in its place.
std::string CodeOne(const Config& config, const JsonOptions& jopt, Document& doc,
                    std::atomic<int>* bad) {
  Status st = RunPipeline(config, doc);
  if (!st.ok()) {
    ++*bad;
    return ErrorRecord(doc.id, st.message());
  }
  return ToJson(config, doc, jopt);
}

// Batch mode: one JSON object a line in, one document a line out, same order.
// A bad line yields an error record in its place; its neighbours are coded.
int RunJsonl(const Config& config, const std::string& path, const JsonOptions& jopt, int threads) {
  std::string data;
  Status s = ReadFile(path, &data);
  if (!s.ok()) return Fail(s);
  struct Line {
    std::string_view text;
    size_t number;
  };
  std::vector<Line> lines;
  size_t number = 0;
  for (std::string_view l : Split(data, '\n')) {
    ++number;
    if (!Trim(l).empty()) lines.push_back({l, number});
  }
  std::atomic<int> bad{0};
  PrintLines(ParallelMap(lines.size(), threads, [&](size_t i) {
    std::string where = path + ":" + std::to_string(lines[i].number);
    auto doc = DocumentFromJsonRecord(lines[i].text, where);
    if (!doc.ok()) {
      ++bad;
      return ErrorRecord("", doc.status().message());
    }
    return CodeOne(config, jopt, *doc, &bad);
  }));
  if (bad > 0) {
    std::fprintf(stderr, "dyad: %s: %d of %zu records failed (see their \"error\")\n", path.c_str(),
                 bad.load(), lines.size());
  }
  return 0;
}

// WARC mode: every HTML record of each file, coded in record order, in
// batches so that memory stays bounded. Skips, damage and failed records are
// reported on standard error; the exit code is non-zero only when a file
// cannot be read as WARC at all.
int RunWarc(const Config& config, const std::vector<std::string>& paths, const JsonOptions& jopt,
            int threads) {
  constexpr size_t kBatchBytes = size_t{64} << 20;
  const size_t batch_docs = 8 * static_cast<size_t>(threads);
  int rc = 0;
  for (const std::string& path : paths) {
    warc::Stats stats;
    std::vector<Document> batch;
    size_t batch_bytes = 0;
    std::atomic<int> bad{0};
    auto flush = [&] {
      PrintLines(ParallelMap(batch.size(), threads,
                             [&](size_t i) { return CodeOne(config, jopt, batch[i], &bad); }));
      std::fflush(stdout);
      batch.clear();
      batch_bytes = 0;
    };
    Status s = warc::ForEachRecord(
        path,
        [&](warc::Record&& r) {
          batch_bytes += r.doc.raw.size();
          batch.push_back(std::move(r.doc));
          if (batch.size() >= batch_docs || batch_bytes >= kBatchBytes) flush();
          return true;
        },
        &stats);
    flush();
    for (const std::string& w : stats.warnings)
      std::fprintf(stderr, "dyad: warning: %s\n", w.c_str());
    if (stats.corrupt > stats.warnings.size()) {
      std::fprintf(stderr, "dyad: warning: %s: %llu more damaged records\n", path.c_str(),
                   static_cast<unsigned long long>(stats.corrupt - stats.warnings.size()));
    }
    if (!s.ok()) {
      rc = Fail(s);
      continue;
    }
    std::fprintf(stderr, "dyad: %s: %s\n", path.c_str(), stats.Summary().c_str());
    if (bad > 0) {
      std::fprintf(stderr, "dyad: %s: %d of %llu documents failed (see their \"error\")\n",
                   path.c_str(), bad.load(), static_cast<unsigned long long>(stats.documents));
    }
  }
  return rc;
}

struct CodeOptions {
  std::vector<std::string> paths;
  bool jsonl = false, warc = false, pretty = false, explain = false, summary = false;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string html_parser = "dyad";
};

int RunCode(Globals& g, const CodeOptions& o) {
  g.config.explain = o.explain;
  g.config.html_parser = o.html_parser == "gumbo" ? HtmlParser::kGumbo : HtmlParser::kDyad;
  JsonOptions jopt;
  jopt.pretty = o.pretty;
  jopt.explain = o.explain;
  if (o.jsonl && o.warc)
    return Fail(Status::InvalidArgument("--jsonl and --warc exclude each other"));
  if (o.warc) return RunWarc(g.config, o.paths, jopt, o.threads);
  if (o.jsonl) {
    if (o.paths.size() != 1) return Fail(Status::InvalidArgument("--jsonl takes exactly one file"));
    return RunJsonl(g.config, o.paths[0], jopt, o.threads);
  }
  int rc = 0;
  for (const std::string& p : o.paths) {
    auto doc = ReadDocument(p);
    if (!doc.ok()) {
      rc = Fail(doc.status());
      continue;
    }
    Status s = RunPipeline(g.config, *doc);
    if (!s.ok()) {
      rc = Fail(s);
      continue;
    }
    if (o.summary) {
      PrintSummary(g.config, *doc);
    } else {
      std::string j = ToJson(g.config, *doc, jopt);
      std::fwrite(j.data(), 1, j.size(), stdout);
      std::fputc('\n', stdout);
    }
  }
  return rc;
}

}  // namespace

Command AddCodeCommand(CLI::App& root, Globals& g) {
  auto o = std::make_shared<CodeOptions>();
  CLI::App* code = root.add_subcommand("code", "Code articles: one JSON document per input");
  code->add_option("paths", o->paths, "a .txt or .html file, or - for standard input")->required();
  code->add_flag("--jsonl", o->jsonl, "input is JSON lines {id, text, date[, html, url]}");
  code->add_flag("--warc", o->warc,
                 "inputs are WARC files (.warc or .warc.gz): code every HTML record");
  code->add_flag("--pretty", o->pretty, "indent the JSON");
  code->add_flag("--explain", o->explain, "show each event's pattern and trigger");
  code->add_flag("--summary", o->summary, "print a readable summary instead of JSON");
  code->add_option("--threads", o->threads, "worker threads in --jsonl and --warc mode")
      ->check(CLI::Range(1, 256));
  code->add_option("--max-doc-bytes", g.config.max_doc_bytes,
                   "reject a document larger than this many bytes (0: no limit)")
      ->capture_default_str();
  code->add_option("--max-doc-seconds", g.config.max_doc_seconds,
                   "stop coding a document after this many seconds (0: no limit)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  code->add_option("--html-parser", o->html_parser, "HTML parser: dyad (default) or gumbo")
      ->check(CLI::IsMember({"dyad", "gumbo"}));
  AddDataOption(code, g);
  return {code, [o](Globals& g) { return RunCode(g, *o); }};
}

Command AddQuotesCommand(CLI::App& root, Globals& g) {
  auto path = std::make_shared<std::string>();
  CLI::App* quotes = root.add_subcommand("quotes", "Print a table of quotations and speakers");
  quotes->add_option("path", *path, "a .txt or .html file, or -")->required();
  AddDataOption(quotes, g);
  return {quotes, [path](Globals& g) {
            auto doc = ReadDocument(*path);
            if (!doc.ok()) return Fail(doc.status());
            Status s = RunPipeline(g.config, *doc);
            if (!s.ok()) return Fail(s);
            PrintQuotesTable(*doc);
            return 0;
          }};
}

}  // namespace dyad::cli
