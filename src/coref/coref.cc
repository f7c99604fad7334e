// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The coref stage. One left-to-right pass over the tokens keeps a history of
// mentions (names from actors plus what this pass adds). Pronouns look back a
// few sentences and score person antecedents by recency, subject position
// and being the subject of a speech cue; descriptions ("the defense analyst")
// match their head noun and modifiers against a profile of each person built
// from titles and appositions; document phrases ("the press release issued by
// X") become kDocument entities. Plural references to a set ("they" for
// "Russia and Pakistan", "the two generals") add one mention per member, all
// with the same span.

#include "coref/coref.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/hash.h"
#include "core/once.h"
#include "core/text.h"
#include "core/tsv.h"
#include "quotes/cues.h"

namespace dyad::coref {

namespace {

using quotes::IsCapitalized;
using quotes::IsDeterminer;
using quotes::IsPossessive;
using quotes::IsPreposition;
using quotes::IsWord;

enum class NounClass { kRole, kDocument, kFemale, kMale };

// data/coref.tsv.
struct CorefLexicon {
  // Role head -> the more general heads it also answers to.
  std::unordered_map<std::string, std::vector<std::string>, StringHash, std::equal_to<>> roles;
  std::unordered_set<std::string, StringHash, std::equal_to<>> documents;
  std::unordered_map<std::string, int, StringHash, std::equal_to<>> gender;  // +1 male, -1 female
  // One-word demonym (lower case) -> CAMEO country code: the country
  // demonyms of actors.tsv and the regional ones of coref.tsv ("baloch").
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> demonyms;
};

Status LoadLexicon(const std::string& path, CorefLexicon& lex) {
  return ReadTsv(path, 2, [&](int, const std::vector<std::string_view>& f) -> Status {
    std::string w = AsciiLower(Trim(f[0]));
    std::string_view c = Trim(f[1]);
    if (c == "role") {
      std::vector<std::string>& more = lex.roles[w];
      if (f.size() > 2) {
        for (std::string_view g : Split(Trim(f[2]), ' ')) {
          if (!g.empty()) more.push_back(AsciiLower(g));
        }
      }
    } else if (c == "document") {
      lex.documents.insert(w);
    } else if (c == "female") {
      lex.gender[w] = -1;
    } else if (c == "male") {
      lex.gender[w] = 1;
    } else if (c == "demonym") {
      if (f.size() < 3 || Trim(f[2]).size() != 3) {
        return Status::DataError("a demonym needs a three-letter country code");
      }
      lex.demonyms[w] = std::string(Trim(f[2]));
    } else {
      return Status::DataError("unknown class '" + std::string(c) +
                               "' (expected role, document, female, male or demonym)");
    }
    return Status::Ok();
  });
}

// The one-word country demonyms of actors.tsv ("Russian" -> RUS).
Status LoadCountryDemonyms(const std::string& path, CorefLexicon& lex) {
  return ReadTsv(path, 5, [&](int, const std::vector<std::string_view>& f) -> Status {
    if (Trim(f[1]) != "country" || Trim(f[2]) != "demonym") return Status::Ok();
    for (std::string_view d : Split(Trim(f[4]), '|')) {
      if (d.empty() || d.find(' ') != std::string_view::npos) continue;
      lex.demonyms.emplace(AsciiLower(d), std::string(Trim(f[0])));
    }
    return Status::Ok();
  });
}

Result<const CorefLexicon*> GetLexicon(const Config& config) {
  std::string path = config.data_dir + "/coref.tsv";
  std::string actors = config.data_dir + "/actors.tsv";
  return LoadOnce<CorefLexicon>(path + "|" + actors, [&](CorefLexicon& lex) {
    DYAD_RETURN_IF_ERROR(LoadLexicon(path, lex));
    return LoadCountryDemonyms(actors, lex);
  });
}

// What is known about a person from titles and appositions.
struct Profile {
  std::vector<std::string> words;  // lower case
  std::vector<char> capital;       // the word was capitalised in the text
  int gender = 0;                  // +1 male, -1 female, 0 unknown
};

// One mention in the pass's history.
struct Seen {
  uint32_t entity;
  uint32_t token;
  uint32_t sentence;
  uint32_t paragraph;
  int32_t quote;     // innermost quotation holding it, or -1
  bool subject;      // not after a preposition, not a possessive
  bool cue_subject;  // followed closely by a speech cue
  bool pair_first;   // first of "X and Y" with Y the next history entry
};

class Resolver {
 public:
  Resolver(const CorefLexicon& lex, const quotes::CueLexicon& cues, Document& doc)
      : lex_(lex), cues_(cues), doc_(doc) {}

  void Run();

 private:
  uint32_t ParagraphOf(uint32_t sentence) const {
    return sentence < doc_.sentences.size() ? doc_.sentences[sentence].paragraph : 0;
  }
  bool IsCueAt(size_t t, size_t end) const {
    const quotes::CueEntry* e = nullptr;
    return quotes::MatchCue(cues_, doc_, t, end, &e) > 0 && e->kind == quotes::CueKind::kVerb;
  }
  size_t SentenceEnd(size_t t) const {
    uint32_t s = doc_.tokens[t].sentence;
    return s < doc_.sentences.size()
               ? std::min<size_t>(doc_.sentences[s].token_end, doc_.tokens.size())
               : doc_.tokens.size();
  }
  bool SubjectLike(size_t b, size_t e) const;
  bool CueSubject(size_t b, size_t e) const;
  void BuildProfiles();
  void AddProfileWords(uint32_t entity, size_t b, size_t e);
  std::string Singular(const std::string& w) const;
  void AddMention(uint32_t entity, size_t b, size_t e, MentionKind kind, bool subject);
  size_t TryDocument(size_t t);
  size_t TryDescription(size_t t);
  size_t TryIndefiniteSpeaker(size_t t);
  void TakeDemonymCountry(uint32_t entity, const std::vector<size_t>& mods, size_t head);
  size_t TryNamePart(size_t t);
  void BuildNameParts();
  void TryPronoun(size_t t);

  const CorefLexicon& lex_;
  const quotes::CueLexicon& cues_;
  Document& doc_;
  std::vector<Profile> profiles_;
  std::vector<int32_t> token_quote_;
  std::vector<Seen> history_;
  std::vector<Mention> added_;
  std::vector<uint32_t> doc_issuer_;  // per entity: issuer entity + 1, or 0
  // Lower-case part of a person's multi-word name -> entity + 1, or 0 when
  // two people share the part.
  std::unordered_map<std::string, uint32_t> name_parts_;
};

bool Resolver::SubjectLike(size_t b, size_t e) const {
  size_t t = b;
  while (t > 0 && IsDeterminer(doc_.tokens[t - 1].lower)) --t;
  if (t > 0 && IsPreposition(doc_.tokens[t - 1].lower)) return false;
  if (e < doc_.tokens.size() && IsPossessive(doc_.tokens[e].lower)) return false;
  return true;
}

bool Resolver::CueSubject(size_t b, size_t e) const {
  size_t end = SentenceEnd(b);
  for (size_t t = e; t < end && t < e + 12; ++t) {
    if (IsCueAt(t, end)) return true;
    if (doc_.tokens[t].lower == "\"") return false;
  }
  // Inverted: "said X".
  return b > 0 && IsCueAt(b - 1, b);
}

std::string Resolver::Singular(const std::string& w) const {
  if (lex_.roles.count(w)) return w;
  if (EndsWith(w, "men")) {
    std::string s = w.substr(0, w.size() - 3) + "man";
    if (lex_.roles.count(s)) return s;
  }
  if (w.size() > 3 && w.back() == 's') {
    std::string s = w.substr(0, w.size() - 1);
    if (lex_.roles.count(s)) return s;
  }
  return "";
}

void Resolver::AddProfileWords(uint32_t entity, size_t b, size_t e) {
  bool has_role = false;
  for (size_t t = b; t < e; ++t) {
    if (lex_.roles.count(doc_.tokens[t].lower) || lex_.gender.count(doc_.tokens[t].lower)) {
      has_role = true;
    }
  }
  if (!has_role) return;
  Profile& p = profiles_[entity];
  for (size_t t = b; t < e; ++t) {
    const Token& tok = doc_.tokens[t];
    if (!IsWord(doc_, tok) || IsDeterminer(tok.lower)) continue;
    p.words.push_back(tok.lower);
    p.capital.push_back(IsCapitalized(doc_, tok) && !lex_.roles.count(tok.lower));
    auto g = lex_.gender.find(tok.lower);
    if (g != lex_.gender.end() && p.gender == 0) p.gender = g->second;
  }
}

void Resolver::BuildProfiles() {
  profiles_.assign(doc_.entities.size(), Profile());
  for (size_t i = 0; i < doc_.entities.size(); ++i) {
    const Entity& en = doc_.entities[i];
    if (en.type != EntityType::kPerson) continue;
    Profile& p = profiles_[i];
    for (std::string_view w : Split(en.title, ' ')) {
      std::string_view tw = Trim(w);
      if (tw.empty()) continue;
      std::string lw = AsciiLower(tw);
      if (!lw.empty() && lw.back() == '.') lw.pop_back();
      p.words.push_back(lw);
      p.capital.push_back(tw[0] >= 'A' && tw[0] <= 'Z' && !lex_.roles.count(lw));
      auto g = lex_.gender.find(lw);
      if (g != lex_.gender.end() && p.gender == 0) p.gender = g->second;
    }
  }
  size_t n = doc_.tokens.size();
  for (const Mention& m : doc_.mentions) {
    if (m.entity >= doc_.entities.size() || m.token_end > n || m.token_begin >= m.token_end) {
      continue;
    }
    if (doc_.entities[m.entity].type != EntityType::kPerson) continue;
    if (m.kind != MentionKind::kName && m.kind != MentionKind::kAlias) continue;
    // Apposition after: "X, prominent defense analyst, said".
    size_t t = m.token_end;
    if (t < n && doc_.tokens[t].lower == ",") {
      size_t e = t + 1, end = SentenceEnd(t);
      while (e < end && e < t + 14) {
        const std::string& w = doc_.tokens[e].lower;
        if (w == "," || w == "." || w == ";" || w == "\"" || w == ")" || w == "(") break;
        if (IsCueAt(e, end)) break;
        ++e;
      }
      AddProfileWords(m.entity, t + 1, e);
    }
    // Pre-modifiers: "renowned geo-strategic analyst X".
    size_t b = m.token_begin;
    while (b > 0 && m.token_begin - b < 5) {
      const Token& tok = doc_.tokens[b - 1];
      if (!IsWord(doc_, tok) || IsDeterminer(tok.lower) || IsPreposition(tok.lower) ||
          tok.sentence != doc_.tokens[m.token_begin].sentence || IsCueAt(b - 1, m.token_begin)) {
        break;
      }
      --b;
    }
    AddProfileWords(m.entity, b, m.token_begin);
  }
}

void Resolver::AddMention(uint32_t entity, size_t b, size_t e, MentionKind kind, bool subject) {
  Mention m;
  m.span = Span{doc_.tokens[b].span.begin, doc_.tokens[e - 1].span.end};
  m.entity = entity;
  m.kind = kind;
  m.sentence = doc_.tokens[b].sentence;  // NOLINT
  m.token_begin = static_cast<uint32_t>(b);
  m.token_end = static_cast<uint32_t>(e);
  added_.push_back(m);
  history_.push_back(Seen{entity, static_cast<uint32_t>(b), m.sentence, ParagraphOf(m.sentence),
                          token_quote_[b], subject, CueSubject(b, e), false});
}

// "the press release issued by X read", "a statement from X said",
// "according to the report": returns tokens consumed, 0 if none.
size_t Resolver::TryDocument(size_t t) {
  std::string_view det = doc_.tokens[t].lower;
  bool definite = det == "the" || det == "this" || det == "that";
  if (!definite && det != "a" && det != "an") return 0;
  size_t end = SentenceEnd(t);
  size_t h = t + 1;
  while (h < end && h < t + 5 && !lex_.documents.count(doc_.tokens[h].lower)) {
    if (!IsWord(doc_, doc_.tokens[h])) return 0;
    ++h;
  }
  if (h >= end || !lex_.documents.count(doc_.tokens[h].lower)) return 0;
  if (doc_.tokens[h].lower == "release") {
    const std::string& pre = doc_.tokens[h - 1].lower;
    if (pre != "press" && pre != "news" && pre != "media") return 0;
  }
  // The issuer: a mention among the modifiers, or after "issued by", "from".
  int32_t issuer = -1;
  size_t after = h + 1;
  auto mention_at = [&](size_t tok) -> int32_t {
    for (size_t i = 0; i < doc_.mentions.size(); ++i) {
      const Mention& m = doc_.mentions[i];
      if (m.token_begin == tok && m.entity < doc_.entities.size()) return static_cast<int32_t>(i);
    }
    return -1;
  };
  for (size_t k = t + 1; k < h && issuer < 0; ++k) {
    int32_t mi = mention_at(k);
    if (mi >= 0) issuer = mi;
  }
  size_t k = after;
  if (k < end && (doc_.tokens[k].lower == "issued" || doc_.tokens[k].lower == "released" ||
                  doc_.tokens[k].lower == "published" || doc_.tokens[k].lower == "put")) {
    ++k;
    if (k < end && doc_.tokens[k].lower == "out") ++k;
  }
  if (k < end && (doc_.tokens[k].lower == "by" || doc_.tokens[k].lower == "from" ||
                  doc_.tokens[k].lower == "of")) {
    size_t j = k + 1;
    while (j < end && IsDeterminer(doc_.tokens[j].lower)) ++j;
    int32_t mi = mention_at(j);
    if (mi >= 0) {
      // The longest mention starting there.
      for (size_t i = 0; i < doc_.mentions.size(); ++i) {
        const Mention& m = doc_.mentions[i];
        if (m.token_begin == j && m.token_end > doc_.mentions[mi].token_end) {
          mi = static_cast<int32_t>(i);
        }
      }
      if (issuer < 0) issuer = mi;
      after = doc_.mentions[mi].token_end;
    } else {
      // An issuer we cannot name ("by the two governments"): skip to the cue.
      for (size_t c = j; c < end && c < j + 6; ++c) {
        if (!IsWord(doc_, doc_.tokens[c])) break;
        if (IsCueAt(c, end)) {
          after = c;
          break;
        }
      }
    }
  }
  // Must be the subject of a cue, or the object of "according to".
  size_t v = after;
  while (v < end && v < after + 2 && EndsWith(doc_.tokens[v].lower, "ly")) ++v;
  if (v < end && (doc_.tokens[v].lower == "also" || doc_.tokens[v].lower == "further")) ++v;
  bool ok = v < end && IsCueAt(v, end);
  if (!ok && t >= 2 && doc_.tokens[t - 1].lower == "to" &&
      doc_.tokens[t - 2].lower == "according") {
    ok = true;
  }
  if (!ok) return 0;
  uint32_t issuer_entity = issuer >= 0 ? doc_.mentions[issuer].entity : UINT32_MAX;
  int32_t target = -1;
  if (definite) {
    for (size_t i = doc_issuer_.size(); i-- > 0;) {
      const Entity& en = doc_.entities[i];
      if (en.type != EntityType::kDocument || doc_issuer_[i] == 0) continue;
      if (!EndsWith(en.name, doc_.tokens[h].lower)) continue;
      uint32_t iss = doc_issuer_[i] - 1;
      if (issuer_entity != UINT32_MAX && iss != issuer_entity && iss != UINT32_MAX - 1) continue;
      target = static_cast<int32_t>(i);
      break;
    }
    // "The statement added" after "the press release read": the same document.
    if (target < 0 && issuer < 0) {
      uint32_t sent = doc_.tokens[t].sentence;
      for (size_t i = history_.size(); i-- > 0 && sent - history_[i].sentence <= 6;) {
        if (doc_.entities[history_[i].entity].type == EntityType::kDocument) {
          target = static_cast<int32_t>(history_[i].entity);
          break;
        }
      }
    }
  }
  if (target < 0) {
    Entity en;
    en.type = EntityType::kDocument;
    std::string head;
    for (size_t q = t + 1; q <= h; ++q) {
      if (issuer >= 0 && q >= doc_.mentions[issuer].token_begin &&
          q < doc_.mentions[issuer].token_end) {
        continue;
      }
      if (!head.empty()) head += ' ';
      head += doc_.tokens[q].lower;
    }
    if (issuer_entity != UINT32_MAX) {
      const Entity& is = doc_.entities[issuer_entity];
      en.name = is.name + " " + head;
      en.code = is.code;
      en.country = is.country;
      en.role = is.role;
    } else {
      en.name = head;
    }
    doc_.entities.push_back(std::move(en));
    profiles_.emplace_back();
    doc_issuer_.resize(doc_.entities.size(), 0);
    target = static_cast<int32_t>(doc_.entities.size() - 1);
    doc_issuer_[target] = issuer_entity == UINT32_MAX ? UINT32_MAX : issuer_entity + 1;
  }
  AddMention(static_cast<uint32_t>(target), t, h + 1, MentionKind::kDescription, true);
  return after - t;
}

// "the (Baloch) (political) analyst", "the two military generals".
size_t Resolver::TryDescription(size_t t) {
  std::string_view det = doc_.tokens[t].lower;
  if (det != "the" && det != "this" && det != "that" && det != "both") return 0;
  size_t end = SentenceEnd(t);
  size_t h = t + 1;
  int count = det == "both" ? 2 : 1;
  std::string head;
  while (h < end && h < t + 5) {
    const Token& tok = doc_.tokens[h];
    if (!IsWord(doc_, tok)) return 0;
    head = Singular(tok.lower);
    if (!head.empty()) break;
    if (tok.lower == "two" || tok.lower == "both") count = 2;
    ++h;
  }
  if (head.empty() || h >= end) return 0;
  bool plural = doc_.tokens[h].lower != head;
  if (plural && count < 2) return 0;  // "the analysts": a set we don't resolve
  if (!plural && count > 1) return 0;
  // A title before a name ("the analyst Jan Doe") or a name like
  // "the General Assembly" is not a description.
  if (h + 1 < end && IsCapitalized(doc_, doc_.tokens[h + 1])) return 0;
  if (IsCapitalized(doc_, doc_.tokens[h]) && h + 1 < end && doc_.tokens[h + 1].lower == "of") {
    return 0;
  }
  std::vector<size_t> mods;
  for (size_t k = t + 1; k < h; ++k) {
    const std::string& w = doc_.tokens[k].lower;
    if (w != "two" && w != "both") mods.push_back(k);
  }
  uint32_t sent = doc_.tokens[t].sentence;
  // Score every person seen so far by its latest mention.
  std::vector<std::pair<int, uint32_t>> scored;  // (score, entity)
  std::unordered_set<uint32_t> done;
  for (size_t i = history_.size(); i-- > 0;) {
    const Seen& s = history_[i];
    if (!done.insert(s.entity).second) continue;
    if (doc_.entities[s.entity].type != EntityType::kPerson) continue;
    const Profile& p = profiles_[s.entity];
    bool has_head = false;
    for (const std::string& w : p.words) {
      std::string sw = Singular(w);
      if (sw.empty()) continue;
      if (sw == head) has_head = true;
      auto r = lex_.roles.find(sw);
      if (r != lex_.roles.end()) {
        for (const std::string& g : r->second) has_head = has_head || g == head;
      }
    }
    if (!has_head) continue;
    int score = 1000 - 10 * static_cast<int>(std::min<uint32_t>(sent - s.sentence, 90));
    bool reject = false;
    for (size_t k : mods) {
      const std::string& w = doc_.tokens[k].lower;
      bool match = false;
      for (const std::string& pw : p.words) {
        size_t common = std::min(pw.size(), w.size());
        if (common >= 4 && pw.compare(0, common, w, 0, common) == 0) match = true;
      }
      if (match) {
        score += 40;
      } else if (IsCapitalized(doc_, doc_.tokens[k])) {
        // A nationality or group adjective that contradicts what we know.
        for (size_t j = 0; j < p.words.size(); ++j) {
          if (p.capital[j]) reject = true;
        }
      }
    }
    if (!reject) scored.emplace_back(score, s.entity);
  }
  if (static_cast<int>(scored.size()) < count) return 0;
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (int c = 0; c < count; ++c) {
    AddMention(scored[c].second, t, h + 1, MentionKind::kDescription, SubjectLike(t, h + 1));
  }
  if (count == 1) TakeDemonymCountry(scored[0].second, mods, h);
  if (count == 2 && history_.size() >= 2) history_[history_.size() - 2].pair_first = true;
  return h + 1 - t;
}

// "a senior official said", "..., one Western diplomat told reporters": an
// unnamed person introduced as the subject of a speech cue is a new person,
// named by the description.
size_t Resolver::TryIndefiniteSpeaker(size_t t) {
  std::string_view det = doc_.tokens[t].lower;
  if (det != "a" && det != "an" && det != "one") return 0;
  size_t end = SentenceEnd(t);
  size_t h = t + 1;
  while (h < end && h < t + 5 && IsWord(doc_, doc_.tokens[h]) &&
         Singular(doc_.tokens[h].lower) != doc_.tokens[h].lower) {
    ++h;
  }
  if (h >= end || h >= t + 5 || !IsWord(doc_, doc_.tokens[h])) return 0;
  // "a Selden spokeswoman": the spokeswoman of a known organisation speaks
  // for it (the quotes stage attributes to the organisation).
  for (const Mention& m : doc_.mentions) {
    if (m.token_begin > t && m.token_begin <= h) return 0;
  }
  bool cue_after = h + 1 < end && IsCueAt(h + 1, end);
  bool cue_before = t > 0 && IsCueAt(t - 1, t);
  if (!cue_after && !cue_before) return 0;
  Entity en;
  en.type = EntityType::kPerson;
  size_t name_end = h;
  // "a spokesperson for the foreign ministry": the organisation's code.
  if (h + 2 < end && (doc_.tokens[h + 1].lower == "for" || doc_.tokens[h + 1].lower == "of")) {
    size_t o = h + 2 + (doc_.tokens[h + 2].lower == "the" ? 1 : 0);
    for (const Mention& m : doc_.mentions) {
      if (m.token_begin != o || m.entity >= doc_.entities.size()) continue;
      const Entity& org = doc_.entities[m.entity];
      en.code = org.code;
      en.country = org.country;
      en.role = org.role;
      name_end = m.token_end - 1;
      break;
    }
  }
  en.name = std::string(doc_.Text(Span{doc_.tokens[t].span.begin, doc_.tokens[name_end].span.end}));
  doc_.entities.push_back(std::move(en));
  profiles_.emplace_back();
  doc_issuer_.resize(doc_.entities.size(), 0);
  AddMention(static_cast<uint32_t>(doc_.entities.size() - 1), t, h + 1, MentionKind::kDescription,
             true);
  return h + 1 - t;
}

// "the Baloch political analyst": a demonym that modifies the head itself
// (only adjectives between them; not "the Afghan war veteran", where it
// modifies "war") gives a person of unknown country that country.
void Resolver::TakeDemonymCountry(uint32_t entity, const std::vector<size_t>& mods, size_t head) {
  Entity& en = doc_.entities[entity];
  if (en.type != EntityType::kPerson || !en.country.empty()) return;
  for (size_t k : mods) {
    if (!IsCapitalized(doc_, doc_.tokens[k])) continue;
    auto it = lex_.demonyms.find(doc_.tokens[k].lower);
    if (it == lex_.demonyms.end()) continue;
    bool direct = true;
    for (size_t j = k + 1; j < head; ++j) {
      const std::string& tag = doc_.tokens[j].tag;
      if (!(StartsWith(tag, "JJ") || tag == "VBN" || tag == "VBG" || tag == "RB")) direct = false;
    }
    if (!direct) return;
    en.country = it->second;
    if (StartsWith(en.code, "---")) {
      en.code = en.country + en.code.substr(3);
    } else if (en.code.empty()) {
      en.code = en.country + en.role;
    }
    return;
  }
}

void Resolver::TryPronoun(size_t t) {
  // Called for every token: a cheap first-letter test before the word list.
  std::string_view w = doc_.tokens[t].lower;
  if (w.size() < 2 || w.size() > 10 || (w[0] != 'h' && w[0] != 's' && w[0] != 't' && w[0] != 'i')) {
    return;
  }
  int gender = 0;
  enum { kPerson, kPlural, kIt } want;
  if (w == "he" || w == "him" || w == "his" || w == "himself") {
    want = kPerson;
    gender = 1;
  } else if (w == "she" || w == "her" || w == "hers" || w == "herself") {
    want = kPerson;
    gender = -1;
  } else if (w == "they" || w == "them" || w == "their" || w == "themselves") {
    want = kPlural;
  } else if (w == "it") {
    want = kIt;
  } else {
    return;
  }
  int32_t q = token_quote_[t];
  uint32_t sent = doc_.tokens[t].sentence;
  uint32_t para = ParagraphOf(sent);
  bool subject = t == 0 || !IsWord(doc_, doc_.tokens[t - 1]) ||
                 doc_.tokens[t - 1].sentence != sent || doc_.tokens[t - 1].lower == "and";
  if (want == kPerson) {
    // Each entity scores by its best mention in the window.
    int best_score = -1;
    uint32_t best = 0;
    for (size_t i = history_.size(); i-- > 0;) {
      const Seen& s = history_[i];
      uint32_t dist = sent - s.sentence;
      if (dist > 4 || para > s.paragraph + 1) break;
      if (s.quote != q) continue;  // inside a quotation: only its own names
      if (doc_.entities[s.entity].type != EntityType::kPerson) continue;
      if (profiles_[s.entity].gender == -gender) continue;
      int score = 100 - 12 * static_cast<int>(dist) + (s.subject ? 15 : 0) +
                  (s.cue_subject ? 10 : 0) + (s.paragraph == para ? 5 : 0);
      if (score > best_score) {
        best_score = score;
        best = s.entity;
      }
    }
    if (best_score < 0) return;
    AddMention(best, t, t + 1, MentionKind::kPronoun, subject);
    return;
  }
  if (q >= 0) return;  // plural and "it" only outside quotations
  if (want == kIt) {
    // Only as the subject of a speech cue: "It further added".
    size_t end = SentenceEnd(t), v = t + 1;
    while (v < end && v < t + 3 &&
           (EndsWith(doc_.tokens[v].lower, "ly") || doc_.tokens[v].lower == "also" ||
            doc_.tokens[v].lower == "further")) {
      ++v;
    }
    if (!subject || v >= end || !IsCueAt(v, end)) return;
    int32_t org = -1;
    for (size_t i = history_.size(); i-- > 0;) {
      const Seen& s = history_[i];
      if (sent - s.sentence > 3) break;
      EntityType ty = doc_.entities[s.entity].type;
      if (ty == EntityType::kDocument) {
        AddMention(s.entity, t, t + 1, MentionKind::kPronoun, true);
        return;
      }
      if (org < 0 && s.subject && sent - s.sentence <= 2 &&
          (ty == EntityType::kOrganization || ty == EntityType::kIgo ||
           ty == EntityType::kCountry)) {
        org = static_cast<int32_t>(s.entity);
      }
    }
    if (org >= 0) AddMention(static_cast<uint32_t>(org), t, t + 1, MentionKind::kPronoun, true);
    return;
  }
  // they/them/their: a group, or a pair "X and Y", in this or the last sentence.
  for (size_t i = history_.size(); i-- > 0;) {
    const Seen& s = history_[i];
    if (sent - s.sentence > 1 || s.paragraph != para) break;
    if (s.quote >= 0) continue;
    EntityType ty = doc_.entities[s.entity].type;
    if (ty == EntityType::kGroup) {
      AddMention(s.entity, t, t + 1, MentionKind::kPronoun, subject);
      return;
    }
    if (i > 0 && history_[i - 1].pair_first && history_[i - 1].entity != s.entity &&
        doc_.entities[history_[i - 1].entity].type == ty) {
      uint32_t a = history_[i - 1].entity, b = s.entity;
      AddMention(a, t, t + 1, MentionKind::kPronoun, subject);
      AddMention(b, t, t + 1, MentionKind::kPronoun, subject);
      history_[history_.size() - 2].pair_first = true;
      return;
    }
    if (ty == EntityType::kPerson) return;  // a single person: unclear, leave
  }
}

void Resolver::BuildNameParts() {
  name_parts_.clear();
  for (size_t i = 0; i < doc_.entities.size(); ++i) {
    const Entity& en = doc_.entities[i];
    if (en.type != EntityType::kPerson) continue;
    std::vector<std::string_view> parts;
    for (std::string_view w : Split(en.name, ' ')) {
      if (!Trim(w).empty()) parts.push_back(Trim(w));
    }
    if (parts.size() < 2) continue;
    for (std::string_view w : parts) {
      if (w.size() < 3 || !(w[0] >= 'A' && w[0] <= 'Z')) continue;  // "al", "J."
      auto [it, fresh] = name_parts_.emplace(AsciiLower(w), static_cast<uint32_t>(i + 1));
      if (!fresh && it->second != i + 1) it->second = 0;
    }
  }
}

// A lone capitalised word that is one part of exactly one person's name
// already mentioned ("Chaiwat told parliament" after "Chaiwat Suriyan"):
// an alias of that person. Returns tokens consumed, 0 if none.
size_t Resolver::TryNamePart(size_t t) {
  if (name_parts_.empty()) return 0;
  const Token& tok = doc_.tokens[t];
  if (!IsCapitalized(doc_, tok)) return 0;
  auto it = name_parts_.find(tok.lower);
  if (it == name_parts_.end() || it->second == 0) return 0;
  size_t n = doc_.tokens.size();
  // Part of a longer capitalised run is some other name.
  if (t + 1 < n && IsCapitalized(doc_, doc_.tokens[t + 1]) &&
      doc_.tokens[t + 1].sentence == tok.sentence) {
    return 0;
  }
  bool initial =
      t == 0 || doc_.tokens[t - 1].sentence != tok.sentence || !IsWord(doc_, doc_.tokens[t - 1]);
  if (initial && !StartsWith(tok.tag, "NNP")) return 0;
  // After another capitalised word that does not open the sentence ("Tom
  // Arun"): part of some other name.
  bool prev_initial = t >= 2 && doc_.tokens[t - 2].sentence != tok.sentence;
  if (!initial && IsCapitalized(doc_, doc_.tokens[t - 1]) && !prev_initial && t >= 2) return 0;
  uint32_t entity = it->second - 1;
  bool seen = false;
  for (const Seen& h : history_) {
    if (h.entity == entity) {
      seen = true;
      break;
    }
  }
  if (!seen) return 0;
  AddMention(entity, t, t + 1, MentionKind::kAlias, SubjectLike(t, t + 1));
  return 1;
}

void Resolver::Run() {
  size_t n = doc_.tokens.size();
  if (n == 0) return;
  BuildProfiles();
  BuildNameParts();
  doc_issuer_.assign(doc_.entities.size(), 0);
  // Innermost quotation of every token.
  token_quote_.assign(n, -1);
  const std::vector<quotes::RawQuote>& raws = quotes::DocumentQuotes(doc_);
  for (size_t r = 0; r < raws.size(); ++r) {
    for (size_t t = quotes::TokenAtOrAfter(doc_, raws[r].inner.begin);
         t < n && doc_.tokens[t].span.end <= raws[r].inner.end; ++t) {
      token_quote_[t] = static_cast<int32_t>(r);
    }
  }
  // Existing mentions in token order.
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < doc_.mentions.size(); ++i) {
    const Mention& m = doc_.mentions[i];
    if (m.entity < doc_.entities.size() && m.token_end <= n && m.token_begin < m.token_end) {
      order.push_back(i);
    }
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return doc_.mentions[a].token_begin < doc_.mentions[b].token_begin;
  });
  size_t oi = 0;
  size_t covered = 0;  // tokens before this are inside a mention
  for (size_t t = 0; t < n; ++t) {
    while (oi < order.size() && doc_.mentions[order[oi]].token_begin <= t) {
      const Mention& m = doc_.mentions[order[oi]];
      bool pair = false;
      if (oi + 1 < order.size()) {
        const Mention& nx = doc_.mentions[order[oi + 1]];
        pair = nx.token_begin == m.token_end + 1 && nx.entity != m.entity &&
               (doc_.tokens[m.token_end].lower == "and" || doc_.tokens[m.token_end].lower == "&");
      }
      history_.push_back(Seen{m.entity, m.token_begin, doc_.tokens[m.token_begin].sentence, 0,
                              token_quote_[m.token_begin], SubjectLike(m.token_begin, m.token_end),
                              CueSubject(m.token_begin, m.token_end), pair});
      history_.back().paragraph = ParagraphOf(history_.back().sentence);
      covered = std::max<size_t>(covered, m.token_end);
      ++oi;
    }
    if (t < covered) continue;
    size_t used = TryDocument(t);
    if (used == 0) used = TryDescription(t);
    if (used == 0) used = TryIndefiniteSpeaker(t);
    if (used == 0) used = TryNamePart(t);
    if (used > 0) {
      covered = t + used;
      continue;
    }
    TryPronoun(t);
  }
  if (added_.empty()) return;
  // Merge, sort by position and rebuild Entity::mentions.
  for (Mention& m : added_) doc_.mentions.push_back(std::move(m));
  std::stable_sort(
      doc_.mentions.begin(), doc_.mentions.end(), [](const Mention& a, const Mention& b) {
        return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
      });
  for (Entity& e : doc_.entities) e.mentions.clear();
  for (uint32_t i = 0; i < doc_.mentions.size(); ++i) {
    if (doc_.mentions[i].entity < doc_.entities.size()) {
      doc_.entities[doc_.mentions[i].entity].mentions.push_back(i);
    }
  }
}

}  // namespace

Status Run(const Config& config, Document& doc) {
  if (doc.tokens.empty()) return Status::Ok();
  Result<const CorefLexicon*> lex = GetLexicon(config);
  if (!lex.ok()) return lex.status();
  Result<const quotes::CueLexicon*> cues = quotes::GetCues(config);
  if (!cues.ok()) return cues.status();
  Resolver(**lex, **cues, doc).Run();
  return Status::Ok();
}

}  // namespace dyad::coref
