/* config.h — the server's security configuration: one INI file, secrets in
 * separate files with strict permissions.
 *
 *   motcua serve --config /etc/motcua/motcua.conf
 *
 *   [server]
 *   cookie_secure = true            ; behind TLS: Secure cookies with the __Host- prefix, HSTS
 *   trusted_proxy = 127.0.0.1       ; take the client address from X-Real-IP only from this peer
 *   header_timeout = 20             ; seconds to receive a request's headers (slow clients)
 *   body_timeout = 300              ; seconds to receive its body
 *   send_timeout = 120              ; seconds to deliver the response
 *   idle_timeout = 30               ; keep-alive idle seconds
 *   max_connections = 1000
 *   max_connections_per_ip = 64
 *   max_header_bytes = 32768        ; request line + headers
 *   secret_key_file = /etc/motcua/secret.key   ; 32 random bytes (created when absent)
 *   [auth]
 *   session_ttl = 43200             ; absolute session lifetime, seconds
 *   session_idle = 7200             ; a session unused this long ends
 *   lockout_threshold = 5           ; consecutive failed logins before a lockout
 *   lockout_seconds = 900
 *   login_per_minute = 20           ; login attempts per client address per minute
 *   reset_ttl = 1800                ; password-reset token lifetime
 *   [oidc.vneid]                    ; one section per OpenID provider (at most MC_OIDC_MAX)
 *   display_name = VNeID
 *   issuer = https://sso.example.gov.vn
 *   client_id = motcua-province
 *   client_secret_file = /etc/motcua/vneid.secret
 *   redirect_uri = https://dichvucong.example.gov.vn/api/v1/auth/oidc/callback
 *   scope = openid profile
 *   acr_values =
 *   mode = citizen                  ; citizen: create/update citizen accounts; staff: log into
 *                                   ; an existing staff account named by link_claim
 *   link_claim = preferred_username
 *   vneid = true                    ; dossiers submitted in these sessions carry the VNeID flag
 *   use_userinfo = true
 *   link_by_id_number = true        ; attach to the citizen account holding the same ID number
 *   min_assurance = 1
 *   token_auth = client_secret_basic  ; or client_secret_post
 *   algs = RS256,ES256
 *   claim.id_number = personal_id   ; claim names are not published: map them here
 *   claim.full_name = name
 *   claim.birth_date = birthdate
 *   claim.sex = gender
 *   claim.phone = phone_number
 *   claim.email = email
 *   claim.account_type = account_type
 *   claim.assurance = acr
 *   assurance.urn:vneid:loa:2 = 2   ; claim value → level (a bare number is its own level)
 *
 * The config file must not be writable by group or others; a secret file must
 * not be readable or writable by group or others. Secrets are held in memory
 * only, zeroed on release, and never logged. The loaded configuration is
 * installed process-wide (mc_config_install) and read with mc_config_current. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include "util/err.h"

enum {
  MC_OIDC_MAX = 4,
  MC_CONFIG_MAX_BYTES = 64 * 1024,
  MC_SECRET_MAX = 4096,
  MC_ASSURANCE_MAP_MAX = 8,
  MC_KEY_BYTES = 32,
};

typedef struct mc_oidc_provider {
  char name[32];
  int line;                       /* where its [oidc.NAME] section starts */
  char display_name[128];
  char issuer[256];
  char client_id[256];
  char client_secret_file[512];
  char *client_secret;            /* from client_secret_file; NULL when none */
  char redirect_uri[512];
  char scope[256];
  char acr_values[256];
  bool staff;                     /* mode = staff */
  char link_claim[64];
  bool vneid;
  bool use_userinfo;
  bool link_by_id_number;
  int min_assurance;
  bool post_auth;                 /* token_auth = client_secret_post */
  bool alg_rs256, alg_es256;
  char claim_id_number[64], claim_full_name[64], claim_birth_date[64], claim_sex[64],
       claim_phone[64], claim_email[64], claim_account_type[64], claim_assurance[64];
  struct { char value[128]; int level; } assurance_map[MC_ASSURANCE_MAP_MAX];
  int nassurance;
} mc_oidc_provider;

typedef struct mc_config {
  /* [server] */
  bool cookie_secure;
  char trusted_proxy[64];
  int header_timeout, body_timeout, send_timeout, idle_timeout;
  int max_connections, max_connections_per_ip;
  int max_header_bytes;
  char secret_key_file[512];
  unsigned char secret_key[MC_KEY_BYTES];
  bool has_key;
  /* [auth] */
  int session_ttl, session_idle;
  int lockout_threshold, lockout_seconds;
  int login_per_minute;
  int reset_ttl;
  /* [oidc.NAME] */
  mc_oidc_provider providers[MC_OIDC_MAX];
  int nproviders;
} mc_config;

void mc_config_defaults(mc_config *c);
/* Parse INI text over the current values (no file access; secrets not read).
 * Errors name the line: config.syntax, config.unknown_key, config.bad_value. */
mc_rc mc_config_parse(mc_config *c, const char *text, size_t len, mc_err *err);
/* Check permissions, read and parse path, then read every secret file. */
mc_rc mc_config_load(mc_config *c, const char *path, mc_err *err);
/* Load the 32-byte key from c->secret_key_file (default: DATA_DIR/keys/secret.key),
 * creating it with mode 0600 when absent. */
mc_rc mc_config_load_key(mc_config *c, const char *data_dir, mc_err *err);
/* Read a secret file: regular, not group/world accessible, ≤ max-1 bytes; one
 * trailing newline removed; NUL-terminated. */
mc_rc mc_secret_read(const char *path, char *out, size_t max, size_t *len, mc_err *err);
void mc_config_release(mc_config *c);

/* The configuration in force (defaults until one is installed). Install once at
 * start-up, before threads run; the pointer must outlive the server. */
void mc_config_install(const mc_config *c);
const mc_config *mc_config_current(void);
const mc_oidc_provider *mc_config_provider(const mc_config *c, const char *name);
