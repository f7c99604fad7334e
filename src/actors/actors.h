// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "actors": finds countries, capitals, organisations, IGOs and people, with CAMEO actor codes.
//
// Requires: tokens, sentences
// Assigns:  entities, mentions (names, aliases, demonyms, metonyms)

#ifndef DYAD_ACTORS_ACTORS_H_
#define DYAD_ACTORS_ACTORS_H_

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::actors {

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::actors

#endif
