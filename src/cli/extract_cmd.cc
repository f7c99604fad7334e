// dyad extract: article bodies (and, with --meta, metadata) of HTML pages in
// the article-extraction benchmark's JSON format, {id: {"articleBody": ...}}.
// Runs only the stages the body needs (ingest, clean; language with --meta),
// not event coding.

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "clean/clean.h"
#include "cli/cli.h"
#include "core/text.h"
#include "ingest/ingest.h"
#include "language/language.h"

namespace dyad::cli {
namespace {

struct ExtractOptions {
  std::vector<std::string> paths;
  std::string output;
  std::string html_parser = "dyad";
  bool meta = false;
  bool boilerplate = false;
  bool pretty = false;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
};

// True for the page files extract reads from a folder.
bool IsPageFile(const std::string& name) {
  std::string n = AsciiLower(name);
  if (EndsWith(n, ".gz")) n.resize(n.size() - 3);
  return EndsWith(n, ".html") || EndsWith(n, ".htm") || EndsWith(n, ".xhtml");
}

// The benchmark id of a page file: its name without directories and without
// the .gz and .html / .htm extensions.
std::string PageId(const std::string& path) {
  std::string n = std::filesystem::path(path).filename().string();
  std::string lower = AsciiLower(n);
  for (std::string_view ext : {".gz", ".html", ".htm", ".xhtml"}) {
    if (EndsWith(lower, ext)) {
      n.resize(n.size() - ext.size());
      lower.resize(n.size());
    }
  }
  return n;
}

// Reads `path`, decompressing it when it is gzip (zlib reads plain files
// unchanged).
Status ReadPage(const std::string& path, std::string* out) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": cannot open");
  }
  out->clear();
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out->append(buf, static_cast<size_t>(n));
  int err = Z_OK;
  const char* msg = gzerror(f, &err);
  std::string why = msg ? msg : "";
  gzclose(f);
  // A truncated stream reads as end of file with Z_BUF_ERROR.
  if (n < 0 || (err != Z_OK && err != Z_STREAM_END)) {
    return Status::InvalidInput(path + ": corrupt or truncated gzip data (" + why + ")");
  }
  return Status::Ok();
}

// Expands folders into their page files (sorted); files are kept as given.
Result<std::vector<std::string>> ListPages(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::string> here;
      for (const auto& e : std::filesystem::directory_iterator(p, ec)) {
        if (e.is_regular_file(ec) && IsPageFile(e.path().filename().string())) {
          here.push_back(e.path().string());
        }
      }
      if (ec) return Status::IoError(p + ": cannot list folder: " + ec.message());
      std::sort(here.begin(), here.end());
      files.insert(files.end(), here.begin(), here.end());
    } else if (std::filesystem::exists(p, ec)) {
      files.push_back(p);
    } else {
      return Status::NotFound(p + ": no such file or folder");
    }
  }
  return files;
}

// Runs ingest and clean over one page and returns its JSON record.
Result<nlohmann::json> ExtractOne(const Config& config, const std::string& path,
                                  const ExtractOptions& o) {
  Document doc;
  doc.id = PageId(path);
  doc.source = path;
  doc.format = Format::kHtml;
  DYAD_RETURN_IF_ERROR(ReadPage(path, &doc.raw));
  // The language stage runs only when its answer is asked for (--meta).
  for (auto run : {&ingest::Run, &clean::Run, &language::Run}) {
    if (run == &language::Run && !o.meta) break;
    Status s = run(config, doc);
    if (!s.ok()) return Status(s.code(), path + ": " + s.message());
  }
  nlohmann::json rec = {{"articleBody", doc.text}};
  if (o.meta) {
    const Meta& m = doc.meta;
    rec["title"] = m.title;
    rec["site"] = m.site;
    rec["author"] = m.byline;
    rec["url"] = m.url;
    rec["language"] = m.language;
    rec["published"] = m.published.Iso();
    rec["modified"] = m.modified.Iso();
    rec["page_date"] = m.page_date.Iso();
  }
  if (o.boilerplate) {
    nlohmann::json bp = nlohmann::json::array();
    for (const Boilerplate& b : doc.boilerplate) bp.push_back({{"kind", b.kind}, {"text", b.text}});
    rec["boilerplate"] = std::move(bp);
  }
  return rec;
}

int RunExtract(Globals& g, const ExtractOptions& o) {
  g.config.html_parser = o.html_parser == "gumbo" ? HtmlParser::kGumbo : HtmlParser::kDyad;
  auto files = ListPages(o.paths);
  if (!files.ok()) return Fail(files.status());
  std::vector<nlohmann::json> recs(files->size());
  std::vector<Status> errors(files->size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < files->size();) {
      auto r = ExtractOne(g.config, (*files)[i], o);
      if (r.ok()) {
        recs[i] = std::move(*r);
      } else {
        errors[i] = r.status();
      }
    }
  };
  std::vector<std::thread> pool;
  int threads = std::min<int>(o.threads, static_cast<int>(std::max<size_t>(1, files->size())));
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  nlohmann::json out = nlohmann::json::object();
  int rc = 0;
  for (size_t i = 0; i < files->size(); ++i) {
    if (!errors[i].ok()) {
      rc = Fail(errors[i]);
      continue;
    }
    out[PageId((*files)[i])] = std::move(recs[i]);
  }
  std::string text =
      out.dump(o.pretty ? 1 : -1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.push_back('\n');
  FILE* f = o.output.empty() || o.output == "-" ? stdout : std::fopen(o.output.c_str(), "wb");
  if (f == nullptr) return Fail(Status::IoError(o.output + ": cannot write"));
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (f != stdout) ok = std::fclose(f) == 0 && ok;
  if (!ok)
    return Fail(Status::IoError((o.output.empty() ? "<stdout>" : o.output) + ": write failed"));
  return rc;
}

}  // namespace

Command AddExtractCommand(CLI::App& root, Globals& g) {
  auto o = std::make_shared<ExtractOptions>();
  CLI::App* cmd = root.add_subcommand(
      "extract", "Extract article bodies of HTML pages as benchmark JSON {id: {articleBody}}");
  cmd->add_option("paths", o->paths, "folders of .html / .html.gz pages, or page files")
      ->required();
  cmd->add_option("-o,--output", o->output, "write the JSON here instead of standard output");
  cmd->add_option("--threads", o->threads, "worker threads")->check(CLI::Range(1, 256));
  cmd->add_option("--html-parser", o->html_parser, "HTML parser: dyad (default) or gumbo")
      ->check(CLI::IsMember({"dyad", "gumbo"}));
  cmd->add_flag("--meta", o->meta,
                "add title, site, author, url, language, published, modified, page_date");
  cmd->add_flag("--boilerplate", o->boilerplate, "add the removed blocks with their kinds");
  cmd->add_flag("--pretty", o->pretty, "indent the JSON");
  AddDataOption(cmd, g);
  return {cmd, [o](Globals& g) { return RunExtract(g, *o); }, /*needs_lexicons=*/false};
}

}  // namespace dyad::cli
