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

Date Document::ReferenceDate() const {
  if (meta.published.known()) return meta.published;
  if (meta.input_date.known()) return meta.input_date;
  return meta.page_date;
}

std::string_view ToString(EntityType t) {
  switch (t) {
    case EntityType::kCountry: return "country";
    case EntityType::kOrganization: return "organization";
    case EntityType::kIgo: return "igo";
    case EntityType::kPerson: return "person";
    case EntityType::kGroup: return "group";
    case EntityType::kDocument: return "document";
    case EntityType::kOther: return "other";
  }
  return "other";
}

std::string_view ToString(MentionKind k) {
  switch (k) {
    case MentionKind::kName: return "name";
    case MentionKind::kAlias: return "alias";
    case MentionKind::kDemonym: return "demonym";
    case MentionKind::kMetonym: return "metonym";
    case MentionKind::kPronoun: return "pronoun";
    case MentionKind::kDescription: return "description";
  }
  return "name";
}

std::string_view ToString(QuoteKind k) {
  switch (k) {
    case QuoteKind::kDirect: return "direct";
    case QuoteKind::kPartial: return "partial";
    case QuoteKind::kNested: return "nested";
  }
  return "direct";
}

std::string_view ToString(Modality m) {
  switch (m) {
    case Modality::kAsserted: return "asserted";
    case Modality::kFuture: return "future";
    case Modality::kHypothetical: return "hypothetical";
    case Modality::kNegated: return "negated";
  }
  return "asserted";
}

std::string_view ToString(BlockKind k) {
  switch (k) {
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kHeading: return "heading";
    case BlockKind::kListItem: return "list_item";
    case BlockKind::kBlockquote: return "blockquote";
    case BlockKind::kPreformatted: return "preformatted";
    case BlockKind::kTableCell: return "table_cell";
    case BlockKind::kOther: return "other";
  }
  return "other";
}

}  // namespace dyad
