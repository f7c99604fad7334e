// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// HttpServer: the Api and the dashboard behind cpp-httplib. The dashboard's
// files are read into memory when the server binds, so a request can only
// ever name one of those files: a path with "..", an encoded slash or a
// symbolic link out of the folder finds nothing.

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <utility>

#include "core/text.h"
#include "serve/serve.h"

namespace dyad::serve {

const char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

namespace {

// A file of the dashboard, held in memory.
struct StaticFile {
  std::string content;
  std::string type;
};

std::string MimeType(const std::filesystem::path& p) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".woff2", "font/woff2"},
  };
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// Reads every regular file under `dir` (at most 64 MiB in all).
Status LoadStatic(const std::string& dir, std::map<std::string, StaticFile>* files) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path root = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(root)) {
    return Status::InvalidArgument(dir +
                                   ": not a folder (build the dashboard with `npm run build`)");
  }
  size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file() || it->is_symlink()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    total += content.size();
    if (total > (64u << 20)) return Status::InvalidArgument(dir + ": more than 64 MiB of files");
    std::string rel = "/" + fs::relative(it->path(), root).generic_string();
    (*files)[rel] = {std::move(content), MimeType(it->path())};
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  if (!files->count("/index.html")) {
    return Status::InvalidArgument(dir +
                                   ": no index.html (build the dashboard with `npm run build`)");
  }
  return Status::Ok();
}

// The message of an error httplib raised before any handler ran.
std::string Reason(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "not found";
    case 413:
      return "request body too large";
    case 414:
      return "request line too long";
    case 416:
      return "range not satisfiable";
    default:
      return "HTTP error " + std::to_string(status);
  }
}

ApiRequest ToApiRequest(const httplib::Request& req) {
  ApiRequest r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [k, v] : req.params) r.params.emplace(k, v);
  r.content_type = req.get_header_value("Content-Type");
  r.body = req.body;
  return r;
}

}  // namespace

struct HttpServer::Impl {
  Api* api = nullptr;
  ServerOptions options;
  httplib::Server server;
  std::map<std::string, StaticFile> files;

  void Answer(const httplib::Request& req, httplib::Response& res) {
    if (StartsWith(req.path, "/v1/") || req.path == "/v1") {
      ApiResponse r = api->Handle(ToApiRequest(req));
      res.status = r.status;
      // Sets the type, then moves the body in (set_content would copy it).
      res.set_content("", 0, r.content_type);
      res.body = std::move(r.body);
      res.set_header("Cache-Control", "no-store");
      if (!options.cors_origin.empty()) {
        res.set_header("Access-Control-Allow-Origin", options.cors_origin);
        res.set_header("Vary", "Origin");
      }
      return;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      ApiResponse r = ErrorResponse(405, "only GET reads the dashboard");
      res.status = r.status;
      res.set_content(r.body, r.content_type);
      return;
    }
    auto it = files.find(req.path == "/" ? "/index.html" : req.path);
    if (it == files.end()) {
      ApiResponse r = ErrorResponse(
          404, files.empty() ? "no dashboard (start with --web DIR)" : "no such file");
      res.status = r.status;
      res.set_content(r.body, r.content_type);
      return;
    }
    res.set_content(it->second.content, it->second.type);
    res.set_header("Cache-Control", "no-cache");
  }
};

HttpServer::HttpServer(Api& api, const ServerOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->api = &api;
  impl_->options = options;
}

HttpServer::~HttpServer() = default;

Status HttpServer::Bind() {
  Impl& m = *impl_;
  const ServerOptions& o = m.options;
  if (!o.web_dir.empty()) DYAD_RETURN_IF_ERROR(LoadStatic(o.web_dir, &m.files));
  httplib::Server& s = m.server;
  int threads = o.threads < 1 ? 1 : o.threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_payload_max_length(o.max_body_bytes);
  s.set_read_timeout(o.read_timeout_s, 0);
  s.set_write_timeout(o.write_timeout_s, 0);
  s.set_keep_alive_timeout(o.keep_alive_timeout_s);
  s.set_tcp_nodelay(true);
  s.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                         {"Content-Security-Policy", kContentSecurityPolicy},
                         {"X-Frame-Options", "DENY"},
                         {"Referrer-Policy", "no-referrer"},
                         {"Cross-Origin-Resource-Policy", "same-origin"}});
  auto handler = [&m](const httplib::Request& req, httplib::Response& res) { m.Answer(req, res); };
  s.Get(".*", handler);
  s.Post(".*", handler);
  s.Put(".*", handler);
  s.Delete(".*", handler);
  s.Patch(".*", handler);
  s.Options(".*", [&m](const httplib::Request& req, httplib::Response& res) {
    if (!m.options.cors_origin.empty()) {
      res.status = 204;
      res.set_header("Access-Control-Allow-Origin", m.options.cors_origin);
      res.set_header("Access-Control-Allow-Methods", "GET, POST");
      res.set_header("Access-Control-Allow-Headers", "Content-Type");
      return;
    }
    m.Answer(req, res);
  });
  // Errors httplib raises itself (413 over the size limit, 400 for a bad
  // request line, ...) are JSON like the API's own.
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    ApiResponse r = ErrorResponse(res.status, Reason(res.status));
    res.set_content(r.body, r.content_type);
  });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    ApiResponse r = ErrorResponse(500, "internal error");
    res.status = 500;
    res.set_content(r.body, r.content_type);
  });
  if (o.port == 0) {
    port_ = s.bind_to_any_port(o.host);
    if (port_ <= 0) return Status::IoError("cannot bind " + o.host + " to a free port");
  } else {
    if (!s.bind_to_port(o.host, o.port)) {
      return Status::IoError("cannot bind " + o.host + ":" + std::to_string(o.port) +
                             " (in use, or not an address of this machine)");
    }
    port_ = o.port;
  }
  return Status::Ok();
}

Status HttpServer::Run() {
  if (!impl_->server.listen_after_bind()) return Status::Internal("the server loop stopped");
  return Status::Ok();
}

void HttpServer::Stop() { impl_->server.stop(); }

}  // namespace dyad::serve
