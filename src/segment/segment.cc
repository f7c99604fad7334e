#include "segment/segment.h"

namespace dyad::segment {

Status Run(const Config&, Document&) { return Status::Ok(); }

}  // namespace dyad::segment
