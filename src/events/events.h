// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "events": codes who-did-what-to-whom events with CAMEO codes, their dates and places.
//
// Requires: tokens, sentences, entities, mentions, quotes, timexes, places
// Assigns:  events

#ifndef DYAD_EVENTS_EVENTS_H_
#define DYAD_EVENTS_EVENTS_H_

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::events {

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::events

#endif
