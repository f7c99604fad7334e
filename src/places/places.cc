#include "places/places.h"

namespace dyad::places {

Status Run(const Config&, Document&) { return Status::Ok(); }

}  // namespace dyad::places
