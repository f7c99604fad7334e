// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Document: one article as it moves through the pipeline. It holds the raw
// input, the cleaned text, and annotation layers. Every span is a half-open
// range [begin, end) of UTF-8 byte offsets into `text` (the cleaned body),
// never into `raw`. Each fact has one home: an event stores the index of its
// source entity, not a copy of the entity's name; codebook facts (root,
// Goldstein value, PLOVER type) are looked up at output time from the code.
//
// Which stage writes which layer (see each stage's header in src/<stage>/):
//   ingest   raw, format              -> blocks, meta (from markup)
//   clean    blocks                   -> text, paragraphs, boilerplate, meta
//   language text                     -> meta.language, meta.not_coded
//   segment  text, paragraphs         -> sentences, tokens
//   tag      tokens                   -> tokens[].tag, tokens[].lemma
//   actors   tokens, sentences        -> entities, mentions (names)
//   coref    entities, mentions       -> mentions (pronouns, descriptions)
//   quotes   tokens, mentions         -> quotes
//   time     tokens, meta             -> timexes, meta.published
//   places   tokens                   -> places
//   events   all of the above         -> events

#ifndef DYAD_DOCUMENT_H_
#define DYAD_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad {

// A half-open range of UTF-8 byte offsets into Document::text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  // Number of bytes covered.
  uint32_t size() const { return end - begin; }
  // True when the span covers no bytes.
  bool empty() const { return end <= begin; }
  // True when `o` lies wholly inside this span.
  bool Contains(const Span& o) const {
    return begin <= o.begin && o.end <= end;
  }
  // True when the spans share at least one byte.
  bool Overlaps(const Span& o) const {
    return begin < o.end && o.begin < end;
  }
  bool operator==(const Span& o) const = default;
};

// A calendar date known to some precision: year only, year and month, or a
// full day. Zero means "unknown" for each field.
struct Date {
  int year = 0;
  int month = 0;  // 1-12, or 0
  int day = 0;    // 1-31, or 0
  // True when at least the year is known.
  bool known() const { return year != 0; }
  // "2019", "2019-07" or "2019-07-02"; empty when unknown.
  std::string Iso() const;
  // "day", "month", "year" or "" when unknown.
  std::string_view Precision() const;
  bool operator==(const Date& o) const = default;
  // Parses "2019-07-02", "20190702", "2019-07" or "2019", ignoring any time
  // part after the date; an unparseable or out-of-range part is left 0.
  static Date Parse(std::string_view s);
};

// The input format of Document::raw.
enum class Format { kText, kHtml };

// Kinds of block that ingest recognises in the page layout.
enum class BlockKind {
  kParagraph,
  kHeading,     // h1-h6, or a short title-like line in plain text
  kListItem,
  kBlockquote,  // blockquote / pull-quote markup
  kPreformatted,
  kTableCell,
  kOther,
};

// One block of page text as ingest found it, before the body is chosen.
struct Block {
  std::string text;       // whitespace-normalised text of the block
  BlockKind kind = BlockKind::kParagraph;
  int heading_level = 0;  // 1-6 for headings, else 0
  float link_density = 0; // share of the text's bytes inside <a> elements
  // Lower-cased class and id values of the block and its ancestors, plus the
  // ancestors' tag names ("article", "aside", "nav", "footer", ...), joined by
  // spaces; empty for plain text. Used by clean to score chrome.
  std::string context;
  int line = 0;           // 1-based line (text) or element ordinal (HTML)
};

// Text removed as boilerplate, kept so that nothing is silently lost.
struct Boilerplate {
  std::string kind;  // "chrome", "read_more", "share", "pull_quote", ...
  std::string text;
};

// Facts about the article rather than its content.
struct Meta {
  std::string title;
  std::string site;
  std::string byline;
  std::string url;
  std::string language;             // ISO 639-1, "en" when unknown
  std::string not_coded;            // why events were not coded, or ""
  Date published;                   // the story's date
  std::string published_evidence;   // why `published` was chosen
  Date modified;                    // last-modified date from markup
  Date page_date;                   // a display / crawl date on the page
  Date input_date;                  // a date supplied with the input record
};

// A sentence of the cleaned text, with the tokens it holds.
struct Sentence {
  Span span;
  uint32_t paragraph = 0;    // index into Document::paragraphs
  uint32_t token_begin = 0;  // first token index
  uint32_t token_end = 0;    // one past the last token index
};

// A word or punctuation token.
struct Token {
  Span span;
  std::string lower;  // lower-cased surface form (quotes normalised to ")
  std::string tag;    // Penn Treebank part of speech ("NNP", "VBD", ...)
  std::string lemma;  // dictionary form, lower case
  uint32_t sentence = 0;
};

// What an entity is.
enum class EntityType {
  kCountry,       // a state or its government, incl. metonyms ("Moscow")
  kOrganization,  // a ministry, army, company, party, agency, NGO
  kIgo,           // an intergovernmental organisation or bloc
  kPerson,
  kGroup,         // an unnamed group: "protesters", "officials"
  kDocument,      // a press release, statement or report quoted as a source
  kOther,
};

// How a mention refers to its entity.
enum class MentionKind {
  kName,         // "Vladimir Putin", "Russia"
  kAlias,        // a short form of a name already seen: "Putin"
  kDemonym,      // "Russian" (adjective or noun)
  kMetonym,      // a capital or seat standing for a government: "Moscow"
  kPronoun,      // "he", "they"
  kDescription,  // "the analyst", "the two military generals"
};

// A textual reference to an entity.
struct Mention {
  Span span;
  uint32_t entity = 0;  // index into Document::entities
  MentionKind kind = MentionKind::kName;
  uint32_t sentence = 0;
  uint32_t token_begin = 0;  // first token of the mention
  uint32_t token_end = 0;    // one past the last token
};

// Something that acts or is acted upon: a country, a person, an organisation.
struct Entity {
  std::string name;     // canonical name: "Vladimir Putin", "Russia"
  EntityType type = EntityType::kOther;
  std::string code;     // CAMEO actor code: "RUSGOV", "PAKMIL", "IGOUNO"
  std::string country;  // the country part of `code` (ISO alpha-3), or ""
  std::string role;     // the first role part of `code`: "GOV", "MIL", ...
  std::string title;    // a person's title: "President", "General"
  std::vector<uint32_t> mentions;  // indexes into Document::mentions
};

// What sort of quotation a Quote is.
enum class QuoteKind { kDirect, kPartial, kNested };

// A quotation and who said it.
struct Quote {
  Span span;            // the quoted words, without the quotation marks
  int32_t speaker = -1; // index into Document::entities, or -1 if unknown
  int32_t speaker_mention = -1;  // index into Document::mentions, or -1
  std::string cue;      // the cue verb or phrase, e.g. "noted"
  Span cue_span;
  QuoteKind kind = QuoteKind::kDirect;
  int32_t nested_in = -1;  // index of the enclosing quote, or -1
};

// A time expression and the date it resolves to.
struct Timex {
  Span span;
  Date value;
  bool relative = false;  // resolved against the story's date
};

// A place named in the text, resolved against the gazetteer.
struct Place {
  std::string name;       // the gazetteer's name
  std::string country;    // ISO 3166-1 alpha-2
  std::string admin1;     // first-level division name, or ""
  std::string feature;    // "country", "admin1", "city", "region", ...
  double lat = 0;
  double lon = 0;
  int64_t geonames_id = 0;  // 0 when not from GeoNames
  std::vector<Span> mentions;
};

// Whether an event is said to have happened.
enum class Modality { kAsserted, kFuture, kHypothetical, kNegated };

// One side of an event.
struct ActorRef {
  int32_t entity = -1;   // index into Document::entities, or -1
  int32_t mention = -1;  // index into Document::mentions, or -1
  std::string code;      // CAMEO actor code at this mention (may add roles)
};

// A coded event: who did what to whom, from one sentence.
struct Event {
  ActorRef source;
  ActorRef target;
  std::string code;       // CAMEO event code: "042", "1056"
  uint32_t sentence = 0;  // index into Document::sentences
  Span trigger;           // the verb or noun that fired the pattern
  std::string pattern;    // the lexicon pattern that matched (for --explain)
  Modality modality = Modality::kAsserted;
  int32_t quote = -1;          // the quote the event was reported in, or -1
  int32_t attributed_to = -1;  // entity that reported it (speaker), or -1
  Date date;                   // when it happened, if known
  int32_t timex = -1;          // evidence for `date`: index into timexes
  int32_t place = -1;          // index into Document::places, or -1
};

// One article and all that dyad learned from it.
struct Document {
  std::string id;      // caller-supplied identifier (file path or record id)
  std::string source;  // where it came from, for messages
  Format format = Format::kText;
  std::string raw;     // the input bytes, UTF-8

  std::vector<Block> blocks;  // ingest's view of the page
  Meta meta;

  std::string text;              // the cleaned body
  std::vector<Span> paragraphs;  // paragraphs of `text`
  std::vector<Boilerplate> boilerplate;

  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<Entity> entities;
  std::vector<Mention> mentions;
  std::vector<Quote> quotes;
  std::vector<Timex> timexes;
  std::vector<Place> places;
  std::vector<Event> events;

  // The bytes of `text` covered by `s`.
  std::string_view Text(const Span& s) const {
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
  // The story's date if known, else the input date, else the page date.
  Date ReferenceDate() const;
};

// Lower-case names used in JSON output and messages.
std::string_view ToString(EntityType t);
std::string_view ToString(MentionKind k);
std::string_view ToString(QuoteKind k);
std::string_view ToString(Modality m);
std::string_view ToString(BlockKind k);

}  // namespace dyad

#endif  // DYAD_DOCUMENT_H_
