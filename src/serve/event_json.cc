// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The JSON form of a merged event, written straight into a string: pages of
// /v1/events are the API's hot path, and building a JSON tree per row cost
// more than the query. Keys are in alphabetical order, as nlohmann-json
// writes them elsewhere in the API.

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/text.h"
#include "serve/internal.h"

namespace dyad::serve {

namespace {

void AppendString(std::string* out, std::string_view s) {
  std::string repaired;
  if (!IsValidUtf8(s)) {
    repaired = RepairUtf8(s);
    s = repaired;
  }
  out->push_back('"');
  // Runs of characters that need no escape are appended at once.
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out->append(s.data() + run, i - run);
    run = i + 1;
    char c = s[i];
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out->append(buf);
    }
  }
  out->append(s.data() + run, s.size() - run);
  out->push_back('"');
}

void AppendNumber(std::string* out, double v) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, p);
}

void AppendInt(std::string* out, int64_t v) {
  char buf[24];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, p);
}

void AppendDate(std::string* out, int yyyymmdd) {
  if (yyyymmdd <= 0) {
    out->append("null");
    return;
  }
  out->push_back('"');
  out->append(IsoDate(yyyymmdd));
  out->push_back('"');
}

void AppendActor(std::string* out, const std::string& code, const std::string& country,
                 const std::string& name) {
  if (code.empty() && name.empty()) {
    out->append("null");
    return;
  }
  out->append("{\"code\":");
  AppendString(out, code);
  out->append(",\"country\":");
  AppendString(out, country);
  out->append(",\"name\":");
  AppendString(out, name);
  out->push_back('}');
}

}  // namespace

std::string IsoDate(int yyyymmdd) {
  if (yyyymmdd <= 0) return "";
  int y = yyyymmdd / 10000, m = yyyymmdd / 100 % 100, d = yyyymmdd % 100;
  if (y > 9999) {  // five digits or more: printf keeps them all
    char buf[24];
    std::snprintf(buf, sizeof buf, "%d-%02d-%02d", y, m, d);
    std::string out = buf;
    return out.substr(0, m == 0 ? out.size() - 6 : d == 0 ? out.size() - 3 : out.size());
  }
  // "%04d-%02d-%02d" without printf: three dates per event on every page.
  char buf[10] = {static_cast<char>('0' + y / 1000),
                  static_cast<char>('0' + y / 100 % 10),
                  static_cast<char>('0' + y / 10 % 10),
                  static_cast<char>('0' + y % 10),
                  '-',
                  static_cast<char>('0' + m / 10),
                  static_cast<char>('0' + m % 10),
                  '-',
                  static_cast<char>('0' + d / 10),
                  static_cast<char>('0' + d % 10)};
  return std::string(buf, m == 0 ? 4 : d == 0 ? 7 : 10);
}

void AppendEventJson(std::string* out, const cameo::Codebook* cb, const store::EventRow& e) {
  const cameo::CodeInfo* info = cb ? cb->Find(e.code) : nullptr;
  out->append("{\"code\":");
  AppendString(out, e.code);
  out->append(",\"date\":");
  AppendDate(out, e.date);
  out->append(",\"document\":");
  AppendInt(out, e.first_doc);
  out->append(",\"first_seen\":");
  AppendDate(out, e.first_seen);
  out->append(",\"goldstein\":");
  AppendNumber(out, e.goldstein);
  out->append(",\"id\":");
  AppendInt(out, e.id);
  out->append(",\"last_seen\":");
  AppendDate(out, e.last_seen);
  out->append(",\"location\":");
  if (!e.place_name.empty() || e.has_geo) {
    out->append("{\"admin1\":");
    AppendString(out, e.place_admin1);
    out->append(",\"country\":");
    AppendString(out, e.place_country);
    out->append(",\"feature\":");
    AppendString(out, e.place_feature);
    out->append(",\"lat\":");
    AppendNumber(out, e.has_geo ? e.lat : NAN);
    out->append(",\"lon\":");
    AppendNumber(out, e.has_geo ? e.lon : NAN);
    out->append(",\"name\":");
    AppendString(out, e.place_name);
    out->push_back('}');
  } else {
    out->append("null");
  }
  out->append(",\"name\":");
  if (info) {
    AppendString(out, info->name);
  } else {
    out->append("null");
  }
  out->append(",\"num_articles\":");
  AppendInt(out, e.num_articles);
  out->append(",\"num_mentions\":");
  AppendInt(out, e.num_mentions);
  out->append(",\"num_sources\":");
  AppendInt(out, e.num_sources);
  out->append(",\"quad_class\":");
  AppendInt(out, e.quad_class);
  out->append(",\"root\":");
  AppendString(out, e.root);
  out->append(",\"sentence\":");
  AppendString(out, e.sentence);
  out->append(",\"source\":");
  AppendActor(out, e.source_code, e.source_country, e.source_name);
  out->append(",\"source_url\":");
  AppendString(out, e.source_url);
  out->append(",\"target\":");
  AppendActor(out, e.target_code, e.target_country, e.target_name);
  out->push_back('}');
}

}  // namespace dyad::serve
