#include "core/tsv.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace dyad {

Status ReadFile(const std::string& path, std::string* out) {
  FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": " + std::strerror(errno));
  }
  out->clear();
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  bool err = std::ferror(f);
  int saved = errno;
  if (f != stdin) std::fclose(f);
  if (err) {
    return Status::IoError(path + ": read failed: " + std::strerror(saved));
  }
  return Status::Ok();
}

Status ReadTsv(const std::string& path, size_t min_fields, const TsvRowFn& fn) {
  std::string data;
  DYAD_RETURN_IF_ERROR(ReadFile(path, &data));
  std::vector<std::string_view> fields;
  std::string_view rest(data);
  int line = 0;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view l = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    ++line;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.empty() || l[0] == '#') continue;
    fields.clear();
    size_t start = 0;
    while (true) {
      size_t tab = l.find('\t', start);
      fields.push_back(l.substr(start, tab == std::string_view::npos
                                           ? std::string_view::npos
                                           : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (fields.size() < min_fields) {
      return Status::DataError(path + ":" + std::to_string(line) + ": expected " +
                               std::to_string(min_fields) + " tab-separated fields, found " +
                               std::to_string(fields.size()));
    }
    Status s = fn(line, fields);
    if (!s.ok()) {
      return Status(s.code(), path + ":" + std::to_string(line) + ": " + s.message());
    }
  }
  return Status::Ok();
}

}  // namespace dyad
