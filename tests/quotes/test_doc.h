// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Test helper for the quotes and coref tests: builds a Document's layers by
// hand (paragraphs, sentences, tokens, entities and name mentions) so these
// tests do not depend on the segment, tag and actors stages.

#ifndef DYAD_TESTS_QUOTES_TEST_DOC_H_
#define DYAD_TESTS_QUOTES_TEST_DOC_H_

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"

namespace dyad::testing {

// True when byte `c` starts a word character (ASCII alnum or non-ASCII).
inline bool TestWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Length of the UTF-8 sequence starting with byte `c`.
inline size_t TestCpLen(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

// True when the code point at s[i] is a curly quote mark or guillemet.
inline bool TestIsMark(std::string_view s, size_t i) {
  if (static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size()) {
    unsigned char b = s[i + 1];
    return b == 0xAB || b == 0xBB;
  }
  return s.compare(i, 3, "\xE2\x80\x9C") == 0 || s.compare(i, 3, "\xE2\x80\x9D") == 0 ||
         s.compare(i, 3, "\xE2\x80\x98") == 0 || s.compare(i, 3, "\xE2\x80\x99") == 0;
}

// Builds text, paragraphs (separated by blank lines), tokens and sentences.
// Tokens: words (letters, digits, inner hyphens and apostrophes; a trailing
// 's is split off), and single punctuation characters. Sentences end after
// . ! ? (plus closing marks) before a space, except after short
// abbreviations. Token::lower maps quote marks to ".
inline Document BuildDoc(const std::string& text) {
  Document doc;
  doc.text = text;
  std::string_view s(doc.text);
  size_t pos = 0;
  while (pos < s.size()) {
    size_t e = s.find("\n\n", pos);
    if (e == std::string_view::npos) e = s.size();
    size_t b = pos;
    while (b < e && (s[b] == '\n' || s[b] == ' ')) ++b;
    size_t ee = e;
    while (ee > b && (s[ee - 1] == '\n' || s[ee - 1] == ' ')) --ee;
    if (ee > b) doc.paragraphs.push_back(Span{uint32_t(b), uint32_t(ee)});
    pos = e + 2;
  }
  for (uint32_t p = 0; p < doc.paragraphs.size(); ++p) {
    Span para = doc.paragraphs[p];
    size_t i = para.begin;
    uint32_t sent_start_tok = uint32_t(doc.tokens.size());
    uint32_t sent_begin = para.begin;
    auto close_sentence = [&](uint32_t end_byte) {
      if (doc.tokens.size() == sent_start_tok) return;
      Sentence st;
      st.span = Span{sent_begin, end_byte};
      st.paragraph = p;
      st.token_begin = sent_start_tok;
      st.token_end = uint32_t(doc.tokens.size());
      for (uint32_t t = st.token_begin; t < st.token_end; ++t) {
        doc.tokens[t].sentence = uint32_t(doc.sentences.size());
      }
      doc.sentences.push_back(st);
      sent_start_tok = uint32_t(doc.tokens.size());
    };
    while (i < para.end) {
      unsigned char c = s[i];
      if (c == ' ' || c == '\n') {
        ++i;
        continue;
      }
      if (doc.tokens.size() == sent_start_tok) sent_begin = uint32_t(i);
      size_t b = i;
      Token tok;
      if (TestWordByte(c) && !TestIsMark(s, i)) {
        while (i < para.end) {
          unsigned char d = s[i];
          if (TestIsMark(s, i) || d == '\'') {
            // Apostrophe inside a word, not before a final s.
            size_t len = d == '\'' ? 1 : 3;
            bool inner = i + len < para.end && TestWordByte(s[i + len]) && !TestIsMark(s, i + len);
            bool poss = inner && (s[i + len] == 's') &&
                        (i + len + 1 >= para.end || !TestWordByte(s[i + len + 1]));
            if (!inner || poss || s.compare(i, 3, "\xE2\x80\x9C") == 0 ||
                s.compare(i, 3, "\xE2\x80\x9D") == 0) {
              break;
            }
            i += len;
            continue;
          }
          if (d == '-' && i + 1 < para.end && TestWordByte(s[i + 1])) {
            ++i;
            continue;
          }
          if (d == '.' && i + 1 < para.end && TestWordByte(s[i + 1]) && s[i + 1] != ' ' && i > b &&
              s[i - 1] >= '0' && s[i - 1] <= '9') {
            ++i;
            continue;
          }
          if (!TestWordByte(d) || TestIsMark(s, i)) break;
          i += TestCpLen(d);
        }
      } else if ((c == '\'' || TestIsMark(s, i)) && i + 1 < para.end &&
                 s.compare(i, 3, "\xE2\x80\x99") == 0 && i + 3 < para.end && s[i + 3] == 's' &&
                 (i + 4 >= para.end || !TestWordByte(s[i + 4])) && i > para.begin &&
                 TestWordByte(s[i - 1])) {
        i += 4;  // ’s
      } else if (c == '\'' && i + 1 < para.end && s[i + 1] == 's' &&
                 (i + 2 >= para.end || !TestWordByte(s[i + 2])) && i > para.begin &&
                 TestWordByte(s[i - 1])) {
        i += 2;  // 's
      } else {
        i += TestCpLen(c);
      }
      tok.span = Span{uint32_t(b), uint32_t(i)};
      std::string_view surf = s.substr(b, i - b);
      if (TestIsMark(s, b) && surf.size() == (static_cast<unsigned char>(s[b]) == 0xC2 ? 2u : 3u)) {
        tok.lower = "\"";
      } else if (surf == "'") {
        tok.lower = "\"";
      } else {
        for (char ch : surf) tok.lower += (ch >= 'A' && ch <= 'Z') ? char(ch - 'A' + 'a') : ch;
      }
      doc.tokens.push_back(tok);
      // Sentence end: . ! ? then optional closing marks, then a space + non-lowercase.
      if (surf == "." || surf == "!" || surf == "?") {
        size_t j = i;
        while (j < para.end && (s.compare(j, 3, "\xE2\x80\x9D") == 0 || s[j] == '"')) {
          Token q;
          size_t len = s[j] == '"' ? 1 : 3;
          q.span = Span{uint32_t(j), uint32_t(j + len)};
          q.lower = "\"";
          doc.tokens.push_back(q);
          j += len;
        }
        i = j;
        bool abbrev = false;
        if (surf == "." && doc.tokens.size() >= 2) {
          const Token& w = doc.tokens[doc.tokens.size() - 2];
          std::string_view ws = s.substr(w.span.begin, w.span.size());
          abbrev = w.span.end == b && ws.size() <= 3 && ws[0] >= 'A' && ws[0] <= 'Z' &&
                   ws != "UN" && ws != "US" && ws != "EU";
        }
        size_t k = i;
        while (k < para.end && s[k] == ' ') ++k;
        bool next_lower = k < para.end && s[k] >= 'a' && s[k] <= 'z';
        if (!abbrev && !next_lower && (i >= para.end || s[i] == ' ')) close_sentence(uint32_t(i));
      }
    }
    close_sentence(para.end);
  }
  return doc;
}

// Adds an entity and a mention for every whole-word occurrence of each of
// `forms` (the first form is a kName, later ones kAlias unless `kind` is
// given). Call SortMentions() after the last entity.
inline uint32_t AddEntity(Document& doc, const std::string& name, EntityType type,
                          const std::string& title, const std::vector<std::string>& forms,
                          MentionKind first_kind = MentionKind::kName) {
  Entity en;
  en.name = name;
  en.type = type;
  en.title = title;
  uint32_t id = uint32_t(doc.entities.size());
  doc.entities.push_back(en);
  for (size_t f = 0; f < forms.size(); ++f) {
    const std::string& form = forms[f];
    size_t at = 0;
    while ((at = doc.text.find(form, at)) != std::string::npos) {
      size_t end = at + form.size();
      bool left =
          at == 0 || !TestWordByte(doc.text[at - 1]) || (at >= 3 && TestIsMark(doc.text, at - 3));
      bool right =
          end >= doc.text.size() || !TestWordByte(doc.text[end]) || TestIsMark(doc.text, end);
      if (left && right) {
        // Token range.
        uint32_t tb = 0, te = 0;
        bool found = false;
        for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
          if (doc.tokens[t].span.begin == at) {
            tb = t;
            found = true;
          }
          if (found && doc.tokens[t].span.end == end) {
            te = t + 1;
            break;
          }
        }
        bool overlap = false;
        for (const Mention& m : doc.mentions) {
          if (m.span.Overlaps(Span{uint32_t(at), uint32_t(end)})) overlap = true;
        }
        if (found && te > tb && !overlap) {
          Mention m;
          m.span = Span{uint32_t(at), uint32_t(end)};
          m.entity = id;
          m.kind = f == 0 ? first_kind : MentionKind::kAlias;
          m.token_begin = tb;
          m.token_end = te;
          m.sentence = doc.tokens[tb].sentence;
          doc.mentions.push_back(m);
        }
      }
      at = end;
    }
  }
  return id;
}

// Adds mentions of kind `kind` for entity `id` at every whole-word
// occurrence of `forms`, like AddEntity.
inline void AddMentions(Document& doc, uint32_t id, const std::vector<std::string>& forms,
                        MentionKind kind) {
  Entity saved = doc.entities[id];
  uint32_t tmp = AddEntity(doc, saved.name, saved.type, saved.title, forms, kind);
  for (Mention& m : doc.mentions) {
    if (m.entity == tmp) {
      m.entity = id;
      m.kind = kind;
    }
  }
  doc.entities.pop_back();
}

// Sorts mentions by position and rebuilds Entity::mentions.
inline void SortMentions(Document& doc) {
  std::sort(doc.mentions.begin(), doc.mentions.end(),
            [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
  for (Entity& e : doc.entities) e.mentions.clear();
  for (uint32_t i = 0; i < doc.mentions.size(); ++i) {
    doc.entities[doc.mentions[i].entity].mentions.push_back(i);
  }
}

}  // namespace dyad::testing

#endif  // DYAD_TESTS_QUOTES_TEST_DOC_H_
