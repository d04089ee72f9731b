// decimal.hpp — the decimal numbers of the language: fixed point with six
// places, kept as an int64 count of millionths, so that arithmetic is exact
// and a replay computes the same digits on every machine (no floating point).
//
// Contract:
//  * A decimal d stands for d / kDecimalScale. Literals and parsed text have
//    at most six places; more is an error, never a silent rounding.
//  * mul and div round to six places, half away from zero. Every operation
//    says whether it overflowed (or divided by zero) instead of wrapping.
//  * format_decimal writes the shortest exact text: "2.5", "0.125", "3".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pb {

inline constexpr int64_t kDecimalScale = 1'000'000;
inline constexpr int kDecimalPlaces = 6;

// "12", "12.5", "1_000.25", "-0.5" (digit separators '_' between digits)
// → millionths; nullopt when the text is not such a number, has more than six
// places, or does not fit.
std::optional<int64_t> parse_decimal(std::string_view text);
std::string format_decimal(int64_t millionths);

// An integer as a decimal; nullopt on overflow.
std::optional<int64_t> decimal_from_int(int64_t v);

// Decimal arithmetic on millionths; nullopt on overflow or division by zero.
std::optional<int64_t> decimal_mul(int64_t a, int64_t b);
std::optional<int64_t> decimal_div(int64_t a, int64_t b);

// Integer division, truncated toward zero; nullopt on division by zero or
// INT64_MIN / -1.
std::optional<int64_t> int_div(int64_t a, int64_t b);

}  // namespace pb
