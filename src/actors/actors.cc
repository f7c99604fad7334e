#include "actors/actors.h"

namespace dyad::actors {

Status Run(const Config&, Document&) { return Status::Ok(); }

}  // namespace dyad::actors
