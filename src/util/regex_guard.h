/* regex_guard.h — refuse POSIX extended regular expressions whose compiled
 * form would be huge, before regcomp sees them.
 *
 * glibc's regcomp copies a repeated sub-expression once per repetition
 * ("a{255}" is 255 copies, "a+" is "aa*") and again for every operator
 * stacked or nested around it, so the size multiplies: "(a++++…+*)*" with 22
 * '+' took 1.6 GB, "((a{255}){255}){255}" more than 2 GB (found by fuzzing
 * the e-form definitions). mc_regex_cost estimates the number of nodes the
 * compiled expression holds — a repeated part counts as many times as it is
 * copied: '+' twice, {m}/{m,n} max(m,n) times, {m,} m+1 times, '*' and '?'
 * once — and saturates instead of overflowing. Nesting deeper than
 * MC_REGEX_DEPTH_MAX counts as too costly.                                   */
#pragma once
#include <stdbool.h>
#include <stddef.h>

enum { MC_REGEX_COST_MAX = 10000, MC_REGEX_DEPTH_MAX = 32 };

size_t mc_regex_cost(const char *ere);
/* cost ≤ max (0 = MC_REGEX_COST_MAX). */
bool mc_regex_affordable(const char *ere, size_t max);
