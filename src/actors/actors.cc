// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "actors/actors.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "core/once.h"
#include "core/text.h"
#include "core/tsv.h"

namespace dyad::actors {
namespace {

// ---------------------------------------------------------------------------
// Lexicons.

using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// How a lexicon word must be cased in the text.
enum class CaseRule : uint8_t {
  kAny,    // lower-case in the lexicon: any case matches
  kUpper,  // capitalised in the lexicon: the text must start upper-case
  kExact,  // an acronym ("US", "WHO"): the text must match exactly
};

// One multi-word lexicon entry.
struct Phrase {
  std::vector<std::string> words;  // lower-cased
  std::vector<std::string> exact;  // original spelling of each word
  std::vector<CaseRule> rules;
  uint32_t value = 0;  // index into the owning table
};

// Phrases indexed by their first lower-cased word, longest first.
class PhraseIndex {
 public:
  // Adds `phrase` (space-separated words) with payload `value`.
  void Add(std::string_view phrase, uint32_t value, bool case_sensitive) {
    Phrase p;
    p.value = value;
    for (std::string_view w : Split(phrase, ' ')) {
      if (w.empty()) continue;
      p.words.push_back(AsciiLower(w));
      p.exact.emplace_back(w);
      CaseRule r = CaseRule::kAny;
      if (case_sensitive) {
        size_t letters = 0, upper = 0;
        for (char c : w) {
          if (c >= 'a' && c <= 'z') ++letters;
          if (c >= 'A' && c <= 'Z') ++letters, ++upper;
        }
        if (upper >= 2 && upper == letters) {
          r = CaseRule::kExact;
        } else if (upper > 0 || static_cast<unsigned char>(w[0]) >= 0x80) {
          r = CaseRule::kUpper;
        }
      }
      p.rules.push_back(r);
    }
    if (p.words.empty()) return;
    auto& v = by_first_[p.words[0]];
    v.push_back(std::move(p));
    std::stable_sort(v.begin(), v.end(), [](const Phrase& a, const Phrase& b) {
      return a.words.size() > b.words.size();
    });
  }
  // The phrases whose first word is `w`, longest first, or nullptr.
  const std::vector<Phrase>* Find(std::string_view w) const {
    auto it = by_first_.find(w);
    return it == by_first_.end() ? nullptr : &it->second;
  }
  // Calls f(first word, its phrases) for every first word.
  template <typename F>
  void ForEachFirstWord(F f) const {
    for (const auto& [w, v] : by_first_) f(w, v);
  }

 private:
  std::unordered_map<std::string, std::vector<Phrase>, StringHash, std::equal_to<>> by_first_;
};

// kNone: a phrase that blocks shorter matches inside it ("Latin America").
enum class ActorType : uint8_t { kCountry, kIgo, kOrg, kGroup, kPerson, kNone };
enum class LexKind : uint8_t { kName, kDemonym, kMetonym };

struct Actor {
  std::string code;
  std::string name;
  ActorType type = ActorType::kCountry;
};

// A (actor, kind) pair that a phrase of actors.tsv maps to.
struct ActorSense {
  uint32_t actor = 0;
  LexKind kind = LexKind::kName;
};

enum class AgentClass : uint8_t { kOrg, kGroup, kPerson };

struct Agent {
  std::string role;
  std::string canonical;
  AgentClass cls = AgentClass::kOrg;
};

struct Title {
  std::string role;  // "" for honorifics
  std::string canonical;
};

// Phrases of the actor, title and agent indexes that start with one word.
using FirstWordSets = std::array<const std::vector<Phrase>*, 3>;

// Word classes from Festival's WSJ lexicon.
enum class WordClass : uint8_t {
  kUnknown,     // not in the lexicon
  kProperOnly,  // only NNP / NNPS
  kProperBest,  // NNP is the likeliest tag but others occur
  kCommon,      // a common word
};

struct Lexicons {
  std::vector<Actor> actors;
  std::vector<ActorSense> senses;
  PhraseIndex actor_index;  // value: index into senses
  std::vector<Agent> agents;
  PhraseIndex agent_index;  // value: index into agents
  std::vector<Title> titles;
  PhraseIndex title_index;  // value: index into titles
  std::unordered_map<std::string, WordClass, StringHash, std::equal_to<>> words;
  // The three indexes' phrases by first word ([0] actor_index, [1]
  // title_index, [2] agent_index; nullptr where none), so that a token
  // needs one look-up for all three.
  std::unordered_map<std::string, FirstWordSets, StringHash, std::equal_to<>> first_words;
};

// Fills lex.first_words from the three phrase indexes.
void IndexFirstWords(Lexicons& lex) {
  const PhraseIndex* indexes[3] = {&lex.actor_index, &lex.title_index, &lex.agent_index};
  for (size_t k = 0; k < 3; ++k) {
    indexes[k]->ForEachFirstWord(
        [&](const std::string& w, const std::vector<Phrase>& v) { lex.first_words[w][k] = &v; });
  }
}

Status LoadActors(const std::string& path, Lexicons& lex) {
  std::unordered_map<std::string, uint32_t> by_code;
  return ReadTsv(path, 5, [&](int, const std::vector<std::string_view>& f) -> Status {
    std::string code(Trim(f[0]));
    std::string_view type = Trim(f[1]), kind = Trim(f[2]);
    ActorType t;
    if (type == "country") {
      t = ActorType::kCountry;
    } else if (type == "igo") {
      t = ActorType::kIgo;
    } else if (type == "org") {
      t = ActorType::kOrg;
    } else if (type == "group") {
      t = ActorType::kGroup;
    } else if (type == "person") {
      t = ActorType::kPerson;
    } else if (type == "none") {
      t = ActorType::kNone;
    } else {
      return Status::DataError("unknown actor type '" + std::string(type) + "'");
    }
    LexKind k;
    if (kind == "name") {
      k = LexKind::kName;
    } else if (kind == "demonym") {
      k = LexKind::kDemonym;
    } else if (kind == "metonym") {
      k = LexKind::kMetonym;
    } else {
      return Status::DataError("unknown mention kind '" + std::string(kind) + "'");
    }
    if (code.empty()) return Status::DataError("empty code");
    if (t == ActorType::kCountry && code.size() != 3) {
      return Status::DataError("country code '" + code + "' is not ISO alpha-3");
    }
    // People share codes ("USAGOV"): each is its own actor.
    std::string key = t == ActorType::kPerson ? code + "\t" + std::string(Trim(f[3])) : code;
    auto [it, fresh] = by_code.emplace(key, static_cast<uint32_t>(lex.actors.size()));
    if (fresh) lex.actors.push_back({code, std::string(Trim(f[3])), t});
    uint32_t sense = static_cast<uint32_t>(lex.senses.size());
    lex.senses.push_back({it->second, k});
    for (std::string_view p : Split(f[4], '|')) {
      p = Trim(p);
      if (!p.empty()) lex.actor_index.Add(p, sense, /*case_sensitive=*/true);
    }
    return Status::Ok();
  });
}

Status LoadAgents(const std::string& path, Lexicons& lex) {
  return ReadTsv(path, 4, [&](int, const std::vector<std::string_view>& f) -> Status {
    Agent a;
    a.role = std::string(Trim(f[1]));
    a.canonical = std::string(Trim(f[3]));
    std::string_view cls = Trim(f[2]);
    if (cls == "org") {
      a.cls = AgentClass::kOrg;
    } else if (cls == "group") {
      a.cls = AgentClass::kGroup;
    } else if (cls == "person") {
      a.cls = AgentClass::kPerson;
    } else {
      return Status::DataError("unknown agent class '" + std::string(cls) + "'");
    }
    if (a.role.size() != 3) return Status::DataError("role '" + a.role + "' is not 3 letters");
    lex.agent_index.Add(Trim(f[0]), static_cast<uint32_t>(lex.agents.size()), false);
    lex.agents.push_back(std::move(a));
    return Status::Ok();
  });
}

Status LoadTitles(const std::string& path, Lexicons& lex) {
  return ReadTsv(path, 3, [&](int, const std::vector<std::string_view>& f) -> Status {
    Title t;
    std::string_view role = Trim(f[1]);
    if (role != "-") {
      if (role.size() != 3)
        return Status::DataError("role '" + std::string(role) + "' is not 3 letters");
      t.role = std::string(role);
    }
    t.canonical = std::string(Trim(f[2]));
    lex.title_index.Add(Trim(f[0]), static_cast<uint32_t>(lex.titles.size()), false);
    lex.titles.push_back(std::move(t));
    return Status::Ok();
  });
}

// Reads Festival's poslex: lines like ("word" ((nn -7.3) (nnp -8.6) ) () ).
// A missing file is not an error: the stage then relies on its stop lists.
void LoadWordClasses(const std::string& path, Lexicons& lex) {
  std::string data;
  if (!ReadFile(path, &data).ok()) return;
  std::string_view rest(data);
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view l = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (l.size() < 4 || l[0] != '(' || l[1] != '"') continue;
    size_t q = l.find('"', 2);
    if (q == std::string_view::npos) continue;
    std::string_view word = l.substr(2, q - 2);
    double best_proper = -1e9, best_common = -1e9;
    size_t pos = q;
    while ((pos = l.find('(', pos + 1)) != std::string_view::npos) {
      size_t sp = l.find(' ', pos);
      if (sp == std::string_view::npos) break;
      std::string_view tag = l.substr(pos + 1, sp - pos - 1);
      if (tag.empty() || tag[0] < 'a' || tag[0] > 'z') continue;
      double v = std::strtod(std::string(l.substr(sp + 1, 16)).c_str(), nullptr);
      if (tag == "nnp" || tag == "nnps") {
        best_proper = std::max(best_proper, v);
      } else {
        best_common = std::max(best_common, v);
      }
    }
    WordClass c;
    if (best_common <= -1e8) {
      c = WordClass::kProperOnly;
    } else if (best_proper >= best_common) {
      c = WordClass::kProperBest;
    } else {
      c = WordClass::kCommon;
    }
    lex.words.emplace(std::string(word), c);
  }
}

Result<const Lexicons*> GetLexicons(const Config& config) {
  return LoadOnce<Lexicons>(
      "actors:" + config.data_dir + ":" + config.poslex_path, [&](Lexicons& lex) -> Status {
        DYAD_RETURN_IF_ERROR(LoadActors(config.data_dir + "/actors.tsv", lex));
        DYAD_RETURN_IF_ERROR(LoadAgents(config.data_dir + "/agents.tsv", lex));
        DYAD_RETURN_IF_ERROR(LoadTitles(config.data_dir + "/titles.tsv", lex));
        LoadWordClasses(config.poslex_path, lex);
        IndexFirstWords(lex);
        return Status::Ok();
      });
}

// ---------------------------------------------------------------------------
// Fixed word lists (grammar, not world knowledge).

bool InList(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Words that never start or sit inside a person's name.
bool IsStopWord(std::string_view w) {
  static const WordSet* kStop = new WordSet{
      "the",      "a",         "an",        "this",      "that",      "these",     "those",
      "both",     "all",       "some",      "many",      "most",      "each",      "every",
      "any",      "no",        "he",        "she",       "it",        "they",      "we",
      "i",        "you",       "his",       "her",       "its",       "their",     "our",
      "my",       "your",      "in",        "on",        "at",        "of",        "for",
      "to",       "from",      "by",        "with",      "and",       "but",       "or",
      "as",       "if",        "when",      "while",     "after",     "before",    "since",
      "during",   "under",     "over",      "about",     "read",      "more",      "also",
      "however",  "meanwhile", "monday",    "tuesday",   "wednesday", "thursday",  "friday",
      "saturday", "sunday",    "january",   "february",  "march",     "april",     "may",
      "june",     "july",      "august",    "september", "october",   "november",  "december",
      "today",    "yesterday", "tomorrow",  "there",     "here",      "what",      "who",
      "why",      "how",       "where",     "which",     "not",       "earlier",   "later",
      "then",     "now",       "yet",       "though",    "although",  "unlike",    "like",
      "speaking", "according", "following", "despite",   "amid",      "among",     "between",
      "against",  "without",   "within",    "until",     "via",       "per",       "photo",
      "image",    "video",     "source",    "sources",   "updated",   "posted",    "published",
      "share",    "breaking",  "news",      "exclusive", "opinion",   "editorial", "analysis",
      "comment",  "related",   "see",       "also",      "click",     "subscribe", "advertisement"};
  return kStop->count(w) > 0;
}

// Words that mark a capitalised sequence as a place, event or thing.
bool IsNonPersonWord(std::string_view w) {
  static const WordSet* kWords = new WordSet{
      "east",          "west",       "north",    "south",     "asia",         "europe",
      "africa",        "gulf",       "sea",      "ocean",     "river",        "province",
      "region",        "valley",     "island",   "islands",   "street",       "road",
      "city",          "district",   "krai",     "oblast",    "mountains",    "hills",
      "airport",       "square",     "war",      "dialogue",  "conference",   "summit",
      "games",         "olympics",   "cup",      "day",       "festival",     "drills",
      "exercise",      "exercises",  "incident", "attack",    "agreement",    "treaty",
      "accord",        "initiative", "corridor", "programme", "program",      "project",
      "plan",          "act",        "law",      "bill",      "constitution", "declaration",
      "airlines",      "airways",    "port",     "base",      "camp",         "hall",
      "house",         "palace",     "mosque",   "temple",    "stadium",      "hotel",
      "bridge",        "dam",        "highway",  "line",      "times",        "post",
      "tribune",       "herald",     "journal",  "daily",     "weekly",       "magazine",
      "television",    "radio",      "tv",       "online",    "space",        "village",
      "town",          "state",      "states",   "territory", "republic",     "kingdom",
      "empire",        "desk",       "staff",    "team",      "bloc",         "power",
      "power",         "zone",       "strait",   "peninsula", "lake",         "bay",
      "canal",         "coast",      "border",   "front",     "global",       "world",
      "international", "national",   "central",  "federal",   "united"};
  return kWords->count(w) > 0;
}

// Head nouns that end an organisation's name.
bool IsOrgSuffix(std::string_view w) {
  static const WordSet* kWords = new WordSet{
      "organization", "organisation", "council",  "agency",      "corporation", "corp",
      "party",        "front",        "army",     "forces",      "bank",        "institute",
      "commission",   "committee",    "union",    "association", "foundation",  "center",
      "centre",       "university",   "court",    "parliament",  "assembly",    "movement",
      "league",       "company",      "group",    "authority",   "department",  "ministry",
      "office",       "service",      "services", "board",       "alliance",    "coalition",
      "fund",         "society",      "academy",  "college",     "police",      "guard",
      "brigade",      "battalion",    "regiment", "corps",       "network",     "bureau",
      "secretariat",  "directorate",  "command",  "navy",        "inc",         "ltd",
      "plc",          "llc",          "co"};
  return kWords->count(w) > 0;
}

// Head nouns that may start an organisation's name: "Ministry of ...".
bool IsOrgHead(std::string_view w) {
  return InList(
      w, {"ministry",    "department", "center",  "centre",       "institute",    "council",
          "bank",        "university", "academy", "office",       "commission",   "committee",
          "association", "federation", "league",  "organization", "organisation", "union",
          "court",       "board",      "agency",  "fund",         "bureau",       "directorate",
          "society",     "foundation", "school",  "college",      "party",        "movement"});
}

bool IsMonth(std::string_view w) {
  return InList(w, {"january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december"});
}

// Lower-case particles allowed inside a person's name.
bool IsParticle(std::string_view w) {
  return InList(w, {"ul", "ud", "al", "bin", "ibn", "bint", "de",  "van", "von", "der", "den",
                    "da", "di", "la", "le",  "du",  "el",   "dos", "das", "del", "e"});
}

// Modifiers allowed between a demonym and its agent noun.
bool IsAgentModifier(std::string_view w) {
  return InList(
      w,
      {"senior",       "top",      "former",       "local",      "federal", "national", "regional",
       "provincial",   "central",  "two",          "three",      "several", "some",     "many",
       "unidentified", "visiting", "high-ranking", "high-level", "new",     "acting",   "deputy",
       "chief",        "state",    "official",     "caretaker",  "interim"});
}

// ---------------------------------------------------------------------------
// Matching over one document.

struct Candidate {
  uint32_t tb = 0, te = 0;  // mention tokens
  MentionKind kind = MentionKind::kName;
  std::string key;   // merge key
  std::string name;  // canonical name
  EntityType type = EntityType::kOther;
  std::string country;
  std::string role;
  std::string title;
  std::string fixed_code;               // when set, the entity code (lexicon actors)
  std::vector<std::string> name_words;  // a person's lower-cased name words
  std::string abbrev;                   // an organisation's abbreviation
};

class Scanner {
 public:
  Scanner(const Lexicons& lex, Document& doc) : lex_(lex), doc_(doc) {
    size_t n = doc.tokens.size();
    key_.resize(n);
    poss_.assign(n, 0);
    covered_.assign(n, 0);
    cap_.resize(n);
    for (size_t i = 0; i < n; ++i) {
      cap_[i] = StartsUpper(Surface(static_cast<uint32_t>(i)));
      std::string_view k = doc.tokens[i].lower;
      for (std::string_view suf : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
        if (k.size() > suf.size() + 1 && EndsWith(k, suf)) {
          k.remove_suffix(suf.size());
          poss_[i] = 1;
          break;
        }
      }
      key_[i] = k;
    }
  }

  void Scan() {
    for (uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      const Sentence& sent = doc_.sentences[s];
      uint32_t b = sent.token_begin, e = std::min<uint32_t>(sent.token_end, Size());
      sent_begin_ = b;
      uint32_t i = b;
      while (i < e) {
        uint32_t next = i;
        if (TryLedCompound(i, &next) || TryOrgAbbrev(i, e, &next) ||
            TryTitledPerson(i, e, "", &next) || TryOrgPattern(i, e, &next) ||
            TryLexicon(i, e, &next) || TryAgentOfCountry(i, e, &next) ||
            TryBareAgent(i, e, &next) || TryNameRun(i, e, &next)) {
          i = std::max(next, i + 1);
        } else {
          ++i;
        }
      }
    }
    AliasPass();
  }

  std::vector<Candidate>& candidates() { return cands_; }

 private:
  uint32_t Size() const { return static_cast<uint32_t>(doc_.tokens.size()); }
  std::string_view Surface(uint32_t i) const { return doc_.Text(doc_.tokens[i].span); }
  const std::string& Tag(uint32_t i) const { return doc_.tokens[i].tag; }

  // True when `s` starts with an upper-case letter.
  static bool StartsUpper(std::string_view s) {
    if (s.empty()) return false;
    unsigned char c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    size_t pos = 0;
    return u_isupper(static_cast<UChar32>(DecodeUtf8(s, &pos)));
  }
  // True when token i starts with an upper-case letter.
  bool IsCap(uint32_t i) const { return cap_[i]; }
  bool IsAllCaps(uint32_t i) const {
    std::string_view s = Surface(i);
    if (poss_[i]) s = s.substr(0, key_[i].size());
    size_t letters = 0;
    for (char c : s) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') ++letters;
    }
    return letters >= 2;
  }
  bool IsWord(uint32_t i, std::string_view w) const { return i < Size() && key_[i] == w; }

  WordClass ClassOf(uint32_t i) const {
    auto it = lex_.words.find(key_[i]);
    return it == lex_.words.end() ? WordClass::kUnknown : it->second;
  }
  // True when token i could be part of a name: capitalised, no stop word,
  // and (with tags) a proper noun or (without) not a common word.
  bool NameLike(uint32_t i, bool strict) const {
    if (!IsCap(i) || IsStopWord(key_[i]) || IsNonPersonWord(key_[i])) return false;
    WordClass c = ClassOf(i);
    // Taggers call every title-case heading word NNP: keep the word list's
    // veto on common words.
    if (!Tag(i).empty()) return StartsWith(Tag(i), "NNP") && c != WordClass::kCommon;
    if (strict) return c == WordClass::kUnknown || c == WordClass::kProperOnly;
    return c != WordClass::kCommon;
  }

  // Longest phrase of `index` starting at token i inside [i, e). Returns the
  // payload and sets *len, or returns -1.
  int64_t Match(const PhraseIndex& index, uint32_t i, uint32_t e, uint32_t* len) const {
    if (i >= e) return -1;
    const std::vector<Phrase>* v = FirstWordPhrases(index, i);
    if (v == nullptr) return -1;
    for (const Phrase& p : *v) {
      uint32_t n = static_cast<uint32_t>(p.words.size());
      if (i + n > e) continue;
      bool ok = true;
      for (uint32_t k = 0; k < n && ok; ++k) {
        uint32_t t = i + k;
        // Only the last word of a phrase may carry a possessive.
        bool same = key_[t] == p.words[k] && (!poss_[t] || k + 1 == n);
        if (!same && doc_.tokens[t].lower != p.words[k])
          ok = false;
        else if (p.rules[k] == CaseRule::kUpper)
          ok = IsCap(t);
        else if (p.rules[k] == CaseRule::kExact)
          ok = StartsWith(Surface(t), p.exact[k]);
      }
      if (ok) {
        *len = n;
        return p.value;
      }
    }
    return -1;
  }

  // The phrases of `index` whose first word is token i's key (or, for a
  // possessive, its raw lower form), or nullptr; looked up once per token
  // and index, since the scan tries each token many times.
  const std::vector<Phrase>* FirstWordPhrases(const PhraseIndex& index, uint32_t i) const {
    size_t which = &index == &lex_.actor_index   ? 0
                   : &index == &lex_.title_index ? 1
                   : &index == &lex_.agent_index ? 2
                                                 : 3;
    if (which == 3) {
      const std::vector<Phrase>* v = index.Find(key_[i]);
      if (v == nullptr && poss_[i]) v = index.Find(doc_.tokens[i].lower);
      return v;
    }
    if (first_word_.empty()) first_word_.assign(Size(), std::nullopt);
    std::optional<FirstWordSets>& sets = first_word_[i];
    if (!sets) {
      auto find = [&](std::string_view w) -> const FirstWordSets* {
        auto it = lex_.first_words.find(w);
        return it == lex_.first_words.end() ? nullptr : &it->second;
      };
      const FirstWordSets* key = find(key_[i]);
      // A separate "'s"-free key may not exist; try the raw lower form too.
      const FirstWordSets* raw = poss_[i] ? find(doc_.tokens[i].lower) : nullptr;
      sets.emplace();
      for (size_t k = 0; k < 3; ++k) {
        (*sets)[k] = key && (*key)[k] ? (*key)[k] : raw ? (*raw)[k] : nullptr;
      }
    }
    return (*sets)[which];
  }

  int64_t MatchActor(uint32_t i, uint32_t e, uint32_t* len) const {
    if (i >= e || covered_[i]) return -1;
    return Match(lex_.actor_index, i, e, len);
  }

  // Span end after an optional separate possessive token at j.
  uint32_t SkipPossessive(uint32_t j, uint32_t e) const {
    if (j < e && (key_[j] == "'s" || key_[j] == "\xE2\x80\x99s" || key_[j] == "'")) return j + 1;
    return j;
  }

  std::string SpanText(uint32_t tb, uint32_t te) const {
    std::string out;
    for (uint32_t k = tb; k < te; ++k) {
      std::string_view s = Surface(k);
      if (k + 1 == te && poss_[k]) s = s.substr(0, key_[k].size());
      if (!out.empty() && doc_.tokens[k - 1].span.end < doc_.tokens[k].span.begin) out += ' ';
      out += s;
    }
    return out;
  }

  void Cover(uint32_t tb, uint32_t te) {
    for (uint32_t k = tb; k < te; ++k) covered_[k] = 1;
  }

  Candidate& Add(uint32_t tb, uint32_t te, MentionKind kind) {
    Cover(tb, te);
    cands_.emplace_back();
    Candidate& c = cands_.back();
    c.tb = tb;
    c.te = te;
    c.kind = kind;
    return c;
  }

  void FillActor(Candidate& c, const Actor& a, uint32_t actor_index) const {
    c.key = "A:" + std::to_string(actor_index);
    c.name = a.name;
    c.fixed_code = a.code;
    switch (a.type) {
      case ActorType::kCountry:
        c.type = EntityType::kCountry;
        c.country = a.code;
        break;
      case ActorType::kIgo:
        c.type = EntityType::kIgo;
        break;
      case ActorType::kPerson:
        // A well-known person: country + role from the code, name words for
        // later surname-only mentions.
        c.type = EntityType::kPerson;
        c.fixed_code.clear();
        if (a.code.compare(0, 3, "IGO") != 0 && a.code.compare(0, 3, "IMG") != 0) {
          c.country = a.code.substr(0, 3);
        } else {
          c.fixed_code = a.code;
        }
        break;
      case ActorType::kOrg:
      case ActorType::kGroup:
      case ActorType::kNone:
        c.type = EntityType::kOrganization;
        if (a.code.size() >= 3 && a.code.compare(0, 3, "IGO") != 0 &&
            a.code.compare(0, 3, "IMG") != 0 && a.code.compare(0, 3, "NGO") != 0) {
          c.country = a.code.substr(0, 3);
        }
        break;
    }
    // Only country-prefixed codes have a role after the country part.
    if (!c.country.empty() && a.code.size() >= 6) c.role = a.code.substr(3, 3);
  }

  // A person's name at [i, e): capitalised words with inner particles, at
  // most four words. Returns the end, or i when there is none.
  uint32_t NameRun(uint32_t i, uint32_t e) const {
    uint32_t j = i, words = 0;
    while (j < e && words < 4) {
      if (covered_[j]) break;
      if (NameLike(j, false) && !IsAllCaps(j)) {
        uint32_t len;
        int64_t s = Match(lex_.actor_index, j, e, &len);
        if (s >= 0 && lex_.actors[lex_.senses[s].actor].type != ActorType::kPerson) break;
        if (j > i && Match(lex_.title_index, j, e, &len) >= 0 && IsCap(j)) break;
        ++j;
        ++words;
        if (poss_[j - 1]) break;
        continue;
      }
      if (j > i && j + 1 < e && IsParticle(key_[j]) && !IsCap(j) && NameLike(j + 1, false)) {
        ++j;
        continue;
      }
      if (j > i && MonthAsSurname(j, e)) ++j;  // "Theresa May"
      break;
    }
    return j;
  }

  // True when token j, a capitalised month name, reads as a surname here:
  // not after a preposition, not before a number.
  bool MonthAsSurname(uint32_t j, uint32_t e) const {
    if (!IsMonth(key_[j]) || !IsCap(j) || covered_[j]) return false;
    if (j + 1 < e && !key_[j + 1].empty() && key_[j + 1][0] >= '0' && key_[j + 1][0] <= '9') {
      return false;
    }
    if (j > sent_begin_ &&
        InList(key_[j - 1], {"in", "on", "since", "until", "by", "from", "of", "last", "next",
                             "early", "late", "mid", "during", "through", "till", "to", "this"})) {
      return false;
    }
    return true;
  }

  // The strongest evidence a name run is a name: one word outside the
  // common vocabulary (or, tagged, every word NNP).
  bool HasProperWord(uint32_t tb, uint32_t te) const {
    for (uint32_t k = tb; k < te; ++k) {
      if (IsParticle(key_[k])) continue;
      if (!Tag(k).empty() ? StartsWith(Tag(k), "NNP") : ClassOf(k) != WordClass::kCommon) {
        return true;
      }
    }
    return false;
  }

  std::vector<std::string> NameWords(uint32_t tb, uint32_t te) const {
    std::vector<std::string> w;
    for (uint32_t k = tb; k < te; ++k) w.emplace_back(key_[k]);
    return w;
  }

  Candidate& AddPerson(uint32_t tb, uint32_t te) {
    Candidate& c = Add(tb, te, MentionKind::kName);
    c.type = EntityType::kPerson;
    c.name = SpanText(tb, te);
    c.name_words = NameWords(tb, te);
    std::string k = "P:";
    for (const std::string& w : c.name_words) k += w + " ";
    c.key = k;
    // A well-known person of actors.tsv ("President Obama"): the lexicon
    // gives the country and role the title may lack.
    uint32_t len = 0;
    int64_t s = Match(lex_.actor_index, tb, te, &len);
    if (s >= 0 && tb + len == te) {
      const ActorSense& sense = lex_.senses[s];
      const Actor& a = lex_.actors[sense.actor];
      if (a.type == ActorType::kPerson) {
        c.key = "A:" + std::to_string(sense.actor);
        if (c.name != a.name) c.kind = MentionKind::kAlias;
        c.name = a.name;
        if (a.code.compare(0, 3, "IGO") == 0 || a.code.compare(0, 3, "IMG") == 0) {
          c.fixed_code = a.code;
        } else {
          c.country = a.code.substr(0, 3);
          if (a.code.size() >= 6) c.role = a.code.substr(3, 3);
        }
      }
    }
    return c;
  }

  // Reads "Title [of [the] X ...] [(ABBR)] [,] [Title] Name" from i. Fills the
  // title, role and country found on the way; returns the name's span.
  struct TitleChain {
    uint32_t name_b = 0, name_e = 0;  // the name, empty if none
    uint32_t end = 0;                 // end of the title words
    std::string title, role, country;
    bool capitalised = false;
  };
  bool ReadTitleChain(uint32_t i, uint32_t e, TitleChain* tc, int depth) const {
    uint32_t len;
    int64_t t = Match(lex_.title_index, i, e, &len);
    if (t < 0 || covered_[i]) return false;
    const Title& title = lex_.titles[t];
    if (tc->title.empty()) tc->title = title.canonical;
    if (tc->role.empty()) tc->role = title.role;
    if (IsCap(i)) tc->capitalised = true;
    uint32_t k = i + len;
    if (k < e && key_[k] == ".") ++k;  // "Gen ." when split
    // "(COAS)" after the title.
    if (k + 2 < e && key_[k] == "(" && key_[k + 2] == ")" && IsAllCaps(k + 1)) k += 3;
    // "of [the] Russian Ground Forces" / "of Pakistan".
    if (k < e && key_[k] == "of" && depth < 2) {
      uint32_t m = k + 1;
      if (m < e && key_[m] == "the") ++m;
      uint32_t alen;
      int64_t s = Match(lex_.actor_index, m, e, &alen);
      if (s >= 0) {
        const Actor& a = lex_.actors[lex_.senses[s].actor];
        if (a.type == ActorType::kCountry) tc->country = a.code;
        m += alen;
        uint32_t glen;
        int64_t g = Match(lex_.agent_index, m, e, &glen);
        if (g >= 0 && IsCap(m)) {
          tc->role = lex_.agents[g].role;
          m += glen;
        }
        k = m;
      } else {
        return false;  // "Chief of something unknown": not a title chain we read
      }
    }
    tc->end = k;
    // A second title after a comma or directly: "..., General X".
    uint32_t m = k;
    if (m < e && key_[m] == ",") ++m;
    TitleChain inner;
    if (depth < 2 && ReadTitleChain(m, e, &inner, depth + 1) && inner.name_e > inner.name_b) {
      tc->name_b = inner.name_b;
      tc->name_e = inner.name_e;
      if (tc->country.empty()) tc->country = inner.country;
      if (tc->role.empty()) tc->role = inner.role;
      tc->capitalised |= inner.capitalised;
      return true;
    }
    uint32_t ne = NameRun(k, e);
    if (ne > k) {
      tc->name_b = k;
      tc->name_e = ne;
    }
    return true;
  }

  bool TryTitledPerson(uint32_t i, uint32_t e, const std::string& country, uint32_t* next) {
    if (i >= e || FirstWordPhrases(lex_.title_index, i) == nullptr) return false;  // no title
    TitleChain tc;
    if (!ReadTitleChain(i, e, &tc, 0)) return false;
    if (tc.name_e > tc.name_b) {
      bool ok = tc.capitalised ? HasProperWord(tc.name_b, tc.name_e)
                               : NameLike(tc.name_b, /*strict=*/true);
      if (ok) {
        Cover(i, tc.name_b);
        Candidate& c = AddPerson(tc.name_b, tc.name_e);
        c.title = tc.title;
        // A known person (actors.tsv) keeps the lexicon's country and role
        // unless the title gives them.
        if (!tc.role.empty() || c.role.empty()) c.role = tc.role;
        std::string title_country = !tc.country.empty() ? tc.country : country;
        if (!title_country.empty() || c.country.empty()) c.country = title_country;
        *next = tc.name_e;
        return true;
      }
    }
    // "Foreign Minister of Pakistan" without a name: an unnamed office holder.
    if (!tc.country.empty() && tc.end > i) {
      Candidate& c = Add(i, tc.end, MentionKind::kName);
      c.type = EntityType::kPerson;
      c.country = tc.country;
      c.role = tc.role;
      c.title = tc.title;
      c.name = SpanText(i, tc.end);
      c.key = "C:" + c.country + c.role + ":" + AsciiLower(tc.title);
      *next = tc.end;
      return true;
    }
    return false;
  }

  // "General Head Quarters (GHQ)": a capitalised run whose initials are the
  // abbreviation in parentheses after it.
  bool TryOrgAbbrev(uint32_t i, uint32_t e, uint32_t* next) {
    if (!IsCap(i) || covered_[i] || IsStopWord(key_[i])) return false;
    if (i > sent_begin_ && IsCap(i - 1) && !covered_[i - 1] && !IsStopWord(key_[i - 1])) {
      return false;  // only from the start of a capitalised run
    }
    std::string initials;
    uint32_t j = i;
    while (j < e && j < i + 8) {
      if (IsCap(j) && !covered_[j]) {
        std::string_view s = Surface(j);
        initials += static_cast<char>(s[0]);
        ++j;
      } else if (j > i && InList(key_[j], {"of", "for", "and", "the", "on"})) {
        ++j;
      } else {
        break;
      }
    }
    if (j + 2 >= e || key_[j] != "(" || key_[j + 2] != ")" || initials.size() < 2) return false;
    std::string_view ab = Surface(j + 1);
    if (ab.size() != initials.size() || !IsAllCaps(j + 1)) return false;
    for (size_t k = 0; k < ab.size(); ++k) {
      if (ab[k] != initials[k]) return false;
    }
    uint32_t len;
    if (Match(lex_.actor_index, i, e, &len) >= 0 && i + len >= j) return false;  // lexicon knows it
    Candidate copy;
    {
      Candidate& c = Add(i, j, MentionKind::kName);
      OrgFields(c, i, j);
      c.abbrev = std::string(ab);
      copy = c;
    }
    Candidate& a = Add(j + 1, j + 2, MentionKind::kAlias);
    a.key = copy.key;
    a.name = copy.name;
    a.type = copy.type;
    a.country = copy.country;
    a.role = copy.role;
    *next = j + 3;
    return true;
  }

  // Country and role of an organisation named by tokens [tb, te).
  void OrgFields(Candidate& c, uint32_t tb, uint32_t te) const {
    c.type = EntityType::kOrganization;
    c.name = SpanText(tb, te);
    c.key = "O:" + AsciiLower(c.name);
    for (uint32_t k = tb; k < te; ++k) {
      uint32_t len;
      int64_t s = Match(lex_.actor_index, k, te, &len);
      if (s >= 0 && lex_.actors[lex_.senses[s].actor].type == ActorType::kCountry) {
        c.country = lex_.actors[lex_.senses[s].actor].code;
        break;
      }
    }
    // Role from the head noun: the last word, or the first before "of".
    for (uint32_t k : {te - 1, tb}) {
      uint32_t len;
      int64_t g = Match(lex_.agent_index, k, te, &len);
      if (g >= 0 && k + len == te) {
        c.role = lex_.agents[g].role;
        return;
      }
      if (g >= 0 && k == tb && k + len < te && key_[k + len] == "of") {
        c.role = lex_.agents[g].role;
        return;
      }
    }
  }

  // Capitalised runs ending in an organisation noun, or "Ministry of X".
  bool TryOrgPattern(uint32_t i, uint32_t e, uint32_t* next) {
    if (!IsCap(i) || covered_[i] || IsStopWord(key_[i])) return false;
    if (i > sent_begin_ && IsCap(i - 1) && !covered_[i - 1] && !IsStopWord(key_[i - 1])) {
      return false;
    }
    uint32_t j = i, last_suffix = 0;
    bool head_of =
        IsOrgHead(key_[i]) && i + 2 < e && InList(key_[i + 1], {"of", "for", "on"}) && IsCap(i + 2);
    while (j < e && j < i + 10) {
      if (IsCap(j) && !covered_[j]) {
        ++j;
        if (IsOrgSuffix(key_[j - 1])) last_suffix = j;
        if (poss_[j - 1]) break;
      } else if (j > i && j + 1 < e && InList(key_[j], {"of", "for", "and", "on", "the"}) &&
                 IsCap(j + 1) && !covered_[j + 1]) {
        ++j;
      } else {
        break;
      }
    }
    uint32_t end = 0;
    if (head_of) {
      end = j;
      while (end > i && !IsCap(end - 1)) --end;
    } else if (last_suffix >= i + 2) {
      end = last_suffix;
    }
    if (end < i + 2) return false;
    // A lexicon phrase that covers the whole run wins ("European Union").
    uint32_t len;
    if (Match(lex_.actor_index, i, e, &len) >= 0 && i + len >= end) return false;
    // Country + agent or title ("Russian Ground Forces", "Russian Chief of
    // Army Staff") is a compound, read by TryLexicon.
    if (Match(lex_.actor_index, i, e, &len) >= 0) {
      uint32_t glen;
      if (Match(lex_.agent_index, i + len, e, &glen) >= 0 ||
          Match(lex_.title_index, i + len, e, &glen) >= 0) {
        return false;
      }
    }
    Candidate& c = Add(i, end, MentionKind::kName);
    OrgFields(c, i, end);
    *next = end;
    return true;
  }

  // A country, IGO or known organisation; with a country, also
  // "Russian Defense Ministry", "Pakistan's army" and "Russian President X".
  bool TryLexicon(uint32_t i, uint32_t e, uint32_t* next) {
    uint32_t len;
    int64_t s = MatchActor(i, e, &len);
    if (s < 0) return false;
    // A hyphenated compound token ("Pak-Russia") never matches: keys differ.
    const ActorSense& sense = lex_.senses[s];
    const Actor& a = lex_.actors[sense.actor];
    uint32_t j = i + len;
    if (a.type == ActorType::kNone) {
      Cover(i, j);
      *next = j;
      return true;
    }
    if (a.type == ActorType::kCountry && sense.kind != LexKind::kMetonym) {
      uint32_t k = poss_[j - 1] ? j : SkipPossessive(j, e);
      // "Russian President Vladimir Putin".
      uint32_t pnext;
      if (TryTitledPerson(k, e, a.code, &pnext)) {
        Cover(i, k);
        *next = pnext;
        return true;
      }
      uint32_t m = k;
      while (m < e && m < k + 2 && IsAgentModifier(key_[m]) && !poss_[m]) ++m;
      uint32_t glen;
      int64_t g = Match(lex_.agent_index, m, e, &glen);
      if (g < 0 && m != k) {
        m = k;
        g = Match(lex_.agent_index, m, e, &glen);
      }
      // A title without a name ("the Russian Chief of Army Staff").
      uint32_t tlen;
      int64_t t = Match(lex_.title_index, m, e, &tlen);
      if (t >= 0 && (g < 0 || tlen > glen) && !lex_.titles[t].role.empty() && IsCap(m)) {
        Candidate& c = Add(i, m + tlen, MentionKind::kName);
        c.type = EntityType::kPerson;
        c.country = a.code;
        c.role = lex_.titles[t].role;
        c.title = lex_.titles[t].canonical;
        c.name = SpanText(i, m + tlen);
        c.key = "C:" + c.country + c.role + ":" + AsciiLower(c.title);
        *next = m + tlen;
        return true;
      }
      if (g >= 0 && !covered_[m]) {
        const Agent& ag = lex_.agents[g];
        uint32_t end = m + glen;
        Candidate& c = Add(i, end, MentionKind::kName);
        c.type = ag.cls == AgentClass::kOrg     ? EntityType::kOrganization
                 : ag.cls == AgentClass::kGroup ? EntityType::kGroup
                                                : EntityType::kPerson;
        c.country = a.code;
        c.role = ag.role;
        if (ag.cls == AgentClass::kPerson) c.title = ag.canonical;
        c.name = SpanText(i, end);
        c.key = "C:" + a.code + ag.role + ":" + AsciiLower(ag.canonical);
        *next = end;
        return true;
      }
    }
    Candidate& c = Add(i, j,
                       sense.kind == LexKind::kDemonym   ? MentionKind::kDemonym
                       : sense.kind == LexKind::kMetonym ? MentionKind::kMetonym
                                                         : MentionKind::kName);
    FillActor(c, a, sense.actor);
    // "Putin" for "Vladimir Putin": a short form of a known person's name.
    if (a.type == ActorType::kPerson && SpanText(i, j) != a.name) c.kind = MentionKind::kAlias;
    *next = j;
    return true;
  }

  // A state organ or armed group named without its country: "the
  // government", "Congress", "Parliament", "insurgents", "the rebels". Its
  // country is the document's (see ResolveBareAgents), else unknown ("---").
  bool TryBareAgent(uint32_t i, uint32_t e, uint32_t* next) {
    if (covered_[i]) return false;
    uint32_t glen;
    int64_t g = Match(lex_.agent_index, i, e, &glen);
    if (g < 0) return false;
    const Agent& ag = lex_.agents[g];
    bool state = ag.role == "GOV" || ag.role == "LEG";
    bool armed = ag.role == "INS" || ag.role == "REB";
    if ((!state && !armed) || ag.cls == AgentClass::kPerson) return false;
    bool the = i > sent_begin_ && key_[i - 1] == "the";
    // Organs: "the government", or capitalised as a name ("Congress");
    // armed groups: plural nouns, with or without "the".
    bool ok =
        armed ? ag.cls == AgentClass::kGroup : ag.cls == AgentClass::kOrg && (the || IsCap(i));
    uint32_t end = i + glen;
    // Not a modifier of a longer noun phrase ("government forces").
    uint32_t alen;
    if (!ok || (end < e && !poss_[end - 1] &&
                (StartsWith(Tag(end), "NN") || IsCap(end) ||
                 Match(lex_.agent_index, end, e, &alen) >= 0))) {
      return false;
    }
    Candidate& c = Add(i, end, MentionKind::kName);
    c.type = ag.cls == AgentClass::kOrg ? EntityType::kOrganization : EntityType::kGroup;
    c.role = ag.role;
    c.name = SpanText(i, end);
    c.key = "B:" + ag.role + ":" + AsciiLower(ag.canonical);
    *next = end;
    return true;
  }

  // A hyphenated "X-led" / "X-backed" compound ("the US-led war",
  // "Saudi-backed forces"): the country or organisation X, as one token.
  bool TryLedCompound(uint32_t i, uint32_t* next) {
    if (covered_[i] || !IsCap(i)) return false;
    std::string_view w = doc_.tokens[i].lower;
    size_t dash = w.rfind('-');
    if (dash == std::string_view::npos || dash == 0) return false;
    std::string_view suffix = w.substr(dash + 1);
    if (!InList(suffix, {"led", "backed", "sponsored", "brokered", "funded", "supported"})) {
      return false;
    }
    std::string_view prefix = w.substr(0, dash);
    const std::vector<Phrase>* v = lex_.actor_index.Find(prefix);
    if (v == nullptr) return false;
    for (const Phrase& p : *v) {
      if (p.words.size() != 1) continue;
      if (p.rules[0] == CaseRule::kExact && !StartsWith(Surface(i), p.exact[0])) continue;
      const ActorSense& sense = lex_.senses[p.value];
      const Actor& a = lex_.actors[sense.actor];
      if (a.type == ActorType::kNone || a.type == ActorType::kPerson) continue;
      Candidate& c = Add(i, i + 1,
                         sense.kind == LexKind::kDemonym   ? MentionKind::kDemonym
                         : sense.kind == LexKind::kMetonym ? MentionKind::kMetonym
                                                           : MentionKind::kName);
      FillActor(c, a, sense.actor);
      *next = i + 1;
      return true;
    }
    return false;
  }

  // "the armed forces of Russia", "the Government of India".
  bool TryAgentOfCountry(uint32_t i, uint32_t e, uint32_t* next) {
    uint32_t glen;
    int64_t g = Match(lex_.agent_index, i, e, &glen);
    if (g < 0 || covered_[i]) return false;
    uint32_t k = i + glen;
    if (!IsWord(k, "of") || k + 1 >= e) return false;
    ++k;
    if (IsWord(k, "the")) ++k;
    uint32_t len;
    int64_t s = MatchActor(k, e, &len);
    if (s < 0) return false;
    const ActorSense& sense = lex_.senses[s];
    const Actor& a = lex_.actors[sense.actor];
    if (a.type != ActorType::kCountry || sense.kind != LexKind::kName) return false;
    const Agent& ag = lex_.agents[g];
    uint32_t end = k + len;
    // "delegation of the Pakistan Army": the country belongs to a compound.
    uint32_t after = poss_[end - 1] ? end : SkipPossessive(end, e), tl;
    if (Match(lex_.agent_index, after, e, &tl) >= 0 ||
        Match(lex_.title_index, after, e, &tl) >= 0) {
      return false;
    }
    Candidate& c = Add(i, end, MentionKind::kName);
    c.type = ag.cls == AgentClass::kOrg     ? EntityType::kOrganization
             : ag.cls == AgentClass::kGroup ? EntityType::kGroup
                                            : EntityType::kPerson;
    c.country = a.code;
    c.role = ag.role;
    c.name = SpanText(i, end);
    c.key = "C:" + a.code + ag.role + ":" + AsciiLower(ag.canonical);
    *next = end;
    return true;
  }

  // The person noun ending right before token i ("analyst Jan Smith"), if
  // lower-case; returns its agent index or -1.
  int64_t DescriptionBefore(uint32_t i) const {
    for (uint32_t back = 1; back <= 2 && back <= i - sent_begin_; ++back) {
      uint32_t k = i - back, len;
      int64_t g = Match(lex_.agent_index, k, i, &len);
      if (g >= 0 && k + len == i && !IsCap(k) && lex_.agents[g].cls == AgentClass::kPerson) {
        return g;
      }
    }
    return -1;
  }

  // After "Name ,": a description holding a person noun or title, up to the
  // next comma or the sentence end. Sets title/role/country if found.
  bool ApposAfter(uint32_t j, uint32_t e, Candidate* c) const {
    if (j + 1 >= e || key_[j] != ",") return false;
    uint32_t k = j + 1;
    // A description starts lower-case, with an article, a demonym or a title.
    bool starts_ok = !IsCap(k) || InList(key_[k], {"the", "a", "an"});
    uint32_t len;
    int64_t s0 = Match(lex_.actor_index, k, e, &len);
    if (s0 >= 0 && lex_.senses[s0].kind == LexKind::kDemonym) starts_ok = true;
    if (Match(lex_.title_index, k, e, &len) >= 0) starts_ok = true;
    if (!starts_ok) return false;
    for (uint32_t m = k; m < e && m < k + 12; ++m) {
      if (key_[m] == "," || key_[m] == "." || key_[m] == "\"" || key_[m] == ";") break;
      int64_t t = Match(lex_.title_index, m, e, &len);
      if (t >= 0 && IsCap(m)) {
        c->title = lex_.titles[t].canonical;
        c->role = lex_.titles[t].role;
        return true;
      }
      int64_t g = Match(lex_.agent_index, m, e, &len);
      if (g >= 0 && lex_.agents[g].cls == AgentClass::kPerson) {
        c->title = lex_.agents[g].canonical;
        c->role = lex_.agents[g].role;
        if (m > k) {
          uint32_t dl;
          int64_t d = Match(lex_.actor_index, m - 1, m, &dl);
          if (d >= 0 && lex_.senses[d].kind == LexKind::kDemonym) {
            c->country = lex_.actors[lex_.senses[d].actor].code;
          }
        }
        return true;
      }
    }
    return false;
  }

  // A capitalised run that is a person by apposition, description or shape.
  bool TryNameRun(uint32_t i, uint32_t e, uint32_t* next) {
    if (covered_[i] || !NameLike(i, false) || IsAllCaps(i)) return false;
    if (i > sent_begin_ && IsCap(i - 1) && !covered_[i - 1] && !IsStopWord(key_[i - 1]) &&
        !IsWord(i - 1, "\"")) {
      return false;  // inside a longer capitalised run we rejected
    }
    uint32_t j = NameRun(i, e);
    if (j == i) return false;
    // A run followed by more capitalised words is a title or a thing.
    if (j < e && IsCap(j) && !covered_[j] && !poss_[j - 1]) return false;
    for (uint32_t k = i; k < j; ++k) {
      if (IsOrgSuffix(key_[k]) || IsNonPersonWord(key_[k])) return false;
    }
    Candidate probe;
    int64_t desc = DescriptionBefore(i);
    bool appos = ApposAfter(j, e, &probe);
    bool shape = j - i >= 2 && NameLike(i, /*strict=*/true);
    for (uint32_t k = i + 1; k < j && shape; ++k) {
      if (!IsParticle(key_[k]) && !NameLike(k, false)) shape = false;
    }
    if (!HasProperWord(i, j)) return false;
    if (j - i == 1 && desc < 0) return false;  // single words only as aliases
    if (desc < 0 && !appos && !shape) return false;
    Candidate& c = AddPerson(i, j);
    if (desc >= 0) {
      c.title = lex_.agents[desc].canonical;
      c.role = lex_.agents[desc].role;
    } else if (appos) {
      c.title = probe.title;
      c.role = probe.role;
      c.country = probe.country;
    }
    *next = j;
    return true;
  }

  // Later mentions of a person by part of the name, of an organisation by
  // its abbreviation.
  void AliasPass() {
    struct Known {
      std::vector<std::string> words;
      size_t cand;
    };
    std::vector<Known> people;
    std::unordered_map<std::string, size_t> abbrevs;
    for (size_t k = 0; k < cands_.size(); ++k) {
      if (cands_[k].type == EntityType::kPerson && !cands_[k].name_words.empty()) {
        people.push_back({cands_[k].name_words, k});
      }
      if (!cands_[k].abbrev.empty()) abbrevs.emplace(cands_[k].abbrev, k);
    }
    if (people.empty() && abbrevs.empty()) return;
    for (uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      const Sentence& sent = doc_.sentences[s];
      uint32_t e = std::min<uint32_t>(sent.token_end, Size());
      sent_begin_ = sent.token_begin;
      for (uint32_t i = sent.token_begin; i < e; ++i) {
        if (covered_[i] || !IsCap(i)) continue;
        if (IsAllCaps(i)) {
          auto it = abbrevs.find(std::string(Surface(i).substr(0, key_[i].size())));
          if (it != abbrevs.end()) {
            Candidate src = cands_[it->second];
            Candidate& c = Add(i, i + 1, MentionKind::kAlias);
            c.key = src.key;
            c.name = src.name;
            c.type = src.type;
            c.country = src.country;
            c.role = src.role;
          }
          continue;
        }
        uint32_t j = i;
        while (j < e && j < i + 3 && !covered_[j] && IsCap(j) &&
               (!IsStopWord(key_[j]) || MonthAsSurname(j, e))) {
          ++j;
          if (poss_[j - 1]) break;
        }
        // Longest sub-run [i, m) matching part of exactly one known name.
        for (uint32_t m = j; m > i; --m) {
          std::vector<std::string> w = NameWords(i, m);
          const Known* hit = nullptr;
          bool ambiguous = false;
          for (const Known& p : people) {
            if (p.words.size() <= w.size() || p.words.back() != w.back()) continue;
            size_t q = 0;
            for (const std::string& x : p.words) {
              if (q < w.size() && x == w[q]) ++q;
            }
            if (q != w.size()) continue;
            if (hit != nullptr && cands_[hit->cand].key != cands_[p.cand].key) ambiguous = true;
            hit = &p;
          }
          if (hit != nullptr && !ambiguous) {
            Candidate src = cands_[hit->cand];
            Candidate& c = Add(i, m, MentionKind::kAlias);
            c.key = src.key;
            c.name = src.name;
            c.type = EntityType::kPerson;
            c.name_words = w;
            i = m - 1;
            break;
          }
        }
      }
    }
  }

  const Lexicons& lex_;
  Document& doc_;
  std::vector<std::string_view> key_;  // lower form without a possessive
  std::vector<uint8_t> poss_;          // token ends in "'s"
  std::vector<uint8_t> covered_;       // token already in a mention
  std::vector<uint8_t> cap_;           // token starts upper-case (IsCap)
  // FirstWordPhrases of the three indexes per token; empty where not
  // looked up yet.
  mutable std::vector<std::optional<FirstWordSets>> first_word_;
  uint32_t sent_begin_ = 0;
  std::vector<Candidate> cands_;
};

// Merges person candidates whose names are parts of a longer name.
void MergePeople(std::vector<Candidate>& cands) {
  std::vector<size_t> people;
  for (size_t k = 0; k < cands.size(); ++k) {
    if (cands[k].type == EntityType::kPerson && !cands[k].name_words.empty()) {
      people.push_back(k);
    }
  }
  // Longest names first; each shorter one maps to one longer one.
  std::unordered_map<std::string, std::string> remap;
  std::unordered_map<std::string, const Candidate*> full;
  std::stable_sort(people.begin(), people.end(), [&](size_t a, size_t b) {
    return cands[a].name_words.size() > cands[b].name_words.size();
  });
  for (size_t k : people) {
    const Candidate& c = cands[k];
    if (remap.count(c.key) || full.count(c.key)) continue;
    const Candidate* target = nullptr;
    int hits = 0;
    for (const auto& [key, f] : full) {
      if (f->name_words.size() <= c.name_words.size()) continue;
      if (f->name_words.back() != c.name_words.back()) continue;
      size_t q = 0;
      for (const std::string& x : f->name_words) {
        if (q < c.name_words.size() && x == c.name_words[q]) ++q;
      }
      if (q == c.name_words.size()) {
        ++hits;
        target = f;
      }
    }
    if (hits == 1) {
      remap[c.key] = target->key;
    } else {
      full[c.key] = &c;
    }
  }
  for (Candidate& c : cands) {
    auto it = remap.find(c.key);
    if (it == remap.end()) continue;
    const Candidate* f = full[it->second];
    c.key = f->key;
    c.name = f->name;
    if (c.kind == MentionKind::kName) c.kind = MentionKind::kAlias;
  }
}

// A titled official whose country is unknown ("Foreign ministry spokeswoman
// X") speaks for the country that is the subject of the nearest preceding
// sentence of the same paragraph ("Y rejected the accusations. Foreign
// ministry spokeswoman X said ..."). Only a country name or metonym that
// opens its sentence counts as that sentence's subject; people whose
// country is set by a fixed code are left alone.
void InheritParagraphCountry(Document& doc) {
  for (Entity& e : doc.entities) {
    if (e.type != EntityType::kPerson || !e.country.empty() || e.role.empty() || !e.code.empty() ||
        e.mentions.empty()) {
      continue;
    }
    const Mention& first = doc.mentions[e.mentions.front()];
    if (first.sentence >= doc.sentences.size()) continue;
    uint32_t para = doc.sentences[first.sentence].paragraph;
    // Mentions are sorted by position: walk back from the person's first one.
    for (uint32_t k = e.mentions.front(); k > 0;) {
      --k;
      const Mention& m = doc.mentions[k];
      if (m.sentence >= doc.sentences.size() || m.sentence == first.sentence) continue;
      const Sentence& sent = doc.sentences[m.sentence];
      if (sent.paragraph != para) break;
      uint32_t opener = sent.token_begin;
      while (opener < m.token_begin && opener < doc.tokens.size() &&
             (doc.tokens[opener].lower == "the" || StartsWith(doc.tokens[opener].tag, "DT"))) {
        ++opener;
      }
      if (m.token_begin != opener) continue;
      if (m.entity >= doc.entities.size()) continue;
      const Entity& c = doc.entities[m.entity];
      if (c.type == EntityType::kCountry && !c.country.empty() && m.kind != MentionKind::kDemonym) {
        e.country = c.country;
        break;
      }
    }
  }
}

// "a delegation of Pakistan led by General X", "Pakistan's team, headed by
// X": the leader of a country's group belongs to that country.
void LeaderOfCountryGroup(Document& doc) {
  const size_t n = doc.tokens.size();
  for (size_t i = 0; i + 1 < doc.mentions.size(); ++i) {
    const Mention& g = doc.mentions[i];
    if (g.entity >= doc.entities.size()) continue;
    const Entity& group = doc.entities[g.entity];
    if ((group.type != EntityType::kGroup && group.type != EntityType::kOrganization) ||
        group.country.empty()) {
      continue;
    }
    size_t k = g.token_end;
    if (k < n && doc.tokens[k].lower == ",") ++k;
    if (k + 2 >= n || (doc.tokens[k].lower != "led" && doc.tokens[k].lower != "headed") ||
        doc.tokens[k + 1].lower != "by") {
      continue;
    }
    k += 2;
    // The leader's mention starts at k or after title words ("Gen", "General").
    for (size_t j = i + 1; j < doc.mentions.size(); ++j) {
      const Mention& p = doc.mentions[j];
      if (p.token_begin < k) continue;
      if (p.token_begin > k + 3 || p.entity >= doc.entities.size()) break;
      Entity& leader = doc.entities[p.entity];
      if (leader.type == EntityType::kPerson && leader.code.empty()) {
        leader.country = group.country;
      }
      break;
    }
  }
}

// Entities found by TryBareAgent ("the government", "Congress") take the
// document's country: the one country named outside their own sentences,
// when there is exactly one.
void ResolveBareAgents(Document& doc, const std::vector<uint32_t>& bare) {
  for (uint32_t b : bare) {
    Entity& e = doc.entities[b];
    std::string sole;
    bool many = false;
    for (const Mention& m : doc.mentions) {
      const Entity& c = doc.entities[m.entity];
      if (c.type != EntityType::kCountry || c.country.empty()) continue;
      bool own = false;
      for (uint32_t k : e.mentions) own = own || doc.mentions[k].sentence == m.sentence;
      if (own) continue;
      if (!sole.empty() && sole != c.country) many = true;
      sole = c.country;
    }
    if (!many) e.country = sole;
  }
}

std::string MakeCode(const std::string& country, const std::string& role) {
  if (!country.empty()) return country + role;
  if (!role.empty()) return "---" + role;
  return "";
}

}  // namespace

Status Run(const Config& config, Document& doc) {
  doc.entities.clear();
  doc.mentions.clear();
  if (doc.tokens.empty()) return Status::Ok();
  auto lex = GetLexicons(config);
  if (!lex.ok()) return lex.status();

  Scanner scanner(**lex, doc);
  scanner.Scan();
  std::vector<Candidate>& cands = scanner.candidates();
  MergePeople(cands);
  std::stable_sort(cands.begin(), cands.end(),
                   [](const Candidate& a, const Candidate& b) { return a.tb < b.tb; });

  std::unordered_map<std::string, uint32_t> by_key;
  std::vector<uint32_t> bare;
  for (const Candidate& c : cands) {
    if (c.te <= c.tb || c.te > doc.tokens.size()) continue;
    auto [it, fresh] = by_key.emplace(c.key, static_cast<uint32_t>(doc.entities.size()));
    if (fresh) {
      if (StartsWith(c.key, "B:")) bare.push_back(it->second);
      Entity e;
      e.name = c.name;
      e.type = c.type;
      doc.entities.push_back(std::move(e));
    }
    Entity& e = doc.entities[it->second];
    // The longest name seen is the canonical one for people.
    if (c.type == EntityType::kPerson && c.name.size() > e.name.size() &&
        c.kind == MentionKind::kName) {
      e.name = c.name;
    }
    if (!c.fixed_code.empty()) e.code = c.fixed_code;
    if (e.country.empty()) e.country = c.country;
    if (e.role.empty()) e.role = c.role;
    if (e.title.empty()) e.title = c.title;

    Mention m;
    m.entity = it->second;
    m.kind = c.kind;
    m.token_begin = c.tb;
    m.token_end = c.te;
    m.sentence = doc.tokens[c.tb].sentence;
    m.span.begin = doc.tokens[c.tb].span.begin;
    m.span.end = doc.tokens[c.te - 1].span.end;
    // Leave a possessive "'s" glued to the last token outside the span.
    std::string_view last = doc.tokens[c.te - 1].lower;
    for (std::string_view suf : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
      std::string_view txt = doc.Text(doc.tokens[c.te - 1].span);
      if (last.size() > suf.size() + 1 && EndsWith(last, suf) && EndsWith(txt, suf)) {
        m.span.end -= static_cast<uint32_t>(suf.size());
        break;
      }
    }
    e.mentions.push_back(static_cast<uint32_t>(doc.mentions.size()));
    doc.mentions.push_back(m);
  }
  InheritParagraphCountry(doc);
  LeaderOfCountryGroup(doc);
  ResolveBareAgents(doc, bare);
  for (Entity& e : doc.entities) {
    if (e.code.empty()) e.code = MakeCode(e.country, e.role);
  }
  return Status::Ok();
}

std::string MentionCode(const Document& doc, const Mention& mention) {
  if (mention.entity >= doc.entities.size()) return "";
  const Entity& e = doc.entities[mention.entity];
  if (mention.kind == MentionKind::kMetonym && e.type == EntityType::kCountry &&
      !e.country.empty()) {
    return e.country + "GOV";
  }
  return e.code;
}

}  // namespace dyad::actors
