/* fuzz.h — shared by the fuzz drivers: invariant checks that abort (so that
 * libFuzzer and the replay test both report them as failures). */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "util/err.h"

/* The libFuzzer entry points (LLVMFuzzerInitialize is optional). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond)                                                          \
  do {                                                                            \
    if (!(cond)) {                                                                \
      fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      abort();                                                                    \
    }                                                                             \
  } while (0)

/* Every failure carries a stable code and a message; success leaves err empty. */
static inline void fuzz_check_err(mc_rc rc, mc_err *err) {
  if (rc == MC_OK) {
    FUZZ_CHECK(err->rc == MC_OK && err->code[0] == 0);
  } else {
    FUZZ_CHECK(err->rc != MC_OK);
    FUZZ_CHECK(err->code[0] != 0 && err->message[0] != 0);
  }
  mc_err_clear(err);
}
