#include "ingest/ingest.h"

namespace dyad::ingest {

Status Run(const Config&, Document&) { return Status::Ok(); }

}  // namespace dyad::ingest
