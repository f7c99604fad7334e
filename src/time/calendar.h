// Copyright (c) dyad authors. Licensed under the Apache License 2.0.
//
// Proleptic Gregorian calendar arithmetic for the time stage: day numbers,
// weekdays and month/day shifts on dyad::Date. Pure functions, no clock.

#ifndef DYAD_TIME_CALENDAR_H_
#define DYAD_TIME_CALENDAR_H_

#include <cstdint>

#include "dyad/document.h"

namespace dyad::timex {

// Days since 1970-01-01 of the civil date y-m-d (m 1-12, d 1-31).
int64_t DaysFromCivil(int y, int m, int d);

// The civil date of day number `days` (days since 1970-01-01).
Date CivilFromDays(int64_t days);

// Number of days in month `m` (1-12) of year `y`; 0 for a bad month.
int DaysInMonth(int y, int m);

// True when y-m-d is a real calendar day.
bool IsValidDay(int y, int m, int d);

// ISO weekday of a full date: 1 = Monday ... 7 = Sunday.
int Weekday(const Date& d);

// `d` (which must have day precision) moved by `n` days.
Date AddDays(const Date& d, int64_t n);

// Year and month of `d` moved by `n` months, with month precision; `d` must
// have at least month precision.
Date AddMonths(const Date& d, int n);

}  // namespace dyad::timex

#endif  // DYAD_TIME_CALENDAR_H_
