#include "dyad/pipeline.h"

#include <chrono>
#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>

#include "actors/actors.h"
#include "cameo/codebook.h"
#include "clean/clean.h"
#include "core/charset.h"
#include "core/text.h"
#include "core/tsv.h"
#include "coref/coref.h"
#include "events/events.h"
#include "ingest/ingest.h"
#include "language/language.h"
#include "places/places.h"
#include "quotes/quotes.h"
#include "segment/segment.h"
#include "tag/tag.h"
#include "time/time.h"

namespace dyad {

namespace {

using StageFn = Status (*)(const Config&, Document&);

struct Stage {
  const char* name;
  StageFn run;
};

constexpr Stage kStages[] = {
    {"ingest", &ingest::Run},   {"clean", &clean::Run},   {"language", &language::Run},
    {"segment", &segment::Run}, {"tag", &tag::Run},       {"actors", &actors::Run},
    {"coref", &coref::Run},     {"quotes", &quotes::Run}, {"time", &timex::Run},
    {"places", &places::Run},   {"events", &events::Run},
};

// "30" or "0.5": a limit in seconds for messages.
std::string FormatSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", s);
  return buf;
}

bool LooksLikeHtml(std::string_view s) {
  std::string head = AsciiLower(s.substr(0, 2048));
  return head.find("<html") != std::string::npos ||
         head.find("<!doctype html") != std::string::npos ||
         head.find("<body") != std::string::npos || head.find("<p>") != std::string::npos ||
         head.find("<div") != std::string::npos;
}

}  // namespace

Status RunPipeline(const Config& config, Document& doc) {
  std::string where = doc.source.empty() ? doc.id : doc.source;
  if (!where.empty()) where += ": ";
  if (config.max_doc_bytes > 0 && doc.raw.size() > config.max_doc_bytes) {
    return Status::InvalidInput(where + "document is " + std::to_string(doc.raw.size()) +
                                " bytes, over the limit of " +
                                std::to_string(config.max_doc_bytes) + " (--max-doc-bytes)");
  }
  auto start = std::chrono::steady_clock::now();
  for (const Stage& stage : kStages) {
    // Non-English bodies are reported (meta.language, meta.not_coded), not coded.
    if (stage.run == &events::Run && !doc.meta.not_coded.empty()) continue;
    Status s = stage.run(config, doc);
    if (!s.ok()) return Status(s.code(), where + stage.name + ": " + s.message());
    if (config.max_doc_seconds > 0) {
      std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      if (took.count() > config.max_doc_seconds && &stage != &kStages[std::size(kStages) - 1]) {
        return Status::InvalidInput(where + "document took over " +
                                    FormatSeconds(config.max_doc_seconds) + " s (after stage " +
                                    stage.name + "), over the time limit (--max-doc-seconds)");
      }
    }
  }
  return Status::Ok();
}

Result<Document> ReadDocument(const std::string& path) {
  Document doc;
  doc.id = path;
  doc.source = path == "-" ? "<stdin>" : path;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &doc.raw));
  // A byte order mark names the encoding: UTF-16 and UTF-32 files are
  // converted to UTF-8 here (they would otherwise look binary).
  size_t bom = 0;
  std::string charset = BomCharset(doc.raw, &bom);
  if (charset == "utf-8") {
    doc.raw.erase(0, bom);
  } else if (!charset.empty()) {
    std::string utf8;
    if (!ConvertToUtf8(std::string_view(doc.raw).substr(bom), charset, &utf8)) {
      return Status::InvalidInput(doc.source + ": cannot convert from " + charset +
                                  " (byte order mark) to UTF-8");
    }
    doc.raw = std::move(utf8);
  }
  if (Trim(doc.raw).empty()) return Status::InvalidInput(doc.source + ": input is empty");
  size_t nul = doc.raw.find('\0');
  if (nul != std::string::npos && nul < 4096) {
    return Status::InvalidInput(doc.source + ": input is binary (NUL byte at offset " +
                                std::to_string(nul) + "), expected text or HTML");
  }
  std::string lower = AsciiLower(path);
  bool html_ext = EndsWith(lower, ".html") || EndsWith(lower, ".htm") || EndsWith(lower, ".xhtml");
  doc.format = html_ext || LooksLikeHtml(doc.raw) ? Format::kHtml : Format::kText;
  return doc;
}

Result<Document> DocumentFromJsonRecord(std::string_view line, const std::string& source) {
  nlohmann::json rec = nlohmann::json::parse(line, nullptr, false);
  if (rec.is_discarded() || !rec.is_object()) {
    return Status::InvalidInput(source + ": not a JSON object");
  }
  Document doc;
  doc.source = source;
  if (auto it = rec.find("id"); it != rec.end() && !it->is_null()) {
    doc.id = it->is_string() ? it->get<std::string>() : it->dump();
  }
  // Each optional string field: absent or null is fine, another type is not.
  auto field = [&](const char* name, std::string* out) -> Status {
    auto it = rec.find(name);
    if (it == rec.end() || it->is_null()) return Status::Ok();
    if (!it->is_string()) {
      return Status::InvalidInput(source + ": field \"" + name + "\" must be a string, not " +
                                  it->type_name());
    }
    *out = it->get<std::string>();
    return Status::Ok();
  };
  std::string html, text, date;
  DYAD_RETURN_IF_ERROR(field("html", &html));
  DYAD_RETURN_IF_ERROR(field("text", &text));
  DYAD_RETURN_IF_ERROR(field("url", &doc.meta.url));
  DYAD_RETURN_IF_ERROR(field("date", &date));
  if (!html.empty()) {
    doc.raw = std::move(html);
    doc.format = Format::kHtml;
  } else {
    doc.raw = std::move(text);
    doc.format = Format::kText;
  }
  if (!date.empty()) doc.meta.input_date = Date::Parse(date);
  doc.raw = RepairUtf8(doc.raw);
  return doc;
}

Status Preload(const Config& config) {
  auto cb = cameo::Codebook::Get(config);
  if (!cb.ok()) return cb.status();
  // Warm every stage on a tiny document so their lexicons load now; loading
  // is not a document's work, so the per-document limits do not apply.
  Config unlimited = config;
  unlimited.max_doc_bytes = 0;
  unlimited.max_doc_seconds = 0;
  Document doc;
  doc.raw = "Officials said on Monday that Russia met Pakistan in Moscow.";
  doc.format = Format::kText;
  return RunPipeline(unlimited, doc);
}

}  // namespace dyad
