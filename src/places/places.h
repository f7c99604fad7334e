// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "places": finds place names in the text and resolves each against the
// gazetteer (GeoNames cities1000 + iso-codes countries and subdivisions +
// data/regions.tsv; see gazetteer.h), merging repeated mentions into one
// Place.
//
// Requires: text (tokens, sentences, entities and mentions when present; the
//           stage tokenises the text itself when there are no tokens)
// Assigns:  places (in order of first mention)
//
// Rules, in short (details in places.cc and data/README.md):
//   - Only capitalised words start a name; the longest gazetteer match wins.
//   - A match that is part of a longer capitalised name ("Moscow State
//     University", "Victoria Beckham", "Lake Victoria") is not a place, nor
//     is one inside a person / organisation mention made by the actors stage.
//   - data/place_stopwords.tsv: "never" words are never places alone; "weak"
//     words only right after a locational preposition ("in Reading").
//   - Towns outside a locational context need a population threshold (lower
//     in countries the article is about); a town name right before a speech
//     verb ("Jackson said") is taken for a person, except national capitals.
//   - Disambiguation score: feature / population / capital status, plus the
//     article's country focus, plus admin context ("Paris, Texas", "Washington
//     state", other places in the same admin1).

#ifndef DYAD_PLACES_PLACES_H_
#define DYAD_PLACES_PLACES_H_

#include <cstdint>

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::places {

// Runs the stage over `doc`: fills doc.places.
Status Run(const Config& config, Document& doc);

// The index into doc.places of the place where something in `span` (a
// sentence or clause) happened, or -1 when none is named there.
// Rule: among place mentions inside `span`,
//   1. a mention governed by a locational preposition ("in", "at", "near",
//      "inside", "outside", "within", "across", "around", "on the territory
//      of", "the outskirts of"; modifiers like "northern" and "the" may stand
//      between) beats one that is not;
//   2. an ungoverned mention that is also an actor mention of a country
//      ("Moscow said", "Pakistan offered") is never a location;
//   3. among equals, the more specific feature wins (city > admin1 > region >
//      country > continent), then the earlier mention.
int32_t PlaceInSpan(const Document& doc, Span span);

}  // namespace dyad::places

#endif  // DYAD_PLACES_PLACES_H_
