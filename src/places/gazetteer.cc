// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "places/gazetteer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/once.h"
#include "core/text.h"
#include "core/tsv.h"

namespace dyad::places {

namespace {

// ASCII base letters for U+00C0..U+017F ('?' = no letter, dropped).
constexpr std::string_view kLatinFold =
    "AAAAAAACEEEEIIIIDNOOOOO?OUUUUYTsaaaaaaaceeeeiiiidnooooo?ouuuuyty"
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOo"
    "RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

bool IsAllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// True when `s` is ASCII letters, spaces, hyphens, periods and apostrophes,
// starts with a capital and has at least one lower-case letter.
bool IsUsableAltName(std::string_view s) {
  if (s.size() < 3 || s.size() > 40 || s[0] < 'A' || s[0] > 'Z') return false;
  bool lower = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (!((c >= 'A' && c <= 'Z') || c == ' ' || c == '-' || c == '.' || c == '\'')) {
      return false;
    }
  }
  return lower;
}

bool IsAllCaps(std::string_view s) {
  bool any = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') any = true;
  }
  return any;
}

// Removes a trailing " [...]" note from an iso-codes name.
std::string_view StripBracket(std::string_view s) {
  size_t b = s.find(" [");
  return b == std::string_view::npos ? s : s.substr(0, b);
}

// True when a division named `division` (folded) is named after its seat
// `seat` (folded): equal, or the seat's name is a stem of at least 5 letters.
bool SeatNames(const std::string& seat, const std::string& division) {
  if (seat == division) return true;
  return seat.size() >= 5 && division.size() > seat.size() &&
         division.compare(0, seat.size(), seat) == 0;
}

// A read-only memory map of a whole file, unmapped on destruction.
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (addr_ != nullptr) munmap(addr_, size_);
  }
  // Maps `path`; kNotFound / kIoError name the file.
  Status Open(const std::string& path) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::NotFound(path + ": no such file");
      return Status::IoError(path + ": " + std::strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
      int e = errno;
      close(fd);
      return Status::IoError(path + ": " + std::strerror(e));
    }
    size_ = static_cast<size_t>(st.st_size);
    if (size_ > 0) {
      void* a = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (a == MAP_FAILED) {
        int e = errno;
        close(fd);
        return Status::IoError(path + ": mmap failed: " + std::strerror(e));
      }
      addr_ = a;
      madvise(addr_, size_, MADV_SEQUENTIAL);
    }
    close(fd);
    return Status::Ok();
  }
  // The file's bytes.
  std::string_view data() const {
    return addr_ == nullptr ? std::string_view()
                            : std::string_view(static_cast<const char*>(addr_), size_);
  }

 private:
  void* addr_ = nullptr;
  size_t size_ = 0;
};

template <typename T>
bool ParseNum(std::string_view s, T* out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc();
}

}  // namespace

std::string_view ToString(Feature f) {
  switch (f) {
    case Feature::kCity:
      return "city";
    case Feature::kAdmin1:
      return "admin1";
    case Feature::kCountry:
      return "country";
    case Feature::kRegion:
      return "region";
    case Feature::kContinent:
      return "continent";
  }
  return "city";
}

uint64_t HashKey(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string FoldAscii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    char32_t cp = DecodeUtf8(s, &i);
    if (cp >= 0xC0 && cp <= 0x17F) {
      char f = kLatinFold[cp - 0xC0];
      if (f != '?') out.push_back(f >= 'A' && f <= 'Z' ? static_cast<char>(f + 32) : f);
    } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {
      out.push_back('\'');
    } else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013) {
      out.push_back('-');
    }
  }
  return out;
}

std::string Gazetteer::Key(std::string_view surface) {
  std::string out;
  out.reserve(surface.size());
  bool space = false;
  for (char c : surface) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return out;
}

void Gazetteer::Lookup(std::string_view key, bool all_caps, std::vector<uint32_t>* out) const {
  GazKey probe;
  probe.hash = HashKey(key);
  auto it = std::lower_bound(keys_.begin(), keys_.end(), probe,
                             [](const GazKey& a, const GazKey& b) { return a.hash < b.hash; });
  for (; it != keys_.end() && it->hash == probe.hash; ++it) {
    if (it->upper_only && !all_caps) continue;
    if (std::find(out->begin(), out->end(), it->entry) == out->end()) out->push_back(it->entry);
  }
}

bool Gazetteer::HasPrefix(std::string_view key) const {
  return std::binary_search(prefixes_.begin(), prefixes_.end(), HashKey(key));
}

int32_t Gazetteer::CountryEntry(std::string_view cc) const {
  auto it = country_by_cc_.find(std::string(cc));
  return it == country_by_cc_.end() ? -1 : it->second;
}

std::string Gazetteer::Alpha2(std::string_view alpha3) const {
  auto it = alpha3_to_2_.find(std::string(alpha3));
  return it == alpha3_to_2_.end() ? std::string() : it->second;
}

std::string Gazetteer::Alpha3(std::string_view alpha2) const {
  auto it = alpha2_to_3_.find(std::string(alpha2));
  return it == alpha2_to_3_.end() ? std::string() : it->second;
}

// Builds a Gazetteer from its sources.
class GazetteerBuilder {
 public:
  GazetteerBuilder(const Config& config, Gazetteer& g) : config_(config), g_(g) {}

  Status Build() {
    DYAD_RETURN_IF_ERROR(LoadCountries());
    DYAD_RETURN_IF_ERROR(LoadCountryAliases());
    DYAD_RETURN_IF_ERROR(LoadManualAdmin1());
    DYAD_RETURN_IF_ERROR(LoadSubdivisions());
    DYAD_RETURN_IF_ERROR(LoadCities());
    MapAdmin1();
    PlaceCountries();
    DYAD_RETURN_IF_ERROR(LoadRegions());
    Finish();
    return Status::Ok();
  }

 private:
  struct ManualAdmin1 {
    std::string cc, code, name;
    std::vector<std::string> aliases;
  };
  struct Subdivision {
    std::string cc, suffix, name;
    bool used = false;
  };
  // Per GeoNames (country, admin1 code): the seat and the largest city.
  struct AdminSeen {
    int32_t seat = -1;
    int32_t largest = -1;
  };

  void AddKey(std::string_view surface, uint32_t entry, bool upper_only = false) {
    std::string k = Gazetteer::Key(surface);
    if (k.empty()) return;
    AddNormalisedKey(k, entry, upper_only);
    bool ascii = true;
    for (char c : k) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return;
    std::string f = FoldAscii(k);
    if (f != k && !f.empty()) AddNormalisedKey(f, entry, upper_only);
  }

  void AddNormalisedKey(const std::string& k, uint32_t entry, bool upper_only) {
    // Prefixes ending before a space, hyphen, period or apostrophe let the
    // matcher stop extending early; FNV-1a is incremental, so they are free.
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < k.size(); ++i) {
      char c = k[i];
      if (i > 0 && (c == ' ' || c == '-' || c == '.' || c == '\'')) {
        g_.prefixes_.push_back(h);
      }
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ull;
      if (c == '-' || c == '.' || c == '\'') g_.prefixes_.push_back(h);
    }
    g_.keys_.push_back({h, entry, upper_only});
  }

  uint32_t NewEntry(GazEntry e) {
    g_.entries_.push_back(std::move(e));
    return static_cast<uint32_t>(g_.entries_.size() - 1);
  }

  Status LoadCountries() {
    std::string path = config_.iso_codes_dir + "/iso_3166-1.json";
    std::string text;
    DYAD_RETURN_IF_ERROR(ReadFile(path, &text));
    try {
      nlohmann::json j = nlohmann::json::parse(text);
      for (const auto& c : j.at("3166-1")) {
        std::string a2 = c.at("alpha_2").get<std::string>();
        std::string a3 = c.at("alpha_3").get<std::string>();
        if (a2.size() != 2) return Status::DataError(path + ": bad alpha_2 '" + a2 + "'");
        GazEntry e;
        e.cc[0] = a2[0];
        e.cc[1] = a2[1];
        e.feature = Feature::kCountry;
        std::string name = c.at("name").get<std::string>();
        std::string common = c.value("common_name", std::string());
        std::string official = c.value("official_name", std::string());
        e.name = common.empty() ? name : common;
        uint32_t idx = NewEntry(e);
        g_.country_by_cc_[a2] = static_cast<int32_t>(idx);
        g_.alpha3_to_2_[a3] = a2;
        g_.alpha2_to_3_[a2] = a3;
        for (const std::string* n : {&name, &common, &official}) {
          if (!n->empty() && n->find(',') == std::string::npos) AddKey(*n, idx);
        }
      }
    } catch (const std::exception& ex) {
      return Status::DataError(path + ": " + ex.what());
    }
    return Status::Ok();
  }

  Status LoadCountryAliases() {
    std::string path = config_.data_dir + "/country_aliases.tsv";
    return ReadTsv(path, 2, [&](int, const std::vector<std::string_view>& f) {
      int32_t idx = g_.CountryEntry(f[1]);
      if (idx < 0) return Status::DataError("unknown country code '" + std::string(f[1]) + "'");
      AddKey(f[0], static_cast<uint32_t>(idx), IsAllCaps(f[0]) && f[0].find('.') == f[0].npos);
      return Status::Ok();
    });
  }

  Status LoadManualAdmin1() {
    std::string path = config_.data_dir + "/admin1_names.tsv";
    return ReadTsv(path, 3, [&](int, const std::vector<std::string_view>& f) {
      if (f[0].size() != 2) return Status::DataError("country code must be ISO alpha-2");
      ManualAdmin1 m{std::string(f[0]), std::string(f[1]), std::string(f[2]), {}};
      if (f.size() > 3) {
        for (std::string_view a : Split(f[3], ',')) {
          a = Trim(a);
          if (!a.empty()) m.aliases.emplace_back(a);
        }
      }
      manual_.push_back(std::move(m));
      return Status::Ok();
    });
  }

  Status LoadSubdivisions() {
    std::string path = config_.iso_codes_dir + "/iso_3166-2.json";
    std::string text;
    DYAD_RETURN_IF_ERROR(ReadFile(path, &text));
    try {
      nlohmann::json j = nlohmann::json::parse(text);
      for (const auto& s : j.at("3166-2")) {
        if (s.contains("parent")) continue;  // second-level subdivision
        std::string code = s.at("code").get<std::string>();
        size_t dash = code.find('-');
        if (dash != 2) continue;
        subs_.push_back({code.substr(0, 2), code.substr(3),
                         std::string(StripBracket(s.at("name").get<std::string>()))});
      }
    } catch (const std::exception& ex) {
      return Status::DataError(path + ": " + ex.what());
    }
    return Status::Ok();
  }

  Status LoadCities() {
    const std::string& path = config_.gazetteer_path;
    MappedFile file;
    DYAD_RETURN_IF_ERROR(file.Open(path));
    std::string_view data = file.data();
    g_.entries_.reserve(g_.entries_.size() + 140000);
    g_.keys_.reserve(700000);
    g_.prefixes_.reserve(400000);
    std::string_view rest(data);
    std::string_view f[15];
    int line = 0;
    while (!rest.empty()) {
      size_t nl = rest.find('\n');
      std::string_view l = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      ++line;
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      if (l.empty()) continue;
      size_t n = 0, start = 0;
      while (n < 15) {
        size_t tab = l.find('\t', start);
        f[n++] =
            l.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      auto bad = [&](const char* what) {
        return Status::DataError(path + ":" + std::to_string(line) + ": " + what);
      };
      if (n < 15) return bad("expected at least 15 tab-separated GeoNames columns");
      GazEntry e;
      double lat = 0, lon = 0;
      if (!ParseNum(f[0], &e.geonames_id)) return bad("bad geonameid");
      if (!ParseNum(f[4], &lat) || !ParseNum(f[5], &lon)) return bad("bad latitude/longitude");
      e.lat = static_cast<float>(lat);
      e.lon = static_cast<float>(lon);
      uint64_t pop = 0;
      if (!f[14].empty() && !ParseNum(f[14], &pop)) return bad("bad population");
      e.population = static_cast<uint32_t>(std::min<uint64_t>(pop, 0xffffffffu));
      if (f[8].size() != 2) continue;  // no country: not resolvable to a state
      e.cc[0] = f[8][0];
      e.cc[1] = f[8][1];
      std::string_view fc = f[7];
      if (fc == "PPLC") {
        e.rank = CityRank::kCapital;
      } else if (fc == "PPLA") {
        e.rank = CityRank::kSeat1;
      } else if (fc.size() == 5 && fc.substr(0, 4) == "PPLA") {
        e.rank = CityRank::kSeat2;
      }
      e.name = std::string(f[1]);
      uint32_t idx = NewEntry(std::move(e));
      const GazEntry& en = g_.entries_[idx];
      // Admin1 bookkeeping.
      std::string akey = std::string(f[8]) + "." + std::string(f[10]);
      auto [it, inserted] =
          admin_index_.try_emplace(akey, static_cast<int32_t>(admin_seen_.size()));
      if (inserted) admin_seen_.push_back({});
      AdminSeen& as = admin_seen_[it->second];
      city_admin_.push_back(it->second);
      if (en.rank == CityRank::kSeat1 || en.rank == CityRank::kCapital) {
        if (as.seat < 0 || g_.entries_[as.seat].population < en.population) as.seat = idx;
      }
      if (as.largest < 0 || g_.entries_[as.largest].population < en.population) as.largest = idx;
      // Keys.
      AddKey(f[1], idx);
      if (f[2] != f[1]) AddKey(f[2], idx);
      size_t comma = f[1].find(", ");
      if (comma != std::string_view::npos) AddKey(f[1].substr(0, comma), idx);
      if (pop >= 10000 || en.rank >= CityRank::kSeat1) {
        std::string_view alts = f[3];
        size_t s = 0;
        while (s <= alts.size() && !alts.empty()) {
          size_t c = alts.find(',', s);
          std::string_view a = alts.substr(s, c == std::string_view::npos ? alts.npos : c - s);
          if (IsUsableAltName(a) && a != f[1] && a != f[2]) AddKey(a, idx);
          if (c == std::string_view::npos) break;
          s = c + 1;
        }
      }
    }
    first_city_ = static_cast<uint32_t>(g_.entries_.size() - city_admin_.size());
    return Status::Ok();
  }

  // Gives each GeoNames (country, admin1 code) a name, and adds admin1 places.
  void MapAdmin1() {
    std::vector<int32_t> admin_name(admin_seen_.size(), -1);
    auto add_name = [&](const std::string& name) {
      g_.admin1_names_.push_back(name);
      g_.admin1_entry_.push_back(-1);
      return static_cast<int32_t>(g_.admin1_names_.size() - 1);
    };
    auto add_place = [&](int32_t a, std::string_view cc, int32_t seat_city) {
      GazEntry e;
      e.name = g_.admin1_names_[a];
      e.cc[0] = cc[0];
      e.cc[1] = cc[1];
      e.feature = Feature::kAdmin1;
      e.admin1 = a;
      if (seat_city >= 0) {
        e.lat = g_.entries_[seat_city].lat;
        e.lon = g_.entries_[seat_city].lon;
      } else {
        e.lat = e.lon = NAN;  // filled from the country in PlaceCountries
      }
      uint32_t idx = NewEntry(std::move(e));
      g_.admin1_entry_[a] = static_cast<int32_t>(idx);
      return idx;
    };
    auto seat_of = [&](int32_t s) {
      return admin_seen_[s].seat >= 0 ? admin_seen_[s].seat : admin_seen_[s].largest;
    };
    // Index subdivisions by country.
    std::unordered_map<std::string, std::vector<size_t>> subs_by_cc;
    for (size_t i = 0; i < subs_.size(); ++i) subs_by_cc[subs_[i].cc].push_back(i);

    // (a) hand-written names.
    for (const ManualAdmin1& m : manual_) {
      auto it = admin_index_.find(m.cc + "." + m.code);
      int32_t a = add_name(m.name);
      int32_t seat = -1;
      if (it != admin_index_.end()) {
        admin_name[it->second] = a;
        seat = seat_of(it->second);
      }
      uint32_t idx = add_place(a, m.cc, seat);
      AddKey(m.name, idx);
      for (const std::string& al : m.aliases) AddKey(al, idx);
      // The iso-codes subdivision with the same name is the same place.
      // The iso-codes subdivision for the same division is this place too:
      // same name, or named after the seat ("Idlib", "Krasnodarskij kraj").
      std::string fold = FoldAscii(m.name);
      std::string seat_name = seat >= 0 ? FoldAscii(g_.entries_[seat].name) : std::string();
      for (size_t si : subs_by_cc[m.cc]) {
        if (subs_[si].used) continue;
        std::string n = FoldAscii(subs_[si].name);
        bool same = n == fold || (!seat_name.empty() && SeatNames(seat_name, n));
        if (same) {
          subs_[si].used = true;
          AddKey(subs_[si].name, idx);
        }
      }
    }
    // (b) alphabetic GeoNames codes equal to the ISO suffix; (c) the seat's
    // name equal to, or the stem of, the subdivision's name.
    for (const auto& [akey, s] : admin_index_) {
      if (admin_name[s] >= 0) continue;
      std::string cc = akey.substr(0, 2);
      std::string code = akey.substr(3);
      if (code.empty() || code == "00") continue;
      auto sit = subs_by_cc.find(cc);
      if (sit == subs_by_cc.end()) continue;
      int32_t found = -1;
      if (!IsAllDigits(code)) {
        for (size_t si : sit->second) {
          if (subs_[si].suffix == code && !subs_[si].used) found = static_cast<int32_t>(si);
        }
      }
      int32_t seat = seat_of(s);
      if (found < 0 && admin_seen_[s].seat >= 0) {
        std::string sname = FoldAscii(g_.entries_[admin_seen_[s].seat].name);
        int matches = 0;
        for (size_t si : sit->second) {
          if (subs_[si].used) continue;
          bool ok = SeatNames(sname, FoldAscii(subs_[si].name));
          if (ok) {
            ++matches;
            found = static_cast<int32_t>(si);
          }
        }
        if (matches != 1) found = -1;
      }
      if (found < 0) continue;
      subs_[found].used = true;
      int32_t a = add_name(subs_[found].name);
      admin_name[s] = a;
      uint32_t idx = add_place(a, cc, seat);
      AddKey(subs_[found].name, idx);
    }
    // Subdivisions left over are places too, located at their country.
    for (Subdivision& sd : subs_) {
      if (sd.used) continue;
      int32_t a = add_name(sd.name);
      uint32_t idx = add_place(a, sd.cc, -1);
      AddKey(sd.name, idx);
    }
    std::vector<uint64_t> pop(g_.admin1_names_.size(), 0);
    for (size_t i = 0; i < city_admin_.size(); ++i) {
      GazEntry& c = g_.entries_[first_city_ + i];
      c.admin1 = admin_name[city_admin_[i]];
      if (c.admin1 >= 0) pop[c.admin1] += c.population;
    }
    for (size_t a = 0; a < pop.size(); ++a) {
      int32_t e = g_.admin1_entry_[a];
      if (e >= 0)
        g_.entries_[e].population = static_cast<uint32_t>(std::min<uint64_t>(pop[a], 0xffffffffu));
    }
  }

  // Locates each country at its capital (else its largest city).
  void PlaceCountries() {
    std::unordered_map<std::string, int32_t> best;  // cc -> city entry
    for (size_t i = 0; i < city_admin_.size(); ++i) {
      uint32_t idx = first_city_ + static_cast<uint32_t>(i);
      const GazEntry& e = g_.entries_[idx];
      std::string cc(e.cc, 2);
      auto [it, ins] = best.try_emplace(cc, static_cast<int32_t>(idx));
      if (ins) continue;
      const GazEntry& b = g_.entries_[it->second];
      bool better = (e.rank == CityRank::kCapital) != (b.rank == CityRank::kCapital)
                        ? e.rank == CityRank::kCapital
                        : e.population > b.population;
      if (better) it->second = static_cast<int32_t>(idx);
    }
    for (auto& [cc, idx] : g_.country_by_cc_) {
      auto it = best.find(cc);
      if (it == best.end()) continue;
      g_.entries_[idx].lat = g_.entries_[it->second].lat;
      g_.entries_[idx].lon = g_.entries_[it->second].lon;
    }
    for (GazEntry& e : g_.entries_) {
      if (e.feature != Feature::kAdmin1 || !std::isnan(e.lat)) continue;
      int32_t c = g_.CountryEntry(std::string_view(e.cc, 2));
      e.lat = c >= 0 ? g_.entries_[c].lat : 0;
      e.lon = c >= 0 ? g_.entries_[c].lon : 0;
    }
  }

  Status LoadRegions() {
    std::string path = config_.data_dir + "/regions.tsv";
    return ReadTsv(path, 5, [&](int, const std::vector<std::string_view>& f) {
      GazEntry e;
      e.name = std::string(f[0]);
      if (f[1] == "continent") {
        e.feature = Feature::kContinent;
      } else if (f[1] == "region") {
        e.feature = Feature::kRegion;
      } else {
        return Status::DataError("feature must be 'region' or 'continent', not '" +
                                 std::string(f[1]) + "'");
      }
      if (!f[2].empty()) {
        if (g_.CountryEntry(f[2]) < 0) {
          return Status::DataError("unknown country code '" + std::string(f[2]) + "'");
        }
        e.cc[0] = f[2][0];
        e.cc[1] = f[2][1];
      }
      double lat = 0, lon = 0;
      if (!ParseNum(f[3], &lat) || !ParseNum(f[4], &lon)) {
        return Status::DataError("bad latitude/longitude");
      }
      e.lat = static_cast<float>(lat);
      e.lon = static_cast<float>(lon);
      uint32_t idx = NewEntry(std::move(e));
      AddKey(f[0], idx);
      if (f.size() > 5) {
        for (std::string_view a : Split(f[5], ',')) {
          a = Trim(a);
          if (!a.empty()) AddKey(a, idx);
        }
      }
      return Status::Ok();
    });
  }

  void Finish() {
    auto& k = g_.keys_;
    std::sort(k.begin(), k.end(), [](const GazKey& a, const GazKey& b) {
      return a.hash != b.hash ? a.hash < b.hash : a.entry < b.entry;
    });
    k.erase(std::unique(k.begin(), k.end(),
                        [](const GazKey& a, const GazKey& b) {
                          return a.hash == b.hash && a.entry == b.entry;
                        }),
            k.end());
    k.shrink_to_fit();
    auto& p = g_.prefixes_;
    std::sort(p.begin(), p.end());
    p.erase(std::unique(p.begin(), p.end()), p.end());
    p.shrink_to_fit();
  }

  const Config& config_;
  Gazetteer& g_;
  std::vector<ManualAdmin1> manual_;
  std::vector<Subdivision> subs_;
  std::unordered_map<std::string, int32_t> admin_index_;  // "CC.code" -> seen
  std::vector<AdminSeen> admin_seen_;
  std::vector<int32_t> city_admin_;  // per city (in file order): seen index
  uint32_t first_city_ = 0;
};

Status Gazetteer::Load(const Config& config, Gazetteer& g) {
  return GazetteerBuilder(config, g).Build();
}

Result<const Gazetteer*> Gazetteer::Get(const Config& config) {
  std::string key = config.gazetteer_path + "|" + config.iso_codes_dir + "|" + config.data_dir;
  return LoadOnce<Gazetteer>(key, [&config](Gazetteer& g) { return Load(config, g); });
}

}  // namespace dyad::places
