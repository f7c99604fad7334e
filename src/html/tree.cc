// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The lightweight tree and dyad's tree builder (see html.h).

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "html/html.h"

namespace dyad::html {

namespace {

bool IsHeading(Tag t) { return t >= Tag::kH1 && t <= Tag::kH6; }

// Start tags that close an open <p> (HTML5 "in body" rules).
bool ClosesP(Tag t) {
  switch (t) {
    case Tag::kAddress:
    case Tag::kArticle:
    case Tag::kAside:
    case Tag::kBlockquote:
    case Tag::kCenter:
    case Tag::kDetails:
    case Tag::kDialog:
    case Tag::kDir:
    case Tag::kDiv:
    case Tag::kDl:
    case Tag::kFieldset:
    case Tag::kFigcaption:
    case Tag::kFigure:
    case Tag::kFooter:
    case Tag::kForm:
    case Tag::kHeader:
    case Tag::kHgroup:
    case Tag::kHr:
    case Tag::kLi:
    case Tag::kDd:
    case Tag::kDt:
    case Tag::kListing:
    case Tag::kMain:
    case Tag::kMenu:
    case Tag::kNav:
    case Tag::kOl:
    case Tag::kP:
    case Tag::kPlaintext:
    case Tag::kPre:
    case Tag::kSearch:
    case Tag::kSection:
    case Tag::kSummary:
    case Tag::kTable:
    case Tag::kUl:
    case Tag::kXmp:
      return true;
    default:
      return IsHeading(t);
  }
}

// HTML5 "special" elements: li / dd / dt implied ends stop at these (except
// address, div and p).
bool IsSpecial(Tag t) {
  switch (t) {
    case Tag::kAddress:
    case Tag::kApplet:
    case Tag::kArea:
    case Tag::kArticle:
    case Tag::kAside:
    case Tag::kBase:
    case Tag::kBasefont:
    case Tag::kBgsound:
    case Tag::kBlockquote:
    case Tag::kBody:
    case Tag::kBr:
    case Tag::kButton:
    case Tag::kCaption:
    case Tag::kCenter:
    case Tag::kCol:
    case Tag::kColgroup:
    case Tag::kDd:
    case Tag::kDetails:
    case Tag::kDir:
    case Tag::kDiv:
    case Tag::kDl:
    case Tag::kDt:
    case Tag::kEmbed:
    case Tag::kFieldset:
    case Tag::kFigcaption:
    case Tag::kFigure:
    case Tag::kFooter:
    case Tag::kForm:
    case Tag::kFrame:
    case Tag::kFrameset:
    case Tag::kHead:
    case Tag::kHeader:
    case Tag::kHgroup:
    case Tag::kHr:
    case Tag::kHtml:
    case Tag::kIframe:
    case Tag::kImg:
    case Tag::kInput:
    case Tag::kKeygen:
    case Tag::kLi:
    case Tag::kLink:
    case Tag::kListing:
    case Tag::kMain:
    case Tag::kMarquee:
    case Tag::kMenu:
    case Tag::kMeta:
    case Tag::kNav:
    case Tag::kNoembed:
    case Tag::kNoframes:
    case Tag::kNoscript:
    case Tag::kObject:
    case Tag::kOl:
    case Tag::kP:
    case Tag::kParam:
    case Tag::kPlaintext:
    case Tag::kPre:
    case Tag::kScript:
    case Tag::kSearch:
    case Tag::kSection:
    case Tag::kSelect:
    case Tag::kSource:
    case Tag::kStyle:
    case Tag::kSummary:
    case Tag::kTable:
    case Tag::kTbody:
    case Tag::kTd:
    case Tag::kTemplate:
    case Tag::kTextarea:
    case Tag::kTfoot:
    case Tag::kTh:
    case Tag::kThead:
    case Tag::kTitle:
    case Tag::kTr:
    case Tag::kTrack:
    case Tag::kUl:
    case Tag::kWbr:
    case Tag::kXmp:
      return true;
    default:
      return false;
  }
}

enum class Scope { kDefault, kButton, kListItem, kTable };

bool IsScopeBoundary(Tag t, Scope s) {
  switch (t) {
    case Tag::kHtml:
    case Tag::kTable:
    case Tag::kTemplate:
      return true;
    case Tag::kApplet:
    case Tag::kCaption:
    case Tag::kTd:
    case Tag::kTh:
    case Tag::kMarquee:
    case Tag::kObject:
    case Tag::kSvg:
    case Tag::kMath:
      return s != Scope::kTable;
    case Tag::kButton:
      return s == Scope::kButton;
    case Tag::kOl:
    case Tag::kUl:
      return s == Scope::kListItem;
    default:
      return false;
  }
}

// dyad's tree construction over the token stream.
class Parser {
 public:
  explicit Parser(std::string_view html) : tokenizer_(html) { counts_.fill(0); }

  Tree Run() {
    Token t;
    while (tokenizer_.Next(&t)) {
      switch (t.type) {
        case Token::Type::kText:
          b_.AddText(t.text);
          break;
        case Token::Type::kComment:
          b_.AddComment(t.text);
          break;
        case Token::Type::kDoctype:
          break;
        case Token::Type::kStartTag:
          Start(t);
          break;
        case Token::Type::kEndTag:
          End(t);
          break;
      }
    }
    return b_.Finish();
  }

 private:
  Tag TagAt(size_t i) const { return b_.tree().nodes[b_.open()[i]].tag; }

  void Push(const Token& t, bool is_void) {
    b_.Open(t.tag, t.name, t.attributes, is_void);
    if (!is_void) {
      ++counts_[static_cast<size_t>(t.tag)];
      if (t.tag == Tag::kSvg || t.tag == Tag::kMath) ++foreign_;
    }
  }

  void Pop() {
    if (b_.open().size() <= 1) return;
    Tag tag = TagAt(b_.open().size() - 1);
    --counts_[static_cast<size_t>(tag)];
    if (tag == Tag::kSvg || tag == Tag::kMath) --foreign_;
    b_.Close();
  }

  // Pops through the open element at stack index `i`.
  void PopThrough(size_t i) {
    while (b_.open().size() > i) Pop();
  }

  // Walks back (at most kMaxScopeWalk elements) for an element that `match`
  // accepts, stopping at `scope` boundaries; pops through it and returns
  // true when found.
  template <typename Match>
  bool CloseInScope(Match match, Scope scope) {
    const auto& open = b_.open();
    size_t stop = open.size() > kMaxScopeWalk + 1 ? open.size() - kMaxScopeWalk : 1;
    for (size_t i = open.size(); i-- > stop;) {
      Tag tag = TagAt(i);
      if (match(i, tag)) {
        PopThrough(i);
        return true;
      }
      if (IsScopeBoundary(tag, scope)) return false;
    }
    return false;
  }

  // li / dd / dt: closes an open one unless a special element intervenes.
  template <typename Match>
  void CloseListItem(Match match) {
    const auto& open = b_.open();
    size_t stop = open.size() > kMaxScopeWalk + 1 ? open.size() - kMaxScopeWalk : 1;
    for (size_t i = open.size(); i-- > stop;) {
      Tag tag = TagAt(i);
      if (match(tag)) {
        PopThrough(i);
        return;
      }
      if (IsSpecial(tag) && tag != Tag::kAddress && tag != Tag::kDiv && tag != Tag::kP) return;
    }
  }

  size_t Count(Tag t) const { return counts_[static_cast<size_t>(t)]; }

  void Start(const Token& t) {
    Tag tag = t.tag;
    if (foreign_ > 0) {
      Push(t, t.self_closing || IsVoid(tag));
      return;
    }
    if ((tag == Tag::kHtml || tag == Tag::kBody || tag == Tag::kForm) && Count(tag) > 0) return;
    if (tag == Tag::kBody && Count(Tag::kHead) > 0) {
      CloseInScope([](size_t, Tag x) { return x == Tag::kHead; }, Scope::kDefault);
    }
    if (ClosesP(tag) && Count(Tag::kP) > 0) {
      CloseInScope([](size_t, Tag x) { return x == Tag::kP; }, Scope::kButton);
    }
    switch (tag) {
      case Tag::kLi:
        if (Count(Tag::kLi) > 0) CloseListItem([](Tag x) { return x == Tag::kLi; });
        break;
      case Tag::kDd:
      case Tag::kDt:
        if (Count(Tag::kDd) + Count(Tag::kDt) > 0) {
          CloseListItem([](Tag x) { return x == Tag::kDd || x == Tag::kDt; });
        }
        break;
      case Tag::kH1:
      case Tag::kH2:
      case Tag::kH3:
      case Tag::kH4:
      case Tag::kH5:
      case Tag::kH6:
        if (IsHeading(TagAt(b_.open().size() - 1))) Pop();
        break;
      case Tag::kOption:
        if (TagAt(b_.open().size() - 1) == Tag::kOption) Pop();
        break;
      case Tag::kOptgroup:
        if (TagAt(b_.open().size() - 1) == Tag::kOption) Pop();
        if (TagAt(b_.open().size() - 1) == Tag::kOptgroup) Pop();
        break;
      case Tag::kTd:
      case Tag::kTh:
        if (Count(Tag::kTd) + Count(Tag::kTh) > 0) {
          CloseInScope([](size_t, Tag x) { return x == Tag::kTd || x == Tag::kTh; }, Scope::kTable);
        }
        break;
      case Tag::kTr:
        if (Count(Tag::kTr) > 0) {
          CloseInScope([](size_t, Tag x) { return x == Tag::kTr; }, Scope::kTable);
        } else if (Count(Tag::kTd) + Count(Tag::kTh) > 0) {
          CloseInScope([](size_t, Tag x) { return x == Tag::kTd || x == Tag::kTh; }, Scope::kTable);
        }
        break;
      case Tag::kTbody:
      case Tag::kThead:
      case Tag::kTfoot:
        if (Count(Tag::kTbody) + Count(Tag::kThead) + Count(Tag::kTfoot) > 0) {
          CloseInScope(
              [](size_t, Tag x) {
                return x == Tag::kTbody || x == Tag::kThead || x == Tag::kTfoot;
              },
              Scope::kTable);
        }
        break;
      case Tag::kA:
        if (Count(Tag::kA) > 0) {
          CloseInScope([](size_t, Tag x) { return x == Tag::kA; }, Scope::kDefault);
        }
        break;
      default:
        break;
    }
    Push(t, IsVoid(tag));
  }

  void End(const Token& t) {
    Tag tag = t.tag;
    if (tag == Tag::kBr) {
      b_.Open(Tag::kBr, "br", {}, /*is_void=*/true);
      return;
    }
    if (tag == Tag::kHtml || tag == Tag::kBody || IsVoid(tag)) return;
    if (tag == Tag::kUnknown || foreign_ > 0) {
      // Match by name.
      const Tree& tree = b_.tree();
      std::string_view name = t.name;
      CloseInScope(
          [&](size_t i, Tag x) { return x == tag && tree.Name(tree.nodes[b_.open()[i]]) == name; },
          Scope::kDefault);
      return;
    }
    if (tag == Tag::kP) {
      if (Count(Tag::kP) == 0 ||
          !CloseInScope([](size_t, Tag x) { return x == Tag::kP; }, Scope::kButton)) {
        b_.Open(Tag::kP, "p", {}, /*is_void=*/true);  // </p> alone: an empty p
      }
      return;
    }
    if (IsHeading(tag)) {
      CloseInScope([](size_t, Tag x) { return IsHeading(x); }, Scope::kDefault);
      return;
    }
    if (Count(tag) == 0) return;
    Scope scope = Scope::kDefault;
    if (tag == Tag::kLi) scope = Scope::kListItem;
    if (tag == Tag::kTable || tag == Tag::kTr || tag == Tag::kTd || tag == Tag::kTh ||
        tag == Tag::kTbody || tag == Tag::kThead || tag == Tag::kTfoot || tag == Tag::kCaption) {
      scope = Scope::kTable;
    }
    CloseInScope([tag](size_t, Tag x) { return x == tag; }, scope);
  }

  Tokenizer tokenizer_;
  TreeBuilder b_;
  std::array<size_t, static_cast<size_t>(Tag::kCount)> counts_;
  int foreign_ = 0;
};

}  // namespace

std::string_view Tree::Attr(const Node& n, std::string_view name) const {
  for (uint32_t k = n.attr_begin; k < n.attr_begin + n.attr_count; ++k) {
    const Attribute& a = attributes[k];
    if (std::string_view(arena).substr(a.name_begin, a.name_size) == name) {
      return std::string_view(arena).substr(a.value_begin, a.value_size);
    }
  }
  return {};
}

bool Tree::HasAttr(const Node& n, std::string_view name) const {
  for (uint32_t k = n.attr_begin; k < n.attr_begin + n.attr_count; ++k) {
    const Attribute& a = attributes[k];
    if (std::string_view(arena).substr(a.name_begin, a.name_size) == name) return true;
  }
  return false;
}

NodeId Tree::Next(NodeId x, NodeId root, bool descend) const {
  if (descend && nodes[x].first_child != kNone) return nodes[x].first_child;
  while (x != root && nodes[x].next_sibling == kNone) x = nodes[x].parent;
  return x == root ? kNone : nodes[x].next_sibling;
}

TreeBuilder::TreeBuilder() {
  tree_.nodes.emplace_back();
  open_.push_back(Tree::kRoot);
}

namespace {

uint32_t AppendToArena(std::string& arena, std::string_view s) {
  uint32_t at = static_cast<uint32_t>(arena.size());
  arena.append(s);
  return at;
}

}  // namespace

NodeId TreeBuilder::Append(Node n) {
  NodeId id = static_cast<NodeId>(tree_.nodes.size());
  NodeId parent = open_.back();
  n.parent = parent;
  Node& p = tree_.nodes[parent];
  if (p.last_child == kNone) {
    p.first_child = id;
  } else {
    tree_.nodes[p.last_child].next_sibling = id;
  }
  p.last_child = id;
  tree_.nodes.push_back(n);
  return id;
}

NodeId TreeBuilder::Open(Tag tag, std::string_view name, const std::vector<Token::Attribute>& attrs,
                         bool is_void) {
  Node n;
  n.type = NodeType::kElement;
  n.tag = tag;
  if (tag == Tag::kUnknown) {
    n.data_begin = AppendToArena(tree_.arena, name);
    n.data_size = static_cast<uint32_t>(name.size());
  }
  n.attr_begin = static_cast<uint32_t>(tree_.attributes.size());
  n.attr_count = static_cast<uint32_t>(attrs.size());
  for (const Token::Attribute& a : attrs) {
    Tree::Attribute ta;
    ta.name_begin = AppendToArena(tree_.arena, a.name);
    ta.name_size = static_cast<uint32_t>(a.name.size());
    ta.value_begin = AppendToArena(tree_.arena, a.value);
    ta.value_size = static_cast<uint32_t>(a.value.size());
    tree_.attributes.push_back(ta);
  }
  NodeId id = Append(n);
  if (!is_void) open_.push_back(id);
  return id;
}

void TreeBuilder::Close() {
  if (open_.size() > 1) open_.pop_back();
}

void TreeBuilder::AddText(std::string_view text) {
  if (text.empty()) return;
  const Node& p = tree_.nodes[open_.back()];
  if (p.last_child != kNone) {
    Node& last = tree_.nodes[p.last_child];
    if (last.type == NodeType::kText && last.data_begin + last.data_size == tree_.arena.size()) {
      tree_.arena.append(text);
      last.data_size += static_cast<uint32_t>(text.size());
      return;
    }
  }
  Node n;
  n.type = NodeType::kText;
  n.data_begin = AppendToArena(tree_.arena, text);
  n.data_size = static_cast<uint32_t>(text.size());
  Append(n);
}

void TreeBuilder::AddComment(std::string_view text) {
  Node n;
  n.type = NodeType::kComment;
  n.data_begin = AppendToArena(tree_.arena, text);
  n.data_size = static_cast<uint32_t>(text.size());
  Append(n);
}

Tree Parse(std::string_view html) {
  Parser p(html);
  return p.Run();
}

}  // namespace dyad::html
