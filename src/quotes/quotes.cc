#include "quotes/quotes.h"

namespace dyad::quotes {

Status Run(const Config&, Document&) { return Status::Ok(); }

}  // namespace dyad::quotes
