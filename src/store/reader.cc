// The read side of a store (reader.h).
#include "store/reader.h"

namespace dyad::store {

Result<std::vector<EventRow>> Reader::QueryEvents(const EventFilter& filter) {
  std::vector<EventRow> out;
  Status s = ForEachEvent(filter, [&](const EventRow& r) {
    out.push_back(r);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace dyad::store
