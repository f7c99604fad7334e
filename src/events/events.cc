#include "events/events.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "actors/actors.h"
#include "core/text.h"
#include "places/gazetteer.h"

namespace dyad::events {

namespace {

using std::string_view;

template <size_t N>
bool In(string_view w, const std::array<string_view, N>& set) {
  for (string_view s : set) {
    if (s == w) return true;
  }
  return false;
}

constexpr std::array<string_view, 40> kAux = {
    "be",      "is",   "are",   "was",   "were",   "been",       "being", "am",
    "'s",      "'re",  "have",  "has",   "had",    "having",     "do",    "does",
    "did",     "will", "would", "shall", "should", "can",        "could", "may",
    "might",   "must", "to",    "not",   "n't",    "never",      "'ll",   "also",
    "already", "then", "just",  "still", "now",    "reportedly", "ca",    "wo"};
constexpr std::array<string_view, 6> kNegators = {"not", "n't", "never", "no", "neither", "nor"};
constexpr std::array<string_view, 8> kFuture = {"will",  "'ll",   "shall",     "wo",
                                                "would", "going", "scheduled", "plan"};
constexpr std::array<string_view, 11> kHypothetical = {"could", "may",   "might",   "should",
                                                       "if",    "ready", "willing", "prepared",
                                                       "want",  "wants", "consider"};
constexpr std::array<string_view, 9> kLocative = {"in",     "at",     "near", "inside", "outside",
                                                  "across", "around", "into", "from"};
// Prepositions after which a mention is a weak subject candidate: an earlier
// actor in the same phrase is preferred ("Red Cross officials in Baghdad").
constexpr std::array<string_view, 11> kWeakSubject = {
    "in", "at", "near", "inside", "outside", "across", "around", "into", "from", "of", "against"};
constexpr std::array<string_view, 7> kPronouns = {"he", "she", "it", "they", "we", "i", "you"};
constexpr std::array<string_view, 5> kRelative = {"who", "which", "whose", "whom", "where"};
constexpr std::array<string_view, 10> kAdverbialOpeners = {"after",   "before",   "when",   "while",
                                                           "because", "although", "though", "since",
                                                           "unless",  "whereas"};
constexpr std::array<string_view, 6> kSubordinators = {"while",   "because", "although",
                                                       "whereas", "though",  "unless"};
// Verbs by which an actor carries on an event named with "the" ("tighten
// the blockade", "resume the talks"): the event is still its own.
constexpr std::array<string_view, 16> kCarryOn = {
    "tighten", "extend",   "expand", "widen", "escalate", "intensify", "step",    "launch",
    "impose",  "continue", "resume", "renew", "maintain", "enforce",   "conduct", "hold"};

bool IsPunct(string_view w) {
  return w == "," || w == ";" || w == ":" || w == "." || w == "!" || w == "?" || w == "\"" ||
         w == "(" || w == ")" || w == "-" || w == "--";
}

// Nouns after a demonym that make it a location ("the Thai border").
bool IsLocationNoun(string_view w) {
  return w == "border" || w == "borders" || w == "frontier" || w == "airspace" || w == "waters" ||
         w == "soil" || w == "territory";
}

bool StartsWithTag(const Token& t, string_view p) { return StartsWith(t.tag, p); }

bool IsFiniteVerbTag(const Token& t) {
  return t.tag == "VBD" || t.tag == "VBZ" || t.tag == "VBP" || t.tag == "MD";
}

string_view LemmaOf(const Token& t) { return t.lemma.empty() ? string_view(t.lower) : t.lemma; }

bool Matches(const Token& t, const std::vector<std::string>& forms) {
  for (const std::string& f : forms) {
    if (f == t.lower || f == t.lemma) return true;
  }
  return false;
}

// A pattern matched at one trigger.
struct Match {
  const Pattern* pattern = nullptr;
  uint32_t head = 0;    // trigger token
  uint32_t end = 0;     // one past the last matched token
  int32_t target = -1;  // mention in the "$" slot, or -1
  int score = 0;        // matched literal elements (longer wins)
  bool passive = false;
  bool noun = false;  // the trigger is a noun
  bool dropped = false;
};

// Per-document indexes and the coding routines.
class Coder {
 public:
  Coder(const Lexicon& lex, Document& doc, const std::vector<std::string>* place_countries)
      : lex_(lex), doc_(doc), place_countries_(place_countries) {
    size_t n = doc.tokens.size();
    mention_begin_.assign(n, -1);
    mention_end_.assign(n, -1);
    for (size_t i = 0; i < doc.mentions.size(); ++i) {
      const Mention& m = doc.mentions[i];
      if (m.token_end <= m.token_begin || m.token_end > n) continue;
      if (m.entity >= doc.entities.size()) continue;
      int32_t& b = mention_begin_[m.token_begin];
      if (b < 0 || Longer(static_cast<int32_t>(i), b)) b = static_cast<int32_t>(i);
      int32_t& e = mention_end_[m.token_end - 1];
      if (e < 0 || Longer(static_cast<int32_t>(i), e)) e = static_cast<int32_t>(i);
    }
    // Two mentions of two entities with one span: a description of a pair.
    twin_.assign(doc.mentions.size(), -1);
    for (size_t i = 0; i + 1 < doc.mentions.size(); ++i) {
      const Mention& a = doc.mentions[i];
      const Mention& b = doc.mentions[i + 1];
      if (a.token_begin == b.token_begin && a.token_end == b.token_end && a.entity != b.entity &&
          a.kind == MentionKind::kDescription && b.kind == MentionKind::kDescription) {
        twin_[i] = static_cast<int32_t>(i + 1);
        twin_[i + 1] = static_cast<int32_t>(i);
      }
    }
  }

  void Run() {
    doc_.events.clear();
    for (uint32_t s = 0; s < doc_.sentences.size(); ++s) CodeSentence(s);
    InheritOfferRecipients();
  }

 private:
  // "Moscow has also offered to provide training": an offer or aid with no
  // recipient named goes to the recipient of the same country's latest
  // offer or aid in the preceding sentences (not when a pronoun object
  // names someone else: "offered to rescue them").
  void InheritOfferRecipients() {
    auto giving = [](const std::string& c) { return StartsWith(c, "03") || StartsWith(c, "07"); };
    auto received = [&](const std::string& c) { return giving(c) || StartsWith(c, "06"); };
    auto& evs = doc_.events;
    for (size_t i = 0; i < evs.size(); ++i) {
      Event& e = evs[i];
      if (!e.target.code.empty() || !received(e.code) || e.source.code.size() < 3 ||
          StartsWith(e.source.code, "---")) {
        continue;
      }
      if (PronounObjectAfter(e)) continue;
      for (size_t j = i; j-- > 0;) {
        const Event& o = evs[j];
        if (o.sentence + 8 < e.sentence) break;
        if (o.sentence == e.sentence || !giving(o.code) || o.target.code.size() < 3 ||
            o.source.code.compare(0, 3, e.source.code, 0, 3) != 0 ||
            o.target.code.compare(0, 3, e.source.code, 0, 3) == 0) {
          continue;
        }
        e.target = o.target;
        e.pattern += " (recipient of the earlier offer)";
        break;
      }
    }
  }

  // True when an object pronoun follows the event's trigger closely.
  bool PronounObjectAfter(const Event& e) const {
    const Sentence& sent = doc_.sentences[e.sentence];
    uint32_t se = std::min<uint32_t>(sent.token_end, doc_.tokens.size());
    for (uint32_t j = sent.token_begin, seen = 0; j < se; ++j) {
      if (Tok(j).span.begin < e.trigger.end) continue;
      if (++seen > 5 || IsPunct(Tok(j).lower)) break;
      string_view w = Tok(j).lower;
      if (w == "them" || w == "him" || w == "her" || w == "us" || w == "it") return true;
    }
    return false;
  }

  bool Longer(int32_t a, int32_t b) const {
    const Mention& x = doc_.mentions[a];
    const Mention& y = doc_.mentions[b];
    return x.token_end - x.token_begin > y.token_end - y.token_begin;
  }

  const Token& Tok(uint32_t i) const { return doc_.tokens[i]; }
  // Token `i`'s lower-case form as a view: comparisons with literals inline.
  string_view Lw(uint32_t i) const { return doc_.tokens[i].lower; }

  // The mention starting at or just after `k` (past determiners and
  // adjectives, at most `slack` tokens), or -1.
  // Capitalised title words, "of" and parentheses before a name ("Chief of
  // Army Staff (COAS) General Tom Reed") are skipped too, up to 8 of them.
  int32_t MentionNear(uint32_t k, uint32_t se, uint32_t slack) const {
    uint32_t titles = 0;
    for (uint32_t j = k; j < se && j <= k + slack + titles; ++j) {
      if (mention_begin_[j] >= 0) return mention_begin_[j];
      const Token& t = Tok(j);
      bool capital = t.span.begin < doc_.text.size() && doc_.text[t.span.begin] >= 'A' &&
                     doc_.text[t.span.begin] <= 'Z';
      bool title_word = t.tag == "NNP" || t.tag == "NNPS" || t.lower == "(" || t.lower == ")" ||
                        (capital && (StartsWithTag(t, "NN") || StartsWithTag(t, "JJ"))) ||
                        (t.lower == "of" && j > k && titles > 0);
      if (title_word && titles < 8 && j + 1 < se) {
        ++titles;
        continue;
      }
      if (IsPunct(t.lower)) return -1;
      if (!(StartsWithTag(t, "DT") || StartsWithTag(t, "JJ") || StartsWithTag(t, "PRP$") ||
            StartsWithTag(t, "CD") || t.tag.empty() || t.lower == "the")) {
        return -1;
      }
    }
    return -1;
  }

  bool IsReportHead(uint32_t k) const {
    for (string_view w : {LemmaOf(Tok(k)), string_view(Tok(k).lower)}) {
      if (const auto* v = lex_.Lookup(w)) {
        for (uint32_t pi : *v) {
          const Pattern& p = lex_.patterns()[pi];
          if (p.report && p.elements.empty() && !StartsWithTag(Tok(k), "NN")) return true;
        }
      }
    }
    return false;
  }

  // IsPassive(k, sb), remembered per token: TryMatch asks it for every
  // pattern of the head word.
  bool PassiveAt(uint32_t k, uint32_t sb) const {
    if (passive_.size() != doc_.tokens.size()) {
      passive_.assign(doc_.tokens.size(), -1);
      passive_sb_.assign(doc_.tokens.size(), 0);
    }
    if (passive_[k] < 0 || passive_sb_[k] != sb) {
      passive_[k] = IsPassive(k, sb) ? 1 : 0;
      passive_sb_[k] = sb;
    }
    return passive_[k] == 1;
  }

  // True when the participle at `k` is passive: a form of "be"/"get" before it.
  bool IsPassive(uint32_t k, uint32_t sb) const {
    const Token& t = Tok(k);
    if (Fronted(k, sb)) return true;
    if (!(t.tag == "VBN" || (t.tag.empty() && EndsWith(t.lower, "ed")))) return false;
    for (uint32_t j = k; j > sb && j + 4 > k;) {
      --j;
      string_view w = Tok(j).lower;
      string_view l = LemmaOf(Tok(j));
      if (l == "be" || l == "get" || w == "was" || w == "were" || w == "is" || w == "are" ||
          w == "been" || w == "being" || w == "got") {
        return true;
      }
      if (!(StartsWithTag(Tok(j), "RB") || w == "not" || w == "n't" || w == "reportedly")) break;
    }
    // A reduced relative ("ten soldiers killed in the north", "There were
    // ten soldiers killed by ..."): a VBN right after a plural noun phrase,
    // followed by a preposition, with no "have" before it.
    if (t.tag == "VBN" && k > sb && k + 1 < doc_.tokens.size() &&
        (Tok(k - 1).tag == "NNS" || Tok(k - 1).tag == "NNPS")) {
      string_view next = Tok(k + 1).lower;
      // "officials accused of ...", "men charged with ...".
      bool prep = next == "in" || next == "on" || next == "at" || next == "by" || next == "near" ||
                  next == "during" || next == "overnight" || next == "of" || next == "with";
      bool have = false;
      for (uint32_t j = k; j > sb && j + 4 > k;) {
        --j;
        if (LemmaOf(Tok(j)) == "have") have = true;
      }
      // "The army said enemy troops fired at the post": a noun phrase right
      // after a reporting verb or "that" is the subject of a complement
      // clause, so the verb is its active past tense.
      uint32_t np = k - 1;
      if (mention_end_[np] >= 0) np = doc_.mentions[mention_end_[np]].token_begin;
      while (np > sb && (StartsWithTag(Tok(np - 1), "JJ") || StartsWithTag(Tok(np - 1), "DT") ||
                         StartsWithTag(Tok(np - 1), "CD"))) {
        --np;
      }
      bool complement = np > sb && (IsReportHead(np - 1) || Lw(np - 1) == "that");
      if (prep && !have && !complement) return true;
    }
    return false;
  }

  // "X told Indians that ... and offered to rescue them": for an object
  // "them" right after the match, the nearest plural people mention (a
  // plural demonym or a group) earlier in the sentence that is no source.
  int32_t ThemAntecedent(const Match& m, uint32_t sb, uint32_t se,
                         const std::vector<int32_t>& sources) const {
    uint32_t j = m.end;
    while (j < se && j < m.end + 2 && (Lw(j) == "to" || StartsWithTag(Tok(j), "VB"))) ++j;
    if (j >= se || Lw(j) != "them") return -1;
    for (uint32_t k = m.head; k > sb;) {
      --k;
      int32_t c = mention_end_[k];
      if (c < 0) continue;
      const Mention& men = doc_.mentions[c];
      const Entity& e = doc_.entities[men.entity];
      bool plural = e.type == EntityType::kGroup ||
                    (men.kind == MentionKind::kDemonym && EndsWith(Lw(k), "s"));
      bool source = false;
      for (int32_t x : sources) source = source || SameActor(x, c);
      if (plural && !source && !MentionActorCode(doc_, c).empty()) return c;
    }
    return -1;
  }

  // True when sentence `s` is a subhead: alone in its paragraph, short,
  // without a finite verb and without closing punctuation ("Russia's
  // Support for Pakistan"). Its nouns name topics, not events.
  bool IsSubhead(uint32_t s, uint32_t sb, uint32_t se) const {
    if (se - sb > 12) return false;
    uint32_t para = doc_.sentences[s].paragraph;
    if ((s > 0 && doc_.sentences[s - 1].paragraph == para) ||
        (s + 1 < doc_.sentences.size() && doc_.sentences[s + 1].paragraph == para)) {
      return false;
    }
    string_view last = Lw(se - 1);
    if (last == "." || last == "!" || last == "?" || last == "\"" || last == ":") return false;
    for (uint32_t j = sb; j < se; ++j) {
      if (IsFiniteVerbTag(Tok(j))) return false;
    }
    return true;
  }

  // True when the word at `k` opens its sentence as a fronted passive
  // participle with an agent: "Attacked by X, Y retreated".
  bool Fronted(uint32_t k, uint32_t sb) const {
    const Token& t = Tok(k);
    return k == sb && k + 1 < doc_.tokens.size() && Lw(k + 1) == "by" &&
           (t.tag == "VBN" || t.tag == "VBD" || (t.tag.empty() && EndsWith(t.lower, "ed")));
  }

  bool TryMatch(const Pattern& p, uint32_t head, uint32_t sb, uint32_t se, Match& out) const {
    const Token& h = Tok(head);
    bool noun_tag = StartsWithTag(h, "NN");
    bool verb_tag = StartsWithTag(h, "VB") || StartsWithTag(h, "JJ") || StartsWithTag(h, "MD");
    if (p.pos == HeadPos::kVerb && !h.tag.empty() && !verb_tag) {
      // Taggers often read a verb after a plural subject as a noun
      // ("negotiators return to"): accept a noun tag unless a determiner,
      // adjective, possessive or preposition makes it a noun phrase.
      if (!noun_tag || head == sb) return false;
      const Token& prev = Tok(head - 1);
      if (!(prev.tag == "NNS" || prev.tag == "NNPS" || mention_end_[head - 1] >= 0)) return false;
      noun_tag = false;
    }
    // A multi-word noun pattern may start with an adjective ("joint exercise").
    if (p.pos == HeadPos::kNoun && !h.tag.empty() && !noun_tag &&
        !(StartsWithTag(h, "JJ") && !p.elements.empty())) {
      return false;
    }
    // A verb right before a modal is a noun ("the district discuss will").
    if (p.pos == HeadPos::kVerb && head + 1 < se && Tok(head + 1).tag == "MD") return false;
    // An adjective after a preposition or determiner ("for free", "a free
    // vote") is no verb.
    if (p.pos == HeadPos::kVerb && StartsWithTag(h, "JJ") && head > sb &&
        (Tok(head - 1).tag == "IN" || StartsWithTag(Tok(head - 1), "DT") ||
         StartsWithTag(Tok(head - 1), "PRP$"))) {
      return false;
    }
    // A participle before a noun, opening the sentence or after a
    // determiner, possessive or preposition, is an adjective: "armed men",
    // "the PKK's jailed leader"; so it is after a noun and "and" when the
    // noun phrase is a subject: "warplanes and armed drones struck".
    if (p.pos != HeadPos::kNoun && head + 1 < se && EndsWith(h.lower, "ed") &&
        StartsWithTag(Tok(head + 1), "NN")) {
      bool attributive = head == sb;
      if (!attributive) {
        const Token& b = Tok(head - 1);
        attributive =
            StartsWithTag(b, "DT") || StartsWithTag(b, "PRP$") || b.tag == "IN" || b.tag == "POS" ||
            EndsWith(b.lower, "'s") || EndsWith(b.lower, "\xE2\x80\x99s") ||
            ((b.lower == "and" || b.lower == "or") && head - 1 > sb &&
             StartsWithTag(Tok(head - 2), "NN") && head + 2 < se && IsFiniteVerbTag(Tok(head + 2)));
      }
      if (attributive) return false;
    }
    bool passive = !noun_tag && PassiveAt(head, sb);
    if (p.passive_only && !passive) return false;
    uint32_t pos = head + 1;
    int32_t target = -1;
    int score = 0;
    for (const PatternElement& e : p.elements) {
      if (e.target) {
        int32_t m = pos < se ? MentionNear(pos, se, 3) : -1;
        if (m >= 0) {
          target = m;
          pos = doc_.mentions[m].token_end;
          ++score;
        } else if (!e.optional && !passive) {
          // A passive has its object before the verb: "X was received by Y".
          return false;
        }
        continue;
      }
      bool found = false;
      // Up to 3 words between elements; numbers are free ("trained more
      // than 500 computer hackers", "sent 22 warships").
      for (uint32_t k = pos, gap = 0; k < se && gap <= 3; ++k) {
        const Token& t = Tok(k);
        if (Matches(t, e.forms)) {
          pos = k + 1;
          found = true;
          ++score;
          break;
        }
        if (IsPunct(t.lower) && t.lower != "-" && t.lower != "\"") break;
        if (CoordinatedVerbAt(k, se)) break;
        if (t.tag != "CD") ++gap;
      }
      // A passive has its object before the verb too: "sanctions were
      // imposed on Y by X", "aid worth 20 million euros will be sent".
      for (uint32_t k = head; !found && passive && k > sb && k + 8 > head;) {
        --k;
        const Token& t = Tok(k);
        if (IsPunct(t.lower) && t.lower != "-") break;
        found = Matches(t, e.forms);
        score += found;
      }
      if (!found && !e.optional) return false;
    }
    out.pattern = &p;
    out.head = head;
    out.end = pos;
    out.target = target;
    out.score = score;
    out.passive = passive;
    out.noun = (noun_tag && p.pos != HeadPos::kVerb) || p.pos == HeadPos::kNoun;
    return true;
  }

  // True when mentions `a` and `b` stand for the same actor. A demonym group
  // ("Iraqi Kurds") and its state ("Iraq") are different actors.
  bool SameActor(int32_t a, int32_t b) const {
    if (a < 0 || b < 0) return false;
    const Mention& x = doc_.mentions[a];
    const Mention& y = doc_.mentions[b];
    if (x.entity != y.entity) return false;
    return (x.kind == MentionKind::kDemonym) == (y.kind == MentionKind::kDemonym);
  }

  // The code of an unnamed crowd that is the subject of verb `v` of a
  // demand, disapproval, rejection, threat or protest ("Hundreds of people
  // protested outside ... in Warsaw", "students demanded"): a non-state
  // group noun just before the verb gives the role (CVL, OPP, EDU...), and
  // a country named after "in" in the clause (the place of the protest)
  // gives the country ("---" when none). Returns "" when the subject is no
  // such crowd.
  std::string CrowdSource(uint32_t v, uint32_t sb, uint32_t se) const {
    const std::string* role = nullptr;
    for (uint32_t j = v; j > sb && j + 4 > v;) {
      --j;
      const Token& t = Tok(j);
      if (StartsWithTag(t, "RB") || In(t.lower, kAux)) continue;
      role = lex_.GroupRole(t.lower);
      break;
    }
    if (role == nullptr) return "";
    std::string country = "---";
    for (uint32_t j = v + 1; j + 1 < se && j < v + 12; ++j) {
      if (Lw(j) == "," || Lw(j) == ";") break;
      if (Lw(j) != "in") continue;
      int32_t m = mention_begin_[j + 1];
      if (m < 0) continue;
      const Mention& men = doc_.mentions[m];
      const Entity& e = doc_.entities[men.entity];
      if (e.type == EntityType::kCountry && men.kind != MentionKind::kDemonym &&
          e.country.size() == 3) {
        country = e.country;
        break;
      }
    }
    return country + *role;
  }

  // True for the cooperative roots 03-08 (intent, diplomatic and material
  // cooperation, aid, yielding).
  static bool Cooperative(string_view code) {
    return code.size() >= 2 && code[0] == '0' && code[1] >= '3' && code[1] <= '8';
  }

  // The role part of actor code `c` ("GOV" of "RUSGOV", "" of "RUS").
  static string_view Role(string_view c) { return c.size() > 3 ? c.substr(3) : string_view(); }

  // True when mention `m` has no actor code or no country ("---OPP").
  bool UnknownActor(int32_t m) const {
    std::string c = MentionActorCode(doc_, m);
    return c.empty() || StartsWith(c, "---");
  }

  // The country part of actor code `c` when it names a state ("RUS" of
  // "RUSGOV"); "" for no country ("---"), IGOs, NGOs and IMGs.
  static string_view StateCountry(string_view c) {
    if (c.size() < 3) return {};
    c = c.substr(0, 3);
    if (c == "---" || c == "IGO" || c == "IMG" || c == "NGO") return {};
    return c;
  }

  // True when noun `n` has a definite determiner ("the sanctions", "these
  // new talks"): it names an event told before, so the subject of the verb
  // governing it ("X called the sanctions illegal") is not its actor,
  // unless the verb carries the event on (kCarryOn).
  bool DefiniteNoun(uint32_t n, uint32_t sb) const {
    for (uint32_t j = n; j > sb && j + 3 > n;) {
      --j;
      string_view w = Lw(j);
      if (w == "the" || w == "these" || w == "those") return true;
      if (!StartsWithTag(Tok(j), "JJ") && !StartsWithTag(Tok(j), "NN")) return false;
    }
    return false;
  }

  // True when codes `a` and `b` are organs of the same state (the country
  // itself, its government or its military): cooperation between them is
  // internal business, not an event between actors.
  static bool SameStateOrgans(string_view a, string_view b) {
    if (a.size() < 3 || b.size() < 3 || a.substr(0, 3) != b.substr(0, 3)) return false;
    if (a.substr(0, 3) == "---") return false;
    auto state = [](string_view c) {
      string_view r = c.substr(3);
      return r.empty() || r == "GOV" || r == "MIL";
    };
    return state(a) && state(b);
  }

  // Extends subject mention `m` leftwards over coordination ("A, B and C").
  // A description standing for two people ("the two generals") gives both.
  void AddCoordinatedLeft(int32_t m, uint32_t sb, std::vector<int32_t>& out) const {
    out.push_back(m);
    if (twin_[m] >= 0) out.push_back(twin_[m]);
    uint32_t k = doc_.mentions[m].token_begin;
    while (k > sb) {
      uint32_t j = k - 1;
      bool conj = false;
      while (j > sb && (Lw(j) == "," || Lw(j) == "and" || Lw(j) == "&" ||
                        StartsWithTag(Tok(j), "DT") || Lw(j) == "the")) {
        if (Lw(j) != "the" && !StartsWithTag(Tok(j), "DT")) conj = true;
        --j;
      }
      if (!conj || mention_end_[j] < 0) break;
      int32_t prev = mention_end_[j];
      out.push_back(prev);
      k = doc_.mentions[prev].token_begin;
    }
  }

  // Extends target mention `m` rightwards over coordination.
  void AddCoordinatedRight(int32_t m, uint32_t se, std::vector<int32_t>& out) const {
    out.push_back(m);
    uint32_t k = doc_.mentions[m].token_end;
    while (k < se) {
      uint32_t j = k;
      bool conj = false;
      while (j < se && (Lw(j) == "," || Lw(j) == "and" || Lw(j) == "the")) {
        if (Lw(j) == "and") conj = true;
        ++j;
      }
      if (!conj || j >= se) break;
      // "Iran and the small Gulf state of Oman": a short descriptor may come
      // before the coordinated name.
      uint32_t d = j;
      while (d < se && d < j + 5 && mention_begin_[d] < 0 &&
             (StartsWithTag(Tok(d), "DT") || StartsWithTag(Tok(d), "JJ") ||
              StartsWithTag(Tok(d), "NN") || StartsWithTag(Tok(d), "PRP$") || Lw(d) == "of")) {
        ++d;
      }
      if (d < se && mention_begin_[d] >= 0) j = d;
      if (mention_begin_[j] < 0) break;
      int32_t next = mention_begin_[j];
      out.push_back(next);
      k = doc_.mentions[next].token_end;
    }
  }

  // The subject mentions of the verb at token `v`; `depth` bounds recursion
  // through reporting verbs ("X said it would ...").
  std::vector<int32_t> Subject(uint32_t v, uint32_t sb, int depth) const {
    std::vector<int32_t> out;
    // A verb coordinated with an earlier one shares its subject: "X has
    // ties with Y and supplied arms to Z" (the subject is X, not Y).
    for (uint32_t j = v; j > sb + 1;) {
      --j;
      if (StartsWithTag(Tok(j), "RB")) continue;
      if (CoordinatedVerbAt(j, v + 1)) {
        for (uint32_t p = j; p > sb;) {
          --p;
          const Token& t = Tok(p);
          if (t.lower == ";" || t.lower == ":" || In(t.lower, kRelative)) break;
          if (IsFiniteVerbTag(t) && t.tag != "MD") {
            return Subject(p, sb, depth);
          }
        }
      }
      break;
    }
    int32_t fallback = -1;
    bool fallback_unknown = false;
    bool pronoun = false;
    uint32_t k = v;
    while (k > sb) {
      --k;
      const Token& t = Tok(k);
      int32_t m = mention_end_[k];
      if (m >= 0) {
        const Mention& men = doc_.mentions[m];
        uint32_t before = men.token_begin;
        // Past "the", and past coordinated mentions, to the word before.
        std::vector<int32_t> group;
        AddCoordinatedLeft(m, sb, group);
        before = doc_.mentions[group.back()].token_begin;
        while (before > sb && (StartsWithTag(Tok(before - 1), "DT") || Lw(before - 1) == "the")) {
          --before;
        }
        bool weak = before > sb && In(Tok(before - 1).lower, kWeakSubject);
        bool unknown = UnknownActor(m);
        if (!weak && !unknown) return group;
        if (fallback < 0 || (fallback_unknown && !unknown)) {
          fallback = m;
          fallback_unknown = unknown;
        }
        k = before;
        continue;
      }
      string_view w = t.lower;
      if (w == ";" || w == ":") break;
      if (w == ",") {
        // Skip a relative clause set off by commas: ", who ... ,".
        uint32_t j = k;
        while (j > sb && Lw(j - 1) != "," && Lw(j - 1) != ";") --j;
        if (j > sb && j < k && In(Tok(j).lower, kRelative)) k = j - 1;
        continue;
      }
      // A restrictive relative clause's subject is its antecedent: "X
      // blacklisted firms that helped Y" (the firms helped, not X).
      if ((w == "who" || w == "which" || (w == "that" && t.tag == "WDT")) && fallback < 0 &&
          k > sb && Lw(k - 1) != ",") {
        if (mention_end_[k - 1] >= 0) AddCoordinatedLeft(mention_end_[k - 1], sb, out);
        return out;
      }
      if (w == "that" && (t.tag == "IN" || t.tag.empty()) && fallback < 0) {
        // A complement clause without an actor subject before the verb.
        if (pronoun && depth > 0) break;
        return out;
      }
      if (In(w, kPronouns) && (StartsWithTag(t, "PRP") || t.tag.empty())) {
        pronoun = true;
        continue;
      }
      if (IsFiniteVerbTag(t) && !In(w, kAux) && !In(LemmaOf(t), kAux) && LemmaOf(t) != "be" &&
          LemmaOf(t) != "have" && LemmaOf(t) != "do") {
        if (pronoun && depth > 0 && IsReportHead(k)) return Subject(k, sb, depth - 1);
        // Subject control: "X wants to attack Y", "X tried to reach Y" —
        // the infinitive's subject is the finite verb's.
        if (SubjectControlled(k, v)) continue;
        break;
      }
    }
    if (fallback >= 0) {
      AddCoordinatedLeft(fallback, sb, out);
      return out;
    }
    if (pronoun && depth > 0) {
      // "X says it will ...": the pronoun stands for the reporting subject.
      for (uint32_t j = k; j > sb && j + 12 > k;) {
        --j;
        if (IsReportHead(j)) return Subject(j, sb, depth - 1);
      }
    }
    return out;
  }

  // True for the commitment verbs whose complement is also an event:
  // "agree to", "pledge to", "promise to", "vow to" (CAMEO 03 heads).
  static bool IsCommitment(const Pattern& p) {
    return p.control && StartsWith(p.code, "03") &&
           (p.head == "agree" || p.head == "pledge" || p.head == "promise" || p.head == "vow");
  }

  // True when verb `v` is the infinitive right after commitment `a`: "agreed
  // to [adverbs] v" (the "to" may be part of the pattern).
  bool ComplementOf(const Match& a, uint32_t v) const {
    uint32_t j = a.end;
    if (j < v && Lw(j) == "to") ++j;
    if (j == a.end && (a.end == 0 || Lw(a.end - 1) != "to")) return false;
    while (j < v && StartsWithTag(Tok(j), "RB")) ++j;
    return j == v && (Tok(v).tag == "VB" || Tok(v).tag.empty());
  }

  // True when the finite verb at `k` governs the infinitive at `v` directly:
  // "k to [adverbs] v" ("wants to attack", "plans to quickly visit").
  bool SubjectControlled(uint32_t k, uint32_t v) const {
    if (k + 2 > v || Lw(k + 1) != "to" || IsReportHead(k)) return false;
    // Raising verbs hedge an opinion ("Russians seem to agree"): no event.
    string_view l = LemmaOf(Tok(k));
    if (l == "seem" || l == "appear") return false;
    for (uint32_t j = k + 2; j < v; ++j) {
      if (!StartsWithTag(Tok(j), "RB")) return false;
    }
    return true;
  }

  // True when token `j` is "and"/"but"/"," introducing a coordinated verb
  // phrase that shares the clause's subject ("X backed Y and urged Z"): the
  // next word (past adverbs) is a finite or past-participle verb.
  bool CoordinatedVerbAt(uint32_t j, uint32_t se) const {
    string_view w = Tok(j).lower;
    if (w != "and" && w != "but" && w != ",") return false;
    uint32_t k = j + 1;
    while (k < se &&
           (StartsWithTag(Tok(k), "RB") || Lw(k) == "then" || Lw(k) == "also" || Lw(k) == "and")) {
      ++k;
    }
    if (k >= se || mention_begin_[k] >= 0) return false;
    const Token& t = Tok(k);
    if (t.tag == "VBD" || t.tag == "VBZ") return true;
    if (t.tag != "VBN" || (k + 1 < se && Lw(k + 1) == "by")) return false;
    if (w != ",") return true;
    // ", offered X and refused Y": a participle after a comma only in a
    // list of verb phrases that ends in "and" + verb (not a reduced
    // relative clause such as ", arrested on Monday,").
    for (uint32_t x = k + 1; x + 1 < se; ++x) {
      if (Lw(x) == ";" || Lw(x) == ".") break;
      if ((Lw(x) == "and" || Lw(x) == "but") &&
          (Tok(x + 1).tag == "VBD" || Tok(x + 1).tag == "VBZ" || Tok(x + 1).tag == "VBN")) {
        return true;
      }
    }
    return false;
  }

  // Whether a reporting verb follows `k` closely (", officials said").
  bool ReportAhead(uint32_t k, uint32_t se) const {
    for (uint32_t j = k + 1; j < se && j <= k + 7; ++j) {
      if (Lw(j) == "," || Lw(j) == ";") return false;
      if (IsReportHead(j)) return true;
    }
    return false;
  }

  // The first actor mention(s) from token `k` on, in the same clause.
  std::vector<int32_t> TargetAfter(uint32_t k, uint32_t se,
                                   const std::vector<int32_t>& sources) const {
    std::vector<int32_t> out;
    for (uint32_t j = k; j < se && j < k + 16; ++j) {
      const Token& t = Tok(j);
      if (t.lower == ";" || t.lower == ":") break;
      if (t.lower == "," && ReportAhead(j, se)) break;
      if (In(t.lower, kSubordinators) || In(t.lower, kRelative)) break;
      if (IsReportHead(j)) break;
      // "X backed Y and urged Z": Z is not X's target; but "X donated and
      // delivered goods to Z" shares the object.
      if (j > k && CoordinatedVerbAt(j, se)) break;
      int32_t m = mention_begin_[j];
      if (m < 0) continue;
      // "on the Thai border", "in Syrian airspace": a demonym naming a
      // location is no party.
      if (doc_.mentions[m].kind == MentionKind::kDemonym && doc_.mentions[m].token_end < se &&
          IsLocationNoun(Tok(doc_.mentions[m].token_end).lower)) {
        j = doc_.mentions[m].token_end - 1;
        continue;
      }
      // The source itself, or its own state ("the Canadian government
      // announced bans on travel to Canada against X"), is not the target.
      bool same = false;
      std::string mcode = MentionActorCode(doc_, m);
      bool country_name = mcode.size() == 3 && doc_.mentions[m].kind != MentionKind::kDemonym;
      for (int32_t s : sources) {
        std::string scode = MentionActorCode(doc_, s);
        same =
            same || SameActor(s, m) ||
            (scode.size() > 3 && (country_name || scode == mcode) && SameStateOrgans(scode, mcode));
      }
      if (same) {
        j = doc_.mentions[m].token_end - 1;
        continue;
      }
      AddCoordinatedRight(m, se, out);
      return out;
    }
    return out;
  }

  // The modality of the verb at `v` from the words just before it.
  Modality ModalityAt(uint32_t v, uint32_t sb) const {
    Modality mod = Modality::kAsserted;
    uint32_t stop = v > sb + 6 ? v - 6 : sb;
    for (uint32_t j = v; j > stop;) {
      --j;
      const Token& t = Tok(j);
      if (mention_end_[j] >= 0 || IsPunct(t.lower)) break;
      string_view w = t.lower;
      if (In(w, kNegators) || (w == "longer" && j > sb && Lw(j - 1) == "no")) {
        return Modality::kNegated;
      }
      if (In(w, kHypothetical) || In(LemmaOf(t), kHypothetical)) {
        mod = Modality::kHypothetical;
      } else if ((In(w, kFuture) || In(LemmaOf(t), kFuture)) && mod == Modality::kAsserted) {
        mod = Modality::kFuture;
      }
    }
    // "if" earlier in the clause.
    for (uint32_t j = v; j > sb && j + 15 > v;) {
      --j;
      if (Lw(j) == ";") break;
      if (Lw(j) == "if" || Lw(j) == "unless") return Modality::kHypothetical;
    }
    return mod;
  }

  // The verb governing the noun phrase that ends at noun `n`, or -1.
  int64_t GoverningVerb(uint32_t n, uint32_t sb) const {
    for (uint32_t j = n; j > sb && j + 8 > n;) {
      --j;
      const Token& t = Tok(j);
      if (StartsWithTag(t, "VB")) return j;
      if (IsPunct(t.lower)) return -1;
      if (StartsWithTag(t, "IN") && t.lower != "of") return -1;
    }
    return -1;
  }

  // A mention modifying the noun `n` inside its phrase ("Israeli shelling").
  int32_t NounModifier(uint32_t n, uint32_t sb) const {
    for (uint32_t j = n; j > sb && j + 5 > n;) {
      --j;
      if (mention_end_[j] >= 0) return mention_end_[j];
      const Token& t = Tok(j);
      if (!(StartsWithTag(t, "JJ") || StartsWithTag(t, "NN") || t.tag == "POS" || t.lower == "'s" ||
            t.lower == "-" || StartsWithTag(t, "CD") || t.tag.empty()) ||
          IsPunct(t.lower)) {
        return -1;
      }
    }
    return -1;
  }

  static std::string AdjustCode(const std::string& code, Modality mod, bool* drop) {
    *drop = false;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (mod == Modality::kNegated) {
      switch (root) {
        case 3:
        case 5:
          return "120";
        case 4:
          return "125";
        case 6:
          return "121";
        case 7:
          return "122";
        case 8:
          return "124";
        case 12:
          return "030";  // refusing to reject is rare; keep as intent
        default:
          *drop = true;
          return code;
      }
    }
    if (mod == Modality::kHypothetical || mod == Modality::kFuture) {
      // "will support", "ready to send troops", "willing to withdraw": CAMEO
      // codes announced cooperation as an intent (root 03).
      switch (root) {
        case 4:
          // "ready to meet", "willing to discuss": an intent to meet or
          // negotiate (036); visits and scheduled meetings keep their code.
          return mod == Modality::kHypothetical &&
                         (StartsWith(code, "040") || StartsWith(code, "046"))
                     ? "036"
                     : code;
        case 5:
          // Signing stays a signing ("will sign a treaty"), with its modality.
          return StartsWith(code, "057") ? code : "032";
        case 6:
          return "031";
        case 7:
          return "033";
        case 8:
          return "035";
        default:
          break;
      }
    }
    if (mod == Modality::kFuture || mod == Modality::kHypothetical) {
      switch (root) {
        case 16:
          return mod == Modality::kHypothetical ? "131" : code;
        case 17:
          return "130";
        case 18:
        case 19:
        case 20:
          return "138";
        default:
          return code;
      }
    }
    return code;
  }

  void CodeSentence(uint32_t s) {
    const Sentence& sent = doc_.sentences[s];
    uint32_t sb = sent.token_begin;
    uint32_t se = std::min<uint32_t>(sent.token_end, doc_.tokens.size());
    if (sb >= se || IsSubhead(s, sb, se)) return;
    std::vector<Match> matches;
    for (uint32_t i = sb; i < se; ++i) {
      const Token& t = Tok(i);
      Match best;
      bool have = false;
      auto consider = [&](string_view w) {
        const std::vector<uint32_t>* v = lex_.Lookup(w);
        if (!v) return;
        for (uint32_t pi : *v) {
          Match m;
          if (!TryMatch(lex_.patterns()[pi], i, sb, se, m)) continue;
          if (!have || m.score > best.score) {
            best = m;
            have = true;
          }
        }
      };
      consider(LemmaOf(t));
      if (!t.lemma.empty() && t.lemma != t.lower) consider(t.lower);
      // "re-examine", "re-impose": the verb without its hyphenated prefix.
      string_view base = LemmaOf(t);
      if (!have && base.size() > 5 && (StartsWith(base, "re-") || StartsWith(base, "co-"))) {
        consider(base.substr(3));
      }
      if (have) matches.push_back(best);
    }
    if (matches.empty()) return;
    // A trigger consumed by a longer pattern ("impose sanctions") goes.
    for (Match& a : matches) {
      if (a.score == 0) continue;
      for (Match& b : matches) {
        if (&a != &b && b.head > a.head && b.head < a.end) b.dropped = true;
      }
    }
    // Control verbs absorb triggers in their complement.
    std::vector<std::pair<const Match*, const Match*>> complements;
    for (Match& a : matches) {
      if (a.dropped || !a.pattern->control) continue;
      uint32_t clause_end = se;
      for (uint32_t j = a.end; j < se; ++j) {
        if (Lw(j) == ";" || (Lw(j) == "," && ReportAhead(j, se)) || CoordinatedVerbAt(j, se)) {
          clause_end = j;
          break;
        }
      }
      for (Match& b : matches) {
        if (&a != &b && !b.pattern->report && b.head >= a.end && b.head < clause_end &&
            b.head <= a.end + 8) {
          b.dropped = true;
          // "X agreed to lift sanctions on Y", "X pledged to expel Y": a
          // commitment's complement is coded too, with the committing
          // subject, beside the commitment itself.
          if (IsCommitment(*a.pattern) && !b.noun && !b.pattern->control &&
              ComplementOf(a, b.head)) {
            complements.emplace_back(&a, &b);
          }
        }
      }
    }
    // The reporting verbs of the sentence, for attribution.
    std::vector<const Match*> reports;
    for (const Match& m : matches) {
      if (!m.dropped && m.pattern->report) reports.push_back(&m);
    }
    // Non-event readings ("meet the need") only block their head.
    for (Match& m : matches) {
      if (m.pattern->null_event) m.dropped = true;
    }
    // Tokens inside relative and adverbial clauses ("which visited X,",
    // "after Y shot down Z") are not the sentence's main event.
    std::vector<bool> subordinate(se - sb, false);
    bool in_sub = false;
    for (uint32_t j = sb; j < se; ++j) {
      const Token& t = Tok(j);
      if (t.lower == "," || t.lower == ";") {
        in_sub = false;
      } else if (In(t.lower, kRelative) || (t.lower == "that" && t.tag == "WDT") ||
                 In(t.lower, kAdverbialOpeners)) {
        in_sub = true;
      }
      subordinate[j - sb] = in_sub;
    }
    // The sentence's main event: the first trigger that yields an event, in
    // the main clause if possible.
    size_t first_event = doc_.events.size();
    const Match* main = nullptr;
    std::vector<int32_t> main_sources;
    for (int pass = 0; pass < 2 && doc_.events.size() == first_event; ++pass) {
      for (const Match& m : matches) {
        if (m.dropped || m.pattern->report) continue;
        if (subordinate[m.head - sb] != (pass == 1)) continue;
        main_sources = EmitFor(m, s, sb, se, reports, first_event, nullptr);
        if (doc_.events.size() > first_event) {
          main = &m;
          break;
        }
      }
    }
    if (main == nullptr) return;
    // A receiving event without its giver, after a cooperative main event.
    if (main->pattern->code.size() >= 2 && main->pattern->code[0] == '0' &&
        main->pattern->code[1] >= '3' && main->pattern->code[1] <= '7' && !main_sources.empty()) {
      for (const Match& m : matches) {
        if (m.head <= main->head || m.dropped || !m.pattern->reversed || m.target >= 0) continue;
        giver_fallback_ = &main_sources;
        EmitFor(m, s, sb, se, reports, first_event, nullptr);
        giver_fallback_ = nullptr;
      }
    }
    // Verbs coordinated with the main one share its subject: "X backed Y
    // and urged Z to ...", "X pressed Y, offered mediation and refused ...".
    const Match* prev = main;
    std::vector<const Match*> coded = {main};
    for (const Match& m : matches) {
      if (m.head <= prev->head || m.dropped || m.pattern->report) continue;
      bool coordinated = false;
      uint32_t j = m.head;
      while (j > prev->head + 1) {
        --j;
        if (StartsWithTag(Tok(j), "RB") || Lw(j) == "also" || Lw(j) == "then") {
          continue;
        }
        coordinated = CoordinatedVerbAt(j, se) && !m.noun && !m.passive;
        break;
      }
      if (!coordinated) continue;
      size_t before = doc_.events.size();
      EmitFor(m, s, sb, se, reports, first_event, &main_sources);
      // "X visited Y and pledged more aid": a cooperative verb without a
      // target shares the previous cooperative event's.
      const Event* last = before > first_event ? &doc_.events[before - 1] : nullptr;
      for (size_t i = before; last && i < doc_.events.size(); ++i) {
        Event& ev = doc_.events[i];
        if (ev.target.code.empty() && !last->target.code.empty() && Cooperative(ev.code) &&
            Cooperative(last->code) && ev.source.code == last->source.code) {
          ev.target = last->target;
        }
      }
      coded.push_back(&m);
      prev = &m;
    }
    // A second main clause joined by ", and" / ", but" with its own subject
    // ("X sent aid to Y, and Z said W would send more") has its own event:
    // the first trigger after the conjunction.
    uint32_t clause_from = main->head;
    for (const Match& m : matches) {
      if (m.head <= clause_from || m.dropped || m.pattern->report || subordinate[m.head - sb]) {
        continue;
      }
      if (std::find(coded.begin(), coded.end(), &m) != coded.end()) continue;
      uint32_t boundary = 0;
      for (uint32_t j = clause_from + 1; j + 1 < m.head; ++j) {
        if (Lw(j) == "," && (Lw(j + 1) == "and" || Lw(j + 1) == "but") &&
            !CoordinatedVerbAt(j + 1, se) && mention_begin_[j + 2] >= 0) {
          boundary = j;
        }
      }
      if (boundary == 0) continue;
      EmitFor(m, s, sb, se, reports, first_event, nullptr, boundary + 2);
      clause_from = m.head;
    }
    // A relative clause on a named actor ("X, who visited Y on Monday,
    // said ...") is an event of its antecedent.
    for (const Match& m : matches) {
      if (&m == main || m.dropped || m.pattern->report || m.noun || m.passive) continue;
      if (!subordinate[m.head - sb]) continue;
      uint32_t j = m.head;
      while (j > sb && (StartsWithTag(Tok(j - 1), "RB") || Lw(j - 1) == "had" ||
                        Lw(j - 1) == "has" || Lw(j - 1) == "have")) {
        --j;
      }
      if (j < sb + 3 || Lw(j - 1) != "who" || Lw(j - 2) != ",") continue;
      int32_t antecedent = mention_end_[j - 3];
      if (antecedent < 0) continue;
      std::vector<int32_t> forced = {antecedent};
      EmitFor(m, s, sb, se, reports, first_event, &forced);
    }
    // The complements of commitments whose own event was coded.
    for (const auto& [a, b] : complements) {
      if (b->pattern->code.empty() || b->pattern->null_event) continue;
      std::vector<int32_t> subj;
      for (size_t i = first_event; i < doc_.events.size(); ++i) {
        const Event& e = doc_.events[i];
        if (e.trigger.begin == Tok(a->head).span.begin && e.source.mention >= 0 &&
            std::find(subj.begin(), subj.end(), e.source.mention) == subj.end()) {
          subj.push_back(e.source.mention);
        }
      }
      // A mutual agreement ("X and Y agreed to hold talks") is coded as the
      // agreement between the parties only.
      if (subj.size() == 1) EmitFor(*b, s, sb, se, reports, first_event, &subj);
    }
    // An event without a target is redundant beside one of the same source
    // and root that has one ("donated and delivered goods to X").
    auto& evs = doc_.events;
    for (size_t i = first_event; i < evs.size();) {
      bool redundant = false;
      if (evs[i].target.code.empty()) {
        for (size_t j = first_event; j < evs.size(); ++j) {
          if (j != i && !evs[j].target.code.empty() && evs[j].source.code == evs[i].source.code &&
              evs[j].code.compare(0, 2, evs[i].code, 0, 2) == 0) {
            redundant = true;
          }
        }
      }
      if (redundant) {
        evs.erase(evs.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
  }

  // Emits the events of match `m`; `forced_sources`, when given, replaces
  // the clause subject (a coordinated verb); subject mentions before token
  // `subject_from` (an earlier clause) are not taken. Returns the sources
  // used.
  std::vector<int32_t> EmitFor(const Match& m, uint32_t s, uint32_t sb, uint32_t se,
                               const std::vector<const Match*>& reports, size_t first_event,
                               const std::vector<int32_t>* forced_sources,
                               uint32_t subject_from = 0) {
    std::vector<int32_t> sources;
    std::vector<int32_t> targets;
    uint32_t verb = m.head;
    // The code of an unnamed crowd source (mention -1), or "".
    std::string crowd_code;
    // "cooperation between X and Y": the parties are the coordinated pair.
    bool between = false;
    // Not for mediation, whose parties are the targets of a third actor.
    if (m.noun && !forced_sources && !StartsWith(m.pattern->code, "045") &&
        !StartsWith(m.pattern->code, "039")) {
      // A symmetric noun also takes its parties from "of": "a conference of
      // officials of X and Y".
      for (uint32_t j = m.end; j < se && j <= m.end + 8; ++j) {
        if (IsPunct(Tok(j).lower)) break;
        bool of = Lw(j) == "of" && m.pattern->symmetric;
        if (Lw(j) != "between" && Lw(j) != "among" && !of) continue;
        int32_t a = MentionNear(j + 1, se, 3);
        if (a < 0 && of) continue;
        std::vector<int32_t> pair;
        if (a >= 0) AddCoordinatedRight(a, se, pair);
        if (pair.size() > 1) {
          sources = pair;
          between = true;
        }
        break;
      }
    }
    if (between) {
      // handled below as a symmetric event between the parties
    } else if (forced_sources) {
      sources = *forced_sources;
      if (m.passive) {
        sources.clear();
      } else if (m.target >= 0) {
        AddCoordinatedRight(m.target, se, targets);
      } else {
        targets = TargetAfter(m.head + 1, se, sources);
      }
    } else if (m.pattern->deontic) {
      // "X said (that) Y must ...": X demands of Y.
      const Match* rep = nullptr;
      for (const Match* r : reports) {
        if (r->head < m.head) rep = r;
      }
      if (!rep) return {};
      targets = Subject(m.head, sb, 0);
      sources = Subject(rep->head, sb, 0);
    } else if (m.noun) {
      // "an attack by X on Y", "X's attack", "X launched an attack on Y".
      for (uint32_t j = m.end; j < se && j <= m.end + 1; ++j) {
        if (Lw(j) == "by") {
          int32_t a = MentionNear(j + 1, se, 3);
          if (a >= 0) AddCoordinatedRight(a, se, sources);
          break;
        }
      }
      int32_t mod = NounModifier(m.head, sb);
      int64_t gv = GoverningVerb(mod >= 0 ? doc_.mentions[mod].token_begin : m.head, sb);
      if (sources.empty() && gv >= 0) {
        verb = static_cast<uint32_t>(gv);
        if (IsPassive(verb, sb)) {
          for (uint32_t j = m.end; j < se && j <= m.end + 6; ++j) {
            if (Lw(j) == "by") {
              int32_t a = MentionNear(j + 1, se, 3);
              if (a >= 0) AddCoordinatedRight(a, se, sources);
              break;
            }
          }
        } else if (!DefiniteNoun(m.head, sb) || In(LemmaOf(Tok(verb)), kCarryOn)) {
          sources = Subject(verb, sb, 2);
        }
      }
      if (sources.empty() && mod >= 0) {
        sources.push_back(mod);
        mod = -1;
      }
      if (m.target >= 0) {
        AddCoordinatedRight(m.target, se, targets);
      } else if (mod >= 0 && std::find(sources.begin(), sources.end(), mod) == sources.end()) {
        targets.push_back(mod);
      } else {
        targets = TargetAfter(m.end, se, sources);
      }
    } else if (m.passive) {
      // "Y was attacked by X".
      for (uint32_t j = m.end; j < se && j <= m.end + 6; ++j) {
        if (Lw(j) == "by") {
          int32_t a = MentionNear(j + 1, se, 3);
          if (a >= 0) AddCoordinatedRight(a, se, sources);
          break;
        }
      }
      targets = Subject(m.head, sb, 2);
      if (m.target >= 0 && targets.empty()) AddCoordinatedRight(m.target, se, targets);
      // "Sanctions were imposed on Y by X": no actor as the subject, the
      // target follows.
      if (targets.empty() && !sources.empty() && !Fronted(m.head, sb)) {
        targets = TargetAfter(m.head + 1, se, sources);
        std::erase_if(targets, [&](int32_t t) { return UnknownActor(t); });
      }
      // "Attacked by X, Y ...": the target is the main clause's subject.
      if (targets.empty() && Fronted(m.head, sb)) {
        for (uint32_t j = m.end; j + 1 < se && j < m.end + 12; ++j) {
          if (Lw(j) != ",") continue;
          int32_t t = MentionNear(j + 1, se, 3);
          if (t >= 0) AddCoordinatedRight(t, se, targets);
          break;
        }
      }
    } else if (m.pattern->reversed) {
      // "X received aid from Y": Y gives, X receives. With no giver named
      // ("Y supplied arms to Z, but X has received offers of weapons"), the
      // giver of the sentence's earlier cooperative event.
      if (m.target >= 0) {
        AddCoordinatedRight(m.target, se, sources);
      } else if (giver_fallback_) {
        sources = *giver_fallback_;
      }
      targets = Subject(m.head, sb, 2);
    } else {
      sources = Subject(m.head, sb, 2);
      std::erase_if(sources,
                    [&](int32_t x) { return doc_.mentions[x].token_begin < subject_from; });
      if (sources.empty() && m.pattern->code.size() >= 2 && m.pattern->code[0] == '1' &&
          m.pattern->code[1] >= '0' && m.pattern->code[1] <= '4') {
        crowd_code = CrowdSource(m.head, sb, se);
        if (!crowd_code.empty()) sources.push_back(-1);
      }
      if (m.target >= 0) {
        AddCoordinatedRight(m.target, se, targets);
      } else {
        targets = TargetAfter(m.head + 1, se, sources);
      }
    }
    if (targets.empty() && !sources.empty() && !m.passive && !between) {
      int32_t them = ThemAntecedent(m, sb, se, sources);
      if (them >= 0) targets.push_back(them);
    }
    if (sources.empty()) return sources;

    Modality mod = ModalityAt(verb, sb);
    if (verb != m.head && mod == Modality::kAsserted) mod = ModalityAt(m.head, sb);
    bool drop = false;
    std::string code = AdjustCode(m.pattern->code, mod, &drop);
    if (drop) return sources;

    // Attribution: a quote around the trigger, else a reporting verb.
    int32_t quote = -1;
    int32_t attributed = -1;
    const Span& trig = Tok(m.head).span;
    for (size_t q = 0; q < doc_.quotes.size(); ++q) {
      if (doc_.quotes[q].span.Contains(trig)) {
        quote = static_cast<int32_t>(q);
        attributed = doc_.quotes[q].speaker;
      }
    }
    // The reporter's mention when a reporting verb comes before the trigger
    // ("X said (that) Y attacked Z"), else -1.
    int32_t reporter = -1;
    if (attributed < 0) {
      for (const Match* r : reports) {
        // "a missile believed to be fired by X", "Y is said to have ...":
        // hearsay with no reporter.
        if (r->head + 1 < se && Lw(r->head + 1) == "to") continue;
        std::vector<int32_t> who = Subject(r->head, sb, 0);
        if (who.empty()) continue;
        bool self = false;
        for (int32_t x : sources) self = self || x == who[0];
        if (self) continue;
        attributed = static_cast<int32_t>(doc_.mentions[who[0]].entity);
        if (r->head < m.head) reporter = who[0];
        break;
      }
    }

    // Date: the nearest time expression in the sentence, else the story's.
    const Sentence& sent = doc_.sentences[s];
    int32_t timex = -1;
    uint32_t best_dist = UINT32_MAX;
    for (size_t t = 0; t < doc_.timexes.size(); ++t) {
      const Timex& tx = doc_.timexes[t];
      if (!sent.span.Contains(tx.span) || !tx.value.known()) continue;
      uint32_t d =
          tx.span.begin > trig.begin ? tx.span.begin - trig.begin : trig.begin - tx.span.begin;
      if (d < best_dist) {
        best_dist = d;
        timex = static_cast<int32_t>(t);
      }
    }
    Date story = doc_.ReferenceDate();
    Date date = story;
    if (timex >= 0) {
      Date tv = doc_.timexes[timex].value;
      // Compared at the story date's precision: "2 July" is not after a
      // story dated "July".
      auto key = [&](const Date& d) {
        return d.year * 10000 + (story.month ? d.month : 0) * 100 + (story.day ? d.day : 0);
      };
      if (mod == Modality::kAsserted && story.known() && key(tv) > key(story)) {
        timex = -1;
      } else {
        date = tv;
      }
    }

    // Place: a place named in the sentence, preferring one after "in"/"at".
    int32_t place = -1;
    bool place_loc = false;
    for (size_t p = 0; p < doc_.places.size(); ++p) {
      for (const Span& ps : doc_.places[p].mentions) {
        if (!sent.span.Contains(ps)) continue;
        bool loc = false;
        for (uint32_t j = sb + 1; j < se; ++j) {
          if (Tok(j).span.begin == ps.begin) {
            loc = In(Tok(j - 1).lower, kLocative) || Lw(j - 1) == "to";
            break;
          }
        }
        if (place < 0 || (loc && !place_loc)) {
          place = static_cast<int32_t>(p);
          place_loc = loc;
        }
      }
    }
    // The country of a place after "in"/"at" ("" when none is known).
    string_view place_country;
    if (place >= 0 && place_loc && place_countries_ &&
        static_cast<size_t>(place) < place_countries_->size() &&
        (*place_countries_)[place].size() == 3) {
      place_country = (*place_countries_)[place];
    }

    // "Egyptian police dispersed demonstrators": a non-state group without a
    // country as the object belongs to the source's country.
    const std::string* domestic_role = nullptr;
    if (targets.empty() && !between && !m.passive && !m.pattern->reversed) {
      for (uint32_t j = m.end; j < se && j < m.end + 8; ++j) {
        const Token& t = Tok(j);
        if (IsPunct(t.lower) || In(t.lower, kSubordinators) || In(t.lower, kRelative) ||
            IsReportHead(j) || mention_begin_[j] >= 0 || (j > m.end && CoordinatedVerbAt(j, se))) {
          break;
        }
        // A purpose clause keeps the object search going: "opened fire to
        // disperse demonstrators".
        bool purpose = t.tag == "VB" && j > m.end && Lw(j - 1) == "to";
        if (StartsWithTag(t, "VB") && j > m.end && !purpose) break;
        if ((domestic_role = lex_.GroupRole(t.lower)) != nullptr) break;
      }
    }

    bool accusation = false;
    auto emit = [&](int32_t src, int32_t tgt) {
      Event ev;
      if (src >= 0) {
        ev.source.mention = src;
        ev.source.entity = static_cast<int32_t>(doc_.mentions[src].entity);
        ev.source.code = MentionActorCode(doc_, src);
      } else {
        ev.source.code = crowd_code;
      }
      if (ev.source.code.empty()) return;
      string_view country = string_view(ev.source.code).substr(0, 3);
      bool state_source = !StateCountry(ev.source.code).empty();
      // Sanctions and cut ties (16) are aimed abroad: the firms of "X
      // blacklisted eight companies" are of no known country, not X's.
      bool abroad = StartsWith(code, "16");
      if (tgt < 0 && domestic_role && state_source && !abroad) {
        ev.target.code = std::string(country) + *domestic_role;
      }
      // Curfews, martial law, states of emergency and bans (172x) and their
      // easing (081) are imposed by a state on its own population; a protest
      // with no named target is aimed at the protesters' own authorities.
      // "X held exercises in Alaska", "X shelled villages in Y's north", "X
      // sent experts to Y to investigate": a use or show of force or an
      // investigation with no named target, in a place of another country,
      // is aimed at that country.
      if (tgt < 0 && ev.target.code.empty() && !place_country.empty() && country != place_country &&
          (StartsWith(code, "09") || StartsWith(code, "15") || StartsWith(code, "18") ||
           StartsWith(code, "19") || StartsWith(code, "20"))) {
        ev.target.code = std::string(place_country);
      }
      // A state organ's own protest (a diplomatic one) is not aimed at itself.
      bool organ_source =
          !Role(ev.source.code).empty() && !Lexicon::NonStateRole(Role(ev.source.code));
      if (tgt < 0 && ev.target.code.empty() && state_source &&
          (StartsWith(m.pattern->code, "172") || StartsWith(m.pattern->code, "081") ||
           (StartsWith(m.pattern->code, "14") && StartsWith(code, "14") && !organ_source))) {
        ev.target.code = std::string(country);
      }
      if (tgt >= 0) {
        ev.target.mention = tgt;
        ev.target.entity = static_cast<int32_t>(doc_.mentions[tgt].entity);
        ev.target.code = MentionActorCode(doc_, tgt);
        // A role group of no named country ("---OPP" students, "---REB"
        // rebels) acted on by a state's organ is that state's own, unless
        // the event is placed in another country: "US drones killed
        // militants in Pakistan" are Pakistan's militants.
        if (state_source && ev.target.code.size() > 3 && StartsWith(ev.target.code, "---")) {
          if (Lexicon::NonStateRole(Role(ev.target.code)) && !place_country.empty()) {
            ev.target.code.replace(0, 3, place_country);
          } else if (!abroad) {
            ev.target.code.replace(0, 3, country);
          }
        }
        if (SameActor(src, tgt)) return;
      }
      // A non-state group of no named country as the source ("---INS"
      // militants, "---OPP" protesters) belongs to the country where the
      // event takes place; with no place, a demand, disapproval,
      // rejection, threat or protest aimed at a state ("protesters demanded
      // the prime minister's resignation") is that state's domestic affair.
      if (StartsWith(ev.source.code, "---") && Lexicon::NonStateRole(Role(ev.source.code))) {
        string_view owner = place_country;
        if (owner.empty() && code[0] == '1' && code[1] <= '4') {
          owner = StateCountry(ev.target.code);
        }
        if (!owner.empty()) ev.source.code.replace(0, 3, owner);
      }
      // Cooperation between organs of one state is internal business; any
      // event of a government on itself ("RUSGOV" -> "RUSGOV") is a
      // misreading.
      if (tgt >= 0 && SameStateOrgans(ev.source.code, ev.target.code) &&
          ((code[0] == '0' && code[1] >= '3' && code[1] <= '6') ||
           (ev.source.code == ev.target.code && ev.source.code.size() > 3))) {
        return;
      }
      ev.code = code;
      ev.sentence = s;
      ev.trigger = Span{trig.begin, Tok(m.end > m.head ? m.end - 1 : m.head).span.end};
      ev.pattern = m.pattern->text + " -> " + m.pattern->code;
      if (accusation) ev.pattern += " (reported by the accuser) -> " + code;
      ev.modality = mod;
      ev.quote = quote;
      ev.attributed_to = attributed;
      ev.date = date;
      ev.timex = timex;
      ev.place = place;
      for (size_t i = first_event; i < doc_.events.size(); ++i) {
        const Event& o = doc_.events[i];
        if (o.source.code == ev.source.code && o.target.code == ev.target.code &&
            o.code == ev.code) {
          return;
        }
      }
      doc_.events.push_back(std::move(ev));
    };

    // "The Thai army said Cambodian troops fired at the post": an attack on
    // an unnamed military site ("the post", "its base") reported by a
    // state organ of another country is an attack on that reporter.
    bool uncoded_targets = true;
    for (int32_t t : targets)
      uncoded_targets = uncoded_targets && MentionActorCode(doc_, t).empty();
    if (uncoded_targets && !between && !m.passive && sources.size() == 1 && sources[0] >= 0 &&
        (StartsWith(code, "18") || StartsWith(code, "19"))) {
      bool site = false;
      for (uint32_t j = m.end; j + 1 < se && j < m.end + 10; ++j) {
        string_view w = Tok(j).lower;
        if (w == "," || w == ";" || IsReportHead(j)) break;
        string_view n = Tok(j + 1).lower;
        if ((w == "the" || w == "its" || w == "their") &&
            (n == "post" || n == "outpost" || n == "base" || n == "position" || n == "positions" ||
             n == "checkpoint" || n == "camp" || n == "garrison")) {
          site = true;
          break;
        }
      }
      std::string scode = MentionActorCode(doc_, sources[0]);
      for (const Match* r : reports) {
        if (!site || r->head > m.head) break;
        std::vector<int32_t> who = Subject(r->head, sb, 0);
        if (who.empty()) continue;
        std::string rcode = MentionActorCode(doc_, who[0]);
        if (rcode.size() == 6 && scode.size() >= 3 && rcode.compare(0, 3, "---") != 0 &&
            rcode.compare(0, 3, scode, 0, 3) != 0 &&
            (rcode.compare(3, 3, "MIL") == 0 || rcode.compare(3, 3, "GOV") == 0)) {
          targets.assign(1, who[0]);
        }
        break;
      }
    }
    // "X sent aid to Y, and said it would send a further shipment": more aid
    // from the same country with no recipient named goes to the recipient
    // of the sentence's earlier aid event.
    bool aid = StartsWith(code, "07") || StartsWith(code, "033");
    if (aid && targets.empty() && !between && sources.size() == 1 && !domestic_role) {
      std::string scode = sources[0] >= 0 ? MentionActorCode(doc_, sources[0]) : crowd_code;
      for (size_t i = first_event; i < doc_.events.size(); ++i) {
        const Event& o = doc_.events[i];
        bool o_aid = StartsWith(o.code, "07") || StartsWith(o.code, "033");
        if (o_aid && o.target.mention >= 0 && scode.size() >= 3 && o.source.code.size() >= 3 &&
            o.source.code.compare(0, 3, scode, 0, 3) == 0) {
          targets.push_back(o.target.mention);
          break;
        }
      }
    }
    // "A and B signed a deal in Lima": a place after "in"/"at" is not the
    // other party of a symmetric event between coordinated actors.
    if (m.pattern->symmetric && sources.size() > 1 && !targets.empty()) {
      uint32_t tb = doc_.mentions[targets[0]].token_begin;
      if (tb > sb && (Lw(tb - 1) == "in" || Lw(tb - 1) == "at")) targets.clear();
    }
    if (targets.empty() && (m.pattern->symmetric || between) && sources.size() > 1) {
      for (int32_t a : sources) {
        for (int32_t b : sources) {
          if (a != b) emit(a, b);
        }
      }
      return sources;
    }
    // Meetings and negotiations are coded in both directions.
    // "A met with B" is A's act: only A -> B (CAMEO codes the reverse only
    // when both are subjects, "A and B met", handled above). Talks and
    // negotiations ("held talks with B") stay mutual.
    bool meet_with =
        StartsWith(code, "040") && !m.noun &&
        (m.target >= 0 || (targets.size() == 1 && doc_.mentions[targets[0]].token_begin > sb &&
                           Lw(doc_.mentions[targets[0]].token_begin - 1) == "with"));
    bool both = m.pattern->symmetric && code[0] == '0' && code[1] == '4' && !meet_with;
    for (int32_t a : sources) {
      if (targets.empty()) {
        emit(a, -1);
      } else {
        for (int32_t b : targets) {
          emit(a, b);
          if (both) emit(b, a);
        }
      }
    }
    // "The US said Iraq had attacked Kuwait": a state reporting another
    // actor's use of force accuses that actor (112) as well.
    if (reporter >= 0 && quote < 0 && mod == Modality::kAsserted &&
        (StartsWith(code, "18") || StartsWith(code, "19") || StartsWith(code, "20")) &&
        StateReporter(reporter)) {
      std::string rcode = MentionActorCode(doc_, reporter);
      code = "112";
      accusation = true;
      for (int32_t a : sources) {
        std::string acode = a >= 0 ? MentionActorCode(doc_, a) : crowd_code;
        if (a >= 0 && !SameActor(a, reporter) && acode.size() >= 3 &&
            acode.compare(0, 3, rcode, 0, 3) != 0) {
          emit(reporter, a);
        }
      }
    }
    return sources;
  }

  // True when mention `m` is a state speaking as such: a country, its
  // capital, its government or military (not media, IGOs or unknown people).
  bool StateReporter(int32_t m) const {
    std::string c = MentionActorCode(doc_, m);
    if (StateCountry(c).empty()) return false;
    return c.size() == 3 || c.compare(3, 3, "GOV") == 0 || c.compare(3, 3, "MIL") == 0;
  }

  const Lexicon& lex_;
  Document& doc_;
  // The CAMEO country code of each of doc_.places (or ""), or nullptr.
  const std::vector<std::string>* place_countries_;
  // The giver of a receiving event with none named (see EmitFor), or null.
  const std::vector<int32_t>* giver_fallback_ = nullptr;
  std::vector<int32_t> mention_begin_;
  std::vector<int32_t> mention_end_;
  // For each mention, the other mention of a pair description, or -1.
  std::vector<int32_t> twin_;
  // PassiveAt's answers per token (-1: not asked yet) and the sentence
  // start each was asked for.
  mutable std::vector<int8_t> passive_;
  mutable std::vector<uint32_t> passive_sb_;
};

}  // namespace

std::string MentionActorCode(const Document& doc, int32_t m) {
  if (m < 0 || static_cast<size_t>(m) >= doc.mentions.size()) return "";
  return actors::MentionCode(doc, doc.mentions[m]);
}

void CodeDocument(const Lexicon& lexicon, Document& doc,
                  const std::vector<std::string>* place_countries) {
  Coder(lexicon, doc, place_countries).Run();
}

Status Run(const Config& config, Document& doc) {
  auto lex = Lexicon::Get(config);
  if (!lex.ok()) return lex.status();
  std::vector<std::string> place_countries;
  if (!doc.places.empty()) {
    auto gaz = places::Gazetteer::Get(config);
    if (!gaz.ok()) return gaz.status();
    for (const Place& p : doc.places) place_countries.push_back((*gaz)->Alpha3(p.country));
  }
  CodeDocument(**lex, doc, &place_countries);
  return Status::Ok();
}

}  // namespace dyad::events
