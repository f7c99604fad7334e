// dyad serve: the JSON API and the dashboard over a corpus store.

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "cli/cli.h"
#include "serve/serve.h"

namespace dyad::cli {
namespace {

struct ServeOptions {
  std::string db;
  std::string pg;  // the shared PostgreSQL store instead (libpq URL)
  serve::ServerOptions server;
  bool no_web = false;
  size_t max_code_kb = 1024;
};

// The dashboard's default folder: web/dist beside the data folder's
// repository.
std::string DefaultWebDir(const Config& config) {
  std::filesystem::path data(config.data_dir);
  std::filesystem::path web = data.parent_path() / "web" / "dist";
  return web.string();
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int RunServe(Globals& g, ServeOptions& o) {
  serve::ApiOptions api_options;
  api_options.postgres = !o.pg.empty();
  if (o.pg.empty() && o.db.empty()) {
    return Fail(Status::InvalidArgument("give the store: --db PATH or --pg URL"));
  }
  if (o.pg.empty() && !std::filesystem::exists(o.db)) {
    return Fail(Status::NotFound(o.db + ": no such store (build one with `dyad ingest`)"));
  }
  api_options.max_code_bytes = o.max_code_kb * 1024;
  auto api = serve::Api::Open(g.config, o.pg.empty() ? o.db : o.pg, api_options);
  if (!api.ok()) return Fail(api.status());
  if (o.no_web) {
    o.server.web_dir.clear();
  } else if (o.server.web_dir.empty()) {
    o.server.web_dir = DefaultWebDir(g.config);
  }
  o.server.max_body_bytes = api_options.max_code_bytes + 4096;

  // SIGINT and SIGTERM stop the server cleanly: every thread blocks them and
  // one waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  serve::HttpServer server(**api, o.server);
  if (Status s = server.Bind(); !s.ok()) return Fail(s);
  if (!IsLoopback(o.server.host)) {
    std::fprintf(stderr,
                 "dyad: warning: serving on %s, reachable from other machines; the API has no "
                 "authentication\n",
                 o.server.host.c_str());
  }
  std::string shown =
      o.server.host.find(':') != std::string::npos ? "[" + o.server.host + "]" : o.server.host;
  std::printf("dyad: serving %s at http://%s:%d/\n", o.pg.empty() ? o.db.c_str() : o.pg.c_str(),
              shown.c_str(), server.port());
  std::fflush(stdout);

  std::thread watcher([&server, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  Status s = server.Run();
  // Wake the watcher if the loop ended on its own.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  if (!s.ok()) return Fail(s);
  return 0;
}

}  // namespace

Command AddServeCommand(CLI::App& root, Globals& g) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* cmd = root.add_subcommand("serve", "Serve the JSON API and the dashboard over a store");
  CLI::Option* db = cmd->add_option("--db", o->db, "the store (from dyad ingest)");
  cmd->add_option("--pg", o->pg,
                  "serve the shared PostgreSQL store instead (libpq URL, docs/scale.md)")
      ->excludes(db);
  cmd->add_option("--host", o->server.host, "address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", o->server.port, "port (default 8080; 0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--web", o->server.web_dir, "the built dashboard (default: web/dist)");
  cmd->add_flag("--no-web", o->no_web, "serve the API only");
  cmd->add_option("--threads", o->server.threads,
                  "worker threads, one per open connection (default 32)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-article-kb", o->max_code_kb,
                  "largest article POST /v1/code accepts, in KiB (default 1024)")
      ->check(CLI::Range(1, 65536));
  cmd->add_option("--timeout", o->server.read_timeout_s,
                  "seconds to wait for a request's bytes (default 5)")
      ->check(CLI::Range(1, 600));
  cmd->add_option("--cors-origin", o->server.cors_origin,
                  "allow this origin to call the API from a browser (default: none)");
  AddDataOption(cmd, g);
  return {cmd, [o](Globals& g) { return RunServe(g, *o); }};
}

}  // namespace dyad::cli
