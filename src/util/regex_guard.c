/* regex_guard.c — the compiled-size estimate of a POSIX ERE (see regex_guard.h).
 * A small recursive-descent reading of the ERE grammar: alternatives of
 * sequences of (atom, repetitions). It only estimates; regcomp still decides
 * whether the pattern is valid. */
#include "util/regex_guard.h"
#include <stdint.h>
#include <string.h>

static const size_t HUGE_COST = SIZE_MAX / 4;

typedef struct rx { const char *p; int depth; bool too_deep; } rx;

static size_t add(size_t a, size_t b) { return a > HUGE_COST - b ? HUGE_COST : a + b; }
static size_t mul(size_t a, size_t b) { return b && a > HUGE_COST / b ? HUGE_COST : a * b; }

static size_t alt(rx *x);

/* A bracket expression, from just after '['; leaves x->p after the closing ']'. */
static void bracket(rx *x) {
  if (*x->p == '^') x->p++;
  if (*x->p == ']') x->p++;
  while (*x->p && *x->p != ']') {
    if (x->p[0] == '[' && (x->p[1] == ':' || x->p[1] == '.' || x->p[1] == '=')) {
      char kind = x->p[1];
      const char *e = x->p + 2;
      while (*e && !(e[0] == kind && e[1] == ']')) e++;
      x->p = *e ? e + 2 : e;
      continue;
    }
    x->p++;
  }
  if (*x->p == ']') x->p++;
}

/* Reads "{m}", "{m,}" or "{m,n}" after x->p[0] == '{'; 0 when it is not an interval. */
static size_t interval(rx *x) {
  const char *q = x->p + 1;
  size_t m = 0, n = 0;
  bool digits = false, comma = false, upper = false;
  for (; *q >= '0' && *q <= '9'; q++) { m = add(mul(m, 10), (size_t)(*q - '0')); digits = true; }
  if (*q == ',') {
    comma = true;
    for (q++; *q >= '0' && *q <= '9'; q++) { n = add(mul(n, 10), (size_t)(*q - '0')); upper = true; }
  }
  if (!digits || *q != '}') return 0;
  x->p = q + 1;
  if (!comma) return m ? m : 1;
  if (!upper) return add(m, 1);
  return (n > m ? n : m) ? (n > m ? n : m) : 1;
}

/* One atom: its cost, or 0 at the end of a sequence. */
static size_t atom(rx *x) {
  char c = *x->p;
  if (!c || c == '|' || c == ')') return 0;
  x->p++;
  if (c == '(') {
    if (++x->depth > MC_REGEX_DEPTH_MAX) { x->too_deep = true; x->p += strlen(x->p); return HUGE_COST; }
    size_t inner = alt(x);
    x->depth--;
    if (*x->p == ')') x->p++;
    return add(inner, 1);
  }
  if (c == '[') { bracket(x); return 1; }
  if (c == '\\' && *x->p) x->p++;
  return 1;
}

static size_t seq(rx *x) {
  size_t total = 0;
  for (;;) {
    size_t a = atom(x);
    if (!a) return total;
    for (;;) {                      /* every repetition operator applies to what came before */
      char c = *x->p;
      if (c == '*' || c == '?') { x->p++; a = add(a, 1); }
      else if (c == '+') { x->p++; a = add(mul(a, 2), 1); }
      else if (c == '{') {
        size_t k = interval(x);
        if (!k) break;
        a = add(mul(a, k), 1);
      } else break;
    }
    total = add(total, a);
  }
}

static size_t alt(rx *x) {
  size_t total = seq(x);
  while (*x->p == '|') {
    x->p++;
    total = add(total, add(seq(x), 1));
  }
  return total;
}

size_t mc_regex_cost(const char *ere) {
  if (!ere) return 0;
  rx x = {.p = ere};
  size_t total = 0;
  while (*x.p) {
    total = add(total, alt(&x));
    if (*x.p == ')') x.p++;        /* an unbalanced ')' is regcomp's to report */
  }
  return x.too_deep ? HUGE_COST : total;
}

bool mc_regex_affordable(const char *ere, size_t max) {
  return mc_regex_cost(ere) <= (max ? max : (size_t)MC_REGEX_COST_MAX);
}
