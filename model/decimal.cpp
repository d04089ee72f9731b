// decimal.cpp — fixed-point decimals (decimal.hpp).
#include "decimal.hpp"

#include <cstdlib>

namespace pb {

namespace {

// Rounds n / d to the nearest integer, half away from zero (d != 0).
__int128 round_div(__int128 n, __int128 d) {
  bool neg = (n < 0) != (d < 0);
  __int128 an = n < 0 ? -n : n, ad = d < 0 ? -d : d;
  __int128 q = (an + ad / 2) / ad;
  return neg ? -q : q;
}

std::optional<int64_t> fit(__int128 v) {
  if (v > INT64_MAX || v < INT64_MIN) return std::nullopt;
  return static_cast<int64_t>(v);
}

// Digits with '_' only between two digits; appends them to `out`.
bool digits(std::string_view t, std::string& out) {
  if (t.empty() || t.front() == '_' || t.back() == '_') return false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '_') {
      if (t[i - 1] == '_') return false;
      continue;
    }
    if (t[i] < '0' || t[i] > '9') return false;
    out.push_back(t[i]);
  }
  return true;
}

}  // namespace

std::optional<int64_t> parse_decimal(std::string_view text) {
  bool neg = !text.empty() && text.front() == '-';
  if (neg) text.remove_prefix(1);
  auto dot = text.find('.');
  std::string whole, frac;
  if (!digits(text.substr(0, dot), whole)) return std::nullopt;
  if (dot != std::string_view::npos && !digits(text.substr(dot + 1), frac)) return std::nullopt;
  if (frac.size() > kDecimalPlaces || whole.size() > 18) return std::nullopt;
  __int128 v = 0;
  for (char c : whole) v = v * 10 + (c - '0');
  for (int i = 0; i < kDecimalPlaces; ++i)
    v = v * 10 + (i < static_cast<int>(frac.size()) ? frac[static_cast<size_t>(i)] - '0' : 0);
  return fit(neg ? -v : v);
}

std::string format_decimal(int64_t m) {
  bool neg = m < 0;
  unsigned long long a =
      neg ? 0ULL - static_cast<unsigned long long>(m) : static_cast<unsigned long long>(m);
  std::string out = std::to_string(a / kDecimalScale);
  unsigned long long f = a % kDecimalScale;
  if (f != 0) {
    std::string places = std::to_string(f);
    places.insert(0, kDecimalPlaces - places.size(), '0');
    while (places.back() == '0') places.pop_back();
    out += "." + places;
  }
  return neg ? "-" + out : out;
}

std::optional<int64_t> decimal_from_int(int64_t v) {
  return fit(static_cast<__int128>(v) * kDecimalScale);
}

std::optional<int64_t> decimal_mul(int64_t a, int64_t b) {
  return fit(round_div(static_cast<__int128>(a) * b, kDecimalScale));
}

std::optional<int64_t> decimal_div(int64_t a, int64_t b) {
  if (b == 0) return std::nullopt;
  return fit(round_div(static_cast<__int128>(a) * kDecimalScale, b));
}

std::optional<int64_t> int_div(int64_t a, int64_t b) {
  if (b == 0 || (a == INT64_MIN && b == -1)) return std::nullopt;
  return a / b;
}

}  // namespace pb
