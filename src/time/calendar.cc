// Copyright (c) dyad authors. Licensed under the Apache License 2.0.

#include "time/calendar.h"

namespace dyad::timex {

// Algorithms from Howard Hinnant, "chrono-compatible low-level date
// algorithms" (public domain).
int64_t DaysFromCivil(int y, int m, int d) {
  int64_t yy = static_cast<int64_t>(y) - (m <= 2 ? 1 : 0);
  int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
  int64_t yoe = yy - era * 400;
  int64_t mp = (m + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date CivilFromDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  Date out;
  out.year = static_cast<int>(y + (m <= 2 ? 1 : 0));
  out.month = static_cast<int>(m);
  out.day = static_cast<int>(d);
  return out;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2) {
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[m - 1];
}

bool IsValidDay(int y, int m, int d) { return d >= 1 && d <= DaysInMonth(y, m); }

int Weekday(const Date& d) {
  int64_t days = DaysFromCivil(d.year, d.month, d.day);
  // 1970-01-01 was a Thursday (ISO 4).
  int64_t w = (days % 7 + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

Date AddDays(const Date& d, int64_t n) {
  return CivilFromDays(DaysFromCivil(d.year, d.month, d.day) + n);
}

Date AddMonths(const Date& d, int n) {
  int total = d.year * 12 + (d.month - 1) + n;
  Date out;
  out.year = total / 12;
  out.month = total % 12 + 1;
  return out;
}

}  // namespace dyad::timex
