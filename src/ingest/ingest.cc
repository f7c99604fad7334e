#include "ingest/ingest.h"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/charset.h"
#include "core/text.h"
#include "html/html.h"
#include "ingest/line_util.h"

namespace dyad::ingest {

namespace {

// ---------------------------------------------------------------------------
// Character sets

// The charset a page declares in its first bytes (BOM, <meta charset>, or
// http-equiv content), lower-cased; empty when none.
std::string DeclaredCharset(std::string_view raw) {
  if (std::string bom = BomCharset(raw, nullptr); !bom.empty() && bom != "utf-8") return bom;
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

// `raw` as UTF-8: converted from the declared charset when the bytes are not
// already valid UTF-8 (pages often mislabel UTF-8 as Latin-1), with
// windows-1252 assumed for undeclared invalid input, then repaired.
std::string ToUtf8(std::string_view raw, bool html) {
  std::string cs = html ? DeclaredCharset(raw) : "";
  bool utf8_label =
      cs.empty() || cs == "utf-8" || cs == "utf8" || cs == "us-ascii" || cs == "ascii";
  // Only a byte order mark makes bytes that read as UTF-8 wider: a page
  // converted upstream keeps its meta charset="utf-16".
  std::string bom = BomCharset(raw, nullptr);
  bool wide = !bom.empty() && bom != "utf-8";
  if (!wide && IsValidUtf8(raw)) return std::string(raw);
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

using html::Node;
using html::NodeId;
using html::NodeType;
using html::Tag;
using html::Tree;

std::string AttrLower(const Tree& t, const Node& e, std::string_view name) {
  return AsciiLower(t.Attr(e, name));
}

bool IsSkippedTag(Tag t) {
  switch (t) {
    case Tag::kScript:
    case Tag::kStyle:
    case Tag::kNoscript:
    case Tag::kTemplate:
    case Tag::kSvg:
    case Tag::kButton:
    case Tag::kIframe:
    case Tag::kSelect:
    case Tag::kTextarea:
    case Tag::kInput:
    case Tag::kObject:
    case Tag::kEmbed:
    case Tag::kCanvas:
    case Tag::kMath:
    case Tag::kOption:
    case Tag::kAudio:
    case Tag::kVideo:
    case Tag::kMap:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(Tag t) {
  switch (t) {
    case Tag::kP:
    case Tag::kH1:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kH5:
    case Tag::kH6:
    case Tag::kLi:
    case Tag::kBlockquote:
    case Tag::kPre:
    case Tag::kTd:
    case Tag::kTh:
    case Tag::kDiv:
    case Tag::kSection:
    case Tag::kArticle:
    case Tag::kHeader:
    case Tag::kFooter:
    case Tag::kAside:
    case Tag::kNav:
    case Tag::kMain:
    case Tag::kFigure:
    case Tag::kFigcaption:
    case Tag::kDd:
    case Tag::kDt:
    case Tag::kDl:
    case Tag::kUl:
    case Tag::kOl:
    case Tag::kTable:
    case Tag::kTr:
    case Tag::kTbody:
    case Tag::kThead:
    case Tag::kTfoot:
    case Tag::kCaption:
    case Tag::kForm:
    case Tag::kBody:
    case Tag::kHtml:
    case Tag::kAddress:
    case Tag::kCenter:
    case Tag::kDetails:
    case Tag::kSummary:
    case Tag::kHr:
    case Tag::kFieldset:
    case Tag::kLegend:
    case Tag::kMenu:
      return true;
    default:
      return false;
  }
}

// Tags whose names are added to a block's context.
bool IsContextTag(Tag t) {
  switch (t) {
    case Tag::kArticle:
    case Tag::kAside:
    case Tag::kNav:
    case Tag::kFooter:
    case Tag::kHeader:
    case Tag::kMain:
    case Tag::kSection:
    case Tag::kFigure:
    case Tag::kFigcaption:
    case Tag::kBlockquote:
    case Tag::kForm:
    case Tag::kTable:
    case Tag::kUl:
    case Tag::kOl:
    case Tag::kLi:
    case Tag::kAddress:
    case Tag::kMenu:
    case Tag::kDl:
      return true;
    default:
      return false;
  }
}

// True when the element is hidden from readers.
bool IsHidden(const Tree& t, const Node& e) {
  if (t.HasAttr(e, "hidden")) return true;
  std::string aria = AttrLower(t, e, "aria-hidden");
  if (aria == "true") return true;
  // Hidden helpers and pop-ups inside the text: screen-reader labels,
  // tooltips and hover cards ("rollover" people cards inside a link).
  std::string cls = AttrLower(t, e, "class");
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
  std::string style = AttrLower(t, e, "style");
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

// Counts <p> (and <article>) descendants of `id`, stopping at `limit` or
// after kMaxVisit nodes.
int CountParagraphs(const Tree& t, NodeId id, int limit) {
  constexpr int kMaxVisit = 4096;
  int count = 0, visited = 0;
  for (NodeId x = t.Next(id, id, true); x != html::kNone && count < limit && ++visited < kMaxVisit;
       x = t.Next(x, id, true)) {
    const Node& n = t.node(x);
    if (n.type == NodeType::kElement && (n.tag == Tag::kP || n.tag == Tag::kArticle)) ++count;
  }
  return count;
}

// The text of a subtree, white-space normalised, skipping scripts and styles,
// with a space at block elements and <br>; reads at most `limit` bytes.
std::string SubtreeText(const Tree& t, NodeId id, size_t limit = 4096) {
  std::string out;
  for (NodeId x = t.Next(id, id, true); x != html::kNone && out.size() < limit;) {
    const Node& n = t.node(x);
    bool descend = true;
    if (n.type == NodeType::kText) {
      AppendNormalizedSpace(t.Data(n), &out);
    } else if (n.type == NodeType::kElement) {
      if (n.tag == Tag::kScript || n.tag == Tag::kStyle) descend = false;
      if (IsBlockTag(n.tag) || n.tag == Tag::kBr) out.push_back(' ');
    }
    x = t.Next(x, id, descend);
  }
  return NormalizeSpace(out);
}

// Facts collected from markup before they are resolved into Meta.
struct MarkupMeta {
  std::string og_title, og_site, og_url, canonical, title_tag, h1;
  std::string author_meta, article_author, jsonld_author, rel_author, byline_class;
  std::string itemprop_author, twitter_title, app_name;
  std::string jsonld_headline, jsonld_body, jsonld_publisher;
  Date jsonld_published, article_published, other_date, time_date;
  Date pub_meta, pub_time;  // publication-specific meta keys; <time> marked as published
  Date jsonld_modified, meta_modified;
  std::string other_date_source, pub_meta_source;
  // Names of JSON-LD nodes by "@id", for references such as
  // "author": {"@id": "...#/schema/person/1"} into an @graph.
  std::unordered_map<std::string, std::string> jsonld_names;
};

// A date as markup writes it: ISO 8601, "2019/11/19", or a date inside
// free text ("19 Nov 2019 07:09 GMT", "01:38 PM IST Nov 20, 2019"). Dates
// before 1900 (placeholders such as "0001-01-01") are rejected.
bool ParseMarkupDate(std::string_view v, Date* d) {
  v = Trim(v);
  Date x;
  bool ok = ParseIsoDate(v, &x);
  if (!ok && v.size() >= 10 && v[4] == '/' && v[7] == '/') {
    std::string iso(v.substr(0, 10));
    iso[4] = iso[7] = '-';
    ok = ParseIsoDate(iso, &x);
  }
  if (!ok) ok = FindDate(v, &x);
  if (!ok || x.year < 1900) return false;
  *d = x;
  return true;
}

// Name from a JSON-LD author/publisher value (string, object, or array).
std::string JsonName(const nlohmann::json& v, const MarkupMeta& mm) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    auto it = v.find("name");
    if (it != v.end() && it->is_string()) return it->get<std::string>();
    auto id = v.find("@id");
    if (id != v.end() && id->is_string()) {
      auto named = mm.jsonld_names.find(id->get<std::string>());
      if (named != mm.jsonld_names.end()) return named->second;
    }
    return "";
  }
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v) {
      std::string n = JsonName(x, mm);
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
    if (ParseMarkupDate(str("datePublished"), &d)) mm->jsonld_published = d;
  }
  if (!mm->jsonld_modified.known()) {
    Date d;
    if (ParseMarkupDate(str("dateModified"), &d)) mm->jsonld_modified = d;
  }
  if (mm->jsonld_author.empty()) {
    if (auto a = o.find("author"); a != o.end()) mm->jsonld_author = JsonName(*a, *mm);
  }
  if (mm->jsonld_publisher.empty()) {
    if (auto a = o.find("publisher"); a != o.end()) mm->jsonld_publisher = JsonName(*a, *mm);
  }
  if (auto m = o.find("mainEntity"); m != o.end()) ReadJsonLdObject(*m, mm, depth + 1);
}

// Records the names of nodes that have an "@id" (top level and @graph).
void CollectJsonLdNames(const nlohmann::json& o, MarkupMeta* mm, int depth) {
  if (depth > 4) return;
  if (o.is_array()) {
    for (const auto& x : o) CollectJsonLdNames(x, mm, depth + 1);
    return;
  }
  if (!o.is_object()) return;
  auto id = o.find("@id");
  auto name = o.find("name");
  if (id != o.end() && id->is_string() && name != o.end() && name->is_string()) {
    mm->jsonld_names.emplace(id->get<std::string>(), name->get<std::string>());
  }
  if (auto g = o.find("@graph"); g != o.end()) CollectJsonLdNames(*g, mm, depth + 1);
}

void ReadJsonLd(std::string_view text, MarkupMeta* mm) {
  nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr,
                                           /*allow_exceptions=*/false);
  if (j.is_discarded()) return;
  CollectJsonLdNames(j, mm, 0);
  ReadJsonLdObject(j, mm, 0);
}

// Reads <title>, <meta>, <link> and JSON-LD from anywhere in the tree.
void ReadHeadElement(const Tree& t, NodeId n, MarkupMeta* mm) {
  const Node& e = t.node(n);
  switch (e.tag) {
    case Tag::kTitle:
      if (mm->title_tag.empty()) mm->title_tag = SubtreeText(t, n);
      break;
    case Tag::kMeta: {
      std::string key = AttrLower(t, e, "property");
      if (key.empty()) key = AttrLower(t, e, "name");
      if (key.empty()) key = AttrLower(t, e, "itemprop");
      std::string_view content = t.Attr(e, "content");
      if (key.empty() || content.empty()) break;
      std::string v = NormalizeSpace(content);
      if (v.empty()) break;
      if (key == "og:title" && mm->og_title.empty()) mm->og_title = v;
      if (key == "og:site_name" && mm->og_site.empty()) mm->og_site = v;
      if (key == "og:url" && mm->og_url.empty()) mm->og_url = v;
      if (key == "twitter:title" && mm->twitter_title.empty()) mm->twitter_title = v;
      if (key == "application-name" && mm->app_name.empty()) mm->app_name = v;
      if ((key == "author" || key == "dc.creator" || key == "sailthru.author" ||
           key == "parsely-author" || key == "byl" || key == "dcterms.creator" ||
           key == "citation_author" || key == "article.author") &&
          mm->author_meta.empty() && v.find("://") == std::string::npos) {
        mm->author_meta = v;
      }
      if (key == "article:author" && mm->article_author.empty() &&
          v.find("://") == std::string::npos) {
        mm->article_author = v;
      }
      if (key == "article:published_time" && !mm->article_published.known()) {
        Date d;
        if (ParseMarkupDate(v, &d)) mm->article_published = d;
      }
      if ((key == "article:modified_time" || key == "og:updated_time" || key == "datemodified" ||
           key == "dcterms.modified" || key == "last-modified" || key == "article.updated") &&
          !mm->meta_modified.known()) {
        Date d;
        if (ParseMarkupDate(v, &d)) mm->meta_modified = d;
      }
      // Keys that name the publication date itself.
      if ((key == "og:published_time" || key == "datepublished" || key == "pubdate" ||
           key == "publishdate" || key == "publish-date" || key == "dc.date.issued" ||
           key == "sailthru.date" || key == "parsely-pub-date" || key == "article.published" ||
           key == "dcterms.created" || key == "dcterms.issued" || key == "citation_date" ||
           key == "citation_publication_date" || key == "publication_date") &&
          !mm->pub_meta.known()) {
        Date d;
        if (ParseMarkupDate(v, &d)) {
          mm->pub_meta = d;
          mm->pub_meta_source = key;
        }
      }
      if ((key == "og:published_time" || key == "datepublished" || key == "pubdate" ||
           key == "publishdate" || key == "publish-date" || key == "date" || key == "dc.date" ||
           key == "dc.date.issued" || key == "sailthru.date" || key == "parsely-pub-date" ||
           key == "article.published" || key == "dcterms.created") &&
          !mm->other_date.known()) {
        Date d;
        if (ParseMarkupDate(v, &d)) {
          mm->other_date = d;
          mm->other_date_source = key;
        }
      }
      break;
    }
    case Tag::kLink: {
      std::string rel = AttrLower(t, e, "rel");
      std::string_view href = t.Attr(e, "href");
      if (rel == "canonical" && !href.empty() && mm->canonical.empty()) {
        mm->canonical = NormalizeSpace(href);
      }
      break;
    }
    case Tag::kScript: {
      std::string type = AttrLower(t, e, "type");
      if (type.find("ld+json") == std::string::npos) break;
      if (e.first_child != html::kNone && t.node(e.first_child).type == NodeType::kText) {
        ReadJsonLd(t.Data(t.node(e.first_child)), mm);
      }
      break;
    }
    default:
      break;
  }
}

// An element on the walk's stack.
struct Frame {
  NodeId node;
  size_t context_len = 0;  // length of the context string before this element
  bool block = false;
  bool anchor = false;
  int ordinal = 0;
  BlockKind kind = BlockKind::kOther;  // the enclosing block's kind, restored on exit
  int level = 0;
  bool in_blockquote = false;
};

// Longest context string kept: deeper ancestors' names are not added.
constexpr size_t kMaxContext = 2000;

class HtmlWalker {
 public:
  HtmlWalker(const Tree& tree, Document& doc, MarkupMeta* mm) : t_(tree), doc_(doc), mm_(mm) {}

  void Walk() {
    std::vector<Frame> stack;
    Frame root;
    root.node = Tree::kRoot;
    stack.push_back(root);
    // The next node to visit: the first child of the top frame's node, or a
    // sibling after an exit.
    NodeId next = t_.node(Tree::kRoot).first_child;
    while (!stack.empty()) {
      if (next == html::kNone) {
        NodeId done = stack.back().node;
        Exit(&stack);
        next = done == Tree::kRoot ? html::kNone : t_.node(done).next_sibling;
        continue;
      }
      const Node& c = t_.node(next);
      if (c.type == NodeType::kText) {
        AddText(t_.Data(c));
      } else if (c.type == NodeType::kElement && Enter(next, &stack)) {
        next = c.first_child;
        continue;
      }
      next = c.next_sibling;
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

  // Visits element `n`; true when the walk goes into its children.
  bool Enter(NodeId n, std::vector<Frame>* stack) {
    const Node& e = t_.node(n);
    ++ordinal_;
    ReadHeadElement(t_, n, mm_);
    if (IsSkippedTag(e.tag) || e.tag == Tag::kTitle || IsHidden(t_, e)) return false;
    if (e.tag == Tag::kForm && CountParagraphs(t_, n, 3) < 3) return false;
    if (e.tag == Tag::kBr) {
      if (pending_break_) {
        // <br><br>: a paragraph break.
        pending_break_ = false;
        Flush();
      } else {
        pending_break_ = true;
      }
      return false;
    }
    if (e.tag == Tag::kImg) return false;
    if (e.tag == Tag::kHtml && lang_.empty()) {
      std::string lang = AttrLower(t_, e, "lang");
      lang_ = lang.substr(0, lang.find_first_of("-_"));
    }
    Frame f;
    f.node = n;
    f.context_len = context_.size();
    // A table row is one block, its cells separated by spaces, so that a
    // data table reads as lines ("1 Kyle Busch 5040"); block content inside
    // a cell (paragraphs, divs) still makes blocks of its own.
    bool cell = e.tag == Tag::kTd || e.tag == Tag::kTh;
    f.block = IsBlockTag(e.tag) && !cell;
    if (cell) AddText(" ");
    f.anchor = e.tag == Tag::kA;
    f.ordinal = ordinal_;
    f.kind = current_kind_;
    f.level = current_level_;
    f.in_blockquote = in_blockquote_;
    if (f.block) Flush();
    ReadBodyMeta(n);
    // Context: tag name for structural tags, then class and id values.
    if (IsContextTag(e.tag)) AppendContext(std::string(html::TagName(e.tag)));
    if (e.tag != Tag::kHtml && e.tag != Tag::kBody) {
      AppendContext(AttrLower(t_, e, "class"));
      AppendContext(AttrLower(t_, e, "id"));
      std::string role = AttrLower(t_, e, "role");
      if (!role.empty()) AppendContext(role);
      std::string itemprop = AttrLower(t_, e, "itemprop");
      if (!itemprop.empty()) AppendContext(itemprop);
    }
    if (f.anchor) ++anchor_depth_;
    stack->push_back(f);
    return true;
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
    if (context_.size() >= kMaxContext) return;
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

  void ReadBodyMeta(NodeId n) {
    const Node& e = t_.node(n);
    // Track the kind of the innermost block element for Flush().
    switch (e.tag) {
      case Tag::kP:
        current_kind_ = in_blockquote_ ? BlockKind::kBlockquote : BlockKind::kParagraph;
        current_level_ = 0;
        break;
      case Tag::kH1:
      case Tag::kH2:
      case Tag::kH3:
      case Tag::kH4:
      case Tag::kH5:
      case Tag::kH6:
        current_kind_ = BlockKind::kHeading;
        current_level_ = static_cast<int>(e.tag) - static_cast<int>(Tag::kH1) + 1;
        if (e.tag == Tag::kH1 && mm_->h1.empty()) mm_->h1 = SubtreeText(t_, n);
        break;
      case Tag::kLi:
      case Tag::kDd:
      case Tag::kDt:
        current_kind_ = BlockKind::kListItem;
        current_level_ = 0;
        break;
      case Tag::kBlockquote:
        in_blockquote_ = true;
        current_kind_ = BlockKind::kBlockquote;
        current_level_ = 0;
        break;
      case Tag::kPre:
        current_kind_ = BlockKind::kPreformatted;
        current_level_ = 0;
        break;
      case Tag::kTr:
      case Tag::kTd:
      case Tag::kTh:
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
    if (e.tag == Tag::kTime) {
      std::string_view dt = t_.Attr(e, "datetime");
      Date d;
      if (!dt.empty() && ParseIsoDate(dt, &d)) {
        if (!mm_->time_date.known()) mm_->time_date = d;
        // A <time> marked as the publication date: pubdate, or
        // itemprop / class naming it.
        std::string marks = AsciiLower(t_.Attr(e, "itemprop"));
        marks += ' ';
        marks += AsciiLower(t_.Attr(e, "class"));
        if (!mm_->pub_time.known() &&
            (t_.HasAttr(e, "pubdate") || marks.find("datepublished") != std::string::npos ||
             marks.find("publish") != std::string::npos)) {
          mm_->pub_time = d;
        }
      }
    }
    if (mm_->itemprop_author.empty() && e.tag != Tag::kMeta && e.tag != Tag::kLink) {
      std::string ip = AsciiLower(t_.Attr(e, "itemprop"));
      if (ip == "author" || ip == "creator") {
        // <span itemprop=author><span itemprop=name>X</span></span> or the text itself.
        std::string t = SubtreeText(t_, n, 200);
        if (!t.empty() && t.size() < 80) mm_->itemprop_author = t;
      }
    }
    if (e.tag == Tag::kA && mm_->rel_author.empty()) {
      std::string rel = AttrLower(t_, e, "rel");
      if (rel == "author") {
        std::string t = SubtreeText(t_, n, 200);
        if (!t.empty() && t.size() < 80) mm_->rel_author = t;
      }
    }
    if (mm_->byline_class.empty()) {
      std::string cls = AttrLower(t_, e, "class");
      if (cls.find("byline") != std::string::npos) {
        std::string t = SubtreeText(t_, n, 200);
        if (!t.empty() && t.size() < 120) mm_->byline_class = t;
      }
    }
  }

 public:
  // The page's declared language (from <html lang>), or "".
  const std::string& lang() const { return lang_; }

 private:
  const Tree& t_;
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

// A date in a URL's path: /2019/11/18/, /2019-11-18/, /20191118/ or, at month
// precision, /2019/11/ (years 1990-2099); unknown when there is none.
Date DateInUrl(std::string_view url) {
  size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return {};
  url = url.substr(path, url.find_first_of("?#", path) - path);
  auto digits = [&](size_t at, size_t n, int* v) {
    if (at + n > url.size()) return false;
    *v = 0;
    for (size_t k = at; k < at + n; ++k) {
      if (url[k] < '0' || url[k] > '9') return false;
      *v = *v * 10 + (url[k] - '0');
    }
    return true;
  };
  auto boundary = [&](size_t at) {
    return at >= url.size() || url[at] == '/' || url[at] == '-' || url[at] == '_' || url[at] == '.';
  };
  for (size_t i = 0; i < url.size(); ++i) {
    if (url[i] != '/') continue;
    int y, mo, d;
    if (!digits(i + 1, 4, &y) || y < 1990 || y > 2099) continue;
    size_t j = i + 5;
    if (j < url.size() && (url[j] == '/' || url[j] == '-') && digits(j + 1, 2, &mo) && mo >= 1 &&
        mo <= 12) {
      size_t k = j + 3;
      if (k < url.size() && url[k] == url[j] && digits(k + 1, 2, &d) && d >= 1 && d <= 31 &&
          boundary(k + 3)) {
        return Date{y, mo, d};
      }
      if (url[j] == '/' && boundary(k)) return Date{y, mo, 0};
    } else if (digits(i + 5, 2, &mo) && digits(i + 7, 2, &d) && mo >= 1 && mo <= 12 && d >= 1 &&
               d <= 31 && boundary(i + 9)) {
      return Date{y, mo, d};
    }
  }
  return {};
}

void ResolveMeta(const MarkupMeta& mm, Document& doc) {
  Meta& m = doc.meta;
  auto [title_head, title_site] = SplitTitle(mm.title_tag);
  if (m.site.empty()) {
    if (!mm.og_site.empty()) {
      m.site = mm.og_site;
    } else if (!mm.jsonld_publisher.empty()) {
      m.site = mm.jsonld_publisher;
    } else if (!mm.app_name.empty()) {
      m.site = mm.app_name;
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
    } else if (!mm.twitter_title.empty()) {
      m.title = StripSiteSuffix(mm.twitter_title, m.site);
    } else if (!mm.h1.empty()) {
      m.title = mm.h1;
    } else {
      m.title = title_head;
    }
  }
  if (m.byline.empty()) {
    for (const std::string* s : {&mm.author_meta, &mm.article_author, &mm.jsonld_author,
                                 &mm.itemprop_author, &mm.rel_author, &mm.byline_class}) {
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
    } else if (mm.pub_meta.known()) {
      m.published = mm.pub_meta;
      m.published_evidence = "html:meta:" + mm.pub_meta_source;
    } else if (mm.pub_time.known()) {
      m.published = mm.pub_time;
      m.published_evidence = "html:time:published";
    } else if (Date d = DateInUrl(m.url); d.known()) {
      m.published = d;
      m.published_evidence = "html:url";
    }
  }
  if (!m.modified.known()) {
    m.modified = mm.jsonld_modified.known() ? mm.jsonld_modified : mm.meta_modified;
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

void IngestHtml(const Config& config, const std::string& html, Document& doc) {
  Tree tree =
      config.html_parser == HtmlParser::kGumbo ? html::ParseWithGumbo(html) : html::Parse(html);
  MarkupMeta mm;
  HtmlWalker walker(tree, doc, &mm);
  walker.Walk();
  if (walker.lang().size() == 2) doc.meta.language = walker.lang();
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

Status Run(const Config& config, Document& doc) {
  doc.blocks.clear();
  if (doc.meta.language.empty()) doc.meta.language = "en";
  if (doc.format == Format::kHtml) {
    std::string html = ToUtf8(doc.raw, true);
    IngestHtml(config, html, doc);
  } else {
    std::string text = ToUtf8(doc.raw, false);
    IngestText(text, doc);
  }
  return Status::Ok();
}

}  // namespace dyad::ingest
