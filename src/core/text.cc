#include "core/text.h"

namespace dyad {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  auto is_space_at_front = [&](size_t* n) {
    if (s.empty()) return false;
    unsigned char c = s[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      *n = 1;
      return true;
    }
    if (s.size() >= 2 && c == 0xC2 && static_cast<unsigned char>(s[1]) == 0xA0) {
      *n = 2;
      return true;
    }
    return false;
  };
  auto is_space_at_back = [&](size_t* n) {
    if (s.empty()) return false;
    unsigned char c = s.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      *n = 1;
      return true;
    }
    if (s.size() >= 2 && c == 0xA0 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2) {
      *n = 2;
      return true;
    }
    return false;
  };
  size_t n;
  while (is_space_at_front(&n)) s.remove_prefix(n);
  while (is_space_at_back(&n)) s.remove_suffix(n);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    if (p == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, p - start));
    start = p + 1;
  }
}

char32_t DecodeUtf8(std::string_view s, size_t* i) {
  unsigned char c = s[*i];
  if (c < 0x80) {
    ++*i;
    return c;
  }
  int len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = s[*i + k];
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Reject overlong forms, surrogates and out-of-range values.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*i;
    return 0xFFFD;
  }
  *i += len;
  return cp;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

namespace {

// The offset of the first invalid UTF-8 sequence at or after `from` (a
// literal U+FFFD is valid), or npos; *len receives its length in bytes.
size_t FindInvalidUtf8(std::string_view s, size_t from, size_t* len) {
  size_t i = from;
  while (i < s.size()) {
    size_t before = i;
    char32_t c = DecodeUtf8(s, &i);
    if (c == 0xFFFD && i - before != 3) {
      *len = i - before;
      return before;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t len;
  return FindInvalidUtf8(s, 0, &len) == std::string_view::npos;
}

std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0, len = 0;
  for (size_t bad; (bad = FindInvalidUtf8(s, pos, &len)) != std::string_view::npos;) {
    out.append(s.substr(pos, bad - pos));
    out += "\xEF\xBF\xBD";
    pos = bad + len;
  }
  out.append(s.substr(pos));
  return out;
}

std::string NormalizePunct(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t copied = 0;  // s[copied, i) is copied unchanged when needed
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t before = i;
    char replacement;
    switch (DecodeUtf8(s, &i)) {
      case 0x201C:
      case 0x201D:
      case 0x201E:
      case 0x00AB:
      case 0x00BB:
      case 0x2033:
        replacement = '"';
        break;
      case 0x2018:
      case 0x2019:
      case 0x201A:
      case 0x2032:
        replacement = '\'';
        break;
      case 0x2013:
      case 0x2014:
      case 0x2012:
      case 0x2212:
        replacement = '-';
        break;
      case 0x00A0:
      case 0x2009:
      case 0x200A:
      case 0x202F:
        replacement = ' ';
        break;
      default:
        continue;
    }
    out.append(s.substr(copied, before - copied));
    out.push_back(replacement);
    copied = i;
  }
  out.append(s.substr(copied));
  return out;
}

}  // namespace dyad
