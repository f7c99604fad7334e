// dyad enqueue: publishes articles to the JetStream work queue that
// `dyad work` processes (docs/scale.md). The inputs are those of `dyad ingest`
// (files, folders, JSON lines, WARC records, standard input), read here and
// sent one message per article.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/inputs.h"
#include "queue/queue.h"
#include "store/store.h"

namespace dyad::cli {
namespace {

struct EnqueueOptions {
  std::vector<std::string> paths;
  std::string nats;
  queue::QueueOptions queue;
  bool quiet = false;
};

int RunEnqueue(const EnqueueOptions& o) {
  auto q = queue::Queue::Connect(o.nats, o.queue);
  if (!q.ok()) return Fail(q.status());
  int64_t published = 0, errors = 0;
  Status failure;
  std::atomic<int64_t> total{-1};
  Producer producer(
      [&](Item it) {
        if (!failure.ok()) return;
        auto doc = LoadItem(it);
        if (!doc.ok()) {
          std::fprintf(stderr, "dyad: %s\n", doc.status().message().c_str());
          ++errors;
          return;
        }
        std::string payload = EncodeInput(*doc);
        // The message id makes a repeated enqueue of the same input a no-op.
        if (Status s = (*q)->Publish(payload, store::ContentHash(payload)); !s.ok()) {
          failure = Status::IoError(it.source + ": " + s.message());
          producer.stopped_ = true;
          return;
        }
        ++published;
      },
      total);
  producer.Run(o.paths);
  if (failure.ok()) failure = (*q)->Flush();
  if (!failure.ok()) return Fail(failure);
  for (const std::string& e : producer.errors) {
    std::fprintf(stderr, "dyad: %s\n", e.c_str());
    ++errors;
  }
  for (const std::string& w : producer.warnings)
    std::fprintf(stderr, "dyad: warning: %s\n", w.c_str());
  if (!o.quiet) {
    std::fprintf(stderr, "dyad enqueue: %lld articles published to %s (%s), %lld errors\n",
                 static_cast<long long>(published), o.queue.stream.c_str(), o.nats.c_str(),
                 static_cast<long long>(errors));
  }
  return errors > 0 ? 3 : 0;
}

}  // namespace

void AddQueueOptions(CLI::App* app, std::string* nats, queue::QueueOptions* q) {
  app->add_option("--nats", *nats, "NATS server URL (nats://HOST:4222)")->required();
  app->add_option("--stream", q->stream, "JetStream stream (default DYAD)");
  app->add_option("--subject", q->subject, "its subject (default dyad.articles)");
  app->add_option("--replicas", q->replicas,
                  "copies of the stream when it is created (default 1; 3 on a 3-node cluster)")
      ->check(CLI::Range(1, 5));
}

Command AddEnqueueCommand(CLI::App& root, Globals& g) {
  auto o = std::make_shared<EnqueueOptions>();
  CLI::App* app = root.add_subcommand("enqueue", "Publish articles to the work queue of dyad work");
  AddInputPathsOption(app, &o->paths);
  AddQueueOptions(app, &o->nats, &o->queue);
  app->add_flag("--quiet", o->quiet, "no summary on standard error");
  return {app, [o](Globals&) { return RunEnqueue(*o); }, false};
}

}  // namespace dyad::cli
