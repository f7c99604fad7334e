// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The reference parser: gumbo's tree converted into a dyad::html::Tree.

#include <gumbo.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.h"
#include "html/html.h"

namespace dyad::html {

namespace {

// The lower-case name of a gumbo element, from its original text when gumbo
// does not know the tag.
std::string ElementName(const GumboElement& e) {
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece piece = e.original_tag;
  gumbo_tag_from_original_text(&piece);
  return AsciiLower(std::string_view(piece.data, piece.length));
}

}  // namespace

Tree ParseWithGumbo(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 50;  // parse errors are not used; don't hoard them
  GumboOutput* out = gumbo_parse_with_options(&options, html.data(), html.size());
  TreeBuilder b;
  if (out == nullptr) return b.Finish();
  std::vector<std::pair<const GumboNode*, unsigned>> stack = {{out->root, 0}};
  std::vector<Token::Attribute> attrs;
  auto open = [&](const GumboNode* n) {
    const GumboElement& e = n->v.element;
    std::string name = ElementName(e);
    attrs.clear();
    for (unsigned k = 0; k < e.attributes.length; ++k) {
      const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[k]);
      attrs.push_back({a->name, a->value});
    }
    b.Open(LookupTag(name), name, attrs, /*is_void=*/false);
  };
  open(out->root);
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    const GumboVector& ch = node->v.element.children;
    if (next >= ch.length) {
      b.Close();
      stack.pop_back();
      continue;
    }
    const auto* c = static_cast<const GumboNode*>(ch.data[next++]);
    switch (c->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        b.AddText(c->v.text.text);
        break;
      case GUMBO_NODE_COMMENT:
        b.AddComment(c->v.text.text);
        break;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        open(c);
        stack.push_back({c, 0});
        break;
      default:
        break;
    }
  }
  gumbo_destroy_output(&options, out);
  return b.Finish();
}

}  // namespace dyad::html
