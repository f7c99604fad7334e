#include "language/language.h"

#include <cld2/public/compact_lang_det.h>

#include <string>

#include "core/text.h"

namespace CLD2 {
// Declared in cld2/internal/lang_script.h, which is not meant to be included
// on its own; the symbol is exported by libcld2.
const char* LanguageCode(Language lang);
}  // namespace CLD2

namespace dyad::language {

namespace {

// CLD2's answer for `text` (which it needs as interchange-valid UTF-8), or
// UNKNOWN_LANGUAGE when it is unsure.
CLD2::Language Cld2(std::string_view text) {
  std::string sample = RepairUtf8(text);
  bool reliable = false;
  CLD2::Language lang = CLD2::DetectLanguage(sample.data(), static_cast<int>(sample.size()),
                                             /*is_plain_text=*/true, &reliable);
  return reliable ? lang : CLD2::UNKNOWN_LANGUAGE;
}

}  // namespace

std::string Detect(std::string_view text) {
  if (text.size() < kMinBytes) return "";
  // CLD2's cost grows with the text. A body whose first kPrefixBytes are
  // reliably English is English; anything else gets the full scan (64 KB
  // is plenty), so non-English and mixed bodies are judged as before.
  CLD2::Language lang = CLD2::UNKNOWN_LANGUAGE;
  if (text.size() > 2 * kPrefixBytes) lang = Cld2(text.substr(0, kPrefixBytes));
  if (lang != CLD2::ENGLISH) lang = Cld2(text.substr(0, 64 * 1024));
  if (lang == CLD2::UNKNOWN_LANGUAGE) return "";
  std::string code = CLD2::LanguageCode(lang);
  code = code.substr(0, code.find('-'));
  if (code.empty() || code == "un" || code == "xx") return "";
  return code;
}

Status Run(const Config&, Document& doc) {
  std::string code = Detect(doc.text);
  if (!code.empty()) doc.meta.language = code;
  if (doc.meta.language.empty()) doc.meta.language = "en";
  doc.meta.not_coded.clear();
  if (doc.meta.language != "en") {
    doc.meta.not_coded = "language " + doc.meta.language + ": events are coded in English only";
  }
  return Status::Ok();
}

}  // namespace dyad::language
