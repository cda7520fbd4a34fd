// Small helpers of the SVG charts the codecs draw (flows, the sweep report).
#pragma once
#include <cmath>
#include <string>

namespace caravan::api::chart {

// The top of a value axis with four round steps (1, 2 or 5 times a power of ten) covering `hi`.
inline double nice_top(double hi) {
  if (hi <= 0) hi = 1;
  const double raw = hi / 4, mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double tick = raw <= mag       ? mag
                      : raw <= 2 * mag ? 2 * mag
                      : raw <= 5 * mag ? 5 * mag
                                       : 10 * mag;
  return 4 * tick;
}

// Text for SVG and HTML.
inline std::string escape(const std::string& in) {
  std::string out;
  for (char c : in)
    out += c == '&'   ? std::string("&amp;")
           : c == '<' ? std::string("&lt;")
           : c == '>' ? std::string("&gt;")
           : c == '"' ? std::string("&quot;")
                      : std::string(1, c);
  return out;
}

}  // namespace caravan::api::chart
