// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Module "html": dyad's own streaming HTML tokenizer and a lightweight tree
// for text extraction, plus a converter from gumbo's tree (the reference
// parser) into the same Tree type, so that ingest walks one structure
// whichever parser built it.
//
// The tokenizer handles tags, attributes (double-, single- and unquoted
// values, duplicates: first wins), comments and bogus comments (<!...>,
// <?...>, </ followed by a non-letter), doctypes, raw-text elements (script,
// style, xmp, iframe, noembed, noframes: content up to the matching end tag
// is one text token), RCDATA elements (title, textarea: character
// references decoded, no tags), plaintext, and character references
// (numeric with the HTML5 windows-1252 remapping and U+FFFD for invalid code
// points; the common named references, with the legacy no-semicolon forms
// outside attributes). It never recurses and runs in time linear in the
// input.
//
// The tree builder applies the implied-end-tag rules that matter for text:
// a block start closes an open <p>; <li>, <dt>/<dd>, <option>, <td>/<th>,
// <tr>, <tbody>/<thead>/<tfoot> close their open siblings; a heading start
// closes an open heading; </p> with no open p yields an empty p (a break);
// stray end tags are ignored; nested <form>, <html> and <body> start tags are
// ignored; </br> is a <br>. Walks back through open elements are bounded
// (kMaxScopeWalk), so 100,000 nested tags stay linear. It does not implement
// the adoption agency, foster parenting or implied html/head/body elements;
// tests/html/differential_test.cc measures the resulting text difference
// from gumbo.

#ifndef DYAD_HTML_HTML_H_
#define DYAD_HTML_HTML_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::html {

// X-macro list of the tags the parser and ingest know: enum name, tag name.
#define DYAD_HTML_TAGS(X)                                                                          \
  X(kA, "a")                                                                                       \
  X(kAbbr, "abbr")                                                                                 \
  X(kAddress, "address") X(kApplet, "applet") X(kArea, "area") X(kArticle, "article") X(           \
      kAside, "aside") X(kAudio, "audio") X(kB, "b") X(kBase, "base") X(kBasefont, "basefont")     \
      X(kBgsound, "bgsound") X(kBlockquote, "blockquote") X(kBody, "body") X(kBr, "br") X(         \
          kButton, "button") X(kCanvas, "canvas") X(kCaption, "caption") X(kCenter, "center")      \
          X(kCite, "cite") X(kCode, "code") X(kCol, "col") X(kColgroup, "colgroup") X(             \
              kDd, "dd") X(kDetails, "details") X(kDialog, "dialog") X(kDir, "dir") X(kDiv, "div") \
              X(kDl, "dl") X(kDt, "dt") X(kEm, "em") X(kEmbed, "embed") X(                         \
                  kFieldset, "fieldset") X(kFigcaption, "figcaption") X(kFigure, "figure")         \
                  X(kFont, "font") X(kFooter, "footer") X(kForm, "form") X(kFrame, "frame") X(     \
                      kFrameset, "frameset") X(kH1, "h1")                                          \
                      X(kH2, "h2") X(kH3, "h3") X(kH4, "h4") X(kH5, "h5") X(kH6, "h6") X(          \
                          kHead, "head") X(kHeader, "header")                                      \
                          X(kHgroup, "hgroup") X(kHr, "hr") X(kHtml, "html") X(kI, "i") X(         \
                              kIframe, "iframe")                                                   \
                              X(kImg, "img") X(kInput, "input") X(kKeygen, "keygen") X(            \
                                  kLabel,                                                          \
                                  "label") X(kLegend, "legend")                                    \
                                  X(kLi, "li") X(kLink, "link") X(kListing, "listing") X(          \
                                      kMain, "main") X(kMap,                                       \
                                                       "map") X(kMarquee, "marquee")               \
                                      X(kMath, "math") X(kMenu, "menu") X(kMeta, "meta") X(        \
                                          kNav,                                                    \
                                          "nav") X(kNoembed,                                       \
                                                   "noembed") X(kNoframes, "noframes")             \
                                          X(kNoscript, "noscript") X(kObject, "object") X(         \
                                              kOl, "ol") X(kOptgroup,                              \
                                                           "optgroup") X(kOption, "option")        \
                                              X(kP, "p") X(kParam, "param") X(                     \
                                                  kPicture,                                        \
                                                  "picture") X(kPlaintext,                         \
                                                               "plaintext") X(kPre, "pre")         \
                                                  X(kQ, "q") X(kS, "s") X(kScript, "script") X(    \
                                                      kSearch, "search") X(kSection,               \
                                                                           "section") X(kSelect,   \
                                                                                        "select")  \
                                                      X(kSmall, "small") X(kSource, "source") X(   \
                                                          kSpan, "span") X(kStrong, "strong")      \
                                                          X(kStyle, "style") X(kSub, "sub") X(     \
                                                              kSummary,                            \
                                                              "summary") X(kSup, "sup")            \
                                                              X(kSvg, "svg") X(kTable, "table") X( \
                                                                  kTbody,                          \
                                                                  "tbody") X(kTd, "td")            \
                                                                  X(kTemplate, "template") X(      \
                                                                      kTextarea, "textarea")       \
                                                                      X(kTfoot, "tfoot") X(        \
                                                                          kTh, "th") X(kThead,     \
                                                                                       "thead")    \
                                                                          X(kTime, "time") X(      \
                                                                              kTitle, "title")     \
                                                                              X(kTr, "tr") X(      \
                                                                                  kTrack,          \
                                                                                  "track") X(kU,   \
                                                                                             "u")  \
                                                                                  X(kUl, "ul") X(  \
                                                                                      kVideo,      \
                                                                                      "video")     \
                                                                                      X(kWbr,      \
                                                                                        "wbr")     \
                                                                                          X(kXmp,  \
                                                                                            "xmp")

// A tag name; kUnknown for any other (custom elements, typos).
enum class Tag : uint8_t {
  kUnknown,
#define DYAD_HTML_TAG_ENUM(e, n) e,
  DYAD_HTML_TAGS(DYAD_HTML_TAG_ENUM)
#undef DYAD_HTML_TAG_ENUM
      kCount
};

// The Tag for a lower-case tag name, kUnknown when not in the list.
Tag LookupTag(std::string_view lower_name);

// The lower-case name of `t` ("" for kUnknown).
std::string_view TagName(Tag t);

// True for void elements (br, img, meta, ...), which have no end tag.
bool IsVoid(Tag t);

// Decodes the character references in `s` (as in text, or as in an attribute
// value when `in_attribute`) and appends the result to `*out`.
void DecodeEntities(std::string_view s, bool in_attribute, std::string* out);

// One token of the input.
struct Token {
  enum class Type { kStartTag, kEndTag, kText, kComment, kDoctype };
  // A name and value, both views into Token::buffer or the input.
  struct Attribute {
    std::string_view name;
    std::string_view value;
  };
  Type type = Type::kText;
  Tag tag = Tag::kUnknown;
  std::string_view name;  // lower-case tag name (tags), doctype name
  std::string_view text;  // decoded text (kText), comment body (kComment)
  bool self_closing = false;
  std::vector<Attribute> attributes;  // start tags only; first of a name wins
};

// Streams tokens out of an HTML string. The input must outlive the
// Tokenizer; each Token's views stay valid until the next call to Next().
class Tokenizer {
 public:
  // Tokenizes `input` (UTF-8 expected; other bytes pass through).
  explicit Tokenizer(std::string_view input) : in_(input) {}

  // Reads the next token into `*t`; false at the end of the input.
  bool Next(Token* t);

 private:
  bool ReadTag(Token* t);
  void ReadRawText(Token* t);
  void ReadComment(Token* t, size_t body_begin, std::string_view end_marker);

  std::string_view in_;
  size_t pos_ = 0;
  Tag raw_tag_ = Tag::kUnknown;  // inside this raw-text / RCDATA element
  bool plaintext_ = false;
  std::string buffer_;  // decoded text and names of the current token
  std::vector<std::pair<uint32_t, uint32_t>> attr_offsets_;
};

// What a Node is.
enum class NodeType : uint8_t { kRoot, kElement, kText, kComment };

// Index of a node in Tree::nodes; kNone for "no node".
using NodeId = uint32_t;
inline constexpr NodeId kNone = 0xFFFFFFFFu;

// A node of the tree: links to relatives and offsets into the tree's arena.
struct Node {
  NodeType type = NodeType::kRoot;
  Tag tag = Tag::kUnknown;
  NodeId parent = kNone;
  NodeId first_child = kNone;
  NodeId last_child = kNone;
  NodeId next_sibling = kNone;
  uint32_t data_begin = 0;  // text, comment, or an unknown tag's name
  uint32_t data_size = 0;
  uint32_t attr_begin = 0;  // index into Tree::attributes
  uint32_t attr_count = 0;
};

// A parsed document. nodes[0] is the root; children are in document order.
class Tree {
 public:
  // An attribute: offsets into the arena.
  struct Attribute {
    uint32_t name_begin, name_size, value_begin, value_size;
  };

  // The root node's id (always 0).
  static constexpr NodeId kRoot = 0;

  // All nodes, the root first.
  std::vector<Node> nodes;
  // Attributes of all elements, each element's contiguous.
  std::vector<Attribute> attributes;
  // Text, names and attribute values.
  std::string arena;

  // The node with id `id`.
  const Node& node(NodeId id) const { return nodes[id]; }
  // A text or comment node's content; an unknown element's name.
  std::string_view Data(const Node& n) const {
    return std::string_view(arena).substr(n.data_begin, n.data_size);
  }
  // The lower-case tag name of an element.
  std::string_view Name(const Node& n) const {
    return n.tag == Tag::kUnknown ? Data(n) : TagName(n.tag);
  }
  // The value of attribute `name` (lower case) of element `n`; "" when absent.
  std::string_view Attr(const Node& n, std::string_view name) const;
  // True when element `n` has attribute `name` (lower case).
  bool HasAttr(const Node& n, std::string_view name) const;
  // The node after `x` in document order within the subtree of `root`
  // (which `x` must be in): its first child when `descend` and it has one,
  // else its next sibling or that of its nearest ancestor below `root`;
  // kNone at the end of the subtree. Walks without recursion.
  NodeId Next(NodeId x, NodeId root, bool descend) const;
};

// Builds a Tree node by node: used by Parse() and by the gumbo converter.
class TreeBuilder {
 public:
  TreeBuilder();
  // Appends an element under the current node and makes it current unless
  // `is_void`. Attribute views are copied.
  NodeId Open(Tag tag, std::string_view name, const std::vector<Token::Attribute>& attrs,
              bool is_void);
  // Closes the current element (the root is never closed).
  void Close();
  // Appends text under the current node, merging with a preceding text node.
  void AddText(std::string_view text);
  // Appends a comment under the current node.
  void AddComment(std::string_view text);
  // The current node.
  NodeId current() const { return open_.back(); }
  // Open elements, the root first.
  const std::vector<NodeId>& open() const { return open_; }
  // The tree built so far.
  const Tree& tree() const { return tree_; }
  // Moves the tree out.
  Tree Finish() { return std::move(tree_); }

 private:
  // Appends `n` as the last child of the current node; returns its id.
  NodeId Append(Node n);

  Tree tree_;
  std::vector<NodeId> open_;
};

// Longest walk back through open elements when looking for an element to
// close; deeper matches are treated as absent.
inline constexpr size_t kMaxScopeWalk = 512;

// Parses `html` with dyad's tokenizer and tree builder.
Tree Parse(std::string_view html);

// Parses `html` with gumbo and converts the result into a Tree (template
// contents and the implied html/head/body elements included).
Tree ParseWithGumbo(std::string_view html);

}  // namespace dyad::html

#endif  // DYAD_HTML_HTML_H_
