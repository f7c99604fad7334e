// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// libFuzzer target: the HTTP API's request handling (serve::Api::Handle) on
// arbitrary requests over a store of the coded examples. The input is read
// as lines: method, path, then "key=value" query parameters up to an empty
// line, then the body; the content type cycles with the first byte. Any
// crash, sanitizer report, non-JSON answer or status outside the documented
// set is a bug. Build: cmake -DDYAD_FUZZ=ON with clang (fuzz/README.md).

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "dyad/pipeline.h"
#include "serve/serve.h"
#include "store/store.h"

namespace dyad::fuzz {

// The temporary folder of this process's store.
inline std::filesystem::path ApiFuzzDir() {
  return std::filesystem::temp_directory_path() / ("dyad_api_fuzz_" + std::to_string(::getpid()));
}

// The Api over a store of examples/*, built once per process in ApiFuzzDir().
inline serve::Api* ApiFuzzApi() {
  static std::unique_ptr<serve::Api> api = [] {
    Config config = Config::Default();
    namespace fs = std::filesystem;
    fs::path dir = ApiFuzzDir();
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(ApiFuzzDir(), ec);
    });
    std::string db = (dir / "fuzz.db").string();
    {
      auto s = store::Store::Open(db);
      if (!s.ok()) __builtin_trap();
      for (const auto& e : fs::directory_iterator(std::string(DYAD_SOURCE_DIR) + "/examples")) {
        if (e.path().extension() != ".txt" && e.path().extension() != ".html") continue;
        auto doc = ReadDocument(e.path().string());
        if (!doc.ok() || !RunPipeline(config, *doc).ok()) __builtin_trap();
        if (!(*s)->Add(config, *doc).ok()) __builtin_trap();
      }
      if (!(*s)->Merge(config).ok()) __builtin_trap();
    }
    serve::ApiOptions options;
    options.max_code_bytes = 64 * 1024;
    auto a = serve::Api::Open(config, db, options);
    if (!a.ok()) __builtin_trap();
    return std::move(*a);
  }();
  return api.get();
}

// Turns fuzz bytes into a request (see the file comment).
inline serve::ApiRequest ApiFuzzRequest(std::string_view in) {
  static const char* kTypes[] = {"text/plain", "application/json", "text/html",
                                 "",           "image/png",        "text/plain; charset=utf-8"};
  serve::ApiRequest r;
  r.content_type = kTypes[in.empty() ? 0 : static_cast<unsigned char>(in[0]) % 6];
  auto line = [&in]() {
    size_t nl = in.find('\n');
    std::string_view l = in.substr(0, nl);
    in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
    return std::string(l);
  };
  r.method = line();
  r.path = line();
  for (std::string kv; !in.empty() && !(kv = line()).empty();) {
    size_t eq = kv.find('=');
    r.params.emplace(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
  }
  r.body = std::string(in);
  return r;
}

// Handles one request and checks the answer's invariants.
inline int ApiOne(const uint8_t* data, size_t size) {
  static const std::set<int> kStatuses = {200, 400, 404, 405, 413, 415, 422};
  serve::ApiRequest req =
      ApiFuzzRequest(std::string_view(reinterpret_cast<const char*>(data), size));
  serve::ApiResponse res = ApiFuzzApi()->Handle(req);
  if (!kStatuses.count(res.status)) __builtin_trap();
  auto j = nlohmann::json::parse(res.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) __builtin_trap();
  if (res.status != 200 && !j.contains("error")) __builtin_trap();
  return 0;
}

}  // namespace dyad::fuzz

#ifndef DYAD_FUZZ_REPLAY
// Loads the lexicons and builds the store once, outside the per-input
// timeout.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  dyad::fuzz::ApiFuzzApi();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dyad::fuzz::ApiOne(data, size);
}
#endif
