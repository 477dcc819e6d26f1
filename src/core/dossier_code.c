/* dossier_code.c — dossier codes from a configurable pattern (dossiers.md
 * "Dossier code").
 *
 * The pattern is the setting "dossier.code_pattern", default
 * "{unit}-{yymmdd}-{seq:4}". Placeholders: {unit} (receiving unit code),
 * {proc} (procedure code), {yyyy} {yy} {mm} {dd} {yymmdd} {yyyymmdd} (local
 * date of submission), and exactly one {seq:N} (or {seq}): a number padded
 * to N digits. Everything else is copied as is, so integrators can prefix
 * their agency code ("000.00.01.H22-{yymmdd}-{seq:5}"). The sequence is kept
 * per scope = the code with {seq} left in (by default: per unit per day),
 * in table dossier_counters, incremented inside the submitting transaction:
 * codes are unique by construction.                                        */
#include "core/dossier_int.h"
#include "util/str.h"
#include <stdio.h>
#include <string.h>

#define DEFAULT_PATTERN "{unit}-{yymmdd}-{seq:4}"

static mc_rc bad(mc_err *err, const char *pattern, const char *why) {
  return mc_fail(err, MC_EINVAL, "dossier.bad_code_pattern", "dossier.code_pattern",
                 "The dossier code pattern \"%s\" is not valid: %s.", pattern, why);
}

mc_rc mc_dossier_render_code(const char *pattern, const char *unit_code, const char *proc_code,
                             mc_time at, int64_t seq, char *out, size_t n, mc_err *err) {
  int y, m, d;
  mc_civil_from_days(mc_local_day(at), &y, &m, &d);
  size_t len = 0;
  int seqs = 0;
  out[0] = 0;
  for (const char *p = pattern; *p;) {
    char piece[80];
    if (*p != '{') {
      const char *q = strchr(p, '{');
      size_t k = q ? (size_t)(q - p) : strlen(p);
      if (memchr(p, '}', k)) return bad(err, pattern, "a '}' without '{'");
      if (k >= sizeof piece) k = sizeof piece - 1;
      memcpy(piece, p, k);
      piece[k] = 0;
      p += k;
    } else {
      const char *e = strchr(p, '}');
      if (!e) return bad(err, pattern, "a '{' without '}'");
      char tok[16];
      size_t tl = (size_t)(e - p - 1);
      if (tl >= sizeof tok) return bad(err, pattern, "an unknown placeholder");
      memcpy(tok, p + 1, tl);
      tok[tl] = 0;
      p = e + 1;
      if (strcmp(tok, "unit") == 0) snprintf(piece, sizeof piece, "%s", unit_code ? unit_code : "");
      else if (strcmp(tok, "proc") == 0) snprintf(piece, sizeof piece, "%s", proc_code ? proc_code : "");
      else if (strcmp(tok, "yyyy") == 0) snprintf(piece, sizeof piece, "%04d", y);
      else if (strcmp(tok, "yy") == 0) snprintf(piece, sizeof piece, "%02d", y % 100);
      else if (strcmp(tok, "mm") == 0) snprintf(piece, sizeof piece, "%02d", m);
      else if (strcmp(tok, "dd") == 0) snprintf(piece, sizeof piece, "%02d", d);
      else if (strcmp(tok, "yymmdd") == 0) snprintf(piece, sizeof piece, "%02d%02d%02d", y % 100, m, d);
      else if (strcmp(tok, "yyyymmdd") == 0) snprintf(piece, sizeof piece, "%04d%02d%02d", y, m, d);
      else if (strncmp(tok, "seq", 3) == 0) {
        int64_t width = 1;
        if (tok[3] == ':' && !mc_parse_i64(tok + 4, 1, 12, &width))
          return bad(err, pattern, "{seq:N} needs N from 1 to 12");
        if (tok[3] && tok[3] != ':') return bad(err, pattern, "an unknown placeholder");
        seqs++;
        if (seq < 0) snprintf(piece, sizeof piece, "{seq}");
        else snprintf(piece, sizeof piece, "%0*lld", (int)width, (long long)seq);
      } else {
        return bad(err, pattern, "an unknown placeholder");
      }
    }
    size_t k = strlen(piece);
    if (len + k >= n || len + k > MC_DOSSIER_CODE_MAX)
      return bad(err, pattern, "the code would be too long");
    memcpy(out + len, piece, k + 1);
    len += k;
  }
  if (seqs != 1) return bad(err, pattern, "it needs exactly one {seq:N}");
  return MC_OK;
}

mc_rc mc_dossier_make_code(mc_db *db, mc_arena *a, const char *unit_code, const char *proc_code,
                           mc_time at, const char **code, mc_err *err) {
  char pattern[MC_CODE_PATTERN_MAX + 1], scope[MC_DOSSIER_CODE_MAX + 8], buf[MC_DOSSIER_CODE_MAX + 8];
  mc_dossier_setting(db, "dossier.code_pattern", DEFAULT_PATTERN, pattern, sizeof pattern);
  mc_rc rc = mc_dossier_render_code(pattern, unit_code, proc_code, at, -1, scope, sizeof scope, err);
  if (rc) return rc;
  int64_t seq;
  if ((rc = mc_db_i64(db, "dossiers.counter_next", &seq, err, "s", scope))) return rc;
  if ((rc = mc_dossier_render_code(pattern, unit_code, proc_code, at, seq, buf, sizeof buf, err)))
    return rc;
  *code = mc_arena_strdup(a, buf);
  return *code ? MC_OK : mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
}
