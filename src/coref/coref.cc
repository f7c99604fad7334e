#include "coref/coref.h"

namespace dyad::coref {

Status Run(const Config&, Document&) { return Status::Ok(); }

}  // namespace dyad::coref
