#include "tag/tag.h"

namespace dyad::tag {

Status Run(const Config&, Document&) { return Status::Ok(); }

}  // namespace dyad::tag
