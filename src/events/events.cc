#include "events/events.h"

namespace dyad::events {

Status Run(const Config&, Document&) { return Status::Ok(); }

}  // namespace dyad::events
