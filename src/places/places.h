// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "places": resolves place names against the GeoNames gazetteer.
//
// Requires: tokens, sentences, entities, mentions
// Assigns:  places

#ifndef DYAD_PLACES_PLACES_H_
#define DYAD_PLACES_PLACES_H_

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::places {

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::places

#endif
