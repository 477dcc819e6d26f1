/* cmd_audit.c — `motcua audit verify|head|show`: check the hash chain of the
 * audit log, print its head (to record elsewhere as an anchor), list entries. */
#include "cli/cli.h"
#include "core/audit.h"
#include "util/str.h"
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static int verify(mc_cli *c, mc_db *db) {
  static const struct option opts[] = {{"anchor", required_argument, 0, 'a'}, {0, 0, 0, 0}};
  int64_t anchor_seq = 0;
  char anchor_hash[MC_AUDIT_HASH_HEX] = "";
  int o;
  optind = 2;
  while ((o = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
    if (o != 'a') return mc_cli_usage("audit");
    const char *colon = strchr(optarg, ':');
    char num[24] = "";
    if (colon && (size_t)(colon - optarg) < sizeof num) memcpy(num, optarg, (size_t)(colon - optarg));
    if (!colon || !mc_parse_i64(num, 1, INT64_MAX, &anchor_seq) || strlen(colon + 1) != 64) {
      fprintf(stderr, "motcua audit: --anchor takes SEQ:HASH as printed by `motcua audit head`\n");
      return 2;
    }
    mc_strlcpy(anchor_hash, colon + 1, sizeof anchor_hash);
  }
  if (optind < c->argc) return mc_cli_usage("audit");
  mc_err err = {0};
  mc_audit_report rep;
  if (mc_audit_verify(db, anchor_seq, anchor_hash[0] ? anchor_hash : NULL, &rep, &err)) {
    int ret = mc_cli_fail("audit", &err);
    mc_err_clear(&err);
    return ret;
  }
  if (!rep.ok) {
    printf("audit log: TAMPERED at entry %lld: %s\n(%lld entries read; head %lld:%s)\n", (long long)rep.bad_seq,
           rep.problem, (long long)rep.entries, (long long)rep.head_seq, rep.head_hash);
    return 1;
  }
  printf("audit log: ok, %lld entries, chain intact; head %lld:%s\n", (long long)rep.entries,
         (long long)rep.head_seq, rep.head_hash);
  return 0;
}

static int head(mc_cli *c, mc_db *db) {
  if (c->argc != 2) return mc_cli_usage("audit");
  mc_err err = {0};
  int64_t seq;
  char hash[MC_AUDIT_HASH_HEX];
  if (mc_audit_head(db, &seq, hash, &err)) {
    int ret = mc_cli_fail("audit", &err);
    mc_err_clear(&err);
    return ret;
  }
  printf("%lld:%s\n", (long long)seq, hash);
  return 0;
}

static int show(mc_cli *c, mc_db *db) {
  static const struct option opts[] = {
    {"dossier", required_argument, 0, 'd'}, {"user", required_argument, 0, 'u'},
    {"limit", required_argument, 0, 'l'}, {0, 0, 0, 0}};
  mc_audit_query q = {.limit = 100};
  int o;
  optind = 2;
  while ((o = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
    switch (o) {
    case 'd': q.object_type = "dossier"; q.object_code = optarg; break;
    case 'u': q.object_type = "user"; q.object_code = optarg; break;
    case 'l':
      if (!mc_parse_i64(optarg, 1, 100000, &q.limit)) { fprintf(stderr, "motcua audit: --limit takes 1–100000\n"); return 2; }
      break;
    default: return mc_cli_usage("audit");
    }
  }
  if (optind < c->argc) return mc_cli_usage("audit");
  mc_err err = {0};
  json_t *items;
  int64_t total;
  if (mc_audit_list(db, &q, &items, &total, &err)) {
    int ret = mc_cli_fail("audit", &err);
    mc_err_clear(&err);
    return ret;
  }
  printf("%-7s %-25s %-24s %-16s %-22s %s\n", "seq", "at", "who", "role", "action", "object");
  size_t i;
  json_t *it;
  json_array_foreach(items, i, it) {
    json_t *actor = json_object_get(it, "actor");
    const char *name = json_string_value(json_object_get(actor, "name"));
    const char *code = json_string_value(json_object_get(it, "object_code"));
    printf("%-7lld %-25s %-24s %-16s %-22s %s %s\n", (long long)json_integer_value(json_object_get(it, "seq")),
           json_string_value(json_object_get(it, "at")), name ? name : "(system)",
           json_string_value(json_object_get(actor, "role")), json_string_value(json_object_get(it, "action")),
           json_string_value(json_object_get(it, "object_type")), code ? code : "");
  }
  printf("(%zu of %lld)\n", json_array_size(items), (long long)total);
  json_decref(items);
  return 0;
}

int cmd_audit(mc_cli *c) {
  if (c->argc < 2) return mc_cli_usage("audit");
  const char *sub = c->argv[1];
  if (strcmp(sub, "verify") != 0 && strcmp(sub, "head") != 0 && strcmp(sub, "show") != 0)
    return mc_cli_usage("audit");
  mc_db *db = mc_cli_open_db(c, "audit");
  if (!db) return 1;
  int ret = !strcmp(sub, "verify") ? verify(c, db) : !strcmp(sub, "head") ? head(c, db) : show(c, db);
  mc_db_close(db);
  return ret;
}
