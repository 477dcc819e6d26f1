/* harness.h — integration-test support: start a real `motcua serve` on a free
 * port over a fresh database (a copy of a demo template built once per build),
 * and call it over HTTP with libcurl. */
#pragma once
#include <jansson.h>
#include <stdbool.h>

typedef struct th_server {
  int pid;
  int port;
  char dir[256];      /* private temp folder: db, data, logs */
  char db[300];
} th_server;

/* demo: load the demo province into the database (from the shared template). */
th_server *th_server_start(bool demo);
void th_server_stop(th_server *s);
/* Run the motcua binary with arguments against the server's database; returns exit
 * status, captures stdout+stderr into out (malloc'ed, may be NULL). */
int th_cli(th_server *s, char **out, const char *const args[]);

/* One HTTP call. body: JSON text or NULL. Returns the parsed JSON (or a JSON
 * string of the raw body when not JSON); *status gets the HTTP status. */
json_t *th_call(th_server *s, const char *method, const char *path, const char *token,
                const char *body, long *status);
/* Raw body with a content type (uploads). */
json_t *th_call_raw(th_server *s, const char *method, const char *path, const char *token,
                    const char *ctype, const void *body, size_t len, long *status);
/* Log in and return the bearer token (malloc'ed); aborts the test on failure. */
char *th_login(th_server *s, const char *user, const char *password);
/* A server over an existing database (several servers may share one). */
th_server *th_server_start_db(const char *db_url);
/* A fresh copy of the demo province (SQLite file or PostgreSQL database); malloc'ed URL. */
char *th_fresh_demo_db_url(void);
/* A fresh, empty database: a SQLite file in a temp folder, or with
 * MOTCUA_TEST_PG a new PostgreSQL database. Returns a malloc'ed URL. */
char *th_fresh_db_url(void);
/* The path of the motcua binary under test. */
const char *th_binary(void);
