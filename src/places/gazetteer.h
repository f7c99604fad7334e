// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Gazetteer: the place names dyad can resolve, loaded once per process.
//
// Sources (see data/README.md, section "places"):
//   - GeoNames cities1000 (Config::gazetteer_path): cities and towns.
//   - iso-codes iso_3166-1.json / iso_3166-2.json (Config::iso_codes_dir):
//     countries and first-level subdivisions.
//   - data/country_aliases.tsv, data/admin1_names.tsv, data/regions.tsv.
//
// Every entry is indexed under lower-cased keys (name, ASCII name, and ASCII
// alternate names of larger places); a lookup returns every entry whose key
// equals the lower-cased, space-normalised query.

#ifndef DYAD_PLACES_GAZETTEER_H_
#define DYAD_PLACES_GAZETTEER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/config.h"
#include "dyad/status.h"

namespace dyad::places {

// What kind of place an entry is.
enum class Feature : uint8_t { kCity, kAdmin1, kCountry, kRegion, kContinent };

// "city", "admin1", "country", "region" or "continent".
std::string_view ToString(Feature f);

// GeoNames feature-code rank of a populated place.
enum class CityRank : uint8_t {
  kOther = 0,
  kSeat2 = 1,    // PPLA2..PPLA4: seat of a second-order division
  kSeat1 = 2,    // PPLA: seat of a first-order division
  kCapital = 3,  // PPLC: national capital
};

// One resolvable place.
struct GazEntry {
  std::string name;         // display name
  int64_t geonames_id = 0;  // 0 when not from GeoNames
  float lat = 0;
  float lon = 0;
  uint32_t population = 0;  // 0 when unknown (countries, regions, admin1)
  char cc[2] = {0, 0};      // ISO 3166-1 alpha-2, or {0,0} for regions
  Feature feature = Feature::kCity;
  CityRank rank = CityRank::kOther;
  int32_t admin1 = -1;  // index into Gazetteer::admin1_names, or -1
  // The country's ISO2 as a string ("" for multi-country regions).
  std::string Country() const { return cc[0] ? std::string(cc, 2) : std::string(); }
};

// One indexed key: a hash of the lower-cased name and the entry it names.
struct GazKey {
  uint64_t hash = 0;
  uint32_t entry = 0;
  bool upper_only = false;  // the surface must be written in capitals ("US")
};

// The loaded gazetteer. Immutable once loaded.
class Gazetteer {
 public:
  // Loads (once per process and path set) the gazetteer for `config`.
  static Result<const Gazetteer*> Get(const Config& config);

  // Loads into `g` from the files named by `config`. Used by Get.
  static Status Load(const Config& config, Gazetteer& g);

  // Normalises a surface for lookup: ASCII lower case, runs of white space
  // collapsed to one space, ends trimmed.
  static std::string Key(std::string_view surface);

  // Appends to `out` the entries indexed under `key` (already normalised with
  // Key). `all_caps` tells whether the surface was written in capitals;
  // entries indexed as capitals-only ("US", "UAE") need it.
  void Lookup(std::string_view key, bool all_caps, std::vector<uint32_t>* out) const;

  // True when some key of at most `max_words` words starts with `key` + " ";
  // lets the matcher stop extending a multi-word candidate early.
  bool HasPrefix(std::string_view key) const;

  // The entry at `i`.
  const GazEntry& entry(uint32_t i) const { return entries_[i]; }
  // Number of entries.
  size_t size() const { return entries_.size(); }
  // Name of admin1 index `i` (see GazEntry::admin1).
  const std::string& admin1_name(int32_t i) const { return admin1_names_[i]; }
  // Entry index of the country with ISO2 `cc`, or -1.
  int32_t CountryEntry(std::string_view cc) const;
  // ISO2 code for an ISO alpha-3 code ("RUS" -> "RU"), or "".
  std::string Alpha2(std::string_view alpha3) const;
  // ISO alpha-3 code for an ISO2 code ("RU" -> "RUS"), or "".
  std::string Alpha3(std::string_view alpha2) const;
  // Entry index of the admin1 place for admin1 index `a`, or -1.
  int32_t Admin1Entry(int32_t a) const {
    return a >= 0 && static_cast<size_t>(a) < admin1_entry_.size() ? admin1_entry_[a] : -1;
  }
  // Statistics for reports and tests.
  size_t key_count() const { return keys_.size(); }

 private:
  std::vector<GazEntry> entries_;
  std::vector<GazKey> keys_;        // sorted by hash
  std::vector<uint64_t> prefixes_;  // sorted hashes of multi-word prefixes
  std::vector<std::string> admin1_names_;
  std::vector<int32_t> admin1_entry_;  // admin1 index -> entry index
  std::unordered_map<std::string, int32_t> country_by_cc_;
  std::unordered_map<std::string, std::string> alpha3_to_2_;
  std::unordered_map<std::string, std::string> alpha2_to_3_;

  friend class GazetteerBuilder;
};

// Folds Latin letters with diacritics to ASCII and lower-cases ASCII
// ("Tehrān" -> "tehran"). Code points it cannot fold are dropped.
std::string FoldAscii(std::string_view s);

// 64-bit FNV-1a hash of `s`.
uint64_t HashKey(std::string_view s);

}  // namespace dyad::places

#endif  // DYAD_PLACES_GAZETTEER_H_
