/* oidc.c — the OpenID Connect login flow: start, callback, claim mapping and
 * account provisioning (see oidc.h; provider calls are in oidc_net.c). */
#include "core/oidc.h"
#include "core/auth_int.h"
#include "core/jwt.h"
#include "core/oidc_int.h"
#include "util/log.h"
#include "util/str.h"
#include "util/time.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* ---- small pure helpers ------------------------------------------------------ */

const char *mc_oidc_challenge(mc_arena *a, const char *verifier) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, (const unsigned char *)verifier, strlen(verifier));
  char *out = mc_arena_alloc(a, 64);
  if (out) sodium_bin2base64(out, 64, h, sizeof h, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

const char *mc_oidc_safe_return(const char *s) {
  if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\' || strlen(s) > MC_OIDC_RETURN_MAX) return "/";
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p < 0x20 || *p == 0x7f || *p == '\\') return "/";
  return s;
}

/* ---- start ----------------------------------------------------------------- */

mc_rc mc_oidc_start(mc_db *db, mc_arena *a, const mc_oidc_provider *p, const char *return_to,
                    const char **url, const char **binding, mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  mc_oidc_meta m;
  mc_rc rc = mc_oidc_discover(a, p, &m, err);
  if (rc) return rc;
  char *state = mc_auth_random_token(a), *nonce = mc_auth_random_token(a), *verifier = mc_auth_random_token(a);
  char *bind = mc_auth_random_token(a);
  const char *challenge = verifier ? mc_oidc_challenge(a, verifier) : NULL;
  if (!state || !nonce || !bind || !challenge) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  char sh[65], bh[65];
  mc_auth_token_hash(state, sh);
  mc_auth_token_hash(bind, bh);
  mc_time now = mc_now();
  rc = mc_db_exec(db, "users.flow_insert", err, "ssssssii", sh, bh, p->name, nonce, verifier,
                  mc_oidc_safe_return(return_to), (int64_t)now, (int64_t)(now + MC_OIDC_FLOW_TTL));
  if (rc) return rc;
  const char *sep = strchr(m.authorization_endpoint, '?') ? "&" : "?";
  char *u = mc_arena_printf(a, "%s%sresponse_type=code&client_id=%s&redirect_uri=%s&scope=%s&state=%s&nonce=%s"
                               "&code_challenge=%s&code_challenge_method=S256",
                            m.authorization_endpoint, sep, mc_url_encode(a, p->client_id),
                            mc_url_encode(a, p->redirect_uri), mc_url_encode(a, p->scope), state, nonce, challenge);
  if (u && p->acr_values[0]) u = mc_arena_printf(a, "%s&acr_values=%s", u, mc_url_encode(a, p->acr_values));
  if (!u) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  *url = u;
  *binding = bind;
  return MC_OK;
}

/* ---- claims ------------------------------------------------------------------ */

/* A claim from userinfo (preferred: it is the fuller source) or the ID token. */
static const json_t *claim(const json_t *id, const json_t *ui, const char *name) {
  if (!name || !*name) return NULL;
  const json_t *v = ui ? json_object_get(ui, name) : NULL;
  return v && !json_is_null(v) ? v : json_object_get(id, name);
}

static const char *claim_str(mc_arena *a, const json_t *id, const json_t *ui, const char *name, size_t max) {
  const json_t *v = claim(id, ui, name);
  char buf[32];
  const char *s = NULL;
  if (json_is_string(v)) s = json_string_value(v);
  else if (json_is_integer(v)) { snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v)); s = buf; }
  if (!s || !*s || mc_utf8_len(s) > max || strlen(s) != (json_is_string(v) ? json_string_length(v) : strlen(s)))
    return NULL;
  return mc_arena_strdup(a, s);
}

static int assurance_of(const mc_oidc_provider *p, const json_t *v) {
  if (json_is_integer(v)) {
    json_int_t n = json_integer_value(v);
    return n >= 0 && n <= 9 ? (int)n : 0;
  }
  const char *s = json_string_value(v);
  if (!s) return 0;
  for (int i = 0; i < p->nassurance; i++)
    if (!strcmp(p->assurance_map[i].value, s)) return p->assurance_map[i].level;
  return s[0] >= '0' && s[0] <= '9' && !s[1] ? s[0] - '0' : 0;
}

mc_rc mc_oidc_map_claims(mc_arena *a, const mc_oidc_provider *p, const json_t *id_claims,
                         const json_t *userinfo, mc_oidc_profile *out, mc_err *err) {
  memset(out, 0, sizeof *out);
  out->sub = claim_str(a, id_claims, NULL, "sub", 255);
  if (!out->sub) return mc_fail(err, MC_EUNAUTH, "oidc.bad_claims", NULL, "The identity provider sent no subject.");
  const json_t *v = claim(id_claims, userinfo, p->claim_id_number);
  if (v && !json_is_null(v)) {
    const char *s = claim_str(a, id_claims, userinfo, p->claim_id_number, 12);
    bool ok = s && strlen(s) == 12;
    for (const char *q = s; ok && *q; q++) ok = *q >= '0' && *q <= '9';
    if (!ok)
      return mc_fail(err, MC_EUNAUTH, "oidc.bad_claims", p->claim_id_number,
                     "The identity provider sent a personal identification number that is not 12 digits.");
    out->id_number = s;
  }
  out->full_name = claim_str(a, id_claims, userinfo, p->claim_full_name, 200);
  const char *bd = claim_str(a, id_claims, userinfo, p->claim_birth_date, 10);
  int32_t day;
  if (bd && strlen(bd) == 10 && mc_date_parse(bd, &day)) out->birth_date = bd;
  out->sex = claim_str(a, id_claims, userinfo, p->claim_sex, 16);
  out->phone = claim_str(a, id_claims, userinfo, p->claim_phone, 20);
  out->email = claim_str(a, id_claims, userinfo, p->claim_email, 254);
  out->account_type = claim_str(a, id_claims, userinfo, p->claim_account_type, 32);
  if (p->staff) out->link = claim_str(a, id_claims, userinfo, p->link_claim, 64);
  out->assurance = assurance_of(p, claim(id_claims, userinfo, p->claim_assurance));
  return MC_OK;
}

/* ---- finish -------------------------------------------------------------------- */

typedef struct finish_ctx {
  mc_arena *a;
  const mc_oidc_provider *p;
  const mc_oidc_profile *prof;
  const char *old_token;
  const char **token;
  mc_principal *who;
} finish_ctx;

static mc_rc bad_state(mc_err *err) {
  return mc_fail(err, MC_EUNAUTH, "oidc.bad_state", "state",
                 "This login link is not valid any more (expired, used, or opened in another browser); please start again.");
}

static mc_rc no_account(mc_err *err) {
  return mc_fail(err, MC_EFORBIDDEN, "auth.no_account", NULL,
                 "No active staff account matches this identity; ask an administrator.");
}

/* The staff account named by the link claim. */
static mc_rc staff_account(mc_db *db, finish_ctx *x, int64_t *uid, mc_err *err) {
  if (!x->prof->link) return no_account(err);
  mc_stmt *st = mc_db_prep(db, "users.by_username", err, "s", x->prof->link);
  if (!st) return err->rc;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err->rc;
  bool ok = r > 0 && mc_col_i64(st, U_DISABLED) == 0 && !mc_str_eq(mc_col_text(st, U_ROLE), "citizen");
  if (r > 0) *uid = mc_col_i64(st, U_ID);
  while ((r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0) return err->rc;
  return ok ? MC_OK : no_account(err);
}

static mc_rc citizen_account(mc_db *db, finish_ctx *x, int64_t *uid, mc_err *err) {
  const mc_oidc_profile *pr = x->prof;
  mc_rc rc;
  if (*uid) {
    mc_principal cur;
    if ((rc = mc_auth_load_user(db, x->a, *uid, &cur, err))) return rc;
    if (cur.role != MC_ROLE_CITIZEN)
      return mc_fail(err, MC_EFORBIDDEN, "auth.identity_conflict", NULL,
                     "This identity is linked to a staff account; staff log in another way.");
  } else if (x->p->link_by_id_number && pr->id_number) {
    rc = mc_db_i64(db, "users.citizen_by_id_number", uid, err, "s", pr->id_number);
    if (rc == MC_ENOTFOUND) { mc_err_clear(err); *uid = 0; }
    else if (rc) return rc;
  }
  mc_time now = mc_now();
  if (!*uid) {
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    crypto_hash_sha256(h, (const unsigned char *)pr->sub, strlen(pr->sub));
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    char *username = mc_arena_printf(x->a, "%s.%.16s", x->p->name, hex);
    char at[32];
    mc_time_format(now, at, sizeof at);
    rc = mc_db_i64(db, "users.insert_citizen", uid, err, "ssssssssis", username,
                   pr->full_name ? pr->full_name : username, pr->id_number, pr->phone, pr->email,
                   pr->birth_date, pr->sex, pr->account_type, (int64_t)pr->assurance, at);
    if (rc == MC_ECONFLICT) {
      mc_err_clear(err);
      return mc_fail(err, MC_ECONFLICT, "auth.identity_conflict", NULL, "An account for this identity already exists.");
    }
    if (rc) return rc;
    return mc_auth_audit(db, NULL, "user.create", *uid, username,
                         json_pack("{s:s, s:s}", "role", "citizen", "provider", x->p->name), err);
  }
  return mc_db_exec(db, "users.update_profile", err, "isssssssi", *uid, pr->full_name, pr->id_number, pr->phone,
                    pr->email, pr->birth_date, pr->sex, pr->account_type, (int64_t)pr->assurance);
}

static mc_rc finish_tx(mc_db *db, void *ctx, mc_err *err) {
  finish_ctx *x = ctx;
  int64_t uid = 0;
  mc_rc rc = mc_db_i64(db, "users.identity_get", &uid, err, "ss", x->p->name, x->prof->sub);
  bool known = rc == MC_OK;
  if (rc == MC_ENOTFOUND) { mc_err_clear(err); uid = 0; rc = MC_OK; }
  if (rc) return rc;
  if (x->p->staff) {
    int64_t linked = 0;
    if ((rc = staff_account(db, x, &linked, err))) return rc;
    if (known && uid != linked)
      return mc_fail(err, MC_EFORBIDDEN, "auth.identity_conflict", NULL,
                     "This identity is linked to another account; ask an administrator.");
    uid = linked;
  } else if ((rc = citizen_account(db, x, &uid, err))) {
    return rc;
  }
  mc_time now = mc_now();
  rc = known ? mc_db_exec(db, "users.identity_touch", err, "ssii", x->p->name, x->prof->sub,
                          (int64_t)x->prof->assurance, (int64_t)now)
             : mc_db_exec(db, "users.identity_insert", err, "ssiii", x->p->name, x->prof->sub, uid,
                          (int64_t)x->prof->assurance, (int64_t)now);
  if (rc) return rc;
  mc_session_info info = {.auth_method = "oidc", .provider = x->p->name, .assurance = x->prof->assurance,
                          .vneid = x->p->vneid, .old_token = x->old_token};
  return mc_auth_open_session(db, x->a, uid, &info, x->token, x->who, err);
}

/* Verify the ID token, refetching the key set once when its key is unknown. */
static mc_rc verify_id_token(mc_arena *a, const mc_oidc_provider *p, const mc_oidc_meta *m, const char *idt,
                             const char *nonce, mc_jwt *jwt, mc_err *err) {
  unsigned algs = (p->alg_rs256 ? MC_JWT_RS256 : 0) | (p->alg_es256 ? MC_JWT_ES256 : 0);
  json_t *jwks;
  mc_rc rc = mc_oidc_jwks(a, p, m, false, &jwks, err);
  if (rc) return rc;
  rc = mc_jwt_verify(a, idt, jwks, algs, jwt, err);
  if (rc && !strcmp(err->code, "oidc.unknown_key")) {
    mc_err_clear(err);
    if ((rc = mc_oidc_jwks(a, p, m, true, &jwks, err))) return rc;
    rc = mc_jwt_verify(a, idt, jwks, algs, jwt, err);
  }
  if (rc) return rc;
  mc_jwt_expect ex = {.issuer = p->issuer, .audience = p->client_id, .nonce = nonce, .now = mc_now()};
  return mc_jwt_check_claims(jwt->claims, &ex, err);
}

mc_rc mc_oidc_finish(mc_db *db, mc_arena *a, const mc_oidc_callback *in, const char **token,
                     mc_principal *who, const char **return_to, mc_err *err) {
  if (sodium_init() < 0) return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "Crypto unavailable.");
  if (mc_str_empty(in->state) || strlen(in->state) > MC_TOKEN_MAX) return bad_state(err);
  char sh[65];
  mc_auth_token_hash(in->state, sh);
  /* Take the flow whatever happens next: a state is good for one try. */
  mc_stmt *st = mc_db_prep(db, "users.flow_take", err, "s", sh);
  if (!st) return err->rc;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err->rc;
  if (r == 0) return bad_state(err);
  const char *binding_hash = mc_arena_strdup(a, mc_col_text(st, 0));
  const char *pname = mc_arena_strdup(a, mc_col_text(st, 1)), *nonce = mc_arena_strdup(a, mc_col_text(st, 2));
  const char *verifier = mc_arena_strdup(a, mc_col_text(st, 3)), *ret = mc_arena_strdup(a, mc_col_text(st, 4));
  int64_t expires = mc_col_i64(st, 5);
  while ((r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0) return err->rc;
  char bh[65];
  if (mc_str_empty(in->binding) || strlen(in->binding) > MC_TOKEN_MAX) return bad_state(err);
  mc_auth_token_hash(in->binding, bh);
  if (!binding_hash || sodium_memcmp(bh, binding_hash, 64) != 0 || expires <= mc_now()) return bad_state(err);
  if (!mc_str_empty(in->error))
    return mc_fail(err, MC_EUNAUTH, "oidc.denied", NULL, "The identity provider did not log you in (%.64s).", in->error);
  if (mc_str_empty(in->code) || strlen(in->code) > 2048)
    return mc_fail(err, MC_EUNAUTH, "oidc.denied", "code", "The identity provider sent no authorization code.");
  const mc_oidc_provider *p = mc_config_provider(mc_config_current(), pname);
  if (!p) return bad_state(err);
  if (in->iss && !mc_str_eq(in->iss, p->issuer))     /* RFC 9207: a mix-up of providers */
    return mc_fail(err, MC_EUNAUTH, "oidc.bad_issuer", "iss", "The answer came from another identity provider than the one asked.");

  mc_oidc_meta m;
  json_t *resp, *ui = NULL;
  mc_rc rc = mc_oidc_discover(a, p, &m, err);
  if (!rc) rc = mc_oidc_token(a, p, &m, in->code, verifier, &resp, err);
  if (rc) return rc;
  const char *idt = json_string_value(json_object_get(resp, "id_token"));
  const char *at = json_string_value(json_object_get(resp, "access_token"));
  if (!idt) return mc_fail(err, MC_EUNAUTH, "oidc.bad_token", NULL, "The identity provider sent no ID token.");
  mc_jwt jwt;
  if ((rc = verify_id_token(a, p, &m, idt, nonce, &jwt, err))) {
    mc_warn("oidc: %s: ID token refused: %s", p->name, err->code);
    return rc;
  }
  if (p->use_userinfo && m.userinfo_endpoint && at) {
    if ((rc = mc_oidc_userinfo(a, &m, at, &ui, err))) return rc;
    if (!mc_str_eq(json_string_value(json_object_get(ui, "sub")), json_string_value(json_object_get(jwt.claims, "sub"))))
      return mc_fail(err, MC_EUNAUTH, "oidc.bad_claims", "sub", "The identity provider's user information is about someone else.");
  }
  mc_oidc_profile prof;
  if ((rc = mc_oidc_map_claims(a, p, jwt.claims, ui, &prof, err))) return rc;
  if (prof.assurance < p->min_assurance)
    return mc_fail(err, MC_EFORBIDDEN, "auth.assurance_too_low", NULL,
                   "This service needs an identity verified to level %d (your account is at level %d).",
                   p->min_assurance, prof.assurance);
  finish_ctx x = {.a = a, .p = p, .prof = &prof, .old_token = in->old_token, .token = token, .who = who};
  if ((rc = mc_auth_in_tx(db, finish_tx, &x, err))) return rc;
  *return_to = mc_oidc_safe_return(ret);
  return MC_OK;
}
