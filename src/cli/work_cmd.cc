// dyad work: one worker of the scale-out mode (docs/scale.md). It pulls
// articles from the JetStream work queue, codes them, writes each batch to
// the shared PostgreSQL store in one transaction and acknowledges the
// batch's messages only after the commit. A message whose worker dies
// before acknowledging comes back after the ack wait; writing it again adds
// nothing, so every article is stored exactly once. On SIGTERM or SIGINT the
// worker finishes the article it is coding, commits and acknowledges what it
// has coded and returns the rest of its batch to the queue (nak).

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/cli.h"
#include "cli/inputs.h"
#include "dyad/pipeline.h"
#include "queue/queue.h"
#include "store/pg_store.h"
#include "store/schema.h"
#include "store/sql.h"
#include "store/store.h"

namespace dyad::cli {
namespace {

struct WorkOptions {
  std::string nats, pg;
  queue::QueueOptions queue;
  int batch = 64;
  double idle_exit = 0;    // seconds without messages before exiting; 0: never
  double merge_every = 0;  // seconds between merges; 0: never
  int max_deliveries = 5;  // a message delivered more often is dropped
  bool quiet = false;
};

std::atomic<bool> stop_requested{false};

extern "C" void OnStopSignal(int) { stop_requested.store(true); }

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Empties the staging store after a batch was written.
Status ClearStaging(store::Store& st) {
  std::string sql;
  for (const store::DumpTable& t : store::kDumpTables) {
    if (std::string_view(t.table) != "meta") sql += std::string("DELETE FROM ") + t.table + ";";
  }
  return store::Exec(st.handle(), sql.c_str());
}

int RunWork(Globals& g, const WorkOptions& o) {
  std::signal(SIGTERM, OnStopSignal);
  std::signal(SIGINT, OnStopSignal);
  auto q = queue::Queue::Connect(o.nats, o.queue);
  if (!q.ok()) return Fail(q.status());
  auto pg = store::PgStore::Open(o.pg);
  if (!pg.ok()) return Fail(pg.status());
  auto staging = store::Store::Open(":memory:");
  if (!staging.ok()) return Fail(staging.status());

  int64_t messages = 0, added = 0, errors = 0;
  double busy = 0;  // seconds spent on batches (not waiting for messages)
  Clock::time_point idle_since = Clock::now(), last_merge = Clock::now();
  while (!stop_requested.load()) {
    auto fetched = (*q)->Fetch(o.batch, 500);
    if (!fetched.ok()) return Fail(fetched.status());
    if (fetched->empty()) {
      if (o.idle_exit > 0 && Since(idle_since) >= o.idle_exit) break;
      continue;
    }
    Clock::time_point start = Clock::now();
    std::vector<std::unique_ptr<queue::Message>>& msgs = *fetched;
    size_t done = 0;
    std::vector<Document> coded;  // kept to store one by one if the batch fails
    for (; done < msgs.size() && !stop_requested.load(); ++done) {
      // An article that keeps coming back crashed or stalled its workers
      // (or they were killed): drop it rather than take every worker down.
      if (uint64_t n = msgs[done]->deliveries(); n > static_cast<uint64_t>(o.max_deliveries)) {
        ++errors;
        auto doc = DecodeInput(msgs[done]->data());
        std::fprintf(stderr, "dyad: %s: delivered %llu times without success; dropped\n",
                     doc.ok() ? doc->source.c_str() : "queue message",
                     static_cast<unsigned long long>(n));
        continue;
      }
      auto doc = DecodeInput(msgs[done]->data());
      Status s = doc.ok() ? RunPipeline(g.config, *doc) : doc.status();
      if (s.ok()) {
        auto r = (*staging)->Add(g.config, *doc);
        s = r.ok() ? Status::Ok() : r.status();
        if (s.ok()) coded.push_back(std::move(*doc));
      }
      if (!s.ok()) {
        // Bad input is reported and dropped (acknowledged), as ingest does.
        ++errors;
        std::fprintf(stderr, "dyad: %s\n", s.message().c_str());
      }
    }
    auto written = (*pg)->AddFrom(**staging);
    if (Status s = ClearStaging(**staging); !s.ok()) return Fail(s);
    if (!written.ok() && (*pg)->Connected()) {
      // The server is fine but refused the batch: store the articles one by
      // one, so that one the store rejects is reported and dropped alone.
      std::fprintf(stderr, "dyad work: %s; storing the batch article by article\n",
                   written.status().message().c_str());
      written = int64_t{0};
      for (const Document& d : coded) {
        auto one = (*staging)->Add(g.config, d);
        auto w = one.ok() ? (*pg)->AddFrom(**staging) : Result<int64_t>(one.status());
        if (Status s = ClearStaging(**staging); !s.ok()) return Fail(s);
        if (w.ok()) {
          *written += *w;
        } else if ((*pg)->Connected()) {
          ++errors;
          std::fprintf(stderr, "dyad: %s: cannot store: %s\n", d.source.c_str(),
                       w.status().message().c_str());
        } else {
          written = w.status();
          break;
        }
      }
    }
    if (!written.ok()) {
      std::fprintf(stderr, "dyad work: %s; returning %zu messages to the queue\n",
                   written.status().message().c_str(), msgs.size());
      for (auto& m : msgs) m->Nak();
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    added += *written;
    for (size_t i = 0; i < msgs.size(); ++i) {
      Status s = i < done ? msgs[i]->Ack() : msgs[i]->Nak();
      if (!s.ok()) std::fprintf(stderr, "dyad work: %s\n", s.message().c_str());
    }
    messages += static_cast<int64_t>(done);
    busy += Since(start);
    idle_since = Clock::now();
    if (o.merge_every > 0 && Since(last_merge) >= o.merge_every) {
      auto m = (*pg)->Merge(g.config);
      if (!m.ok()) std::fprintf(stderr, "dyad work: merge: %s\n", m.status().message().c_str());
      last_merge = Clock::now();
    }
  }
  if (!o.quiet) {
    std::fprintf(stderr,
                 "dyad work: %lld articles (%lld added, %lld errors) in %.2f s busy, %.1f "
                 "articles/s\n",
                 static_cast<long long>(messages), static_cast<long long>(added),
                 static_cast<long long>(errors), busy,
                 busy > 0 ? static_cast<double>(messages) / busy : 0.0);
  }
  return 0;
}

}  // namespace

Command AddWorkCommand(CLI::App& root, Globals& g) {
  auto o = std::make_shared<WorkOptions>();
  CLI::App* app = root.add_subcommand(
      "work", "Code articles from the work queue into the shared PostgreSQL store");
  AddQueueOptions(app, &o->nats, &o->queue);
  app->add_option("--pg", o->pg, "PostgreSQL store (libpq URL)")->required();
  app->add_option("--batch", o->batch, "articles per fetch and transaction (default 64)")
      ->check(CLI::Range(1, 10000));
  app->add_option("--ack-wait", o->queue.ack_wait_seconds,
                  "seconds before an unacknowledged article goes to another worker (fixed "
                  "when the consumer is created, default 30; later workers may omit it)")
      ->check(CLI::Range(1, 86400));
  app->add_option("--max-deliveries", o->max_deliveries,
                  "drop an article delivered more often than this (a poison message; default 5)")
      ->check(CLI::Range(1, 1000));
  app->add_option("--idle-exit", o->idle_exit,
                  "exit after this many seconds without messages (default: never)");
  app->add_option("--merge-every", o->merge_every,
                  "also run the cross-article merge every this many seconds (default: never; "
                  "see dyad merge)");
  app->add_flag("--quiet", o->quiet, "no summary on standard error");
  AddDataOption(app, g);
  return {app, [o](Globals& g) { return RunWork(g, *o); }};
}

}  // namespace dyad::cli
