// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "actors": finds countries, capitals, organisations, IGOs and people, with CAMEO actor
// codes.
//
// Requires: tokens, sentences (tags and lemmas are used when present; with
//           empty tags the stage falls back on capitalisation, the lexicons
//           and Festival's WSJ word/tag lexicon)
// Assigns:  entities, mentions (names, aliases, demonyms, metonyms)
//
// Lexicons: data/actors.tsv (countries, IGOs, well-known organisations and
// armed groups), data/agents.tsv (role nouns: "army" -> MIL) and
// data/titles.tsv (titles before a name: "General" -> MIL); formats in
// data/README.md.
//
// Codes stored on an Entity:
//   country            "RUS" (mentions: kName "Russia", kDemonym "Russian",
//                      kMetonym "Moscow" / "the Kremlin")
//   country + agent    "RUSMIL" for "Russian Defense Ministry", "the armed
//                      forces of Russia"; type kOrganization, kGroup (plural
//                      people) or kPerson ("Iranian Ambassador")
//   IGO / group        "IGOUNO", "IGOWSTNAT", "AFGINS", "IMGMUSISI" ...
//   person             country + role from the title or description
//                      ("RUSGOV" for "Russian President X"); "---" + role
//                      when the country is unknown ("---MIL" for "General
//                      X"); "" when neither is known. Entity::country is ""
//                      whenever the country is unknown.
//   other organisation found by pattern: country + role when a country word
//                      is inside, "---" + role from its head noun, or "".

#ifndef DYAD_ACTORS_ACTORS_H_
#define DYAD_ACTORS_ACTORS_H_

#include <string>

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::actors {

// Runs the stage over `doc`: replaces doc.entities and doc.mentions with the
// named actors found in the tokens. Mentions are sorted by position and every
// Entity::mentions lists the indexes of its own mentions in that order.
Status Run(const Config& config, Document& doc);

// The CAMEO actor code that `mention` stands for at that point of the text:
// a metonym of a country ("Moscow", "the White House") gives the country code
// plus "GOV" ("RUSGOV"); every other mention gives its entity's code (a
// demonym gives the plain country code). Returns "" when the mention's entity
// index is out of range or the entity has no code.
std::string MentionCode(const Document& doc, const Mention& mention);

}  // namespace dyad::actors

#endif  // DYAD_ACTORS_ACTORS_H_
