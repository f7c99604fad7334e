#include "cameo/codebook.h"

#include <cstdlib>

#include "core/once.h"
#include "core/tsv.h"

namespace dyad::cameo {

std::string_view Root(std::string_view code) { return code.substr(0, 2); }

int QuadClass(std::string_view code) {
  if (code.size() < 2) return 0;
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  if (root >= 1 && root <= 5) return 1;
  if (root >= 6 && root <= 8) return 2;
  if (root >= 9 && root <= 13) return 3;
  if (root >= 14 && root <= 20) return 4;
  return 0;
}

std::string GoldStandardType(std::string_view code, std::string_view plover) {
  std::string_view root = Root(code);
  if (plover.empty()) return "";
  if (root == "09") return "INVESTIGATE";
  if (root == "10") return "DEMAND";
  if (root == "11") return "DISAPPROVE";
  if (root == "16") return "SANCTION";
  if (root == "19") return "FIGHT";
  return std::string(plover);
}

Result<const Codebook*> Codebook::Get(const Config& config) {
  std::string path = config.data_dir + "/cameo_codes.tsv";
  return LoadOnce<Codebook>(path, [&](Codebook& cb) { return cb.LoadFile(path); });
}

Status Codebook::LoadFile(const std::string& path) {
  // code, name, goldstein, plover, plover_mode, plover_context
  return ReadTsv(path, 4, [&](int, const std::vector<std::string_view>& f) {
    CodeInfo info;
    info.code = std::string(f[0]);
    if (info.code.size() < 2 || info.code.size() > 4) {
      return Status::DataError("bad CAMEO code '" + info.code + "'");
    }
    for (char c : info.code) {
      if (c < '0' || c > '9') return Status::DataError("bad CAMEO code '" + info.code + "'");
    }
    info.name = std::string(f[1]);
    std::string g(f[2]);
    char* end = nullptr;
    info.goldstein = std::strtod(g.c_str(), &end);
    if (g.empty() || end != g.c_str() + g.size()) {
      return Status::DataError("bad Goldstein value '" + g + "'");
    }
    info.plover = std::string(f[3]);
    info.plover_event = GoldStandardType(info.code, info.plover);
    if (f.size() > 4) info.plover_mode = std::string(f[4]);
    if (f.size() > 5) info.plover_context = std::string(f[5]);
    codes_[info.code] = std::move(info);
    return Status::Ok();
  });
}

const CodeInfo* Codebook::Find(std::string_view code) const {
  auto it = codes_.find(std::string(code));
  return it == codes_.end() ? nullptr : &it->second;
}

}  // namespace dyad::cameo
