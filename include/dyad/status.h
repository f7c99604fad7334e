// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Status and Result<T>: dyad's error model. No exception crosses a module
// boundary; every fallible function returns one of these. A Status carries a
// code and a human-readable message that names the file and the problem.

#ifndef DYAD_STATUS_H_
#define DYAD_STATUS_H_

#include <string>
#include <utility>
#include <variant>

namespace dyad {

// The kind of failure. The CLI maps these to its documented exit codes.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad usage or option (exit code 2)
  kNotFound,         // a file or resource is missing (exit code 3)
  kIoError,          // a file could not be read or written (exit code 3)
  kInvalidInput,     // the input could not be understood (exit code 3)
  kDataError,        // a bundled lexicon is malformed (exit code 4)
  kInternal,         // a bug in dyad (exit code 5)
};

// The outcome of an operation: ok, or a code with a message.
class Status {
 public:
  // An ok status.
  Status() = default;

  // A status with `code` and `message`; `code` must not be kOk.
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  // Returns an ok status.
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return Status(StatusCode::kInvalidArgument, std::move(m));
  }
  static Status NotFound(std::string m) {
    return Status(StatusCode::kNotFound, std::move(m));
  }
  static Status IoError(std::string m) {
    return Status(StatusCode::kIoError, std::move(m));
  }
  static Status InvalidInput(std::string m) {
    return Status(StatusCode::kInvalidInput, std::move(m));
  }
  static Status DataError(std::string m) {
    return Status(StatusCode::kDataError, std::move(m));
  }
  static Status Internal(std::string m) {
    return Status(StatusCode::kInternal, std::move(m));
  }

  // True when the operation succeeded.
  bool ok() const { return code_ == StatusCode::kOk; }
  // The failure kind.
  StatusCode code() const { return code_; }
  // The message, empty when ok.
  const std::string& message() const { return message_; }
  // "ok" or "<code name>: <message>".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value of type T or a non-ok Status.
template <typename T>
class Result {
 public:
  // A successful result holding `value`.
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  // A failed result; `status` must not be ok.
  Result(Status status) : v_(std::move(status)) {}  // NOLINT

  // True when a value is held.
  bool ok() const { return std::holds_alternative<T>(v_); }
  // The status: ok when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }
  // The value; only valid when ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace dyad

// Returns from the enclosing function when `expr` yields a non-ok Status.
#define DYAD_RETURN_IF_ERROR(expr)          \
  do {                                      \
    ::dyad::Status dyad_status_ = (expr);   \
    if (!dyad_status_.ok()) return dyad_status_; \
  } while (0)

#endif  // DYAD_STATUS_H_
