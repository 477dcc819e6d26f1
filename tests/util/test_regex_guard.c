/* test_regex_guard.c — the compiled-size estimate of POSIX EREs: hand-counted
 * costs of ordinary patterns, the exponential ones found by fuzzing refused,
 * deep nesting refused, and every pattern judged affordable compiling with
 * glibc in little memory and time. */
#include <criterion/criterion.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "util/regex_guard.h"

Test(regex_guard, hand_counted_costs) {
  static const struct { const char *re; size_t cost; } v[] = {
    {"", 0}, {"abc", 3}, {"^[^0-9]+$", 5}, {"a|b|c", 5}, {"a*", 2}, {"a?", 2}, {"a+", 3},
    {"a{255}", 256}, {"a{2,5}", 6}, {"a{3,}", 5}, {"a{,5}", 5}, {"(ab)+", 7}, {"[[:alpha:]]{3}", 4},
    {"[]a]*x", 3}, {"\\(a\\)", 3}, {"^(đ|Đ)[a-z]{1,3}$", 12}, {"(a{50}){50}", 2601},
  };
  for (size_t i = 0; i < sizeof v / sizeof *v; i++)
    cr_assert_eq(mc_regex_cost(v[i].re), v[i].cost, "%s: %zu, want %zu", v[i].re, mc_regex_cost(v[i].re), v[i].cost);
}

Test(regex_guard, exponential_patterns_are_refused) {
  char stacked[128] = "(a";
  for (int i = 0; i < 22; i++) strncat(stacked, "+", sizeof stacked - strlen(stacked) - 1);
  strncat(stacked, "*)*", sizeof stacked - strlen(stacked) - 1);
  cr_assert_not(mc_regex_affordable(stacked, 0), "%s", stacked);
  cr_assert_not(mc_regex_affordable("((a{255}){255}){255}", 0));
  cr_assert_not(mc_regex_affordable("(((((a{1000}){1000}){1000}){1000}){1000})", 0));
  char deep[200] = "";
  for (int i = 0; i < 40; i++) strncat(deep, "(", sizeof deep - strlen(deep) - 1);
  strncat(deep, "a", sizeof deep - strlen(deep) - 1);
  for (int i = 0; i < 40; i++) strncat(deep, ")", sizeof deep - strlen(deep) - 1);
  cr_assert_not(mc_regex_affordable(deep, 0));
  cr_assert(mc_regex_affordable("a{255}b{255}c{255}", 0));
  cr_assert(mc_regex_affordable("^0[0-9]{9}$", 0));
}

/* Whatever the guard lets through compiles fast: the worst affordable shapes. */
Test(regex_guard, affordable_compiles_quickly) {
  static const char *const ok[] = {"(a++++++++++*)*", "(a{50}){40}", "a{255}b{255}c{255}d{255}",
                                   "((((((((((a*)*)*)*)*)*)*)*)*)*)*", "([0-9]{3}-){3}[0-9]{4}"};
  for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
    cr_assert(mc_regex_affordable(ok[i], 0), "%s: cost %zu", ok[i], mc_regex_cost(ok[i]));
    regex_t re;
    clock_t t = clock();
    int rc = regcomp(&re, ok[i], REG_EXTENDED | REG_NOSUB);
    double s = (double)(clock() - t) / CLOCKS_PER_SEC;
    cr_assert_eq(rc, 0, "%s", ok[i]);
    regfree(&re);
    cr_assert_lt(s, 0.5, "%s took %.2f s", ok[i], s);
  }
}
