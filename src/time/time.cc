#include "time/time.h"

namespace dyad::timex {

Status Run(const Config&, Document&) { return Status::Ok(); }

}  // namespace dyad::timex
