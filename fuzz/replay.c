/* replay.c — runs every file of a corpus folder through a fuzz target's
 * LLVMFuzzerTestOneInput, without libFuzzer (so it builds with gcc): the
 * committed seeds, and every input a fuzzer run has saved there, are checked
 * by the normal test suite (under the sanitizers in the sanitized build).
 *   replay_<target> DIR [DIR…]     exit 0 when every input ran */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

enum { INPUT_MAX = 4 << 20 };

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) { fprintf(stderr, "replay: cannot open %s\n", path); return -1; }
  uint8_t *buf = malloc(INPUT_MAX);
  size_t n = buf ? fread(buf, 1, INPUT_MAX, f) : 0;
  fclose(f);
  if (!buf) return -1;
  /* A private copy of exactly n bytes, so that reading past the input is caught. */
  uint8_t *exact = malloc(n ? n : 1);
  memcpy(exact, buf, n);
  free(buf);
  LLVMFuzzerTestOneInput(exact, n);
  free(exact);
  return 0;
}

int main(int argc, char **argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  int total = 0, failed = 0;
  for (int i = 1; i < argc; i++) {
    DIR *d = opendir(argv[i]);
    if (!d) { fprintf(stderr, "replay: no corpus folder %s\n", argv[i]); return 1; }
    struct dirent *e;
    while ((e = readdir(d))) {
      if (e->d_name[0] == '.') continue;
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
      struct stat st;
      if (stat(path, &st) || !S_ISREG(st.st_mode)) continue;
      if (run_file(path)) failed++;
      total++;
    }
    closedir(d);
  }
  printf("replay: %d inputs, %d unreadable\n", total, failed);
  return total == 0 || failed ? 1 : 0;
}
