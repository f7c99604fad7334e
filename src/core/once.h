// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// LoadOnce: lexicons are loaded once per process and key (usually the data
// path), on first use, and shared read-only by every thread afterwards.

#ifndef DYAD_CORE_ONCE_H_
#define DYAD_CORE_ONCE_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "dyad/status.h"

namespace dyad {

// Returns the T loaded for `key`, calling `load` the first time. A failed load
// is remembered too, so every caller sees the same error. T is immutable once
// loaded; the returned pointer lives until the process ends.
template <typename T>
Result<const T*> LoadOnce(const std::string& key,
                          const std::function<Status(T&)>& load) {
  struct Slot {
    std::once_flag once;
    std::unique_ptr<T> value;
    Status status;
  };
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<Slot>> slots;
  Slot* slot;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto& p = slots[key];
    if (!p) p = std::make_unique<Slot>();
    slot = p.get();
  }
  std::call_once(slot->once, [&] {
    auto v = std::make_unique<T>();
    slot->status = load(*v);
    if (slot->status.ok()) slot->value = std::move(v);
  });
  if (!slot->status.ok()) return slot->status;
  return static_cast<const T*>(slot->value.get());
}

}  // namespace dyad

#endif  // DYAD_CORE_ONCE_H_
