// CARAVAN_ASSERT: programmer errors; active in the dev, ci and asan presets, never caught.
#pragma once
#include <cstdio>
#include <cstdlib>

#if defined(CARAVAN_ENABLE_ASSERTS)
#define CARAVAN_ASSERT(cond, msg)                                                                 \
  do {                                                                                            \
    if (!(cond)) {                                                                                \
      std::fprintf(stderr, "%s:%d: assertion failed: %s (%s)\n", __FILE__, __LINE__, #cond, msg); \
      std::abort();                                                                               \
    }                                                                                             \
  } while (false)
#else
#define CARAVAN_ASSERT(cond, msg) ((void)0)
#endif
