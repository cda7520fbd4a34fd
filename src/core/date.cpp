// Civil dates from and to day numbers (H. Hinnant's days_from_civil / civil_from_days), and the
// ISO 3166-1 alpha-2 list.
#include "core/date.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace caravan {
namespace {

int days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Civil {
  int y;
  unsigned m, d;
};
Civil civil_from_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

// ISO 3166-1 alpha-2, officially assigned codes (ISO 3166 Maintenance Agency, 249 codes).
constexpr std::string_view kIso3166 =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR "
    "BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ "
    "EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW "
    "GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY "
    "KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV "
    "MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
    "QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG "
    "TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM "
    "ZW";

}  // namespace

Date make_date(int year, int month, int day) {
  return Date{days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))};
}

std::optional<Date> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t a, std::size_t n) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = a; i < a + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  const auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (!y || !m || !d || *y < 1900 || *y > 2200 || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  const Date date = make_date(*y, *m, *d);
  if (month_of(date) != *m) return std::nullopt;  // 2026-02-30 rolls over: not a date
  return date;
}

std::string format_date(Date d) {
  const auto c = civil_from_days(d.day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
  return buf;
}

int year_of(Date d) { return civil_from_days(d.day).y; }
int month_of(Date d) { return static_cast<int>(civil_from_days(d.day).m); }

Date add_hours(Date d, double hours) {
  return Date{d.day + static_cast<int>(std::floor(std::max(0.0, hours) / 24.0))};
}

bool is_iso3166_alpha2(std::string_view code) {
  if (code.size() != 2) return false;
  for (std::size_t i = 0; i + 2 <= kIso3166.size(); i += 3)
    if (kIso3166.substr(i, 2) == code) return true;
  return false;
}

}  // namespace caravan
