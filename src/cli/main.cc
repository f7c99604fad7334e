// dyad: the command-line tool (docs/cli.md). Each subcommand lives in its
// own file under src/cli/ and is registered here.

#include <cstdio>
#include <vector>

#include "cli/cli.h"
#include "dyad/pipeline.h"

int main(int argc, char** argv) {
  using dyad::cli::Command;
  CLI::App app{"dyad: news articles in, coded event data out"};
  app.require_subcommand(1);
  dyad::cli::Globals g;
  g.config = dyad::Config::Default();
  g.config.max_doc_seconds = dyad::kServiceMaxDocSeconds;  // lexicons load before documents

  std::vector<Command> commands = {
      dyad::cli::AddCodeCommand(app, g),    dyad::cli::AddQuotesCommand(app, g),
      dyad::cli::AddIngestCommand(app, g),  dyad::cli::AddQueryCommand(app, g),
      dyad::cli::AddShowCommand(app, g),    dyad::cli::AddExportCommand(app, g),
      dyad::cli::AddServeCommand(app, g),   dyad::cli::AddExtractCommand(app, g),
      dyad::cli::AddEnqueueCommand(app, g), dyad::cli::AddWorkCommand(app, g),
      dyad::cli::AddMergeCommand(app, g),
  };
  CLI::App* version = app.add_subcommand("version", "Print dyad's version");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (version->parsed()) {
    std::printf("dyad %s\n", DYAD_VERSION);
    return 0;
  }
  if (!g.data_dir.empty()) g.config.data_dir = g.data_dir;
  for (Command& c : commands) {
    if (!c.app->parsed()) continue;
    // Load every lexicon up front: malformed data fails here, with exit code 4.
    if (c.needs_lexicons) {
      if (dyad::Status s = dyad::Preload(g.config); !s.ok()) return dyad::cli::Fail(s);
    }
    return c.run(g);
  }
  return 2;
}
