// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// serve: the HTTP API and the dashboard's static files over a corpus store
// (src/store/store.h). The API is versioned under /v1/ and documented in
// docs/openapi.yaml; every answer is JSON, errors included
// ({"error": {"status": 404, "message": "..."}}).
//
// The module has two layers. Api turns a parsed request into a response with
// no sockets involved (the fuzz target and the unit tests drive it directly);
// HttpServer puts it behind cpp-httplib with a thread pool, request size
// limits, read/write timeouts, security headers and a static file handler
// that never leaves its folder.
//
// Requires: a store written by `dyad ingest`, or the shared PostgreSQL
// store of docs/scale.md (ApiOptions::postgres). Reads it only; the coding
// endpoint (POST /v1/code) runs the pipeline and stores nothing.

#ifndef DYAD_SERVE_SERVE_H_
#define DYAD_SERVE_SERVE_H_

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "dyad/config.h"
#include "dyad/status.h"

namespace dyad::serve {

// A request as the API sees it: the path is already percent-decoded and the
// query string split into parameters.
struct ApiRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // "/v1/events"
  std::multimap<std::string, std::string> params;
  std::string content_type;  // of the body, may be empty
  std::string body;
};

// What the API answers: a status code and a JSON body.
struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

// Limits of the API.
struct ApiOptions {
  // Largest article POST /v1/code accepts, in bytes (413 above).
  size_t max_code_bytes = 1 << 20;
  // Largest page size a listing accepts (`limit`).
  int max_limit = 1000;
  // Open stores kept for reuse (one is in use per concurrent request).
  int max_open_stores = 16;
  // The store is the shared PostgreSQL store of docs/scale.md, and Open's
  // `db_path` its libpq URL (one connection per open store). Its answers
  // are not cached: no file version tells when it changed.
  bool postgres = false;
};

// The JSON API over one store. Thread-safe: each call borrows its own
// read-only Store connection from a pool.
class Api {
 public:
  // Opens the store at `db_path` read-only to check it. Fails with the
  // store's status (kIoError, kInvalidInput) naming the path.
  static Result<std::unique_ptr<Api>> Open(const Config& config, const std::string& db_path,
                                           const ApiOptions& options = {});
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Answers one request. Never throws; a failure becomes a JSON error with
  // 400 (bad parameter), 404 (no such route or record), 405 (wrong method),
  // 413 (body too large), 415 (unsupported body type), 422 (an article the
  // pipeline rejects) or 500.
  ApiResponse Handle(const ApiRequest& request);

 private:
  struct Impl;
  explicit Api(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Builds the JSON error body {"error": {"status", "message"}}.
ApiResponse ErrorResponse(int status, const std::string& message);

// Options of the HTTP server.
struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback unless asked otherwise
  int port = 8080;                 // 0 picks a free port
  std::string web_dir;             // the built dashboard; empty serves the API only
  // Worker threads. cpp-httplib keeps a thread per keep-alive connection (for
  // up to 5 requests), so more clients than threads queue for one.
  int threads = 32;
  size_t max_body_bytes = 2 << 20;  // any request body (413 above)
  int read_timeout_s = 5;
  int write_timeout_s = 5;
  int keep_alive_timeout_s = 5;
  // An origin allowed to call the API cross-site ("Access-Control-Allow-
  // Origin"); empty sends no CORS header at all, so browsers refuse
  // cross-origin reads.
  std::string cors_origin;
};

// The Content-Security-Policy sent with every answer.
extern const char kContentSecurityPolicy[];

// An HTTP server for an Api. Bind, then Run (blocking) on one thread and
// Stop from another.
class HttpServer {
 public:
  // `api` must outlive the server.
  HttpServer(Api& api, const ServerOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket. kInvalidArgument when web_dir is set but
  // has no index.html; kIoError when the address cannot be bound.
  Status Bind();
  // The bound port (after Bind).
  int port() const { return port_; }
  // Serves until Stop(). Fails with kInternal if the loop could not start.
  Status Run();
  // Makes Run return. Safe from any thread, including a signal-watching one.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace dyad::serve

#endif  // DYAD_SERVE_SERVE_H_
