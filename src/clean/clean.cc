#include "clean/clean.h"

namespace dyad::clean {

Status Run(const Config&, Document&) { return Status::Ok(); }

}  // namespace dyad::clean
