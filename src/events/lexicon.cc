#include "events/lexicon.h"

#include <algorithm>

#include "core/once.h"
#include "core/text.h"
#include "core/tsv.h"

namespace dyad::events {

namespace {

struct Irregular {
  const char* lemma;
  const char* forms;  // space-separated
};

// Irregular verb and noun forms that occur in news event language.
constexpr Irregular kIrregular[] = {
    {"meet", "met"},
    {"hold", "held"},
    {"fight", "fought"},
    {"strike", "struck"},
    {"send", "sent"},
    {"give", "gave given"},
    {"take", "took taken"},
    {"make", "made"},
    {"shoot", "shot"},
    {"seek", "sought"},
    {"tell", "told"},
    {"say", "said"},
    {"lead", "led"},
    {"bring", "brought"},
    {"throw", "threw thrown"},
    {"break", "broke broken"},
    {"blow", "blew blown"},
    {"beat", "beaten"},
    {"fly", "flew flown"},
    {"withdraw", "withdrew withdrawn"},
    {"forgive", "forgave forgiven"},
    {"begin", "began begun"},
    {"lay", "laid"},
    {"feel", "felt"},
    {"keep", "kept"},
    {"leave", "left"},
    {"put", "put"},
    {"set", "set"},
    {"cut", "cut"},
    {"hit", "hit"},
    {"sell", "sold"},
    {"buy", "bought"},
    {"win", "won"},
    {"lose", "lost"},
    {"undertake", "undertook undertaken"},
    {"overrun", "overran"},
    {"speak", "spoke spoken"},
    {"write", "wrote written"},
    {"steal", "stole stolen"},
    {"freeze", "froze frozen"},
    {"spend", "spent"},
    {"lend", "lent"},
    {"build", "built"},
    {"rise", "rose risen"},
    {"stand", "stood"},
    {"go", "went gone"},
    {"come", "came"},
    {"run", "ran"},
    {"sign", "signed"},
    {"child", "children"},
    {"man", "men"},
    {"foresee", "foresaw foreseen"},
    {"forbid", "forbade forbidden"},
    {"bid", "bid"},
    {"draw", "drew drawn"},
    {"hang", "hung"},
    {"flee", "fled"},
    {"slay", "slew slain"},
    {"wage", "waged"},
};

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

void AddForm(std::vector<std::string>& v, std::string s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

}  // namespace

std::vector<std::string> Inflections(std::string_view lemma) {
  std::vector<std::string> out;
  std::string w(lemma);
  AddForm(out, w);
  if (w.empty()) return out;
  // Multi-word heads are matched on their first word only; keep as is.
  char last = w.back();
  size_t n = w.size();
  if (last == 'y' && n > 1 && !IsVowel(w[n - 2])) {
    std::string stem = w.substr(0, n - 1);
    AddForm(out, stem + "ies");
    AddForm(out, stem + "ied");
    AddForm(out, w + "ing");
  } else if (last == 'e') {
    AddForm(out, w + "s");
    AddForm(out, w + "d");
    AddForm(out, w.substr(0, n - 1) + "ing");
  } else {
    bool sibilant =
        last == 's' || last == 'x' || last == 'z' || EndsWith(w, "ch") || EndsWith(w, "sh");
    AddForm(out, w + (sibilant ? "es" : "s"));
    AddForm(out, w + "ed");
    AddForm(out, w + "ing");
    // Doubled final consonant: "ban" -> "banned", "plan" -> "planning".
    if (n >= 3 && !IsVowel(last) && last != 'w' && last != 'x' && last != 'y' &&
        IsVowel(w[n - 2]) && !IsVowel(w[n - 3]) && n <= 5) {
      AddForm(out, w + last + "ed");
      AddForm(out, w + last + "ing");
    }
  }
  for (const Irregular& ir : kIrregular) {
    if (w == ir.lemma) {
      for (std::string_view f : Split(ir.forms, ' ')) AddForm(out, std::string(f));
    }
  }
  return out;
}

Result<const Lexicon*> Lexicon::Get(const Config& config) {
  std::string path = config.data_dir + "/verbs.tsv";
  std::string agents = config.data_dir + "/agents.tsv";
  return LoadOnce<Lexicon>(path, [&](Lexicon& lex) {
    Status st = lex.LoadFile(path);
    if (!st.ok()) return st;
    return lex.LoadGroups(agents);
  });
}

bool Lexicon::NonStateRole(std::string_view role) {
  static constexpr std::string_view kNonState[] = {"OPP", "REB", "INS", "SEP", "CVL",
                                                   "EDU", "LAB", "REF", "ACT", "HRI",
                                                   "REL", "MED", "BUS", "AGR", "HLH"};
  for (std::string_view r : kNonState) {
    if (r == role) return true;
  }
  return false;
}

Status Lexicon::LoadGroups(const std::string& path) {
  // phrase, role, class, canonical
  return ReadTsv(path, 3, [&](int, const std::vector<std::string_view>& f) {
    std::string_view phrase = Trim(f[0]), role = Trim(f[1]), cls = Trim(f[2]);
    if (cls != "group" || phrase.find(' ') != std::string_view::npos) return Status::Ok();
    if (NonStateRole(role)) AddGroup(phrase, role);
    return Status::Ok();
  });
}

void Lexicon::AddGroup(std::string_view word, std::string_view role) {
  groups_[AsciiLower(word)] = std::string(role);
}

const std::string* Lexicon::GroupRole(std::string_view word) const {
  auto it = groups_.find(word);
  return it == groups_.end() ? nullptr : &it->second;
}

Status Lexicon::LoadFile(const std::string& path) {
  // code, pattern, flags
  return ReadTsv(path, 2, [&](int line, const std::vector<std::string_view>& f) {
    return Add(Trim(f[0]), Trim(f[1]), f.size() > 2 ? Trim(f[2]) : std::string_view(), line);
  });
}

Status Lexicon::Add(std::string_view code, std::string_view pattern, std::string_view flags,
                    int line) {
  Pattern p;
  p.line = line;
  p.text = std::string(pattern);
  if (code != "-") {
    if (code.size() < 2 || code.size() > 4) {
      return Status::DataError("bad CAMEO code '" + std::string(code) + "'");
    }
    for (char c : code) {
      if (c < '0' || c > '9')
        return Status::DataError("bad CAMEO code '" + std::string(code) + "'");
    }
    p.code = std::string(code);
  }
  for (char c : flags) {
    switch (c) {
      case 'V':
        p.pos = HeadPos::kVerb;
        break;
      case 'N':
        p.pos = HeadPos::kNoun;
        break;
      case 'C':
        p.control = true;
        break;
      case 'S':
        p.symmetric = true;
        break;
      case 'R':
        p.report = true;
        break;
      case 'P':
        p.passive_only = true;
        break;
      case 'D':
        p.deontic = true;
        break;
      case 'X':
        p.reversed = true;
        break;
      case 'Z':
        p.null_event = true;
        break;
      case ' ':
      case '-':
      case ',':
        break;
      default:
        return Status::DataError("unknown flag '" + std::string(1, c) + "' in '" +
                                 std::string(flags) + "'");
    }
  }
  if ((p.report || p.null_event) != p.code.empty() || (p.report && p.null_event)) {
    return Status::DataError(
        "code '-' goes with flag R (reporting verb) or Z (not an event) and only with them");
  }
  std::vector<std::string_view> words;
  for (std::string_view w : Split(pattern, ' ')) {
    if (!w.empty()) words.push_back(w);
  }
  if (words.empty() || words[0] == "$") {
    return Status::DataError("pattern '" + std::string(pattern) + "' has no head word");
  }
  std::vector<std::string_view> heads = Split(words[0], '|');
  for (std::string_view h : heads) {
    if (h.empty()) return Status::DataError("empty head in '" + std::string(pattern) + "'");
  }
  p.head = AsciiLower(heads[0]);
  for (size_t i = 1; i < words.size(); ++i) {
    PatternElement e;
    std::string_view w = words[i];
    if (w.size() > 1 && w.back() == '?') {
      e.optional = true;
      w.remove_suffix(1);
    }
    if (w == "$") {
      e.target = true;
    } else {
      for (std::string_view alt : Split(w, '|')) {
        if (alt.empty())
          return Status::DataError("empty alternative in '" + std::string(pattern) + "'");
        for (std::string& f : Inflections(AsciiLower(alt))) AddForm(e.forms, std::move(f));
      }
    }
    p.elements.push_back(std::move(e));
  }
  uint32_t idx = static_cast<uint32_t>(patterns_.size());
  for (std::string_view h : heads) {
    for (const std::string& f : Inflections(AsciiLower(h))) {
      std::vector<uint32_t>& v = by_head_[f];
      if (v.empty() || v.back() != idx) v.push_back(idx);
    }
  }
  patterns_.push_back(std::move(p));
  return Status::Ok();
}

const std::vector<uint32_t>* Lexicon::Lookup(std::string_view word) const {
  auto it = by_head_.find(word);
  return it == by_head_.end() ? nullptr : &it->second;
}

}  // namespace dyad::events
