// placeholder
#include "cli/cli.h"
namespace dyad::cli {
Command AddExportCommand(CLI::App& root, Globals& g) {
  CLI::App* app = root.add_subcommand("export", "(not yet)");
  return {app, [](Globals&) { return 5; }, false};
}
}  // namespace dyad::cli
