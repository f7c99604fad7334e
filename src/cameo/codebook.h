// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// The CAMEO event codebook (data/cameo_codes.tsv): every CAMEO event code with
// its name, Goldstein value and PLOVER mapping. Loaded once per data folder.

#ifndef DYAD_CAMEO_CODEBOOK_H_
#define DYAD_CAMEO_CODEBOOK_H_

#include <string>
#include <string_view>
#include <unordered_map>

#include "dyad/config.h"
#include "dyad/status.h"

namespace dyad::cameo {

// What the codebook says about one CAMEO event code.
struct CodeInfo {
  std::string code;            // "042"
  std::string name;            // "Make a visit"
  double goldstein = 0;        // -10 .. +10
  std::string plover;          // PLOVER event type, 2021 table: "ACCUSE"
  // The PLOVER event type as the PLOVER gold standard names it, which keeps
  // apart what the 2021 table merges: INVESTIGATE (root 09) and DISAPPROVE
  // (11) instead of ACCUSE, DEMAND (10) instead of REQUEST, FIGHT (19)
  // instead of ASSAULT, and SANCTION for all of root 16. Else `plover`.
  std::string plover_event;
  std::string plover_mode;     // PLOVER mode, or ""
  std::string plover_context;  // PLOVER context, or ""
};

// The CAMEO root of a code: its first two digits ("042" -> "04").
std::string_view Root(std::string_view code);

// GDELT's quad class of a code: 1 verbal cooperation (roots 01-05), 2
// material cooperation (06-08), 3 verbal conflict (09-13), 4 material
// conflict (14-20); 0 for an unknown root.
int QuadClass(std::string_view code);

// CodeInfo::plover_event for `code` whose 2021 PLOVER type is `plover`.
std::string GoldStandardType(std::string_view code, std::string_view plover);

// The codebook, read-only once loaded.
class Codebook {
 public:
  // The codebook from config.data_dir, loaded on first use.
  static Result<const Codebook*> Get(const Config& config);

  // Reads `path`; a malformed line is a kDataError naming file and line.
  Status LoadFile(const std::string& path);

  // The entry for `code`, or nullptr when the code is not in the codebook.
  const CodeInfo* Find(std::string_view code) const;

  // Number of codes.
  size_t size() const { return codes_.size(); }

 private:
  std::unordered_map<std::string, CodeInfo> codes_;
};

}  // namespace dyad::cameo

#endif  // DYAD_CAMEO_CODEBOOK_H_
