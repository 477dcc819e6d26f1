/* test_arena.c — the request arena: alignment, cap, deferred cleanups. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>
#include "util/arena.h"

static int cleaned;
static void bump(void *p) { cleaned += *(int *)p; }

Test(arena, aligned_zeroed_and_capped) {
  mc_arena *a = mc_arena_new(64 * 1024);
  for (int i = 1; i < 100; i++) {
    unsigned char *p = mc_arena_alloc(a, (size_t)i);
    cr_assert_not_null(p);
    cr_assert_eq((uintptr_t)p % 16, 0);
    for (int k = 0; k < i; k++) cr_assert_eq(p[k], 0);
  }
  cr_assert_null(mc_arena_alloc(a, 1 << 20), "allocation past the cap must fail");
  cr_assert_str_eq(mc_arena_printf(a, "%s-%d", "x", 42), "x-42");
  mc_arena_free(a);
}

Test(arena, cleanups_run_once_in_reverse) {
  mc_arena *a = mc_arena_new(0);
  static int one = 1, ten = 10;
  mc_arena_defer(a, bump, &one);
  mc_arena_defer(a, bump, &ten);
  cleaned = 0;
  mc_arena_free(a);
  cr_assert_eq(cleaned, 11);
}
