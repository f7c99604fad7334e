#include "html/html.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dyad::html {
namespace {

// The tree as compact markup: elements with their attributes in order, text
// as is, comments as <!--x-->; the root is omitted.
std::string Dump(const Tree& t) {
  std::string out;
  std::vector<NodeId> open;
  NodeId x = t.node(Tree::kRoot).first_child;
  while (x != kNone) {
    const Node& n = t.node(x);
    if (n.type == NodeType::kText) out += t.Data(n);
    if (n.type == NodeType::kComment) out += "<!--" + std::string(t.Data(n)) + "-->";
    if (n.type == NodeType::kElement) {
      out += "<" + std::string(t.Name(n));
      for (uint32_t k = n.attr_begin; k < n.attr_begin + n.attr_count; ++k) {
        const Tree::Attribute& a = t.attributes[k];
        out += " " + t.arena.substr(a.name_begin, a.name_size) + "=" +
               t.arena.substr(a.value_begin, a.value_size);
      }
      out += ">";
      if (n.first_child != kNone) {
        x = n.first_child;
        continue;
      }
      if (!IsVoid(n.tag)) out += "</" + std::string(t.Name(n)) + ">";
    }
    // Climb out of finished elements.
    while (x != kNone && t.node(x).next_sibling == kNone) {
      x = t.node(x).parent;
      if (x == Tree::kRoot || x == kNone) {
        x = kNone;
        break;
      }
      out += "</" + std::string(t.Name(t.node(x))) + ">";
    }
    if (x != kNone) x = t.node(x).next_sibling;
  }
  return out;
}

std::string P(std::string_view html) { return Dump(Parse(html)); }

std::vector<Token> Tokens(std::string_view html) {
  Tokenizer tk(html);
  std::vector<Token> out;
  Token t;
  while (tk.Next(&t)) {
    Token copy = t;  // views die with the next token: keep only types here
    copy.name = {};
    copy.text = {};
    copy.attributes.clear();
    out.push_back(copy);
  }
  return out;
}

TEST(HtmlEntities, NamedNumericAndLegacy) {
  std::string out;
  DecodeEntities("a&amp;b &lt;&gt; &quot;q&quot; &nbsp;&copy;&eacute;&mdash;&rsquo;&hellip;", false,
                 &out);
  EXPECT_EQ(out, "a&b <> \"q\" \xC2\xA0\xC2\xA9\xC3\xA9\xE2\x80\x94\xE2\x80\x99\xE2\x80\xA6");
  out.clear();
  DecodeEntities("&#65;&#x42;&#X43;&#0;&#x110000;&#xD800;&#150;&#x93;", false, &out);
  EXPECT_EQ(out, "ABC\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xE2\x80\x93\xE2\x80\x9C");
  out.clear();
  // Legacy forms without ';' in text; unknown names and bare '&' stay literal.
  DecodeEntities("&amp &copy2019 &nosuch; & &#; &#x;", false, &out);
  EXPECT_EQ(out,
            "& \xC2\xA9"
            "2019 &nosuch; & &#; &#x;");
  out.clear();
  // In attributes a legacy reference followed by an alphanumeric or '=' is
  // literal (query strings).
  DecodeEntities("?a=1&copy=2&ampx&amp;y", true, &out);
  EXPECT_EQ(out, "?a=1&copy=2&ampx&y");
  out.clear();
  DecodeEntities("&#99999999999999999999;", false, &out);
  EXPECT_EQ(out, "\xEF\xBF\xBD");
}

TEST(HtmlTokenizer, RawTextElementsHoldTagsAsText) {
  EXPECT_EQ(P("<script>if (a<b) x='</p>';</script><p>t</p>"),
            "<script>if (a<b) x='</p>';</script><p>t</p>");
  EXPECT_EQ(P("<style>p>b{}</STYLE >x"), "<style>p>b{}</style>x");
  // RCDATA: references decoded, tags literal.
  EXPECT_EQ(P("<title>A &amp; <b>B</b></title>"), "<title>A & <b>B</b></title>");
  EXPECT_EQ(P("<textarea><p>x</textarea>y"), "<textarea><p>x</textarea>y");
  // An unclosed script runs to the end of the input.
  EXPECT_EQ(P("<script>never closed <p>"), "<script>never closed <p></script>");
  // "</scriptx" does not end a script.
  EXPECT_EQ(P("<script>a</scriptx>b</script>"), "<script>a</scriptx>b</script>");
  EXPECT_EQ(P("<plaintext><p>all &amp; text"), "<plaintext><p>all & text</plaintext>");
}

TEST(HtmlTokenizer, CommentsAndBogusComments) {
  EXPECT_EQ(P("a<!-- x <p> -->b"), "a<!-- x <p> -->b");
  EXPECT_EQ(P("a<!---->b<!-->c<!--->d"), "a<!---->b<!---->c<!---->d");
  EXPECT_EQ(P("a<!-- unterminated <p>b"), "a<!-- unterminated <p>b-->");
  EXPECT_EQ(P("<!DOCTYPE html><?xml version?>a<!x>b</ 3>c"),
            "<!--?xml version?-->a<!--x-->b<!-- 3-->c");
  // CDATA in HTML content is a bogus comment up to the first '>'.
  EXPECT_EQ(P("<p><![CDATA[x<y]]>z</p>"), "<p><!--[CDATA[x<y]]-->z</p>");
  auto toks = Tokens("<!doctype html><!--c--><p>x</p>");
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(toks[0].type, Token::Type::kDoctype);
  EXPECT_EQ(toks[1].type, Token::Type::kComment);
  EXPECT_EQ(toks[2].type, Token::Type::kStartTag);
  EXPECT_EQ(toks[3].type, Token::Type::kText);
  EXPECT_EQ(toks[4].type, Token::Type::kEndTag);
}

TEST(HtmlTokenizer, AttributesWithOddQuoting) {
  EXPECT_EQ(P("<div class=\"a b\" id='x\"y' data-n=3 hidden CLASS=dup>t</div>"),
            "<div class=a b id=x\"y data-n=3 hidden=>t</div>");
  EXPECT_EQ(P("<a href=/x?a=1&amp;b=2&copy=3 title=\"&lt;q&gt;\">l</a>"),
            "<a href=/x?a=1&b=2&copy=3 title=<q>>l</a>");
  // An unquoted value runs to white space or '>', so "d/>" is not self-closing.
  EXPECT_EQ(P("<p a = 'spaced' b=\"\"c=d/>x"), "<p a=spaced b= c=d/>x</p>");
  EXPECT_EQ(P("<img src=a.png/><br/>x"), "<img src=a.png/><br>x");
  // '=' may start an attribute name; '<' inside a tag is part of a name.
  EXPECT_EQ(P("<p =x <y>z"), "<p =x= <y=>z</p>");
}

TEST(HtmlTokenizer, UnclosedAndBrokenTags) {
  // EOF inside a tag or an attribute value drops the tag.
  EXPECT_EQ(P("<p>a<b class=\"x"), "<p>a</p>");
  EXPECT_EQ(P("<p>a<b"), "<p>a</p>");
  // '<' not followed by a letter is text.
  EXPECT_EQ(P("1 < 2 <3 <> <"), "1 < 2 <3 <> <");
  EXPECT_EQ(P("a</>b"), "ab");
  EXPECT_EQ(P("<P>Upper <DIV>Case</DiV>"), "<p>Upper </p><div>Case</div>");
}

TEST(HtmlTree, ImpliedEndTags) {
  EXPECT_EQ(P("<p>one<p>two<div>three</div>"), "<p>one</p><p>two</p><div>three</div>");
  EXPECT_EQ(P("<ul><li>a<li>b<ul><li>c<li>d</ul><li>e</ul>"),
            "<ul><li>a</li><li>b<ul><li>c</li><li>d</li></ul></li><li>e</li></ul>");
  EXPECT_EQ(P("<li>a<div><li>b"), "<li>a<div></div></li><li>b</li>");
  EXPECT_EQ(P("<dl><dt>t<dd>d<dt>u</dl>"), "<dl><dt>t</dt><dd>d</dd><dt>u</dt></dl>");
  EXPECT_EQ(P("<select><option>a<option>b<optgroup><option>c</select>"),
            "<select><option>a</option><option>b</option><optgroup><option>c</option>"
            "</optgroup></select>");
  EXPECT_EQ(P("<table><tr><td>a<td>b<tr><th>c</table>x"),
            "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>x");
  EXPECT_EQ(P("<h1>a<h2>b</h1>c"), "<h1>a</h1><h2>b</h2>c");
  EXPECT_EQ(P("<p>a<h3>b</h3>"), "<p>a</p><h3>b</h3>");
  // A <p> inside a button or table cell is not closed from outside it.
  EXPECT_EQ(P("<p>a<table><td><div>b</table>"), "<p>a</p><table><td><div>b</div></td></table>");
}

TEST(HtmlTree, StrayAndMisnestedEndTags) {
  EXPECT_EQ(P("a</p>b"), "a<p></p>b");  // a lone </p> is an empty p
  EXPECT_EQ(P("<div>a</span></div>b"), "<div>a</div>b");
  EXPECT_EQ(P("<b><i>x</b>y</i>"), "<b><i>x</i></b>y");
  EXPECT_EQ(P("<div><table><td>a</div>b</td></table>"), "<div><table><td>ab</td></table></div>");
  EXPECT_EQ(P("x</br>y"), "x<br>y");
  EXPECT_EQ(P("<a href=1>a<a href=2>b</a>"), "<a href=1>a</a><a href=2>b</a>");
  EXPECT_EQ(P("<my-el x=1><p>in</my-el>out"), "<my-el x=1><p>in</p></my-el>out");
  EXPECT_EQ(P("<form><form><p>x</form>"), "<form><p>x</p></form>");
}

TEST(HtmlTree, ForeignContentSelfCloses) {
  EXPECT_EQ(P("<svg><path d='1'/><title>t</title></svg><p>x"),
            "<svg><path d=1></path><title>t</title></svg><p>x</p>");
}

TEST(HtmlTree, DeepNestingIsLinearAndIterative) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div><span>";
  deep += "core";
  for (int i = 0; i < 100000; ++i) deep += "</i></div>";
  Tree t = Parse(deep);
  EXPECT_EQ(t.nodes.size(), 200002u);
  // The innermost text is a descendant 200,000 levels down.
  NodeId x = Tree::kRoot;
  int depth = 0;
  while (t.node(x).first_child != kNone) {
    x = t.node(x).first_child;
    ++depth;
  }
  EXPECT_EQ(depth, 200001);
  EXPECT_EQ(t.Data(t.node(x)), "core");
  // Many unmatched end tags and implied-end walks also stay linear.
  std::string stray = "<table><td>";
  for (int i = 0; i < 100000; ++i) stray += "<b>";
  for (int i = 0; i < 100000; ++i) stray += "</div><li>";
  EXPECT_GT(Parse(stray).nodes.size(), 100000u);
}

TEST(HtmlTree, GumboConversionKeepsStructure) {
  Tree t = ParseWithGumbo("<p class=x>a &amp; b<br>c</p><custom-tag>d</custom-tag>");
  std::string d = Dump(t);
  EXPECT_NE(d.find("<p class=x>a & b<br>c</p><custom-tag>d</custom-tag>"), std::string::npos) << d;
  EXPECT_EQ(d.rfind("<html>", 0), 0u) << d;
}

TEST(HtmlTree, NextWalksASubtreeInOrder) {
  Tree t = Parse("<div><p>a<b>b</b></p>c</div>d");
  NodeId div = t.node(Tree::kRoot).first_child;
  std::string seen;
  for (NodeId x = t.Next(div, div, true); x != kNone; x = t.Next(x, div, true)) {
    const Node& n = t.node(x);
    seen += n.type == NodeType::kText ? std::string(t.Data(n)) : "<" + std::string(t.Name(n)) + ">";
  }
  EXPECT_EQ(seen, "<p>a<b>bc");
}

}  // namespace
}  // namespace dyad::html
