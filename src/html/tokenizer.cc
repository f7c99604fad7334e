// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The streaming tokenizer and character-reference decoding (see html.h).

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/text.h"
#include "html/html.h"

namespace dyad::html {

namespace {

constexpr std::string_view kTagNames[] = {"",
#define DYAD_HTML_TAG_NAME(e, n) n,
                                          DYAD_HTML_TAGS(DYAD_HTML_TAG_NAME)
#undef DYAD_HTML_TAG_NAME
};

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// A named character reference: its code points (a second one or 0), and
// whether the legacy form without ';' is recognised.
struct Entity {
  char32_t first;
  char32_t second;
  bool legacy;
};

// The Latin-1 block U+00A0..U+00FF, whose names all have legacy forms.
constexpr std::string_view kLatin1Names[96] = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",
    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn",
    "sup2",   "sup3",   "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",
    "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde",
    "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave",
    "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde",
    "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",
    "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",   "eth",
    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
    "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

struct NamedRef {
  std::string_view name;
  char32_t cp;
};

// Common references outside Latin-1 (semicolon required).
constexpr NamedRef kOtherNames[] = {
    {"apos", 0x27},
    {"OElig", 0x152},
    {"oelig", 0x153},
    {"Scaron", 0x160},
    {"scaron", 0x161},
    {"Yuml", 0x178},
    {"fnof", 0x192},
    {"circ", 0x2C6},
    {"tilde", 0x2DC},
    {"ensp", 0x2002},
    {"emsp", 0x2003},
    {"thinsp", 0x2009},
    {"zwnj", 0x200C},
    {"zwj", 0x200D},
    {"lrm", 0x200E},
    {"rlm", 0x200F},
    {"hyphen", 0x2010},
    {"dash", 0x2010},
    {"ndash", 0x2013},
    {"mdash", 0x2014},
    {"horbar", 0x2015},
    {"lsquo", 0x2018},
    {"rsquo", 0x2019},
    {"rsquor", 0x2019},
    {"sbquo", 0x201A},
    {"ldquo", 0x201C},
    {"rdquo", 0x201D},
    {"rdquor", 0x201D},
    {"bdquo", 0x201E},
    {"dagger", 0x2020},
    {"Dagger", 0x2021},
    {"bull", 0x2022},
    {"bullet", 0x2022},
    {"nldr", 0x2025},
    {"hellip", 0x2026},
    {"mldr", 0x2026},
    {"permil", 0x2030},
    {"prime", 0x2032},
    {"Prime", 0x2033},
    {"lsaquo", 0x2039},
    {"rsaquo", 0x203A},
    {"oline", 0x203E},
    {"frasl", 0x2044},
    {"euro", 0x20AC},
    {"trade", 0x2122},
    {"TRADE", 0x2122},
    {"larr", 0x2190},
    {"uarr", 0x2191},
    {"rarr", 0x2192},
    {"darr", 0x2193},
    {"harr", 0x2194},
    {"minus", 0x2212},
    {"lowast", 0x2217},
    {"infin", 0x221E},
    {"ne", 0x2260},
    {"le", 0x2264},
    {"ge", 0x2265},
    {"loz", 0x25CA},
    {"check", 0x2713},
    {"cross", 0x2717},
    {"star", 0x2606},
    {"starf", 0x2605},
    {"spades", 0x2660},
    {"clubs", 0x2663},
    {"hearts", 0x2665},
    {"diams", 0x2666},
    {"Alpha", 0x391},
    {"Beta", 0x392},
    {"Gamma", 0x393},
    {"Delta", 0x394},
    {"Omega", 0x3A9},
    {"alpha", 0x3B1},
    {"beta", 0x3B2},
    {"gamma", 0x3B3},
    {"delta", 0x3B4},
    {"epsilon", 0x3B5},
    {"lambda", 0x3BB},
    {"mu", 0x3BC},
    {"pi", 0x3C0},
    {"sigma", 0x3C3},
    {"tau", 0x3C4},
    {"phi", 0x3C6},
    {"omega", 0x3C9},
    {"Tab", 0x9},
    {"NewLine", 0xA},
    {"excl", 0x21},
    {"num", 0x23},
    {"dollar", 0x24},
    {"percnt", 0x25},
    {"lpar", 0x28},
    {"rpar", 0x29},
    {"ast", 0x2A},
    {"plus", 0x2B},
    {"comma", 0x2C},
    {"period", 0x2E},
    {"sol", 0x2F},
    {"colon", 0x3A},
    {"semi", 0x3B},
    {"equals", 0x3D},
    {"quest", 0x3F},
    {"commat", 0x40},
    {"lsqb", 0x5B},
    {"lbrack", 0x5B},
    {"bsol", 0x5C},
    {"rsqb", 0x5D},
    {"rbrack", 0x5D},
    {"Hat", 0x5E},
    {"lowbar", 0x5F},
    {"grave", 0x60},
    {"lcub", 0x7B},
    {"lbrace", 0x7B},
    {"verbar", 0x7C},
    {"vert", 0x7C},
    {"rcub", 0x7D},
    {"rbrace", 0x7D},
    {"nbsp", 0xA0},
    {"NonBreakingSpace", 0xA0},
    {"ZeroWidthSpace", 0x200B},
    {"InvisibleTimes", 0x2062},
    {"nobreak", 0x2060},
};

const std::unordered_map<std::string_view, Entity>& Entities() {
  static const auto* table = [] {
    auto* m = new std::unordered_map<std::string_view, Entity>();
    for (int i = 0; i < 96; ++i) (*m)[kLatin1Names[i]] = {static_cast<char32_t>(0xA0 + i), 0, true};
    for (const NamedRef& r : kOtherNames) m->emplace(r.name, Entity{r.cp, 0, false});
    for (auto [n, cp] : {std::pair<std::string_view, char32_t>{"amp", '&'},
                         {"AMP", '&'},
                         {"lt", '<'},
                         {"LT", '<'},
                         {"gt", '>'},
                         {"GT", '>'},
                         {"quot", '"'},
                         {"QUOT", '"'},
                         {"COPY", 0xA9},
                         {"REG", 0xAE}}) {
      (*m)[n] = {cp, 0, true};
    }
    return m;
  }();
  return *table;
}

// HTML5's remapping of numeric references 0x80-0x9F (windows-1252).
constexpr char32_t kC1Remap[32] = {
    0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x8D,   0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178,
};

// Decodes one reference at s[i] == '&'; appends its expansion and returns the
// number of bytes consumed, or 0 when it is not a reference (the '&' is then
// literal).
size_t DecodeOne(std::string_view s, size_t i, bool in_attribute, std::string* out) {
  size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    ++j;
    bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    size_t digits_begin = j;
    uint32_t v = 0;
    while (j < s.size()) {
      char c = s[j];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (hex && Lower(c) >= 'a' && Lower(c) <= 'f') {
        d = Lower(c) - 'a' + 10;
      } else {
        break;
      }
      v = std::min<uint32_t>(v * (hex ? 16 : 10) + static_cast<uint32_t>(d), 0x110000);
      ++j;
    }
    if (j == digits_begin) return 0;
    if (j < s.size() && s[j] == ';') ++j;
    char32_t cp = v;
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      cp = 0xFFFD;
    } else if (cp >= 0x80 && cp <= 0x9F) {
      cp = kC1Remap[cp - 0x80];
    }
    AppendUtf8(cp, out);
    return j - i;
  }
  size_t k = j;
  while (k < s.size() && k - j < 32 && IsAsciiAlnum(s[k])) ++k;
  if (k == j) return 0;
  const auto& table = Entities();
  if (k < s.size() && s[k] == ';') {
    auto it = table.find(s.substr(j, k - j));
    if (it != table.end()) {
      AppendUtf8(it->second.first, out);
      if (it->second.second) AppendUtf8(it->second.second, out);
      return k + 1 - i;
    }
  }
  // Legacy forms without ';': the longest known prefix.
  for (size_t len = std::min<size_t>(k - j, 6); len >= 2; --len) {
    auto it = table.find(s.substr(j, len));
    if (it == table.end() || !it->second.legacy) continue;
    size_t end = j + len;
    if (in_attribute && end < s.size() && (IsAsciiAlnum(s[end]) || s[end] == '=')) return 0;
    AppendUtf8(it->second.first, out);
    return end - i;
  }
  return 0;
}

// Appends `s` with references decoded, NULs dropped and CR / CRLF made LF.
void AppendDecoded(std::string_view s, bool in_attribute, std::string* out) {
  size_t i = 0;
  while (i < s.size()) {
    size_t run = i;
    while (run < s.size() && s[run] != '&' && s[run] != '\0' && s[run] != '\r') ++run;
    out->append(s.data() + i, run - i);
    i = run;
    if (i >= s.size()) break;
    char c = s[i];
    if (c == '\0') {
      ++i;
    } else if (c == '\r') {
      out->push_back('\n');
      ++i;
      if (i < s.size() && s[i] == '\n') ++i;
    } else {
      size_t n = DecodeOne(s, i, in_attribute, out);
      if (n == 0) {
        out->push_back('&');
        ++i;
      } else {
        i += n;
      }
    }
  }
}

bool NeedsDecoding(std::string_view s) {
  for (char c : s) {
    if (c == '&' || c == '\0' || c == '\r') return true;
  }
  return false;
}

bool IsRawText(Tag t) {
  return t == Tag::kScript || t == Tag::kStyle || t == Tag::kXmp || t == Tag::kIframe ||
         t == Tag::kNoembed || t == Tag::kNoframes;
}

bool IsRcdata(Tag t) { return t == Tag::kTitle || t == Tag::kTextarea; }

// Index of the first '>' at or after `from`, or npos.
size_t FindGt(std::string_view s, size_t from) { return s.find('>', from); }

}  // namespace

Tag LookupTag(std::string_view name) {
  static const auto* table = [] {
    auto* m = new std::unordered_map<std::string_view, Tag>();
    for (size_t i = 1; i < std::size(kTagNames); ++i) (*m)[kTagNames[i]] = static_cast<Tag>(i);
    return m;
  }();
  if (name.size() > 10) return Tag::kUnknown;
  auto it = table->find(name);
  return it == table->end() ? Tag::kUnknown : it->second;
}

std::string_view TagName(Tag t) {
  size_t i = static_cast<size_t>(t);
  return i < std::size(kTagNames) ? kTagNames[i] : std::string_view();
}

bool IsVoid(Tag t) {
  switch (t) {
    case Tag::kArea:
    case Tag::kBase:
    case Tag::kBasefont:
    case Tag::kBgsound:
    case Tag::kBr:
    case Tag::kCol:
    case Tag::kEmbed:
    case Tag::kFrame:
    case Tag::kHr:
    case Tag::kImg:
    case Tag::kInput:
    case Tag::kKeygen:
    case Tag::kLink:
    case Tag::kMeta:
    case Tag::kParam:
    case Tag::kSource:
    case Tag::kTrack:
    case Tag::kWbr:
      return true;
    default:
      return false;
  }
}

void DecodeEntities(std::string_view s, bool in_attribute, std::string* out) {
  AppendDecoded(s, in_attribute, out);
}

bool Tokenizer::Next(Token* t) {
  t->attributes.clear();
  t->self_closing = false;
  t->tag = Tag::kUnknown;
  t->name = {};
  t->text = {};
  while (pos_ < in_.size()) {
    buffer_.clear();
    if (plaintext_) {
      AppendDecoded(in_.substr(pos_), false, &buffer_);
      pos_ = in_.size();
      t->type = Token::Type::kText;
      t->text = buffer_;
      return true;
    }
    if (raw_tag_ != Tag::kUnknown) {
      ReadRawText(t);
      if (!t->text.empty()) return true;
      continue;
    }
    size_t start = pos_;
    if (in_[pos_] == '<') {
      if (ReadTag(t)) return true;
      if (pos_ != start) continue;  // consumed without a token (e.g. "</>")
    }
    // Text up to the next '<' (a '<' that began no tag is literal text).
    size_t lt = in_.find('<', start + 1);
    if (lt == std::string_view::npos) lt = in_.size();
    pos_ = lt;
    std::string_view raw = in_.substr(start, lt - start);
    t->type = Token::Type::kText;
    if (NeedsDecoding(raw)) {
      AppendDecoded(raw, false, &buffer_);
      t->text = buffer_;
      if (t->text.empty()) continue;
    } else {
      t->text = raw;
    }
    return true;
  }
  return false;
}

void Tokenizer::ReadComment(Token* t, size_t body_begin, std::string_view end_marker) {
  size_t end = in_.find(end_marker, body_begin);
  size_t body_end = end == std::string_view::npos ? in_.size() : end;
  pos_ = end == std::string_view::npos ? in_.size() : end + end_marker.size();
  t->type = Token::Type::kComment;
  t->text = in_.substr(body_begin, body_end - body_begin);
}

void Tokenizer::ReadRawText(Token* t) {
  // The end tag: "</" + name, case-insensitive, then space, '/' or '>'.
  size_t p = pos_;
  size_t end = in_.size();
  std::string_view name = TagName(raw_tag_);
  while ((p = in_.find("</", p)) != std::string_view::npos) {
    size_t q = p + 2;
    bool match = q + name.size() <= in_.size();
    for (size_t k = 0; match && k < name.size(); ++k) match = Lower(in_[q + k]) == name[k];
    if (match) {
      size_t after = q + name.size();
      if (after >= in_.size() || IsSpace(in_[after]) || in_[after] == '/' || in_[after] == '>') {
        end = p;
        break;
      }
    }
    p += 2;
  }
  std::string_view raw = in_.substr(pos_, end - pos_);
  pos_ = end;
  t->type = Token::Type::kText;
  if (IsRcdata(raw_tag_) || NeedsDecoding(raw)) {
    if (IsRcdata(raw_tag_)) {
      AppendDecoded(raw, false, &buffer_);
    } else {
      // Raw text: only NULs and CRs are normalised.
      for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\0') continue;
        if (c == '\r') {
          buffer_.push_back('\n');
          if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
          continue;
        }
        buffer_.push_back(c);
      }
    }
    t->text = buffer_;
  } else {
    t->text = raw;
  }
  raw_tag_ = Tag::kUnknown;
}

bool Tokenizer::ReadTag(Token* t) {
  const size_t n = in_.size();
  size_t i = pos_ + 1;
  if (i >= n) return false;
  char c = in_[i];
  if (c == '!') {
    if (in_.substr(i + 1, 2) == "--") {
      // "<!-->" and "<!--->" are empty comments.
      size_t b = i + 3;
      if (in_.substr(b, 1) == ">") {
        pos_ = b + 1;
        t->type = Token::Type::kComment;
        t->text = {};
        return true;
      }
      if (in_.substr(b, 2) == "->") {
        pos_ = b + 2;
        t->type = Token::Type::kComment;
        t->text = {};
        return true;
      }
      ReadComment(t, b, "-->");
      return true;
    }
    std::string_view head = in_.substr(i + 1, 7);
    bool doctype = head.size() == 7;
    for (size_t k = 0; doctype && k < 7; ++k) doctype = Lower(head[k]) == "doctype"[k];
    if (doctype) {
      size_t gt = FindGt(in_, i);
      pos_ = gt == std::string_view::npos ? n : gt + 1;
      t->type = Token::Type::kDoctype;
      t->name = "html";
      return true;
    }
    ReadComment(t, i + 1, ">");
    return true;
  }
  if (c == '?') {
    ReadComment(t, i, ">");
    return true;
  }
  bool end_tag = c == '/';
  if (end_tag) {
    ++i;
    if (i >= n) return false;
    if (in_[i] == '>') {
      pos_ = i + 1;  // "</>" is dropped
      return false;
    }
    if (!IsAsciiAlpha(in_[i])) {
      ReadComment(t, i, ">");
      return true;
    }
  } else if (!IsAsciiAlpha(c)) {
    return false;
  }
  // Tag name.
  size_t name_begin = i;
  while (i < n && !IsSpace(in_[i]) && in_[i] != '/' && in_[i] != '>') ++i;
  for (size_t k = name_begin; k < i; ++k) buffer_.push_back(in_[k] == '\0' ? '?' : Lower(in_[k]));
  size_t name_size = i - name_begin;
  attr_offsets_.clear();
  // Attributes: (name, value) offsets into buffer_, stored as begin/size pairs.
  bool self_closing = false;
  while (true) {
    while (i < n && (IsSpace(in_[i]) || in_[i] == '/')) {
      if (in_[i] == '/' && i + 1 < n && in_[i + 1] == '>') self_closing = true;
      ++i;
    }
    if (i >= n) {
      pos_ = n;  // EOF inside a tag: the tag is dropped
      return false;
    }
    if (in_[i] == '>') {
      ++i;
      break;
    }
    size_t an = i++;
    while (i < n && !IsSpace(in_[i]) && in_[i] != '/' && in_[i] != '>' && in_[i] != '=') ++i;
    size_t an_end = i;
    while (i < n && IsSpace(in_[i])) ++i;
    size_t vb = 0, ve = 0;
    bool has_value = false;
    if (i < n && in_[i] == '=') {
      ++i;
      while (i < n && IsSpace(in_[i])) ++i;
      if (i < n && (in_[i] == '"' || in_[i] == '\'')) {
        char q = in_[i++];
        size_t close = in_.find(q, i);
        if (close == std::string_view::npos) {
          pos_ = n;
          return false;
        }
        vb = i;
        ve = close;
        i = close + 1;
      } else {
        vb = i;
        while (i < n && !IsSpace(in_[i]) && in_[i] != '>') ++i;
        ve = i;
      }
      has_value = true;
    }
    if (end_tag || attr_offsets_.size() >= 2 * 256) continue;
    // Name, lower-cased; duplicates are dropped (the first wins).
    size_t nb = buffer_.size();
    for (size_t k = an; k < an_end; ++k) buffer_.push_back(in_[k] == '\0' ? '?' : Lower(in_[k]));
    std::string_view nm(buffer_.data() + nb, an_end - an);
    bool dup = false;
    for (size_t k = 0; k < attr_offsets_.size() && !dup; k += 2) {
      dup =
          std::string_view(buffer_.data() + attr_offsets_[k].first, attr_offsets_[k].second) == nm;
    }
    if (dup) {
      buffer_.resize(nb);
      continue;
    }
    size_t vbuf = buffer_.size();
    if (has_value) AppendDecoded(in_.substr(vb, ve - vb), true, &buffer_);
    attr_offsets_.push_back({static_cast<uint32_t>(nb), static_cast<uint32_t>(an_end - an)});
    attr_offsets_.push_back(
        {static_cast<uint32_t>(vbuf), static_cast<uint32_t>(buffer_.size() - vbuf)});
  }
  pos_ = i;
  t->type = end_tag ? Token::Type::kEndTag : Token::Type::kStartTag;
  t->name = std::string_view(buffer_.data(), name_size);
  t->tag = LookupTag(t->name);
  t->self_closing = self_closing;
  for (size_t k = 0; k < attr_offsets_.size(); k += 2) {
    t->attributes.push_back(
        {std::string_view(buffer_.data() + attr_offsets_[k].first, attr_offsets_[k].second),
         std::string_view(buffer_.data() + attr_offsets_[k + 1].first,
                          attr_offsets_[k + 1].second)});
  }
  if (!end_tag) {
    if (IsRawText(t->tag) || IsRcdata(t->tag)) raw_tag_ = t->tag;
    if (t->tag == Tag::kPlaintext) plaintext_ = true;
  }
  return true;
}

}  // namespace dyad::html
