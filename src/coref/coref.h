// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Stage "coref": links pronouns and descriptions to the entities they refer to.
//
// Requires: entities, mentions, tokens
// Assigns:  mentions (pronouns, descriptions)

#ifndef DYAD_COREF_COREF_H_
#define DYAD_COREF_COREF_H_

#include "dyad/config.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::coref {

// Runs the stage over `doc`.
Status Run(const Config& config, Document& doc);

}  // namespace dyad::coref

#endif
