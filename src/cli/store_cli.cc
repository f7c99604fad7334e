#include "cli/store_cli.h"

#include <cstdio>
#include <filesystem>

#include "dyad/document.h"

namespace dyad::cli {

void AddDbOption(CLI::App* app, std::string* db) {
  *db = kDefaultDb;
  app->add_option("--db", *db, "the store (SQLite file; default ./dyad.db)");
}

Result<std::unique_ptr<store::Store>> OpenExistingStore(const std::string& db) {
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) {
    return Status::NotFound(db + ": no such store (create it with dyad ingest --db " + db + ")");
  }
  return store::Store::Open(db, /*read_only=*/true);
}

std::string IsoDate(int d) {
  if (d == 0) return "";
  char buf[16];
  if (d % 100 == 0 && d / 100 % 100 == 0) {
    std::snprintf(buf, sizeof buf, "%04d", d / 10000);
  } else if (d % 100 == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", d / 10000, d / 100 % 100);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  }
  return buf;
}

bool ParseDateBound(const std::string& s, bool end, int* out) {
  Date d = Date::Parse(s);
  if (!d.known()) return false;
  int m = d.month != 0 ? d.month : (end ? 12 : 1);
  int day = d.day != 0 ? d.day : (end ? 31 : 1);
  *out = d.year * 10000 + m * 100 + day;
  return true;
}

}  // namespace dyad::cli
