#include "ingest/ingest.h"

#include <gumbo.h>
#include <unicode/ucnv.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.h"
#include "ingest/line_util.h"

namespace dyad::ingest {

namespace {

// ---------------------------------------------------------------------------
// Character sets

// The charset a page declares in its first bytes (BOM, <meta charset>, or
// http-equiv content), lower-cased; empty when none.
std::string DeclaredCharset(std::string_view raw) {
  if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0xFF &&
      static_cast<unsigned char>(raw[1]) == 0xFE) {
    return "utf-16le";
  }
  if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0xFE &&
      static_cast<unsigned char>(raw[1]) == 0xFF) {
    return "utf-16be";
  }
  std::string head = AsciiLower(raw.substr(0, 8192));
  size_t p = 0;
  while ((p = head.find("charset", p)) != std::string::npos) {
    size_t i = p + 7;
    while (i < head.size() &&
           (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\'')) {
      ++i;
    }
    size_t j = i;
    while (j < head.size() &&
           ((head[j] >= 'a' && head[j] <= 'z') || (head[j] >= '0' && head[j] <= '9') ||
            head[j] == '-' || head[j] == '_' || head[j] == ':' || head[j] == '.')) {
      ++j;
    }
    if (j > i) return head.substr(i, j - i);
    p = j + 1;
  }
  return "";
}

// Converts `in` from charset `from` to UTF-8 with ICU; false on failure.
bool ConvertToUtf8(std::string_view in, const std::string& from, std::string* out) {
  UErrorCode err = U_ZERO_ERROR;
  int32_t need = ucnv_convert("UTF-8", from.c_str(), nullptr, 0, in.data(),
                              static_cast<int32_t>(in.size()), &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return false;
  out->assign(static_cast<size_t>(need) + 1, '\0');
  err = U_ZERO_ERROR;
  int32_t got = ucnv_convert("UTF-8", from.c_str(), out->data(), need + 1, in.data(),
                             static_cast<int32_t>(in.size()), &err);
  if (U_FAILURE(err)) return false;
  out->resize(static_cast<size_t>(got));
  return true;
}

// `raw` as UTF-8: converted from the declared charset when the bytes are not
// already valid UTF-8 (pages often mislabel UTF-8 as Latin-1), with
// windows-1252 assumed for undeclared invalid input, then repaired.
std::string ToUtf8(std::string_view raw, bool html) {
  std::string cs = html ? DeclaredCharset(raw) : "";
  bool utf8_label =
      cs.empty() || cs == "utf-8" || cs == "utf8" || cs == "us-ascii" || cs == "ascii";
  bool bom16 = cs == "utf-16le" || cs == "utf-16be";
  if (!bom16 && IsValidUtf8(raw)) return std::string(raw);
  std::string out;
  if (!utf8_label && ConvertToUtf8(raw, cs, &out)) return RepairUtf8(out);
  if (utf8_label && !cs.empty()) return RepairUtf8(raw);
  if (cs.empty() && ConvertToUtf8(raw, "windows-1252", &out)) return RepairUtf8(out);
  return RepairUtf8(raw);
}

// ---------------------------------------------------------------------------
// Plain text

void IngestText(std::string_view text, Document& doc) {
  int line_no = 0;
  size_t i = 0;
  while (i <= text.size()) {
    size_t j = text.find('\n', i);
    if (j == std::string_view::npos) j = text.size();
    ++line_no;
    std::string line = NormalizeSpace(text.substr(i, j - i));
    if (!line.empty()) {
      Block b;
      b.kind = LooksLikeHeading(line) ? BlockKind::kHeading : BlockKind::kParagraph;
      b.text = std::move(line);
      b.line = line_no;
      doc.blocks.push_back(std::move(b));
    }
    if (j == text.size()) break;
    i = j + 1;
  }
}

// ---------------------------------------------------------------------------
// HTML

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

std::string AttrLower(const GumboElement& e, const char* name) {
  const char* v = Attr(e, name);
  return v ? AsciiLower(v) : std::string();
}

bool IsSkippedTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

// Tags whose names are added to a block's context.
bool IsContextTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DL:
      return true;
    default:
      return false;
  }
}

// True when the element is hidden from readers.
bool IsHidden(const GumboElement& e) {
  if (Attr(e, "hidden")) return true;
  std::string aria = AttrLower(e, "aria-hidden");
  if (aria == "true") return true;
  // Hidden helpers and pop-ups inside the text: screen-reader labels,
  // tooltips and hover cards ("rollover" people cards inside a link).
  std::string cls = AttrLower(e, "class");
  if (!cls.empty()) {
    for (std::string_view tok : Split(cls, ' ')) {
      if (tok == "hidden" || tok == "element-hidden" || tok == "visually-hidden" ||
          tok == "sr-only" || tok == "screen-reader-text" || tok == "screen-reader-only" ||
          tok == "visuallyhidden" || tok == "is-hidden" || StartsWith(tok, "tooltip") ||
          StartsWith(tok, "popover") || StartsWith(tok, "hovercard") ||
          (tok.find("rollover-") != std::string_view::npos && EndsWith(tok, "-block"))) {
        return true;
      }
    }
  }
  std::string style = AttrLower(e, "style");
  if (!style.empty()) {
    std::string compact;
    for (char c : style) {
      if (c != ' ') compact.push_back(c);
    }
    if (compact.find("display:none") != std::string::npos ||
        compact.find("visibility:hidden") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// Counts <p> descendants of `n`, stopping at `limit`.
int CountParagraphs(const GumboNode* n, int limit) {
  int count = 0;
  std::vector<const GumboNode*> stack = {n};
  while (!stack.empty() && count < limit) {
    const GumboNode* x = stack.back();
    stack.pop_back();
    if (x->type != GUMBO_NODE_ELEMENT) continue;
    if (x->v.element.tag == GUMBO_TAG_P || x->v.element.tag == GUMBO_TAG_ARTICLE) ++count;
    const GumboVector& ch = x->v.element.children;
    for (unsigned k = 0; k < ch.length; ++k) {
      stack.push_back(static_cast<const GumboNode*>(ch.data[k]));
    }
  }
  return count;
}

// The text of a subtree, white-space normalised, skipping scripts and styles.
std::string SubtreeText(const GumboNode* n) {
  std::string out;
  std::vector<const GumboNode*> stack = {n};
  while (!stack.empty()) {
    const GumboNode* x = stack.back();
    stack.pop_back();
    if (x->type == GUMBO_NODE_TEXT || x->type == GUMBO_NODE_CDATA ||
        x->type == GUMBO_NODE_WHITESPACE) {
      AppendNormalizedSpace(x->v.text.text, &out);
      continue;
    }
    if (x->type != GUMBO_NODE_ELEMENT) continue;
    if (x->v.element.tag == GUMBO_TAG_SCRIPT || x->v.element.tag == GUMBO_TAG_STYLE) continue;
    if (IsBlockTag(x->v.element.tag) || x->v.element.tag == GUMBO_TAG_BR) out.push_back(' ');
    const GumboVector& ch = x->v.element.children;
    for (unsigned k = ch.length; k > 0; --k) {
      stack.push_back(static_cast<const GumboNode*>(ch.data[k - 1]));
    }
  }
  return NormalizeSpace(out);
}

// Facts collected from markup before they are resolved into Meta.
struct MarkupMeta {
  std::string og_title, og_site, og_url, canonical, title_tag, h1;
  std::string author_meta, article_author, jsonld_author, rel_author, byline_class;
  std::string jsonld_headline, jsonld_body, jsonld_publisher;
  Date jsonld_published, article_published, other_date, time_date;
  std::string other_date_source;
};

// Name from a JSON-LD author/publisher value (string, object, or array).
std::string JsonName(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    auto it = v.find("name");
    if (it != v.end() && it->is_string()) return it->get<std::string>();
    return "";
  }
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v) {
      std::string n = JsonName(x);
      if (n.empty()) continue;
      if (!out.empty()) out += ", ";
      out += n;
    }
    return out;
  }
  return "";
}

bool IsArticleType(const nlohmann::json& t) {
  auto check = [](const std::string& s) {
    return s.find("Article") != std::string::npos || s == "BlogPosting" || s == "ReportageNews" ||
           s == "Report" || s == "WebPage" || s == "LiveBlogPosting";
  };
  if (t.is_string()) return check(t.get<std::string>());
  if (t.is_array()) {
    for (const auto& x : t) {
      if (x.is_string() && check(x.get<std::string>())) return true;
    }
  }
  return false;
}

void ReadJsonLdObject(const nlohmann::json& o, MarkupMeta* mm, int depth) {
  if (depth > 8) return;
  if (o.is_array()) {
    for (const auto& x : o) ReadJsonLdObject(x, mm, depth + 1);
    return;
  }
  if (!o.is_object()) return;
  if (auto g = o.find("@graph"); g != o.end()) ReadJsonLdObject(*g, mm, depth + 1);
  auto t = o.find("@type");
  if (t == o.end() || !IsArticleType(*t)) return;
  bool is_page = t->is_string() && t->get<std::string>() == "WebPage";
  auto str = [&](const char* key) -> std::string {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (mm->jsonld_headline.empty() && !is_page) mm->jsonld_headline = str("headline");
  std::string body = str("articleBody");
  if (body.size() > mm->jsonld_body.size()) mm->jsonld_body = body;
  if (!mm->jsonld_published.known()) {
    Date d;
    if (ParseIsoDate(str("datePublished"), &d)) mm->jsonld_published = d;
  }
  if (mm->jsonld_author.empty()) {
    if (auto a = o.find("author"); a != o.end()) mm->jsonld_author = JsonName(*a);
  }
  if (mm->jsonld_publisher.empty()) {
    if (auto a = o.find("publisher"); a != o.end()) mm->jsonld_publisher = JsonName(*a);
  }
  if (auto m = o.find("mainEntity"); m != o.end()) ReadJsonLdObject(*m, mm, depth + 1);
}

void ReadJsonLd(std::string_view text, MarkupMeta* mm) {
  nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr,
                                           /*allow_exceptions=*/false);
  if (j.is_discarded()) return;
  ReadJsonLdObject(j, mm, 0);
}

// Reads <title>, <meta>, <link> and JSON-LD from anywhere in the tree.
void ReadHeadElement(const GumboNode* n, MarkupMeta* mm) {
  const GumboElement& e = n->v.element;
  switch (e.tag) {
    case GUMBO_TAG_TITLE:
      if (mm->title_tag.empty()) mm->title_tag = SubtreeText(n);
      break;
    case GUMBO_TAG_META: {
      std::string key = AttrLower(e, "property");
      if (key.empty()) key = AttrLower(e, "name");
      if (key.empty()) key = AttrLower(e, "itemprop");
      const char* content = Attr(e, "content");
      if (key.empty() || !content) break;
      std::string v = NormalizeSpace(content);
      if (v.empty()) break;
      if (key == "og:title" && mm->og_title.empty()) mm->og_title = v;
      if (key == "og:site_name" && mm->og_site.empty()) mm->og_site = v;
      if (key == "og:url" && mm->og_url.empty()) mm->og_url = v;
      if ((key == "author" || key == "dc.creator" || key == "sailthru.author" ||
           key == "parsely-author") &&
          mm->author_meta.empty() && v.find("://") == std::string::npos) {
        mm->author_meta = v;
      }
      if (key == "article:author" && mm->article_author.empty() &&
          v.find("://") == std::string::npos) {
        mm->article_author = v;
      }
      if (key == "article:published_time" && !mm->article_published.known()) {
        Date d;
        if (ParseIsoDate(v, &d)) mm->article_published = d;
      }
      if ((key == "og:published_time" || key == "datepublished" || key == "pubdate" ||
           key == "publishdate" || key == "publish-date" || key == "date" || key == "dc.date" ||
           key == "dc.date.issued" || key == "sailthru.date" || key == "parsely-pub-date" ||
           key == "article.published" || key == "dcterms.created") &&
          !mm->other_date.known()) {
        Date d;
        if (ParseIsoDate(v, &d) || FindDate(v, &d)) {
          mm->other_date = d;
          mm->other_date_source = key;
        }
      }
      break;
    }
    case GUMBO_TAG_LINK: {
      std::string rel = AttrLower(e, "rel");
      const char* href = Attr(e, "href");
      if (rel == "canonical" && href && mm->canonical.empty()) mm->canonical = href;
      break;
    }
    case GUMBO_TAG_SCRIPT: {
      std::string type = AttrLower(e, "type");
      if (type.find("ld+json") == std::string::npos) break;
      if (e.children.length > 0) {
        const GumboNode* c = static_cast<const GumboNode*>(e.children.data[0]);
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA ||
            c->type == GUMBO_NODE_WHITESPACE) {
          ReadJsonLd(c->v.text.text, mm);
        }
      }
      break;
    }
    default:
      break;
  }
}

// An element on the walk's stack.
struct Frame {
  const GumboNode* node;
  unsigned next_child = 0;
  size_t context_len = 0;  // length of the context string before this element
  bool block = false;
  bool anchor = false;
  int ordinal = 0;
  BlockKind kind = BlockKind::kOther;  // the enclosing block's kind, restored on exit
  int level = 0;
  bool in_blockquote = false;
};

class HtmlWalker {
 public:
  HtmlWalker(Document& doc, MarkupMeta* mm) : doc_(doc), mm_(mm) {}

  void Walk(const GumboNode* root) {
    std::vector<Frame> stack;
    Enter(root, &stack);
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector& ch = f.node->v.element.children;
      if (f.next_child >= ch.length) {
        Exit(&stack);
        continue;
      }
      const GumboNode* c = static_cast<const GumboNode*>(ch.data[f.next_child++]);
      switch (c->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
          AddText(c->v.text.text);
          break;
        case GUMBO_NODE_WHITESPACE:
          AddText(" ");
          break;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE:
          Enter(c, &stack);
          break;
        default:
          break;
      }
    }
    Flush();
  }

 private:
  void AddText(std::string_view t) {
    if (pending_break_) {
      // A single <br> inside a block reads as a space.
      AppendNormalizedSpace(" ", &buf_);
      pending_break_ = false;
    }
    size_t before = buf_.size();
    AppendNormalizedSpace(t, &buf_);
    if (anchor_depth_ > 0) link_bytes_ += buf_.size() - before;
  }

  void Enter(const GumboNode* n, std::vector<Frame>* stack) {
    const GumboElement& e = n->v.element;
    ++ordinal_;
    ReadHeadElement(n, mm_);
    if (IsSkippedTag(e.tag) || e.tag == GUMBO_TAG_TITLE || IsHidden(e)) return;
    if (e.tag == GUMBO_TAG_FORM && CountParagraphs(n, 3) < 3) return;
    if (e.tag == GUMBO_TAG_BR) {
      if (pending_break_) {
        // <br><br>: a paragraph break.
        pending_break_ = false;
        Flush();
      } else {
        pending_break_ = true;
      }
      return;
    }
    if (e.tag == GUMBO_TAG_IMG) return;
    if (e.tag == GUMBO_TAG_HTML && lang_.empty()) {
      std::string lang = AttrLower(e, "lang");
      lang_ = lang.substr(0, lang.find_first_of("-_"));
    }
    Frame f;
    f.node = n;
    f.context_len = context_.size();
    f.block = IsBlockTag(e.tag);
    f.anchor = e.tag == GUMBO_TAG_A;
    f.ordinal = ordinal_;
    f.kind = current_kind_;
    f.level = current_level_;
    f.in_blockquote = in_blockquote_;
    if (f.block) Flush();
    ReadBodyMeta(n);
    // Context: tag name for structural tags, then class and id values.
    if (IsContextTag(e.tag)) AppendContext(gumbo_normalized_tagname(e.tag));
    if (e.tag != GUMBO_TAG_HTML && e.tag != GUMBO_TAG_BODY) {
      AppendContext(AttrLower(e, "class"));
      AppendContext(AttrLower(e, "id"));
      std::string role = AttrLower(e, "role");
      if (!role.empty()) AppendContext(role);
      std::string itemprop = AttrLower(e, "itemprop");
      if (!itemprop.empty()) AppendContext(itemprop);
    }
    if (f.anchor) ++anchor_depth_;
    stack->push_back(f);
  }

  void Exit(std::vector<Frame>* stack) {
    Frame f = stack->back();
    if (f.block) Flush();
    if (f.anchor) --anchor_depth_;
    current_kind_ = f.kind;
    current_level_ = f.level;
    in_blockquote_ = f.in_blockquote;
    stack->pop_back();
    context_.resize(f.context_len);
  }

  void AppendContext(const std::string& v) {
    std::string n = NormalizeSpace(v);
    if (n.empty()) return;
    if (n.size() > 200) n.resize(200);
    if (!context_.empty()) context_.push_back(' ');
    context_ += n;
  }

  // Emits the buffered text as a block of the innermost block element.
  void Flush() {
    pending_break_ = false;
    std::string text = NormalizeSpace(buf_);
    size_t total = buf_.size();
    size_t links = link_bytes_;
    buf_.clear();
    link_bytes_ = 0;
    if (text.empty()) return;
    Block b;
    b.text = std::move(text);
    b.link_density = total ? static_cast<float>(links) / static_cast<float>(total) : 0.0f;
    if (b.link_density > 1.0f) b.link_density = 1.0f;
    b.context = context_;
    b.line = ordinal_;
    b.kind = current_kind_;
    b.heading_level = current_level_;
    doc_.blocks.push_back(std::move(b));
  }

  void ReadBodyMeta(const GumboNode* n) {
    const GumboElement& e = n->v.element;
    // Track the kind of the innermost block element for Flush().
    switch (e.tag) {
      case GUMBO_TAG_P:
        current_kind_ = in_blockquote_ ? BlockKind::kBlockquote : BlockKind::kParagraph;
        current_level_ = 0;
        break;
      case GUMBO_TAG_H1:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
        current_kind_ = BlockKind::kHeading;
        current_level_ = static_cast<int>(e.tag - GUMBO_TAG_H1) + 1;
        if (e.tag == GUMBO_TAG_H1 && mm_->h1.empty()) mm_->h1 = SubtreeText(n);
        break;
      case GUMBO_TAG_LI:
      case GUMBO_TAG_DD:
      case GUMBO_TAG_DT:
        current_kind_ = BlockKind::kListItem;
        current_level_ = 0;
        break;
      case GUMBO_TAG_BLOCKQUOTE:
        in_blockquote_ = true;
        current_kind_ = BlockKind::kBlockquote;
        current_level_ = 0;
        break;
      case GUMBO_TAG_PRE:
        current_kind_ = BlockKind::kPreformatted;
        current_level_ = 0;
        break;
      case GUMBO_TAG_TD:
      case GUMBO_TAG_TH:
        current_kind_ = BlockKind::kTableCell;
        current_level_ = 0;
        break;
      default:
        if (IsBlockTag(e.tag)) {
          current_kind_ = in_blockquote_ ? BlockKind::kBlockquote : BlockKind::kParagraph;
          current_level_ = 0;
        }
        break;
    }
    if (e.tag == GUMBO_TAG_TIME && !mm_->time_date.known()) {
      const char* dt = Attr(e, "datetime");
      Date d;
      if (dt && ParseIsoDate(dt, &d)) mm_->time_date = d;
    }
    if (e.tag == GUMBO_TAG_A && mm_->rel_author.empty()) {
      std::string rel = AttrLower(e, "rel");
      if (rel == "author") {
        std::string t = SubtreeText(n);
        if (!t.empty() && t.size() < 80) mm_->rel_author = t;
      }
    }
    if (mm_->byline_class.empty()) {
      std::string cls = AttrLower(e, "class");
      if (cls.find("byline") != std::string::npos) {
        std::string t = SubtreeText(n);
        if (!t.empty() && t.size() < 120) mm_->byline_class = t;
      }
    }
  }

 public:
  // The page's declared language (from <html lang>), or "".
  const std::string& lang() const { return lang_; }

 private:
  Document& doc_;
  MarkupMeta* mm_;
  std::string lang_;
  std::string buf_;
  size_t link_bytes_ = 0;
  int anchor_depth_ = 0;
  std::string context_;
  int ordinal_ = 0;
  bool pending_break_ = false;
  bool in_blockquote_ = false;
  BlockKind current_kind_ = BlockKind::kOther;
  int current_level_ = 0;
};

// Splits "Headline | Site" / "Headline - Site" into (headline, site); the
// site part is empty when there is no such suffix.
std::pair<std::string, std::string> SplitTitle(const std::string& t) {
  static constexpr std::string_view kSeps[] = {
      " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB "};
  size_t best = std::string::npos, best_len = 0;
  for (std::string_view sep : kSeps) {
    size_t p = t.rfind(sep);
    if (p != std::string::npos && (best == std::string::npos || p > best)) {
      best = p;
      best_len = sep.size();
    }
  }
  if (best == std::string::npos) return {t, ""};
  std::string head = t.substr(0, best), tail = t.substr(best + best_len);
  // The site part is short; the headline part is the longer one.
  if (CountWords(tail) > 6 || head.size() < tail.size()) return {t, ""};
  return {NormalizeSpace(head), NormalizeSpace(tail)};
}

std::string HostOf(const std::string& url) {
  size_t p = url.find("://");
  if (p == std::string::npos) return "";
  size_t s = p + 3;
  size_t e = url.find_first_of("/?#:", s);
  std::string host = url.substr(s, e == std::string::npos ? std::string::npos : e - s);
  if (StartsWith(host, "www.")) host = host.substr(4);
  return AsciiLower(host);
}

// Removes " | Site" from `title` when it ends with the known site name.
std::string StripSiteSuffix(const std::string& title, const std::string& site) {
  auto [head, tail] = SplitTitle(title);
  if (tail.empty()) return title;
  if (!site.empty() && AsciiLower(tail) == AsciiLower(site)) return head;
  return title;
}

void ResolveMeta(const MarkupMeta& mm, Document& doc) {
  Meta& m = doc.meta;
  auto [title_head, title_site] = SplitTitle(mm.title_tag);
  if (m.site.empty()) {
    if (!mm.og_site.empty()) {
      m.site = mm.og_site;
    } else if (!mm.jsonld_publisher.empty()) {
      m.site = mm.jsonld_publisher;
    } else if (!title_site.empty()) {
      m.site = title_site;
    }
  }
  if (m.url.empty()) m.url = !mm.canonical.empty() ? mm.canonical : mm.og_url;
  if (m.site.empty()) m.site = HostOf(m.url);
  if (m.title.empty()) {
    if (!mm.og_title.empty()) {
      m.title = StripSiteSuffix(mm.og_title, m.site);
    } else if (!mm.jsonld_headline.empty()) {
      m.title = NormalizeSpace(mm.jsonld_headline);
    } else if (!mm.h1.empty()) {
      m.title = mm.h1;
    } else {
      m.title = title_head;
    }
  }
  if (m.byline.empty()) {
    for (const std::string* s : {&mm.author_meta, &mm.article_author, &mm.jsonld_author,
                                 &mm.rel_author, &mm.byline_class}) {
      if (!s->empty()) {
        std::string b = NormalizeSpace(*s);
        if (StartsWith(AsciiLower(b), "by ")) b = b.substr(3);
        m.byline = b;
        break;
      }
    }
  }
  if (!m.published.known()) {
    if (mm.jsonld_published.known()) {
      m.published = mm.jsonld_published;
      m.published_evidence = "html:jsonld:datePublished";
    } else if (mm.article_published.known()) {
      m.published = mm.article_published;
      m.published_evidence = "html:article:published_time";
    }
  }
  if (!m.page_date.known()) {
    if (mm.jsonld_published.known()) {
      m.page_date = mm.jsonld_published;
    } else if (mm.article_published.known()) {
      m.page_date = mm.article_published;
    } else if (mm.other_date.known()) {
      m.page_date = mm.other_date;
    } else if (mm.time_date.known()) {
      m.page_date = mm.time_date;
    }
  }
}

void IngestHtml(const std::string& html, Document& doc) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 50;  // parse errors are not used; don't hoard them
  GumboOutput* out = gumbo_parse_with_options(&options, html.data(), html.size());
  if (!out) return;
  MarkupMeta mm;
  HtmlWalker walker(doc, &mm);
  walker.Walk(out->root);
  if (walker.lang().size() == 2) doc.meta.language = walker.lang();
  gumbo_destroy_output(&options, out);
  ResolveMeta(mm, doc);
  // A long JSON-LD articleBody is handed to clean as a block of its own,
  // marked by its context; clean uses it to confirm body blocks.
  std::string body;
  for (std::string_view line : Split(mm.jsonld_body, '\n')) {
    std::string l = NormalizeSpace(line);
    if (l.empty()) continue;
    if (!body.empty()) body.push_back('\n');
    body += l;
  }
  if (body.size() >= 200) {
    Block b;
    b.text = std::move(body);
    b.kind = BlockKind::kOther;
    b.context = std::string(kJsonLdBodyContext);
    b.line = 0;
    doc.blocks.push_back(std::move(b));
  }
}

}  // namespace

Status Run(const Config&, Document& doc) {
  doc.blocks.clear();
  if (doc.meta.language.empty()) doc.meta.language = "en";
  if (doc.format == Format::kHtml) {
    std::string html = ToUtf8(doc.raw, true);
    IngestHtml(html, doc);
  } else {
    std::string text = ToUtf8(doc.raw, false);
    IngestText(text, doc);
  }
  return Status::Ok();
}

}  // namespace dyad::ingest
