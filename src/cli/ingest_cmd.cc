// dyad ingest: code many articles into the corpus store (docs/cli.md,
// docs/store.md). One reader thread lists the inputs in a canonical order,
// N coding threads run the pipeline, and this thread writes documents to the
// store in input order, one transaction per batch, then merges events.

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/cli.h"
#include "cli/inputs.h"
#include "cli/store_cli.h"
#include "core/text.h"
#include "dyad/pipeline.h"
#include "store/store.h"
#include "warc/warc.h"

namespace dyad::cli {
namespace {

namespace fs = std::filesystem;

// The writer's page cache during an ingest, in MiB.
constexpr int kIngestCacheMiB = 64;
// The size of the write-ahead log that triggers a checkpoint during an
// ingest, in MiB (bench/README.md).
constexpr int kIngestCheckpointMiB = 256;
// An ingest into a store of at most this many documents drops the secondary
// indexes and builds them again at the end (Store::DeferIndexes): about 0.5
// CPU s per 10,000 stored documents, against 0.7 ms saved per added one.
constexpr int64_t kDeferIndexesMaxDocuments = 10000;

struct IngestOptions {
  std::vector<std::string> paths;
  std::string db;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int batch = 1024;
  bool no_merge = false;
  bool quiet = false;
  int64_t kill_after = 0;  // testing: SIGKILL self after adding this many documents
};

// A coded document (or the error that stopped it), ready for the writer.
struct Coded {
  std::optional<Document> doc;
  std::string content_hash;  // of doc's raw bytes
  Status status;
  bool skipped = false;  // already in the store
};

Coded CodeItem(const Config& config, const Item& it, store::Store* reader) {
  Coded c;
  Result<Document> doc = LoadItem(it);
  if (!doc.ok()) {
    c.status = doc.status();
    return c;
  }
  c.content_hash = store::ContentHash(doc->raw);
  if (reader) {
    auto has = reader->Contains(c.content_hash, doc->meta.url);
    if (has.ok() && *has) {
      c.skipped = true;
      return c;
    }
  }
  c.status = RunPipeline(config, *doc);
  if (c.status.ok()) c.doc = std::move(*doc);
  return c;
}

// Bounded queue of items, closed by the producer.
class ItemQueue {
 public:
  explicit ItemQueue(size_t cap) : cap_(cap) {}
  void Push(Item it) {
    std::unique_lock<std::mutex> l(mu_);
    not_full_.wait(l, [&] { return q_.size() < cap_ || stop_; });
    if (stop_) return;
    q_.push_back(std::move(it));
    not_empty_.notify_one();
  }
  std::optional<Item> Pop() {
    std::unique_lock<std::mutex> l(mu_);
    not_empty_.wait(l, [&] { return !q_.empty() || closed_ || stop_; });
    if (q_.empty() || stop_) return std::nullopt;
    Item it = std::move(q_.front());
    q_.pop_front();
    not_full_.notify_one();
    return it;
  }
  void Close() {
    std::lock_guard<std::mutex> l(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }
  void Stop() {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  size_t cap_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Item> q_;
  bool closed_ = false, stop_ = false;
};

// Results keyed by sequence number, handed to the writer in order. Workers
// wait when they run too far ahead of the writer, which bounds memory.
class ReorderBuffer {
 public:
  explicit ReorderBuffer(uint64_t window) : window_(window) {}
  void Put(uint64_t seq, Coded c) {
    std::unique_lock<std::mutex> l(mu_);
    room_.wait(l, [&] { return seq < next_ + window_ || stop_; });
    done_.emplace(seq, std::move(c));
    ready_.notify_all();
  }
  // Waits for result `next_`, or returns nullopt when `total` (set once the
  // producer is done) is reached.
  std::optional<Coded> Next(const std::atomic<int64_t>& total) {
    std::unique_lock<std::mutex> l(mu_);
    for (;;) {
      auto it = done_.find(next_);
      if (it != done_.end()) {
        Coded c = std::move(it->second);
        done_.erase(it);
        ++next_;
        room_.notify_all();
        return c;
      }
      int64_t t = total.load();
      if (t >= 0 && next_ >= static_cast<uint64_t>(t)) return std::nullopt;
      ready_.wait_for(l, std::chrono::milliseconds(200));
    }
  }
  void Wake() {
    std::lock_guard<std::mutex> l(mu_);
    ready_.notify_all();
  }
  void Stop() {
    std::lock_guard<std::mutex> l(mu_);
    stop_ = true;
    room_.notify_all();
  }

 private:
  uint64_t window_;
  std::mutex mu_;
  std::condition_variable room_, ready_;
  std::map<uint64_t, Coded> done_;
  uint64_t next_ = 0;
  bool stop_ = false;
};

std::string Clock(double seconds) {
  if (seconds < 0 || seconds > 1e7) return "--:--";
  int s = static_cast<int>(seconds);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  }
  return buf;
}

struct Counters {
  int64_t done = 0, added = 0, duplicates = 0, errors = 0, events = 0;
};

// Progress on standard error: a redrawn bar on a terminal, else a log line
// every 10 seconds.
class Progress {
 public:
  explicit Progress(bool quiet) : tty_(!quiet && ::isatty(2)), quiet_(quiet) {}
  void Update(const Counters& c, int64_t total, bool force = false) {
    if (quiet_) return;
    auto now = std::chrono::steady_clock::now();
    double since = std::chrono::duration<double>(now - last_).count();
    if (!force && since < (tty_ ? 0.2 : 10.0)) return;
    last_ = now;
    double el = std::chrono::duration<double>(now - start_).count();
    double rate = el > 0 ? static_cast<double>(c.done) / el : 0;
    std::string eta = total >= 0 && rate > 0 ? Clock(static_cast<double>(total - c.done) / rate)
                                             : std::string("--:--");
    if (tty_) {
      int width = 24;
      int fill = total > 0 ? static_cast<int>(width * c.done / std::max<int64_t>(total, 1)) : 0;
      std::string bar(static_cast<size_t>(fill), '#');
      bar.resize(static_cast<size_t>(width), total > 0 ? '.' : ' ');
      std::fprintf(stderr,
                   "\r[%s] %lld%s docs  %.0f docs/s  %lld events  %lld errors  ETA %s\x1b[K",
                   bar.c_str(), static_cast<long long>(c.done),
                   total >= 0 ? ("/" + std::to_string(total)).c_str() : "", rate,
                   static_cast<long long>(c.events), static_cast<long long>(c.errors), eta.c_str());
    } else {
      std::fprintf(stderr,
                   "dyad ingest: %lld docs (%lld added, %lld duplicates), %.0f docs/s, %lld "
                   "events, %lld errors, elapsed %s, ETA %s\n",
                   static_cast<long long>(c.done), static_cast<long long>(c.added),
                   static_cast<long long>(c.duplicates), rate, static_cast<long long>(c.events),
                   static_cast<long long>(c.errors), Clock(el).c_str(), eta.c_str());
    }
    std::fflush(stderr);
  }
  // Prints an error line without mangling the bar.
  void Error(const std::string& msg) {
    if (tty_) std::fprintf(stderr, "\r\x1b[K");
    std::fprintf(stderr, "dyad: %s\n", msg.c_str());
  }
  void Finish() {
    if (tty_) std::fprintf(stderr, "\n");
  }
  double Elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  bool tty_, quiet_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
};

int RunIngest(Globals& g, const IngestOptions& o) {
  auto opened = store::Store::Open(o.db);
  if (!opened.ok()) return Fail(opened.status());
  store::Store& st = **opened;
  // Rows land at hash-ordered places all over the tables; a 64 MiB page
  // cache (SQLite's default is 2 MiB) keeps the pages they touch instead of
  // re-reading them from the file on every batch (bench/README.md).
  if (Status s = st.SetCacheMiB(kIngestCacheMiB); !s.ok()) return Fail(s);
  if (Status s = st.SetCheckpointMiB(kIngestCheckpointMiB); !s.ok()) return Fail(s);
  if (Status s = st.DeferIndexes(kDeferIndexesMaxDocuments); !s.ok()) return Fail(s);

  const size_t window = static_cast<size_t>(std::max(64, o.threads * 16));
  ItemQueue queue(window);
  ReorderBuffer reorder(window);
  std::atomic<int64_t> total{-1};
  Producer producer([&](Item it) { queue.Push(std::move(it)); }, total);
  std::thread prod([&] {
    producer.Run(o.paths);
    queue.Close();
    reorder.Wake();
  });
  std::vector<std::thread> workers;
  for (int t = 0; t < o.threads; ++t) {
    workers.emplace_back([&] {
      // Each coder checks the store for known documents on its own
      // read-only connection, so a resumed ingest skips them cheaply.
      auto reader = store::Store::Open(o.db, /*read_only=*/true);
      store::Store* r = reader.ok() ? reader->get() : nullptr;
      while (auto it = queue.Pop()) reorder.Put(it->seq, CodeItem(g.config, *it, r));
    });
  }

  Progress progress(o.quiet);
  Counters c;
  int rc = 0;
  Status failure;
  int in_batch = 0;
  while (auto coded = reorder.Next(total)) {
    ++c.done;
    if (!coded->status.ok()) {
      ++c.errors;
      progress.Error(coded->status.message());
    } else if (coded->skipped) {
      ++c.duplicates;
    } else {
      if (in_batch == 0) {
        if (Status s = st.Begin(); !s.ok()) {
          failure = s;
          break;
        }
      }
      auto r = st.Add(g.config, *coded->doc, coded->content_hash);
      if (!r.ok()) {
        failure = r.status();
        break;
      }
      if (*r == store::AddOutcome::kAdded) {
        ++c.added;
        c.events += static_cast<int64_t>(coded->doc->events.size());
      } else {
        ++c.duplicates;
      }
      if (o.kill_after > 0 && c.added >= o.kill_after) std::raise(SIGKILL);
      if (++in_batch >= o.batch) {
        if (Status s = st.Commit(); !s.ok()) {
          failure = s;
          break;
        }
        in_batch = 0;
      }
    }
    progress.Update(c, total.load());
  }
  if (failure.ok() && in_batch > 0) failure = st.Commit();
  if (!failure.ok()) st.Rollback();
  // The merge needs the block index; the indexes on event_id would only
  // slow its updates down, so they are built after it.
  if (Status s = st.RestoreIndexes(failure.ok() && !o.no_merge ? "event_id" : "");
      !s.ok() && failure.ok()) {
    failure = s;
  }
  if (!failure.ok()) {
    producer.stopped_ = true;
    queue.Stop();
    reorder.Stop();
  }
  prod.join();
  for (auto& w : workers) w.join();
  progress.Update(c, total.load(), /*force=*/true);
  progress.Finish();
  if (!failure.ok()) return Fail(failure);
  for (const std::string& e : producer.errors) {
    progress.Error(e);
    ++c.errors;
  }
  for (const std::string& w : producer.warnings) progress.Error("warning: " + w);
  int64_t blocks = 0;
  if (!o.no_merge) {
    auto merged = st.Merge(g.config);
    Status restored = st.RestoreIndexes();
    if (!merged.ok()) return Fail(merged.status());
    if (!restored.ok()) return Fail(restored);
    blocks = *merged;
  }
  // The summary's counts scan every layer: only when it is printed.
  if (!o.quiet) {
    if (auto stats = st.GetStats(); stats.ok()) {
      std::fprintf(stderr,
                   "dyad ingest: %lld added, %lld duplicates, %lld errors in %.1f s; store %s "
                   "holds %lld documents, %lld event mentions in %lld events (%lld blocks "
                   "merged)\n",
                   static_cast<long long>(c.added), static_cast<long long>(c.duplicates),
                   static_cast<long long>(c.errors), progress.Elapsed(), o.db.c_str(),
                   static_cast<long long>(stats->documents),
                   static_cast<long long>(stats->mentions), static_cast<long long>(stats->events),
                   static_cast<long long>(blocks));
    }
  }
  if (c.errors > 0) rc = 3;
  return rc;
}

}  // namespace

Command AddIngestCommand(CLI::App& root, Globals& g) {
  auto o = std::make_shared<IngestOptions>();
  CLI::App* app = root.add_subcommand("ingest", "Code articles into the corpus store");
  AddInputPathsOption(app, &o->paths);
  AddDbOption(app, &o->db);
  app->add_option("--threads", o->threads, "coding threads (default: the number of cores)")
      ->check(CLI::Range(1, 256));
  app->add_option("--batch", o->batch, "documents per transaction (default 1024)")
      ->check(CLI::Range(1, 100000));
  app->add_flag("--no-merge", o->no_merge, "skip the cross-article merge (run it later)");
  app->add_flag("--quiet", o->quiet, "no progress or summary on standard error");
  app->add_option("--kill-after", o->kill_after, "")->group("");  // tests: simulate kill -9
  AddDataOption(app, g);
  return {app, [o](Globals& g) { return RunIngest(g, *o); }};
}

}  // namespace dyad::cli
