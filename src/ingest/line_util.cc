#include "ingest/line_util.h"

#include <algorithm>
#include <array>
#include <vector>

#include "core/text.h"

namespace dyad::ingest {

namespace {

// Width in bytes of a white-space sequence at s[i], 0 if none; sets *drop when
// the character is zero-width (removed rather than turned into a space).
size_t SpaceAt(std::string_view s, size_t i, bool* drop) {
  *drop = false;
  unsigned char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c < 0xC2) return 0;
  auto at = [&](size_t k) -> unsigned char {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
  };
  if (c == 0xC2 && at(1) == 0xA0) return 2;  // NBSP
  if (c == 0xC2 && at(1) == 0xAD) {          // soft hyphen
    *drop = true;
    return 2;
  }
  if (c == 0xE2 && at(1) == 0x80) {
    unsigned char d = at(2);
    if (d >= 0x80 && d <= 0x8A) return 3;  // U+2000-U+200A
    if (d == 0xA8 || d == 0xA9 || d == 0xAF) return 3;
    if (d >= 0x8B && d <= 0x8D) {  // zero-width space / joiners
      *drop = true;
      return 3;
    }
  }
  if (c == 0xE2 && at(1) == 0x81 && at(2) == 0x9F) return 3;  // U+205F
  if (c == 0xE3 && at(1) == 0x80 && at(2) == 0x80) return 3;  // U+3000
  if (c == 0xEF && at(1) == 0xBB && at(2) == 0xBF) {          // BOM
    *drop = true;
    return 3;
  }
  return 0;
}

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// Month number for a month name or abbreviation ("sept", "mar."), else 0.
int MonthNumber(std::string_view w) {
  while (!w.empty() && w.back() == '.') w.remove_suffix(1);
  if (w.size() < 3) return 0;
  std::string l = AsciiLower(w);
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (l == kMonths[m]) return static_cast<int>(m) + 1;
    if (l.size() == 3 && kMonths[m].substr(0, 3) == l) return static_cast<int>(m) + 1;
    if (l == "sept" && m == 8) return 9;
  }
  return 0;
}

bool IsWeekday(std::string_view w) {
  while (!w.empty() && w.back() == '.') w.remove_suffix(1);
  std::string l = AsciiLower(w);
  static constexpr std::string_view kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
  for (std::string_view d : kDays) {
    if (l == d || (l.size() == 3 && d.substr(0, 3) == l) || (l == "tues" && d == "tuesday") ||
        (l == "thurs" && d == "thursday")) {
      return true;
    }
  }
  return false;
}

bool AllDigits(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view w) {
  int v = 0;
  for (char c : w) v = v * 10 + (c - '0');
  return v;
}

// Strips an ordinal suffix: "29th" -> "29".
std::string_view StripOrdinal(std::string_view w) {
  if (w.size() > 2) {
    std::string l = AsciiLower(w.substr(w.size() - 2));
    if ((l == "st" || l == "nd" || l == "rd" || l == "th") &&
        AllDigits(w.substr(0, w.size() - 2))) {
      return w.substr(0, w.size() - 2);
    }
  }
  return w;
}

bool IsTimeWord(std::string_view w) {
  // "10:30", "10:30am", "am", "pm", "a.m.", time zones (2-4 capitals).
  std::string l = AsciiLower(w);
  if (l == "am" || l == "pm" || l == "a.m." || l == "p.m." || l == "at" || l == "on" ||
      l == "published" || l == "updated" || l == "posted" || l == "last" || l == "date" ||
      l == "|" || l == "-" || l == "/" || l == "\xE2\x80\x94" || l == "\xE2\x80\x93" ||
      l == "\xC2\xB7" || l == "\xE2\x80\xA2") {
    return true;
  }
  size_t colon = l.find(':');
  if (colon != std::string::npos && colon > 0 && AllDigits(l.substr(0, colon))) return true;
  if (w.size() >= 2 && w.size() <= 4) {
    bool caps = true;
    for (char c : w) caps = caps && c >= 'A' && c <= 'Z';
    if (caps) return true;  // "PKT", "GMT", "EST"
  }
  if ((l.substr(0, 3) == "gmt" || l.substr(0, 3) == "utc") && l.size() <= 9) return true;
  return false;
}

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

void AppendNormalizedSpace(std::string_view s, std::string* out) {
  bool pending = false;
  size_t i = 0;
  while (i < s.size()) {
    bool drop;
    size_t w = SpaceAt(s, i, &drop);
    if (w > 0) {
      if (!drop) pending = true;
      i += w;
      continue;
    }
    if (pending && !out->empty() && out->back() != ' ') out->push_back(' ');
    pending = false;
    // Copy the run up to the next white space at once.
    size_t j = i + 1;
    while (j < s.size()) {
      unsigned char c = s[j];
      // One ASCII space between printable ASCII stays as it is: part of the run.
      if (c == ' ' && j + 1 < s.size()) {
        unsigned char d = s[j + 1];
        if (d > ' ' && d < 0x80) {
          j += 2;
          continue;
        }
      }
      // Printable ASCII and continuation bytes never start white space.
      if ((c <= ' ' || c >= 0xC2) && SpaceAt(s, j, &drop) > 0) break;
      ++j;
    }
    out->append(s.substr(i, j - i));
    i = j;
  }
  if (pending && !out->empty() && out->back() != ' ') out->push_back(' ');
}

std::string NormalizeSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendNormalizedSpace(s, &out);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  size_t lead = 0;
  while (lead < out.size() && out[lead] == ' ') ++lead;
  out.erase(0, lead);
  return out;
}

int CountWords(std::string_view s) {
  if (s.empty()) return 0;
  // A word starts at every non-space byte after a space (or at the start);
  // counted without branches.
  int n = s[0] != ' ';
  for (size_t i = 1; i < s.size(); ++i) n += (s[i] != ' ') & (s[i - 1] == ' ');
  return n;
}

bool LooksLikeHeading(std::string_view line) {
  line = Trim(line);
  if (line.empty() || line.size() > 120) return false;
  int words = CountWords(line);
  if (words > 14) return false;
  unsigned char first = line[0];
  if (first >= 'a' && first <= 'z') return false;
  char last = line.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') {
    // "U.S." style endings are rare in headings; treat a final period as prose.
    return false;
  }
  static constexpr std::string_view kSmall[] = {
      "a",     "an",      "the",   "and",  "or",  "but", "of",  "in",  "on",   "at",   "to",
      "for",   "by",      "with",  "from", "as",  "vs",  "vs.", "via", "into", "over", "against",
      "is",    "are",     "after", "amid", "its", "&",   "-",   "|",   "up",   "out",  "off",
      "about", "between", "under", "than", "not", "be",  "new", "his", "her",  "their"};
  int content = 0, caps = 0;
  size_t i = 0;
  while (i < line.size()) {
    size_t j = line.find(' ', i);
    if (j == std::string_view::npos) j = line.size();
    std::string_view w = line.substr(i, j - i);
    i = j + 1;
    // Skip leading punctuation / quotes.
    while (!w.empty() && !IsAsciiAlnum(w[0]) && static_cast<unsigned char>(w[0]) < 0x80) {
      w.remove_prefix(1);
    }
    if (w.empty()) continue;
    std::string l = AsciiLower(w);
    bool small = false;
    for (std::string_view s : kSmall) small = small || l == s;
    unsigned char c = w[0];
    bool cap = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0xC0;
    if (small && !cap) continue;
    if (small && cap) {
      // A capitalised small word counts for Title Case but not against it.
      ++content;
      ++caps;
      continue;
    }
    ++content;
    if (cap) ++caps;
  }
  if (content == 0) return false;
  if (words <= 2) return caps == content;
  return caps * 4 >= content * 3;
}

bool ParseIsoDate(std::string_view s, Date* d) {
  s = Trim(s);
  if (s.size() < 4 || !AllDigits(s.substr(0, 4))) return false;
  int y = ToInt(s.substr(0, 4));
  if (y < 1800 || y > 2200) return false;
  Date out;
  out.year = y;
  if (s.size() >= 8 && AllDigits(s.substr(0, 8)) &&
      (s.size() == 8 || !IsAsciiAlnum(s[8]) || s[8] == 'T')) {
    int m = ToInt(s.substr(4, 2)), dd = ToInt(s.substr(6, 2));
    if (m < 1 || m > 12 || dd < 1 || dd > 31) return false;
    out.month = m;
    out.day = dd;
    *d = out;
    return true;
  }
  if (s.size() > 4 && s[4] != '-' && s[4] != '/') {
    if (IsAsciiAlnum(s[4])) return false;
    *d = out;
    return true;
  }
  if (s.size() >= 7 && AllDigits(s.substr(5, 2))) {
    int m = ToInt(s.substr(5, 2));
    if (m < 1 || m > 12) return false;
    out.month = m;
    if (s.size() >= 10 && (s[7] == '-' || s[7] == '/') && AllDigits(s.substr(8, 2))) {
      int dd = ToInt(s.substr(8, 2));
      if (dd < 1 || dd > 31) return false;
      out.day = dd;
    }
  }
  *d = out;
  return true;
}

bool ParseDateLine(std::string_view line, Date* d) {
  std::string norm = NormalizeSpace(line);
  std::string_view s = norm;
  // Strip leading/trailing separators.
  while (!s.empty() && (s[0] == '|' || s[0] == '-' || s[0] == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '|' || s.back() == ' ')) s.remove_suffix(1);
  if (s.empty() || s.size() > 80) return false;
  // Pure ISO form.
  {
    size_t sp = s.find(' ');
    std::string_view head = s.substr(0, sp);
    if (head.size() >= 8 && head[4] == '-') {
      Date iso;
      if (ParseIsoDate(head, &iso) && iso.day != 0) {
        std::string_view rest = sp == std::string_view::npos ? "" : s.substr(sp + 1);
        bool ok = true;
        size_t i = 0;
        while (ok && i < rest.size()) {
          size_t j = rest.find(' ', i);
          if (j == std::string_view::npos) j = rest.size();
          ok = IsTimeWord(rest.substr(i, j - i));
          i = j + 1;
        }
        if (ok) {
          *d = iso;
          return true;
        }
      }
    }
  }
  int year = 0, month = 0, day = 0;
  int numbers_before_month = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view w = s.substr(i, j - i);
    i = j + 1;
    while (!w.empty() && (w.back() == ',' || w.back() == '|' || w.back() == ':')) {
      w.remove_suffix(1);
    }
    if (w.empty()) continue;
    if (IsWeekday(w)) continue;
    if (int m = MonthNumber(w); m != 0 && month == 0) {
      month = m;
      continue;
    }
    std::string_view n = StripOrdinal(w);
    if (AllDigits(n) && n.size() <= 4) {
      int v = ToInt(n);
      if (n.size() == 4 && v >= 1800 && v <= 2200 && year == 0) {
        year = v;
      } else if (v >= 1 && v <= 31 && day == 0 && year == 0) {
        day = v;
        if (month == 0) ++numbers_before_month;
      } else {
        return false;
      }
      continue;
    }
    if (IsTimeWord(w)) continue;
    return false;
  }
  (void)numbers_before_month;
  if (year == 0 || month == 0) return false;
  d->year = year;
  d->month = month;
  d->day = day;
  return true;
}

bool FindDate(std::string_view s, Date* d) {
  // ISO anywhere.
  for (size_t i = 0; i + 10 <= s.size(); ++i) {
    if ((i == 0 || !IsAsciiAlnum(s[i - 1])) && AllDigits(s.substr(i, 4)) && s[i + 4] == '-') {
      Date iso;
      if (ParseIsoDate(s.substr(i), &iso) && iso.day != 0) {
        *d = iso;
        return true;
      }
    }
  }
  // "Month D, YYYY" or "D Month YYYY": look at windows of up to 4 words.
  std::string norm = NormalizeSpace(s);
  std::string_view v = norm;
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < v.size()) {
    size_t j = v.find(' ', i);
    if (j == std::string_view::npos) j = v.size();
    words.push_back(v.substr(i, j - i));
    i = j + 1;
  }
  for (size_t k = 0; k < words.size(); ++k) {
    if (MonthNumber(words[k]) == 0) continue;
    size_t lo = k > 0 ? k - 1 : k;
    size_t hi = std::min(words.size(), k + 3);
    // Try shrinking from both ends until a date parses.
    for (size_t a = lo; a <= k; ++a) {
      for (size_t b = hi; b > k; --b) {
        std::string c;
        for (size_t t = a; t < b; ++t) {
          if (!c.empty()) c.push_back(' ');
          std::string_view w = words[t];
          while (!w.empty() && (w.back() == '.' || w.back() == ';' || w.back() == ')')) {
            w.remove_suffix(1);
          }
          c.append(w);
        }
        Date out;
        if (ParseDateLine(c, &out)) {
          *d = out;
          return true;
        }
      }
    }
  }
  return false;
}

namespace {

// How MatchKey treats each byte of punctuation-normalised text: 0 drops it
// (quotation marks), 1 separates words, 2 is kept as it is (bytes >= 0x80),
// and anything else is the lower-case letter or digit to keep.
constexpr std::array<char, 256> kMatchKeyClass = [] {
  std::array<char, 256> a{};
  for (int c = 0; c < 256; ++c) {
    if (c == '"' || c == '\'' || c == '`') {
      a[c] = 0;
    } else if (c >= 0x80) {
      a[c] = 2;
    } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
      a[c] = static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      a[c] = static_cast<char>(c - 'A' + 'a');
    } else {
      a[c] = 1;
    }
  }
  return a;
}();

}  // namespace

std::string MatchKey(std::string_view s) {
  // ASCII text is its own NormalizePunct: no copy then.
  unsigned char high = 0;
  for (char ch : s) high |= static_cast<unsigned char>(ch);
  std::string normalized;
  if (high >= 0x80) normalized = NormalizePunct(s);
  std::string_view p = high < 0x80 ? s : std::string_view(normalized);
  // The key is never longer than `p`: written through a pointer, then cut.
  std::string out(p.size(), '\0');
  char* o = out.data();
  char* const begin = o;
  bool space = false;
  for (size_t i = 0; i < p.size(); ++i) {
    unsigned char c = p[i];
    char k = kMatchKeyClass[c];
    if (k == 0) continue;
    if (k == 1) {
      space = true;
      continue;
    }
    if (k == 2) {
      // Curly quotes NormalizePunct may have missed (guillemets, primes).
      if (c == 0xC2 && i + 1 < p.size() &&
          (static_cast<unsigned char>(p[i + 1]) == 0xAB ||
           static_cast<unsigned char>(p[i + 1]) == 0xBB)) {
        ++i;
        continue;
      }
      k = static_cast<char>(c);
    }
    if (space && o != begin) *o++ = ' ';
    space = false;
    *o++ = k;
  }
  out.resize(static_cast<size_t>(o - begin));
  return out;
}

}  // namespace dyad::ingest
