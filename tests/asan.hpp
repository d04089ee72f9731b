// asan.hpp — whether the tests are built with AddressSanitizer, for the long
// tests that scale themselves down under it (a process or an in-process
// command costs several times more there; the checks stay the same).
#pragma once

namespace pbt {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAsan = true;
#else
inline constexpr bool kAsan = false;
#endif
#else
inline constexpr bool kAsan = false;
#endif

}  // namespace pbt
