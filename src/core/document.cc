#include "dyad/document.h"

#include <cstdio>

namespace dyad {

std::string Date::Iso() const {
  if (!known()) return "";
  char buf[16];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

std::string_view Date::Precision() const {
  if (!known()) return "";
  if (month == 0) return "year";
  if (day == 0) return "month";
  return "day";
}

Date Date::Parse(std::string_view s) {
  Date d;
  int digits[8];
  size_t n = 0;
  for (char c : s.substr(0, 10)) {
    if (c >= '0' && c <= '9' && n < 8) digits[n++] = c - '0';
  }
  auto num = [&](size_t from, size_t len) {
    int v = 0;
    for (size_t i = from; i < from + len; ++i) v = v * 10 + digits[i];
    return v;
  };
  if (n >= 4) d.year = num(0, 4);
  if (n >= 6) d.month = num(4, 2);
  if (n >= 8) d.day = num(6, 2);
  if (d.month < 1 || d.month > 12) d.month = d.day = 0;
  if (d.day < 0 || d.day > 31) d.day = 0;
  return d;
}

Date Document::ReferenceDate() const {
  if (meta.published.known()) return meta.published;
  if (meta.input_date.known()) return meta.input_date;
  return meta.page_date;
}

std::string_view ToString(EntityType t) {
  switch (t) {
    case EntityType::kCountry:
      return "country";
    case EntityType::kOrganization:
      return "organization";
    case EntityType::kIgo:
      return "igo";
    case EntityType::kPerson:
      return "person";
    case EntityType::kGroup:
      return "group";
    case EntityType::kDocument:
      return "document";
    case EntityType::kOther:
      return "other";
  }
  return "other";
}

std::string_view ToString(MentionKind k) {
  switch (k) {
    case MentionKind::kName:
      return "name";
    case MentionKind::kAlias:
      return "alias";
    case MentionKind::kDemonym:
      return "demonym";
    case MentionKind::kMetonym:
      return "metonym";
    case MentionKind::kPronoun:
      return "pronoun";
    case MentionKind::kDescription:
      return "description";
  }
  return "name";
}

std::string_view ToString(QuoteKind k) {
  switch (k) {
    case QuoteKind::kDirect:
      return "direct";
    case QuoteKind::kPartial:
      return "partial";
    case QuoteKind::kNested:
      return "nested";
  }
  return "direct";
}

std::string_view ToString(Modality m) {
  switch (m) {
    case Modality::kAsserted:
      return "asserted";
    case Modality::kFuture:
      return "future";
    case Modality::kHypothetical:
      return "hypothetical";
    case Modality::kNegated:
      return "negated";
  }
  return "asserted";
}

std::string_view ToString(BlockKind k) {
  switch (k) {
    case BlockKind::kParagraph:
      return "paragraph";
    case BlockKind::kHeading:
      return "heading";
    case BlockKind::kListItem:
      return "list_item";
    case BlockKind::kBlockquote:
      return "blockquote";
    case BlockKind::kPreformatted:
      return "preformatted";
    case BlockKind::kTableCell:
      return "table_cell";
    case BlockKind::kOther:
      return "other";
  }
  return "other";
}

}  // namespace dyad
