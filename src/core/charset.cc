#include "core/charset.h"

#include <unicode/ucnv.h>

#include <climits>
#include <memory>

namespace dyad {

std::string BomCharset(std::string_view s, size_t* bom_size) {
  auto at = [&](size_t i) -> unsigned {
    return i < s.size() ? static_cast<unsigned char>(s[i]) : 0x100u;
  };
  struct Bom {
    unsigned b[4];
    size_t n;
    const char* name;
  };
  // Longest first: the UTF-32LE mark starts with the UTF-16LE one.
  static constexpr Bom kBoms[] = {
      {{0xFF, 0xFE, 0x00, 0x00}, 4, "utf-32le"}, {{0x00, 0x00, 0xFE, 0xFF}, 4, "utf-32be"},
      {{0xEF, 0xBB, 0xBF, 0}, 3, "utf-8"},       {{0xFF, 0xFE, 0, 0}, 2, "utf-16le"},
      {{0xFE, 0xFF, 0, 0}, 2, "utf-16be"},
  };
  for (const Bom& b : kBoms) {
    bool match = true;
    for (size_t i = 0; i < b.n && match; ++i) match = at(i) == b.b[i];
    if (match) {
      if (bom_size) *bom_size = b.n;
      return b.name;
    }
  }
  if (bom_size) *bom_size = 0;
  return "";
}

bool ConvertToUtf8(std::string_view in, const std::string& charset, std::string* out) {
  if (in.size() > INT_MAX / 4) return false;
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> from(ucnv_open(charset.c_str(), &err),
                                                          ucnv_close);
  if (U_FAILURE(err) || !from) return false;
  std::unique_ptr<UConverter, void (*)(UConverter*)> to(ucnv_open("UTF-8", &err), ucnv_close);
  if (U_FAILURE(err) || !to) return false;
  // At most 3 UTF-8 bytes per input byte (a single byte may map to a BMP
  // character), plus room for the terminator ICU writes.
  out->assign(in.size() * 3 + 4, '\0');
  char* target = out->data();
  const char* source = in.data();
  ucnv_convertEx(to.get(), from.get(), &target, out->data() + out->size(), &source,
                 in.data() + in.size(), nullptr, nullptr, nullptr, nullptr, true, true, &err);
  if (U_FAILURE(err)) return false;
  out->resize(static_cast<size_t>(target - out->data()));
  return true;
}

}  // namespace dyad
