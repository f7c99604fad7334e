#include <cstdio>

#include "cli/cli.h"
#include "core/text.h"

namespace dyad::cli {

int ExitCode(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk:
      return 0;
    case StatusCode::kInvalidArgument:
      return 2;
    case StatusCode::kNotFound:
    case StatusCode::kIoError:
    case StatusCode::kInvalidInput:
      return 3;
    case StatusCode::kDataError:
      return 4;
    case StatusCode::kInternal:
      return 5;
  }
  return 5;
}

int Fail(const Status& s) {
  std::fprintf(stderr, "dyad: %s\n", s.message().c_str());
  return ExitCode(s);
}

std::string Shorten(std::string_view s, size_t n) {
  std::string out(Trim(s));
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  if (out.size() <= n) return out;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  return out.substr(0, cut) + "...";
}

void AddDataOption(CLI::App* app, Globals& g) {
  app->add_option("--data", g.data_dir, "data folder (default: the repository's data/)");
}

}  // namespace dyad::cli
