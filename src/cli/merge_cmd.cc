// dyad merge: the cross-article merge over the shared PostgreSQL store
// (docs/scale.md), run periodically next to the workers.

#include <cstdio>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "store/pg_store.h"

namespace dyad::cli {
namespace {

struct MergeCmdOptions {
  std::string pg;
  bool quiet = false;
};

int RunMerge(Globals& g, const MergeCmdOptions& o) {
  auto pg = store::PgStore::Open(o.pg);
  if (!pg.ok()) return Fail(pg.status());
  auto blocks = (*pg)->Merge(g.config);
  if (!blocks.ok()) return Fail(blocks.status());
  auto stats = (*pg)->GetStats();
  if (!stats.ok()) return Fail(stats.status());
  if (!o.quiet) {
    std::fprintf(stderr,
                 "dyad merge: %lld blocks merged; the store holds %lld documents, %lld event "
                 "mentions in %lld events (%lld unmerged)\n",
                 static_cast<long long>(*blocks), static_cast<long long>(stats->documents),
                 static_cast<long long>(stats->mentions), static_cast<long long>(stats->events),
                 static_cast<long long>(stats->unmerged_mentions));
  }
  return 0;
}

}  // namespace

Command AddMergeCommand(CLI::App& root, Globals& g) {
  auto o = std::make_shared<MergeCmdOptions>();
  CLI::App* app =
      root.add_subcommand("merge", "Merge new event mentions in the shared PostgreSQL store");
  app->add_option("--pg", o->pg, "PostgreSQL store (libpq URL)")->required();
  app->add_flag("--quiet", o->quiet, "no summary on standard error");
  AddDataOption(app, g);
  return {app, [o](Globals& g) { return RunMerge(g, *o); }};
}

}  // namespace dyad::cli
