// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "events": codes who-did-what-to-whom events with CAMEO codes, their
// dates and places.
//
// Requires: tokens (with tags and lemmas), sentences, entities, mentions,
//           quotes, timexes, places, meta
// Assigns:  events
//
// How it works: every token whose lemma (or lower-case form) heads a pattern
// of data/verbs.tsv is tried against that pattern's following words; the
// longest match per trigger wins. The source is the subject of the trigger's
// clause (the nearest actor mention to the left, with coordination, past
// relative clauses; for a noun trigger the subject of its governing verb or a
// modifier / "by" agent), the target is the pattern's "$" slot or the first
// actor mention after the match. Passives swap the roles ("was attacked by
// X"). A control verb ("agree to", "threaten to", "urge X to") absorbs the
// triggers in its complement; reporting verbs ("say") are not events but
// give `attributed_to`. Modality comes from auxiliaries and negators; a
// negated cooperative event becomes a rejection (root 12), a negated
// conflict event is dropped, an intended or hypothetical use of force
// becomes a threat (root 13), an intended cooperation an intent (root 03).
// Further conventions: an infinitive right after a finite verb takes its
// subject ("X wants to attack Y"; not after "seem"/"appear"); the complement
// of "agree/pledge/promise/vow to" is coded beside the commitment (not for a
// mutual agreement of coordinated parties); a state that reports another
// actor's use of force accuses it (112); a fronted participle ("Attacked by
// X, Y ...") is a passive; force with no target in a place of another
// country targets that country; a receiving event without a giver takes the
// giver of the sentence's earlier cooperative event, and a target-less
// offer or aid the same country's latest recipient in the preceding eight
// sentences; a description of two people ("the two generals") gives both;
// an object "them" takes the nearest earlier plural people mention; a
// subhead (a short verbless paragraph without closing punctuation) codes no
// events.

#ifndef DYAD_EVENTS_EVENTS_H_
#define DYAD_EVENTS_EVENTS_H_

#include <string>
#include <vector>

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"
#include "events/lexicon.h"

namespace dyad::events {

// Runs the stage over `doc`: loads data/verbs.tsv once and replaces
// doc.events with the events coded from every sentence.
Status Run(const Config& config, Document& doc);

// Codes `doc` with an already loaded lexicon (used by Run and by tests).
// `place_countries`, when given, holds the CAMEO country code of each of
// doc.places ("" when unknown): a use of force with no named target in a
// place of another country is aimed at that country.
void CodeDocument(const Lexicon& lexicon, Document& doc,
                  const std::vector<std::string>* place_countries = nullptr);

// The CAMEO actor code an event should carry for mention `m`: the entity's
// code, with "GOV" added when a capital stands for its government. Empty
// when the mention or its entity carries no code.
std::string MentionActorCode(const Document& doc, int32_t m);

}  // namespace dyad::events

#endif  // DYAD_EVENTS_EVENTS_H_
