// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "tag/tag.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "core/once.h"
#include "core/text.h"
#include "core/tsv.h"

namespace dyad::tag {
namespace {

// Festival's WSJ tag set, in the order of the trigram file's vocabulary.
// "of" and "to" are tags of their own; "punc" covers all punctuation; "1" and
// "2" are unused markers.
constexpr int kNumTags = 38;
constexpr const char* kFestTags[kNumTags] = {
    "nn",  "punc", "nnp", "dt",  "in",  "jj",  "nns", "cd",  "rb",  "vbd", "vb", "prp",  "cc",
    "of",  "to",   "vbz", "vbn", "vbg", "vbp", "md",  "pos", "wdt", "jjr", "wp", "nnps", "wrb",
    "jjs", "rbr",  "rp",  "ex",  "rbs", "pdt", "fw",  "1",   "uh",  "sym", "ls", "2"};
// Penn names of the tags above ("" for those decided by the token).
constexpr const char* kPennTags[kNumTags] = {
    "NN",  "",    "NNP", "DT",  "IN",  "JJ",  "NNS", "CD",  "RB",  "VBD", "VB", "PRP",  "CC",
    "IN",  "TO",  "VBZ", "VBN", "VBG", "VBP", "MD",  "POS", "WDT", "JJR", "WP", "NNPS", "WRB",
    "JJS", "RBR", "RP",  "EX",  "RBS", "PDT", "FW",  "SYM", "UH",  "SYM", "LS", "SYM"};

enum : uint8_t {
  NN,
  PUNC,
  NNP,
  DT,
  IN,
  JJ,
  NNS,
  CD,
  RB,
  VBD,
  VB,
  PRP,
  CC,
  OF,
  TO,
  VBZ,
  VBN,
  VBG,
  VBP,
  MD,
  POS,
  WDT,
  JJR,
  WP,
  NNPS,
  WRB,
  JJS,
  RBR,
  RP,
  EX,
  RBS,
  PDT,
  FW,
  ONE,
  UH,
  SYM,
  LS,
  TWO
};

int FestTag(std::string_view name) {
  for (int i = 0; i < kNumTags; ++i) {
    if (name == kFestTags[i]) return i;
  }
  return -1;
}

// Open-class tags an unknown word may take.
constexpr int kNumOpen = 16;
constexpr uint8_t kOpenTags[kNumOpen] = {NN,  NNS, NNP, NNPS, JJ,  JJR, JJS, VB,
                                         VBD, VBN, VBG, VBZ,  VBP, RB,  CD,  FW};
// Index of each tag in kOpenTags, or -1.
constexpr std::array<int, kNumTags> kOpenIndex = [] {
  std::array<int, kNumTags> a{};
  for (int& v : a) v = -1;
  for (int i = 0; i < kNumOpen; ++i) a[kOpenTags[i]] = i;
  return a;
}();

// A distribution over the open tags.
using OpenDist = std::array<float, kNumOpen>;

// A tag with its emission score for one token.
struct Cand {
  uint8_t tag = NN;
  float score = 0;
};

constexpr int kMaxCands = 8;
constexpr float kNegInf = -1e30f;

bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsLowerAscii(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// The first code point of `s` (0 when empty).
char32_t FirstCodePoint(std::string_view s) {
  if (s.empty()) return 0;
  size_t i = 0;
  return DecodeUtf8(s, &i);
}

// True when `s` starts with a letter or digit.
bool StartsAlnum(std::string_view s) {
  if (!s.empty() && static_cast<unsigned char>(s[0]) < 0x80) {
    unsigned char a = static_cast<unsigned char>(s[0]);
    return IsUpper(a) || IsLowerAscii(a) || IsDigit(a);
  }
  char32_t c = FirstCodePoint(s);
  if (c < 0x80) return IsUpper(c) || IsLowerAscii(c) || IsDigit(c);
  return c != 0xFFFD && u_isalnum(static_cast<UChar32>(c));
}

// True when `s` starts with an upper-case or title-case letter.
bool StartsUpper(std::string_view s) {
  if (!s.empty() && static_cast<unsigned char>(s[0]) < 0x80) {
    return IsUpper(static_cast<unsigned char>(s[0]));
  }
  char32_t c = FirstCodePoint(s);
  if (c < 0x80) return IsUpper(c);
  return c != 0xFFFD && (u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c)));
}

}  // namespace

struct Tagger::Model {
  // Distinct for every model made in the process: the per-thread memos
  // below belong to one model at a time (an address could be reused).
  const uint64_t id = NextModelId();
  static uint64_t NextModelId() {
    static std::atomic<uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
  }
  // Festival lexicon: word -> [offset, offset + count) in `cands`.
  std::string lex_buf;
  std::unordered_map<std::string_view, std::pair<uint32_t, uint32_t>, StringHash> lex;
  std::vector<Cand> cands;
  // log P(t3 | t1, t2), index (t2 * T + t3) * T + t1: Viterbi reads it for
  // fixed t2, t3 and varying t1, which are then neighbours in memory.
  std::vector<float> tri;
  // Unigram tag probabilities.
  std::array<float, kNumTags> prior{};
  // Suffix (1-5 letters, a view into lex_buf) -> P(open tag | suffix) for
  // unknown words, as an index into suffix_dists.
  std::unordered_map<std::string_view, uint32_t, StringHash> suffix;
  std::vector<OpenDist> suffix_dists;
  OpenDist suffix_root{};
  // WordNet.
  std::string wn_buf[3];
  // Lemmas of WordNet's index files, sorted (views into wn_buf).
  std::vector<std::string_view> index_noun, index_verb, index_adj;
  std::unordered_map<std::string, std::string> exc_noun, exc_verb, exc_adj;

  Status LoadLexicon(const std::string& path);
  Status LoadTrigram(const std::string& path);
  void BuildSuffixModel();
  Status LoadWordNet(const std::string& dir);

  const std::pair<uint32_t, uint32_t>* Find(std::string_view w) const {
    auto it = lex.find(w);
    return it == lex.end() ? nullptr : &it->second;
  }
  // P(open tag | suffix of w).
  const OpenDist& SuffixDist(std::string_view w) const;
  // Fills candidates for a token; returns their number.
  int Candidates(std::string_view surface, std::string_view lower, bool initial, bool caps_sentence,
                 Cand* out) const;
  // Candidates from a probability distribution over tags.
  int FromDist(const std::array<float, kNumTags>& p, Cand* out) const;
  bool ValidVerb(std::string_view w) const {
    return std::binary_search(index_verb.begin(), index_verb.end(), w);
  }
  bool ValidNoun(std::string_view w) const {
    return std::binary_search(index_noun.begin(), index_noun.end(), w);
  }
  bool ValidAdj(std::string_view w) const {
    return std::binary_search(index_adj.begin(), index_adj.end(), w);
  }
  std::string VerbLemma(std::string_view w) const;
  std::string NounLemma(std::string_view w) const;
  std::string AdjLemma(std::string_view w) const;
};

Status Tagger::Model::LoadLexicon(const std::string& path) {
  DYAD_RETURN_IF_ERROR(ReadFile(path, &lex_buf));
  lex.reserve(40000);
  cands.reserve(70000);
  const char* p = lex_buf.data();
  const char* end = p + lex_buf.size();
  int line = 0;
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
    const char* le = nl ? nl : end;
    ++line;
    if (le - p >= 2 && p[0] == '(' && p[1] == '"') {
      const char* w = p + 2;
      const char* q = static_cast<const char*>(std::memchr(w, '"', le - w));
      auto bad = [&](const char* what) {
        return Status::DataError(path + ":" + std::to_string(line) + ": " + what);
      };
      if (q == nullptr || q == w) return bad("bad word");
      std::string_view word(w, q - w);
      uint32_t off = static_cast<uint32_t>(cands.size());
      const char* r = q + 1;
      while (r < le && *r == ' ') ++r;
      if (r + 1 >= le || r[0] != '(' || r[1] != '(') return bad("expected '(('");
      ++r;
      while (r < le && *r == '(') {
        ++r;
        const char* ts = r;
        while (r < le && *r != ' ') ++r;
        int tag = FestTag(std::string_view(ts, r - ts));
        if (tag < 0) return bad("unknown tag");
        while (r < le && *r == ' ') ++r;
        float v = 0;
        auto res = std::from_chars(r, le, v);
        if (res.ec != std::errc()) return bad("bad number");
        r = res.ptr;
        if (r >= le || *r != ')') return bad("expected ')'");
        ++r;
        while (r < le && *r == ' ') ++r;
        cands.push_back(Cand{static_cast<uint8_t>(tag), v});
      }
      uint32_t n = static_cast<uint32_t>(cands.size()) - off;
      if (n == 0) return bad("no tags");
      lex.emplace(word, std::make_pair(off, n));
    }
    p = le + 1;
  }
  if (lex.empty()) return Status::DataError(path + ": no entries");
  return Status::Ok();
}

Status Tagger::Model::LoadTrigram(const std::string& path) {
  std::string d;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &d));
  // Header: "NgramBin_2 <order>\n<vocab>\n<pred vocab>\n", then big-endian
  // doubles, one per (context, tag), where a negative value -k after a value
  // means "this value k times".
  size_t l1 = d.find('\n');
  size_t l2 = l1 == std::string::npos ? l1 : d.find('\n', l1 + 1);
  size_t l3 = l2 == std::string::npos ? l2 : d.find('\n', l2 + 1);
  if (d.compare(0, 11, "NgramBin_2 ") != 0 || l3 == std::string::npos ||
      d.compare(11, l1 - 11, "3") != 0) {
    return Status::DataError(path + ": not a Festival trigram (NgramBin_2 3) file");
  }
  std::vector<int> vocab;
  for (std::string_view v : {std::string_view(d).substr(l1 + 1, l2 - l1 - 1),
                             std::string_view(d).substr(l2 + 1, l3 - l2 - 1)}) {
    vocab.clear();
    size_t i = 0;
    while (i < v.size()) {
      while (i < v.size() && v[i] == ' ') ++i;
      size_t j = i;
      while (j < v.size() && v[j] != ' ') ++j;
      if (j > i) {
        int t = FestTag(v.substr(i, j - i));
        if (t < 0)
          return Status::DataError(path + ": unknown tag " + std::string(v.substr(i, j - i)));
        vocab.push_back(t);
      }
      i = j;
    }
    if (vocab.size() != kNumTags) return Status::DataError(path + ": expected 38 tags");
  }
  // Both vocabularies are the same list in the file; `vocab` maps file order
  // to ours.
  size_t n = (d.size() - l3 - 1) / 8;
  std::vector<double> vals;
  vals.reserve(kNumTags * kNumTags * kNumTags);
  const unsigned char* b = reinterpret_cast<const unsigned char*>(d.data()) + l3 + 1;
  auto get = [&](size_t k) {
    uint64_t u = 0;
    for (int i = 0; i < 8; ++i) u = (u << 8) | b[k * 8 + i];
    double x;
    std::memcpy(&x, &u, 8);
    return x;
  };
  for (size_t k = 0; k < n;) {
    double v = get(k);
    if (!(v >= 0)) return Status::DataError(path + ": bad count at entry " + std::to_string(k));
    if (k + 1 < n && get(k + 1) < 0) {
      double rep = -get(k + 1);
      if (rep > 1e6) return Status::DataError(path + ": bad run length");
      for (int r = 0; r < static_cast<int>(rep); ++r) vals.push_back(v);
      k += 2;
    } else {
      vals.push_back(v);
      k += 1;
    }
  }
  constexpr size_t kCells = static_cast<size_t>(kNumTags) * kNumTags * kNumTags;
  if (vals.size() != kCells) {
    return Status::DataError(path + ": expected " + std::to_string(kCells) + " counts, found " +
                             std::to_string(vals.size()));
  }
  std::vector<double> c3(kCells), c2(kNumTags * kNumTags, 0), c1(kNumTags, 0);
  for (int a = 0; a < kNumTags; ++a) {
    for (int bb = 0; bb < kNumTags; ++bb) {
      for (int c = 0; c < kNumTags; ++c) {
        double v = vals[(static_cast<size_t>(a) * kNumTags + bb) * kNumTags + c];
        int ta = vocab[a], tb = vocab[bb], tc = vocab[c];
        c3[(static_cast<size_t>(ta) * kNumTags + tb) * kNumTags + tc] = v;
        c2[tb * kNumTags + tc] += v;
        c1[tc] += v;
      }
    }
  }
  double total = 0;
  for (double v : c1) total += v;
  for (int t = 0; t < kNumTags; ++t)
    prior[t] = static_cast<float>((c1[t] + 1) / (total + kNumTags));
  tri.assign(kCells, 0);
  for (int a = 0; a < kNumTags; ++a) {
    for (int bb = 0; bb < kNumTags; ++bb) {
      double s3 = 0, s2 = 0;
      for (int c = 0; c < kNumTags; ++c) {
        s3 += c3[(static_cast<size_t>(a) * kNumTags + bb) * kNumTags + c];
        s2 += c2[bb * kNumTags + c];
      }
      for (int c = 0; c < kNumTags; ++c) {
        double p3 = s3 > 0 ? c3[(static_cast<size_t>(a) * kNumTags + bb) * kNumTags + c] / s3 : 0;
        double p2 = s2 > 0 ? c2[bb * kNumTags + c] / s2 : 0;
        double p = 0.6 * p3 + 0.3 * p2 + 0.1 * prior[c];
        tri[(static_cast<size_t>(bb) * kNumTags + c) * kNumTags + a] =
            static_cast<float>(std::log(p + 1e-9));
      }
    }
  }
  return Status::Ok();
}

void Tagger::Model::BuildSuffixModel() {
  // Estimated joint counts of rare words and open tags: P(w|t) * count(t).
  // Keys are views into lex_buf.
  std::unordered_map<std::string_view, uint32_t> index;
  index.reserve(60000);
  std::vector<OpenDist> acc;
  acc.reserve(60000);
  OpenDist root{};
  // In lexicon file order, so that the sums do not depend on the hash table.
  std::vector<std::pair<std::string_view, std::pair<uint32_t, uint32_t>>> words(lex.begin(),
                                                                                lex.end());
  std::sort(words.begin(), words.end(),
            [](const auto& a, const auto& b) { return a.second.first < b.second.first; });
  for (const auto& [word, range] : words) {
    if (word.size() < 4) continue;
    bool alpha = true;
    for (char c : word) alpha = alpha && IsLowerAscii(static_cast<unsigned char>(c));
    if (!alpha) continue;
    OpenDist c{};
    float sum = 0;
    for (uint32_t k = 0; k < range.second; ++k) {
      const Cand& cd = cands[range.first + k];
      int o = kOpenIndex[cd.tag];
      if (o < 0) continue;
      float v = std::exp(cd.score) * prior[cd.tag] * 1e6f;
      c[o] += v;
      sum += v;
    }
    if (sum > 30 || sum <= 0) continue;  // frequent words say little about unknown ones
    for (int t = 0; t < kNumOpen; ++t) root[t] += c[t];
    for (size_t len = 1; len <= 5 && len + 2 <= word.size(); ++len) {
      auto [it, fresh] =
          index.emplace(word.substr(word.size() - len), static_cast<uint32_t>(acc.size()));
      if (fresh) acc.push_back(OpenDist{});
      OpenDist& a = acc[it->second];
      for (int t = 0; t < kNumOpen; ++t) a[t] += c[t];
    }
  }
  auto normalise = [](OpenDist& a) {
    float s = 0;
    for (float v : a) s += v;
    if (s > 0) {
      for (float& v : a) v /= s;
    }
  };
  normalise(root);
  suffix_root = root;
  // Smooth each suffix with its one-shorter parent: (P + theta P') / (1 + theta).
  constexpr float kTheta = 0.3f;
  suffix.reserve(index.size());
  for (size_t len = 1; len <= 5; ++len) {
    for (const auto& [sv, i] : index) {
      if (sv.size() != len) continue;
      OpenDist p = acc[i];
      float mass = 0;
      for (float v : p) mass += v;
      if (mass < 3) continue;  // too little evidence
      normalise(p);
      const OpenDist* parent = &suffix_root;
      if (len > 1) {
        auto it = suffix.find(sv.substr(1));
        if (it != suffix.end()) parent = &suffix_dists[it->second];
      }
      for (int t = 0; t < kNumOpen; ++t) p[t] = (p[t] + kTheta * (*parent)[t]) / (1 + kTheta);
      suffix.emplace(sv, static_cast<uint32_t>(suffix_dists.size()));
      suffix_dists.push_back(p);
    }
  }
}

const OpenDist& Tagger::Model::SuffixDist(std::string_view w) const {
  for (size_t len = std::min<size_t>(5, w.size() > 1 ? w.size() - 1 : 0); len >= 1; --len) {
    auto it = suffix.find(w.substr(w.size() - len));
    if (it != suffix.end()) return suffix_dists[it->second];
  }
  return suffix_root;
}

Status Tagger::Model::LoadWordNet(const std::string& dir) {
  const char* names[3] = {"index.noun", "index.verb", "index.adj"};
  std::vector<std::string_view>* sets[3] = {&index_noun, &index_verb, &index_adj};
  for (int k = 0; k < 3; ++k) {
    std::string path = dir + "/" + names[k];
    DYAD_RETURN_IF_ERROR(ReadFile(path, &wn_buf[k]));
    std::string_view s(wn_buf[k]);
    sets[k]->reserve(k == 0 ? 120000 : 25000);
    size_t i = 0;
    while (i < s.size()) {
      size_t nl = s.find('\n', i);
      if (nl == std::string_view::npos) nl = s.size();
      if (s[i] != ' ') {
        size_t sp = s.find(' ', i);
        if (sp == std::string_view::npos || sp > nl) sp = nl;
        sets[k]->push_back(s.substr(i, sp - i));
      }
      i = nl + 1;
    }
    // The files are sorted already; sort only if one is not.
    if (!std::is_sorted(sets[k]->begin(), sets[k]->end()))
      std::sort(sets[k]->begin(), sets[k]->end());
  }
  const char* exc_names[3] = {"noun.exc", "verb.exc", "adj.exc"};
  std::unordered_map<std::string, std::string>* excs[3] = {&exc_noun, &exc_verb, &exc_adj};
  for (int k = 0; k < 3; ++k) {
    std::string path = dir + "/" + exc_names[k];
    std::string buf;
    DYAD_RETURN_IF_ERROR(ReadFile(path, &buf));
    std::string_view s(buf);
    size_t i = 0;
    while (i < s.size()) {
      size_t nl = s.find('\n', i);
      if (nl == std::string_view::npos) nl = s.size();
      std::string_view l = s.substr(i, nl - i);
      size_t sp = l.find(' ');
      if (sp != std::string_view::npos) {
        std::string_view base = l.substr(sp + 1);
        size_t sp2 = base.find(' ');
        if (sp2 != std::string_view::npos) base = base.substr(0, sp2);
        excs[k]->emplace(std::string(l.substr(0, sp)), std::string(base));
      }
      i = nl + 1;
    }
  }
  return Status::Ok();
}

int Tagger::Model::FromDist(const std::array<float, kNumTags>& p, Cand* out) const {
  int n = 0;
  for (int t = 0; t < kNumTags; ++t) {
    if (p[t] < 0.01f) continue;
    Cand c{static_cast<uint8_t>(t), std::log(p[t]) - std::log(prior[t])};
    if (n < kMaxCands) {
      out[n++] = c;
    } else {
      int worst = 0;
      for (int k = 1; k < n; ++k) {
        if (out[k].score < out[worst].score) worst = k;
      }
      if (c.score > out[worst].score) out[worst] = c;
    }
  }
  if (n == 0) out[n++] = Cand{NN, 0};
  return n;
}

int Tagger::Model::Candidates(std::string_view surface, std::string_view lower, bool initial,
                              bool caps_sentence, Cand* out) const {
  bool alnum_start = StartsAlnum(surface);
  bool cap = StartsUpper(surface);
  int letters = 0, uppers = 0, digits = 0;
  bool hyphen = false;
  for (char ch : surface) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (IsUpper(c)) ++uppers, ++letters;
    if (IsLowerAscii(c)) ++letters;
    if (IsDigit(c)) ++digits;
    if (c == '-') hyphen = true;
  }
  const auto* known = Find(lower);
  // Acronyms in running text are names: "US", "NATO", "COAS".
  if (alnum_start && !caps_sentence && uppers >= 2 && uppers == letters && digits == 0 &&
      surface.find('.') == std::string_view::npos) {
    out[0] = Cand{NNP, 0};
    return 1;
  }
  if (known) {
    int n = 0;
    bool has_nnp = false, has_nns = false, has_other = false;
    for (uint32_t k = 0; k < known->second && n < kMaxCands; ++k) {
      const Cand& c = cands[known->first + k];
      if (c.tag == ONE || c.tag == TWO) continue;
      if (c.tag == NNP || c.tag == NNPS)
        has_nnp = true;
      else
        has_other = true;
      if (c.tag == NNS) has_nns = true;
      out[n++] = c;
    }
    // The lexicon misses some regular forms: "arrested" only as VBN, "bury"
    // only as VBP. A past form is both VBD and VBN; a base form both VB and VBP.
    bool ed = lower.size() > 3 && lower.ends_with("ed");
    int vbd = -1, vbn = -1, vb = -1, vbp = -1;
    for (int k = 0; k < n; ++k) {
      if (out[k].tag == VBD) vbd = k;
      if (out[k].tag == VBN) vbn = k;
      if (out[k].tag == VB) vb = k;
      if (out[k].tag == VBP) vbp = k;
    }
    if (ed && vbd >= 0 && vbn < 0 && n < kMaxCands) out[n++] = Cand{VBN, out[vbd].score - 2};
    if (ed && vbn >= 0 && vbd < 0 && n < kMaxCands) out[n++] = Cand{VBD, out[vbn].score - 2};
    if (vb >= 0 && vbp < 0 && n < kMaxCands) out[n++] = Cand{VBP, out[vb].score - 2};
    if (vbp >= 0 && vb < 0 && n < kMaxCands) out[n++] = Cand{VB, out[vbp].score - 2};
    if (alnum_start && !cap && has_other) {
      // A lower-case word is not a proper noun.
      int m = 0;
      for (int k = 0; k < n; ++k) {
        if (out[k].tag != NNP && out[k].tag != NNPS) out[m++] = out[k];
      }
      n = m;
    } else if (cap && !initial && !caps_sentence) {
      if (has_nnp) {
        for (int k = 0; k < n; ++k) {
          if (out[k].tag == NNP || out[k].tag == NNPS) out[k].score += 2.0f;
        }
      } else if (n < kMaxCands) {
        out[n++] = Cand{has_nns ? NNPS : NNP, -10.5f};
      }
    }
    if (n > 0) return n;
  }
  if (!alnum_start) {
    out[0] = Cand{PUNC, 0};
    return 1;
  }
  std::array<float, kNumTags> p{};
  std::array<float, kNumTags> s{};
  {
    const OpenDist& od = SuffixDist(lower);
    for (int o = 0; o < kNumOpen; ++o) s[kOpenTags[o]] = od[o];
    if (!cap) s[NNP] = s[NNPS] = 0;  // a lower-case word is not a name
  }
  if (cap && !caps_sentence) {
    float w = initial ? 0.6f : 0.85f;
    bool plural = lower.size() > 3 && lower.back() == 's' && lower[lower.size() - 2] != 's';
    p[NNP] += w * (plural ? 0.75f : 1.0f);
    if (plural) p[NNPS] += w * 0.25f;
    if (hyphen) p[JJ] += 0.05f;
    for (int t = 0; t < kNumTags; ++t) p[t] += (1 - w) * s[t];
    return FromDist(p, out);
  }
  if (digits > 0) {
    size_t len = lower.size();
    bool ordinal = len >= 3 && IsDigit(static_cast<unsigned char>(lower[len - 3])) &&
                   (lower.ends_with("st") || lower.ends_with("nd") || lower.ends_with("rd") ||
                    lower.ends_with("th"));
    if (ordinal) {
      p[JJ] = 0.9f;
      p[CD] = 0.1f;
    } else if (letters > 0 && lower.back() == 's') {
      p[NNS] = 0.5f;
      p[CD] = 0.5f;
    } else if (letters > digits) {
      p[NN] = 0.5f;
      p[CD] = 0.3f;
      p[JJ] = 0.2f;
    } else {
      p[CD] = 1.0f;
    }
    return FromDist(p, out);
  }
  if (hyphen) {
    size_t dash = lower.rfind('-');
    const auto* last = Find(lower.substr(dash + 1));
    std::array<float, kNumTags> lp{};
    float sum = 0;
    if (last) {
      for (uint32_t k = 0; k < last->second; ++k) {
        const Cand& c = cands[last->first + k];
        if (c.tag == NNP || c.tag == NNPS || c.tag == ONE || c.tag == TWO) continue;
        float v = std::exp(c.score) * prior[c.tag];
        lp[c.tag] += v;
        sum += v;
      }
    }
    if (sum > 0) {
      for (int t = 0; t < kNumTags; ++t) p[t] = 0.45f * lp[t] / sum + 0.15f * s[t];
      p[JJ] += 0.4f;
    } else {
      for (int t = 0; t < kNumTags; ++t) p[t] = 0.4f * s[t];
      p[JJ] += 0.6f;
    }
    return FromDist(p, out);
  }
  return FromDist(s, out);
}

std::string Tagger::Model::VerbLemma(std::string_view w) const {
  std::string word(w);
  if (auto it = exc_verb.find(word); it != exc_verb.end()) return it->second;
  if (ValidVerb(word)) return word;
  auto try_stem = [&](std::string_view stem, bool cvc_e_first) -> std::string {
    std::string bare(stem), with_e = std::string(stem) + "e";
    if (cvc_e_first) {
      if (ValidVerb(with_e)) return with_e;
      if (ValidVerb(bare)) return bare;
    } else {
      if (ValidVerb(bare)) return bare;
      if (ValidVerb(with_e)) return with_e;
    }
    size_t n = stem.size();
    if (n >= 3 && stem[n - 1] == stem[n - 2] && !IsVowel(stem[n - 1])) {
      std::string undoubled(stem.substr(0, n - 1));
      if (ValidVerb(undoubled)) return undoubled;
    }
    return "";
  };
  auto cvc = [](std::string_view s) {
    size_t n = s.size();
    return n >= 2 && !IsVowel(s[n - 1]) && s[n - 1] != 'w' && s[n - 1] != 'x' && s[n - 1] != 'y' &&
           IsVowel(s[n - 2]) && (n < 3 || !IsVowel(s[n - 3]));
  };
  auto ends = [&](std::string_view suf) { return w.size() > suf.size() + 1 && w.ends_with(suf); };
  if (ends("ied")) {
    std::string y = std::string(w.substr(0, w.size() - 3)) + "y";
    if (ValidVerb(y)) return y;
  }
  if (ends("ed")) {
    std::string_view stem = w.substr(0, w.size() - 2);
    std::string r = try_stem(stem, cvc(stem));
    if (!r.empty()) return r;
    // Unknown verb: guess.
    if (ends("ied")) return std::string(w.substr(0, w.size() - 3)) + "y";
    size_t n = stem.size();
    if (n >= 3 && stem[n - 1] == stem[n - 2] && !IsVowel(stem[n - 1]) && stem[n - 1] != 'l' &&
        stem[n - 1] != 's')
      return std::string(stem.substr(0, n - 1));
    return std::string(stem);
  }
  if (ends("ing")) {
    std::string_view stem = w.substr(0, w.size() - 3);
    std::string r = try_stem(stem, cvc(stem));
    if (!r.empty()) return r;
    return std::string(stem);
  }
  if (ends("ies")) {
    std::string y = std::string(w.substr(0, w.size() - 3)) + "y";
    if (ValidVerb(y)) return y;
  }
  if (w.size() > 2 && w.back() == 's') {
    std::string s1(w.substr(0, w.size() - 1));
    if (ValidVerb(s1)) return s1;
    if (ends("es")) {
      std::string s2(w.substr(0, w.size() - 2));
      if (ValidVerb(s2)) return s2;
    }
    if (ends("ies")) return std::string(w.substr(0, w.size() - 3)) + "y";
    return s1;
  }
  return word;
}

std::string Tagger::Model::NounLemma(std::string_view w) const {
  std::string word(w);
  if (auto it = exc_noun.find(word); it != exc_noun.end()) return it->second;
  auto ends = [&](std::string_view suf) { return w.size() > suf.size() && w.ends_with(suf); };
  static constexpr std::pair<std::string_view, std::string_view> kRules[] = {
      {"s", ""},    {"ies", "y"},   {"es", ""},     {"ses", "s"},  {"xes", "x"},
      {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}};
  for (const auto& [suf, rep] : kRules) {
    if (!ends(suf)) continue;
    std::string cand = std::string(w.substr(0, w.size() - suf.size())) + std::string(rep);
    if (ValidNoun(cand)) return cand;
  }
  if (ValidNoun(word)) return word;
  if (ends("ies") && w.size() > 4) return std::string(w.substr(0, w.size() - 3)) + "y";
  if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) {
    return std::string(w.substr(0, w.size() - 1));
  }
  return word;
}

std::string Tagger::Model::AdjLemma(std::string_view w) const {
  std::string word(w);
  if (auto it = exc_adj.find(word); it != exc_adj.end()) return it->second;
  auto ends = [&](std::string_view suf) { return w.size() > suf.size() + 1 && w.ends_with(suf); };
  for (std::string_view suf : {std::string_view("est"), std::string_view("er")}) {
    if (!ends(suf)) continue;
    std::string stem(w.substr(0, w.size() - suf.size()));
    if (ValidAdj(stem)) return stem;
    if (ValidAdj(stem + "e")) return stem + "e";
    if (stem.size() >= 2 && stem.back() == 'i') {
      std::string y = stem.substr(0, stem.size() - 1) + "y";
      if (ValidAdj(y)) return y;
    }
  }
  return word;
}

Tagger::Tagger() = default;
Tagger::~Tagger() = default;

Status Tagger::Load(const Config& config) {
  auto m = std::make_unique<Model>();
  DYAD_RETURN_IF_ERROR(m->LoadLexicon(config.poslex_path));
  size_t slash = config.poslex_path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : config.poslex_path.substr(0, slash);
  DYAD_RETURN_IF_ERROR(m->LoadTrigram(dir + "/wsj.wp39.tri.ngrambin"));
  m->BuildSuffixModel();
  DYAD_RETURN_IF_ERROR(m->LoadWordNet(config.wordnet_dir));
  m_ = std::move(m);
  return Status::Ok();
}

Result<const Tagger*> Tagger::Get(const Config& config) {
  return LoadOnce<Tagger>("tag:" + config.poslex_path + "|" + config.wordnet_dir,
                          [&](Tagger& t) { return t.Load(config); });
}

namespace {

// The WordNet lemmatisers probe sorted index lists several times per word;
// news text repeats its words, so each thread memoises their answers, keyed
// by part of speech and word (for one model at a time). The memo is bounded: it starts afresh when
// full.
template <typename F>
std::string CachedLemma(uint64_t owner, char pos, std::string_view lower, F compute) {
  thread_local std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> memo;
  thread_local uint64_t memo_owner = 0;
  thread_local std::string key;
  if (memo_owner != owner) {
    memo.clear();
    memo_owner = owner;
  }
  key.assign(1, pos);
  key.append(lower);
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  std::string lemma = compute();
  if (memo.size() >= 200000) memo.clear();
  memo.emplace(key, lemma);
  return lemma;
}

}  // namespace

std::string Tagger::Lemma(std::string_view lower, std::string_view tag) const {
  if (tag.empty()) return std::string(lower);
  if (tag == "NNP" || tag == "NNPS") return std::string(lower);
  if (lower == "n't") return "not";
  if (tag[0] == 'V') {
    if (lower == "'s" || lower == "'re" || lower == "'m" || lower == "are" || lower == "am" ||
        lower == "is" || lower == "was" || lower == "were" || lower == "been" || lower == "being" ||
        lower == "ai")
      return "be";
    if (lower == "'ve" || lower == "'d" || lower == "has" || lower == "had" || lower == "having")
      return "have";
    if (tag == "VB" || tag == "VBP") return std::string(lower);
    return CachedLemma(m_->id, 'v', lower, [&] { return m_->VerbLemma(lower); });
  }
  if (tag == "MD") {
    if (lower == "'ll" || lower == "wo") return "will";
    if (lower == "'d") return "would";
    if (lower == "ca") return "can";
    return std::string(lower);
  }
  if (tag == "NNS") return CachedLemma(m_->id, 'n', lower, [&] { return m_->NounLemma(lower); });
  if (tag == "JJR" || tag == "JJS" || tag == "RBR" || tag == "RBS") {
    return CachedLemma(m_->id, 'a', lower, [&] { return m_->AdjLemma(lower); });
  }
  return std::string(lower);
}

namespace {

// Model::Candidates depends on the token's surface and lower-case forms and
// two flags only, and news text repeats its words: each thread memoises the
// candidates (for one model at a time). The memo is bounded: it starts
// afresh when full.
int MemoCandidates(const Tagger::Model& m, std::string_view surface, std::string_view lower,
                   bool initial, bool caps_sentence, Cand* out) {
  struct Entry {
    int n = 0;
    std::array<Cand, kMaxCands> cands;
  };
  thread_local std::unordered_map<std::string, Entry, StringHash, std::equal_to<>> memo;
  thread_local uint64_t memo_model = 0;
  thread_local std::string key;
  if (memo_model != m.id) {
    memo.clear();
    memo_model = m.id;
  }
  // Flags, the surface's length, the surface, the lower-case form.
  uint32_t len = static_cast<uint32_t>(surface.size());
  key.assign(1, static_cast<char>((initial ? 1 : 0) | (caps_sentence ? 2 : 0)));
  key.append(reinterpret_cast<const char*>(&len), sizeof(len));
  key.append(surface);
  key.append(lower);
  if (auto it = memo.find(std::string_view(key)); it != memo.end()) {
    std::copy_n(it->second.cands.begin(), it->second.n, out);
    return it->second.n;
  }
  Entry e;
  e.n = m.Candidates(surface, lower, initial, caps_sentence, e.cands.data());
  std::copy_n(e.cands.begin(), e.n, out);
  if (memo.size() >= 100000) memo.clear();
  memo.emplace(key, e);
  return e.n;
}

// Scratch space for one sentence, reused across calls on a thread.
struct Scratch {
  std::vector<std::array<Cand, kMaxCands>> cands;
  std::vector<int> ncand;
  std::vector<float> delta;
  std::vector<uint8_t> back;
  std::vector<uint8_t> best;
};

const char* PuncTag(std::string_view text, const Token* toks, size_t n, size_t i) {
  const Token& t = toks[i];
  std::string_view s = text.substr(t.span.begin, t.span.size());
  std::string_view l = t.lower;
  if (l == ",") return ",";
  if (l == "." || l == "!" || l == "?") return ".";
  if (l == "(" || l == "[" || l == "{") return "-LRB-";
  if (l == ")" || l == "]" || l == "}") return "-RRB-";
  if (l == "$" || l == "#") return l == "$" ? "$" : "#";
  if (l == "\"" || l == "'") {
    if (s == "\xE2\x80\x9C" || s == "\xE2\x80\x9E" || s == "\xC2\xAB" || s == "\xE2\x80\x98" ||
        s == "\xE2\x80\x9A" || s == "`")
      return "``";
    if (s == "\"" || s == "'") {
      bool glued_next = i + 1 < n && toks[i + 1].span.begin == t.span.end;
      bool glued_prev = i > 0 && toks[i - 1].span.end == t.span.begin;
      if (glued_next && !glued_prev) return "``";
    }
    return "''";
  }
  if (l == ":" || l == ";" || l == "-" || l.starts_with("--") || l == "..." ||
      l.starts_with("..") || s == "\xE2\x80\x94" || s == "\xE2\x80\x93" || s == "\xE2\x80\xA6")
    return ":";
  return "SYM";
}

bool IsHaveBe(std::string_view l) {
  static constexpr std::string_view kForms[] = {
      "has",  "have",  "had", "having", "'ve", "is",  "are",  "was", "were",   "be",
      "been", "being", "am",  "'re",    "'m",  "get", "gets", "got", "gotten", "getting"};
  for (std::string_view f : kForms) {
    if (l == f) return true;
  }
  return false;
}

}  // namespace

namespace {

// True when `tag` is the literal `lit` (a comparison the compiler inlines,
// unlike std::string_view's operator==).
template <size_t N>
bool TagIs(const std::string& tag, const char (&lit)[N]) {
  return tag.size() == N - 1 && std::memcmp(tag.data(), lit, N - 1) == 0;
}

// True when Lemma(lower, tag) is `lower` itself for a reason it tests
// first: no tag, a proper noun, or a tag Lemma() leaves alone (not a verb,
// MD, NNS or a comparative/superlative) on a word other than "n't".
bool LemmaIsLower(const std::string& lower, const std::string& tag) {
  if (tag.empty() || TagIs(tag, "NNP") || TagIs(tag, "NNPS")) return true;
  if (tag[0] == 'V' || TagIs(tag, "MD") || TagIs(tag, "NNS") || TagIs(tag, "JJR") ||
      TagIs(tag, "JJS") || TagIs(tag, "RBR") || TagIs(tag, "RBS")) {
    return false;
  }
  return !TagIs(lower, "n't");
}

}  // namespace

void Tagger::TagSentence(std::string_view text, Token* toks, size_t n) const {
  if (n == 0) return;
  thread_local Scratch sc;
  const Model& m = *m_;
  size_t total = n + 2;
  sc.cands.resize(total);
  sc.ncand.assign(total, 0);
  // Is the sentence mostly upper case (a headline in capitals)?
  int up = 0, low = 0;
  for (size_t i = 0; i < n; ++i) {
    for (uint32_t k = toks[i].span.begin; k < toks[i].span.end; ++k) {
      unsigned char c = static_cast<unsigned char>(text[k]);
      if (IsUpper(c)) ++up;
      if (IsLowerAscii(c)) ++low;
    }
  }
  bool caps_sentence = up > 4 && up > 2 * low;
  // Two virtual positions give the start context (nn, punc), as after the
  // end of a previous sentence.
  sc.cands[0][0] = Cand{NN, 0};
  sc.ncand[0] = 1;
  sc.cands[1][0] = Cand{PUNC, 0};
  sc.ncand[1] = 1;
  bool initial = true;
  for (size_t i = 0; i < n; ++i) {
    const Token& t = toks[i];
    std::string_view surface = text.substr(t.span.begin, t.span.size());
    sc.ncand[i + 2] =
        MemoCandidates(m, surface, t.lower, initial, caps_sentence, sc.cands[i + 2].data());
    if (StartsAlnum(surface)) initial = false;
    // After an opening quote or a colon, a capital starts a new clause.
    if (t.lower == ":" || surface == "\xE2\x80\x9C" || surface == "\xE2\x80\x98" ||
        (t.lower == "\"" && i + 1 < n && toks[i + 1].span.begin == t.span.end)) {
      initial = true;
    }
  }
  // Viterbi over tag pairs: delta[i][p * K + c] is the best log score of a
  // path ending with candidate p at position i-1 and c at position i.
  constexpr int K = kMaxCands;
  sc.delta.assign(total * K * K, kNegInf);
  sc.back.assign(total * K * K, 0);
  sc.delta[1 * K * K + 0 * K + 0] = 0;
  for (size_t i = 2; i < total; ++i) {
    const auto& ci = sc.cands[i];
    const auto& cp = sc.cands[i - 1];
    const auto& cq = sc.cands[i - 2];
    int ni = sc.ncand[i], np = sc.ncand[i - 1], nq = sc.ncand[i - 2];
    const float* prev = &sc.delta[(i - 1) * K * K];
    float* cur = &sc.delta[i * K * K];
    uint8_t* bk = &sc.back[i * K * K];
    for (int p = 0; p < np; ++p) {
      for (int c = 0; c < ni; ++c) {
        float best = kNegInf;
        int arg = 0;
        const float* tri =
            &m.tri[(static_cast<size_t>(cp[p].tag) * kNumTags + ci[c].tag) * kNumTags];
        for (int q = 0; q < nq; ++q) {
          float v = prev[q * K + p];
          if (v <= kNegInf) continue;
          v += tri[cq[q].tag];
          if (v > best) {
            best = v;
            arg = q;
          }
        }
        if (best > kNegInf) {
          cur[p * K + c] = best + ci[c].score;
          bk[p * K + c] = static_cast<uint8_t>(arg);
        }
      }
    }
  }
  // Back-trace.
  sc.best.assign(total, 0);
  {
    size_t i = total - 1;
    const float* last = &sc.delta[i * K * K];
    float best = kNegInf;
    int bp = 0, bc = 0;
    for (int p = 0; p < sc.ncand[i - 1]; ++p) {
      for (int c = 0; c < sc.ncand[i]; ++c) {
        if (last[p * K + c] > best) {
          best = last[p * K + c];
          bp = p;
          bc = c;
        }
      }
    }
    sc.best[i] = static_cast<uint8_t>(bc);
    sc.best[i - 1] = static_cast<uint8_t>(bp);
    for (; i >= 3; --i) {
      int q = sc.back[i * K * K + sc.best[i - 1] * K + sc.best[i]];
      sc.best[i - 2] = static_cast<uint8_t>(q);
    }
  }
  auto has = [&](size_t i, uint8_t tag) {
    for (int k = 0; k < sc.ncand[i + 2]; ++k) {
      if (sc.cands[i + 2][k].tag == tag) return true;
    }
    return false;
  };
  for (size_t i = 0; i < n; ++i) {
    uint8_t tag = sc.cands[i + 2][sc.best[i + 2]].tag;
    toks[i].tag = tag == PUNC ? PuncTag(text, toks, n, i) : kPennTags[tag];
  }
  // Contextual fixes.
  bool finite = false;
  for (size_t i = 0; i < n; ++i) {
    const std::string& tg = toks[i].tag;
    if (TagIs(tg, "VBD") || TagIs(tg, "VBZ") || TagIs(tg, "VBP") || TagIs(tg, "MD")) finite = true;
  }
  for (size_t i = 0; i < n; ++i) {
    Token& t = toks[i];
    std::string_view l = t.lower;
    // The previous token, skipping adverbs and negation.
    size_t j = i;
    while (j > 0 && (TagIs(toks[j - 1].tag, "RB") || TagIs(toks[j - 1].tag, "RBR") ||
                     TagIs(toks[j - 1].tag, "RBS"))) {
      --j;
    }
    const Token* before = j > 0 ? &toks[j - 1] : nullptr;
    const Token* after = i + 1 < n ? &toks[i + 1] : nullptr;
    bool subject_before = before && (TagIs(before->tag, "NNP") || TagIs(before->tag, "NNPS") ||
                                     TagIs(before->tag, "PRP") || TagIs(before->tag, "NN") ||
                                     TagIs(before->tag, "NNS"));
    if (TagIs(t.tag, "VBD") && before && IsHaveBe(before->lower) && !TagIs(before->tag, "POS") &&
        has(i, VBN)) {
      t.tag = "VBN";  // "has visited", "was held"
    } else if (TagIs(t.tag, "VBN") && has(i, VBD) && !(before && IsHaveBe(before->lower))) {
      bool object_after = after && (TagIs(after->tag, "DT") || TagIs(after->tag, "NNP") ||
                                    TagIs(after->tag, "NNPS") || TagIs(after->tag, "PRP") ||
                                    TagIs(after->tag, "PRP$") || TagIs(after->tag, "NNS") ||
                                    after->lower == "that");
      if ((subject_before && object_after) || (before && TagIs(before->tag, "PRP"))) {
        t.tag = "VBD";  // "Russia backed Pakistan", "they warned"
        finite = true;
      } else if (!finite && !(after && after->lower == "by")) {
        t.tag = "VBD";  // the sentence needs a finite verb: "X, the envoy, called on Y"
        finite = true;
      }
    }
    if (l == "that" && TagIs(t.tag, "DT") && before && before->tag.starts_with("VB")) {
      t.tag = "IN";  // "said that ..."
    }
    if (before && (TagIs(before->tag, "TO") || TagIs(before->tag, "MD")) &&
        (TagIs(t.tag, "VBP") ||
         ((TagIs(t.tag, "NN") || TagIs(t.tag, "VBD") || TagIs(t.tag, "JJ")) && has(i, VB)))) {
      t.tag = "VB";
    }
    if (TagIs(t.tag, "PRP")) {
      if (l == "my" || l == "your" || l == "his" || l == "its" || l == "our" || l == "their") {
        t.tag = "PRP$";
      } else if (l == "her" && i + 1 < n) {
        const std::string& nx = toks[i + 1].tag;
        if (TagIs(nx, "NN") || TagIs(nx, "NNS") || TagIs(nx, "NNP") || TagIs(nx, "NNPS") ||
            TagIs(nx, "JJ") || TagIs(nx, "JJR") || TagIs(nx, "JJS") || TagIs(nx, "CD") ||
            TagIs(nx, "VBG"))
          t.tag = "PRP$";
      }
    } else if (TagIs(t.tag, "WP") && l == "whose") {
      t.tag = "WP$";
    }
  }
  for (size_t i = 0; i < n; ++i) {
    Token& t = toks[i];
    if (LemmaIsLower(t.lower, t.tag)) {
      t.lemma.assign(t.lower);  // what Lemma() returns, without a temporary
    } else {
      t.lemma = Lemma(t.lower, t.tag);
    }
  }
}

Status Run(const Config& config, Document& doc) {
  if (doc.sentences.empty()) return Status::Ok();
  auto tagger = Tagger::Get(config);
  if (!tagger.ok()) return tagger.status();
  for (const Sentence& s : doc.sentences) {
    if (s.token_end > doc.tokens.size() || s.token_begin > s.token_end) {
      return Status::Internal("sentence token range out of bounds");
    }
    (*tagger)->TagSentence(doc.text, doc.tokens.data() + s.token_begin,
                           s.token_end - s.token_begin);
  }
  return Status::Ok();
}

}  // namespace dyad::tag
