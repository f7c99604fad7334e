// Inputs of ingest and enqueue (inputs.h).
#include "cli/inputs.h"

#include <zlib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "dyad/pipeline.h"
#include "warc/warc.h"

namespace dyad::cli {

namespace fs = std::filesystem;

void AddInputPathsOption(CLI::App* app, std::vector<std::string>* paths) {
  app->add_option("paths", *paths,
                  "files (.txt .html .htm .html.gz .jsonl .warc .warc.gz), folders "
                  "(recursive), or - for standard input")
      ->required();
}

bool HasIngestExtension(const std::string& p) {
  std::string l = AsciiLower(p);
  for (const char* e : {".txt", ".html", ".htm", ".html.gz", ".htm.gz", ".jsonl", ".jsonl.gz"}) {
    if (EndsWith(l, e)) return true;
  }
  return false;
}

bool IsJsonl(const std::string& p) {
  std::string l = AsciiLower(p);
  return EndsWith(l, ".jsonl") || EndsWith(l, ".jsonl.gz");
}

bool IsWarc(const std::string& p) {
  std::string l = AsciiLower(p);
  return EndsWith(l, ".warc") || EndsWith(l, ".warc.gz");
}

// Reads a file, gunzipping when it ends in .gz.
Status ReadMaybeGz(const std::string& path, std::string* out) {
  if (!EndsWith(AsciiLower(path), ".gz")) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound(path + ": cannot open");
    out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) return Status::IoError(path + ": read error");
    return Status::Ok();
  }
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return Status::NotFound(path + ": cannot open");
  char buf[1 << 16];
  int n;
  out->clear();
  while ((n = gzread(f, buf, sizeof buf)) > 0) out->append(buf, static_cast<size_t>(n));
  int err = 0;
  const char* msg = gzerror(f, &err);
  std::string m = msg ? msg : "";
  gzclose(f);
  if (n < 0 || (err != Z_OK && err != Z_STREAM_END)) {
    return Status::InvalidInput(path + ": bad gzip data (" + m + ")");
  }
  return Status::Ok();
}

Result<Document> LoadItem(const Item& it) {
  Result<Document> doc = Status::Internal("unset");
  if (it.doc) {
    doc = *it.doc;
  } else if (!it.path.empty() || it.stdin_text) {
    if (it.stdin_text) {
      Document d;
      d.raw = it.record;
      d.id = d.source = it.source;
      d.format = Format::kText;
      std::string head = AsciiLower(std::string_view(d.raw).substr(0, 2048));
      if (head.find("<html") != std::string::npos ||
          head.find("<!doctype html") != std::string::npos ||
          head.find("<body") != std::string::npos || head.find("<p>") != std::string::npos) {
        d.format = Format::kHtml;
      }
      doc = std::move(d);
    } else if (EndsWith(AsciiLower(it.path), ".gz")) {
      Document d;
      d.id = d.source = it.path;
      d.format = Format::kHtml;
      Status s = ReadMaybeGz(it.path, &d.raw);
      if (!s.ok()) {
        doc = s;
      } else if (Trim(d.raw).empty()) {
        doc = Status::InvalidInput(it.path + ": input is empty");
      } else {
        doc = std::move(d);
      }
    } else {
      doc = ReadDocument(it.path);
    }
  } else {
    doc = DocumentFromJsonRecord(it.record, it.source);
  }
  return doc;
}

namespace {
const std::pair<const char*, std::string Meta::*> kMetaText[] = {
    {"title", &Meta::title},
    {"site", &Meta::site},
    {"byline", &Meta::byline},
    {"url", &Meta::url},
    {"language", &Meta::language},
    {"not_coded", &Meta::not_coded},
    {"published_evidence", &Meta::published_evidence},
};
const std::pair<const char*, Date Meta::*> kMetaDates[] = {
    {"published", &Meta::published},
    {"modified", &Meta::modified},
    {"page_date", &Meta::page_date},
    {"input_date", &Meta::input_date},
};
}  // namespace

std::string EncodeInput(const Document& doc) {
  nlohmann::json j;
  j["id"] = doc.id;
  j["source"] = doc.source;
  j["format"] = doc.format == Format::kHtml ? "html" : "text";
  for (const auto& [name, field] : kMetaText) {
    if (!(doc.meta.*field).empty()) j[name] = doc.meta.*field;
  }
  for (const auto& [name, field] : kMetaDates) {
    if ((doc.meta.*field).known()) j[name] = (doc.meta.*field).Iso();
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n" + doc.raw;
}

Result<Document> DecodeInput(std::string_view data) {
  size_t nl = data.find('\n');
  if (nl == std::string_view::npos) return Status::InvalidInput("queue message: no header line");
  nlohmann::json j = nlohmann::json::parse(data.substr(0, nl), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Status::InvalidInput("queue message: header is not a JSON object");
  Document d;
  d.id = j.value("id", "");
  d.source = j.value("source", "");
  d.format = j.value("format", "") == "html" ? Format::kHtml : Format::kText;
  for (const auto& [name, field] : kMetaText) d.meta.*field = j.value(name, "");
  for (const auto& [name, field] : kMetaDates) d.meta.*field = Date::Parse(j.value(name, ""));
  d.raw = std::string(data.substr(nl + 1));
  return d;
}

void Producer::Run(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    if (stopped_) break;
    if (p == "-") {
      Stdin();
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(
               p, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file(ec) &&
            (HasIngestExtension(it->path().string()) || IsWarc(it->path().string()))) {
          files.push_back(it->path().string());
        }
      }
      std::sort(files.begin(), files.end());
      for (const std::string& f : files) File(f);
    } else if (!fs::exists(p, ec)) {
      Error(p + ": no such file or folder");
    } else {
      File(p);
    }
  }
  total_.store(static_cast<int64_t>(seq_));
}

void Producer::Emit(Item it) {
  it.seq = seq_++;
  emit_(std::move(it));
}
void Producer::Error(const std::string& msg) {
  std::lock_guard<std::mutex> l(mu_);
  errors.push_back(msg);
}
void Producer::File(const std::string& f) {
  if (IsWarc(f)) {
    warc::Stats stats;
    Status s = warc::ForEachRecord(
        f,
        [&](warc::Record&& r) {
          Item it;
          it.source = r.doc.source;
          it.doc = std::move(r.doc);
          Emit(std::move(it));
          return !stopped_.load();
        },
        &stats);
    if (!s.ok()) Error(s.message());
    std::lock_guard<std::mutex> l(mu_);
    for (const std::string& w : stats.warnings) warnings.push_back(w);
    return;
  }
  if (IsJsonl(f)) {
    Jsonl(f);
    return;
  }
  Item it;
  it.path = f;
  it.source = f;
  Emit(std::move(it));
}
void Producer::Jsonl(const std::string& f) {
  if (EndsWith(AsciiLower(f), ".gz")) {
    std::string data;
    Status s = ReadMaybeGz(f, &data);
    if (!s.ok()) return Error(s.message());
    size_t n = 0;
    for (std::string_view l : Split(data, '\n')) {
      ++n;
      if (!Trim(l).empty()) Record(std::string(l), f + ":" + std::to_string(n));
    }
    return;
  }
  std::ifstream in(f, std::ios::binary);
  if (!in) return Error(f + ": cannot open");
  std::string line;
  size_t n = 0;
  while (std::getline(in, line) && !stopped_) {
    ++n;
    if (!Trim(line).empty()) Record(std::move(line), f + ":" + std::to_string(n));
    line.clear();
  }
}
void Producer::Record(std::string rec, std::string source) {
  Item it;
  it.record = std::move(rec);
  it.source = std::move(source);
  Emit(std::move(it));
}
void Producer::Stdin() {
  std::string data((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::string_view t = Trim(data);
  if (!t.empty() && t.front() == '{') {
    size_t n = 0;
    for (std::string_view l : Split(data, '\n')) {
      ++n;
      if (!Trim(l).empty()) Record(std::string(l), "<stdin>:" + std::to_string(n));
    }
    return;
  }
  if (t.empty()) return Error("<stdin>: input is empty");
  Item it;
  it.record = std::move(data);
  it.source = "<stdin>";
  it.stdin_text = true;
  Emit(std::move(it));
}

}  // namespace dyad::cli
