/* conntrack.c — slow-client deadlines and housekeeping (see conntrack.h). */
#include "http/conntrack.h"
#include "core/auth.h"
#include "core/config.h"
#include "util/log.h"
#include <microhttpd.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

enum { TICK_MS = 500, PURGE_EVERY_S = 600 };

typedef struct track {
  struct track *prev, *next;
  int fd;
  mc_phase phase;
  struct timespec since;
  bool cut;
} track;

struct mc_conntrack {
  mc_app *app;
  pthread_mutex_t mu;
  pthread_cond_t wake;
  pthread_t thread;
  bool running, stop;
  track head;           /* sentinel of a circular list */
};

static double elapsed(const struct timespec *since, const struct timespec *now) {
  return (double)(now->tv_sec - since->tv_sec) + (double)(now->tv_nsec - since->tv_nsec) / 1e9;
}

static void purge(mc_app *app) {
  if (!app || !app->pool) return;
  mc_db *db = mc_dbpool_get(app->pool);
  mc_err err = {0};
  if (mc_auth_purge(db, &err)) mc_warn("housekeeping: purge failed: %s", err.message);
  mc_err_clear(&err);
  mc_dbpool_put(app->pool, db);
}

static void *run(void *p) {
  mc_conntrack *t = p;
  struct timespec last_purge;
  clock_gettime(CLOCK_MONOTONIC, &last_purge);
  pthread_mutex_lock(&t->mu);
  while (!t->stop) {
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += TICK_MS * 1000000L;
    if (until.tv_nsec >= 1000000000L) { until.tv_sec++; until.tv_nsec -= 1000000000L; }
    pthread_cond_timedwait(&t->wake, &t->mu, &until);
    if (t->stop) break;
    const mc_config *cfg = mc_config_current();
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    for (track *k = t->head.next; k != &t->head; k = k->next) {
      if (k->cut) continue;
      int limit = k->phase == MC_PHASE_HEADERS ? cfg->header_timeout
                : k->phase == MC_PHASE_BODY ? cfg->body_timeout : cfg->send_timeout;
      if (elapsed(&k->since, &now) > limit) {
        /* The fd is still open: MHD closes it only after telling us (CLOSED). */
        shutdown(k->fd, SHUT_RDWR);
        k->cut = true;
        mc_debug("closed a slow connection (phase %d over %d s)", (int)k->phase, limit);
      }
    }
    if (elapsed(&last_purge, &now) > PURGE_EVERY_S) {
      last_purge = now;
      pthread_mutex_unlock(&t->mu);
      purge(t->app);
      pthread_mutex_lock(&t->mu);
    }
  }
  pthread_mutex_unlock(&t->mu);
  return NULL;
}

mc_rc mc_conntrack_new(mc_app *app, mc_conntrack **out, mc_err *err) {
  mc_conntrack *t = calloc(1, sizeof *t);
  if (!t) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  t->app = app;
  t->head.next = t->head.prev = &t->head;
  pthread_mutex_init(&t->mu, NULL);
  pthread_cond_init(&t->wake, NULL);
  if (pthread_create(&t->thread, NULL, run, t) != 0) {
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->mu);
    free(t);
    return mc_fail(err, MC_EINTERNAL, "serve.thread", NULL, "Cannot start the housekeeping thread.");
  }
  t->running = true;
  *out = t;
  return MC_OK;
}

void mc_conntrack_open(mc_conntrack *t, struct MHD_Connection *c, void **socket_context) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
  track *k = calloc(1, sizeof *k);
  *socket_context = k;
  if (!k) return;
  k->fd = ci ? ci->connect_fd : -1;
  k->phase = MC_PHASE_HEADERS;
  clock_gettime(CLOCK_MONOTONIC, &k->since);
  if (k->fd < 0) return;     /* not tracked, freed at close */
  pthread_mutex_lock(&t->mu);
  k->next = t->head.next;
  k->prev = &t->head;
  t->head.next->prev = k;
  t->head.next = k;
  pthread_mutex_unlock(&t->mu);
}

void mc_conntrack_close(mc_conntrack *t, void **socket_context) {
  track *k = *socket_context;
  if (!k) return;
  pthread_mutex_lock(&t->mu);
  if (k->next) { k->prev->next = k->next; k->next->prev = k->prev; }
  pthread_mutex_unlock(&t->mu);
  free(k);
  *socket_context = NULL;
}

void mc_conntrack_phase(mc_conntrack *t, struct MHD_Connection *c, mc_phase p) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  track *k = ci ? ci->socket_context : NULL;
  if (!k) return;
  pthread_mutex_lock(&t->mu);
  k->phase = p;
  clock_gettime(CLOCK_MONOTONIC, &k->since);
  pthread_mutex_unlock(&t->mu);
}

void mc_conntrack_stop(mc_conntrack *t) {
  if (!t || !t->running) return;
  pthread_mutex_lock(&t->mu);
  t->stop = true;
  pthread_cond_signal(&t->wake);
  pthread_mutex_unlock(&t->mu);
  pthread_join(t->thread, NULL);
  t->running = false;
}

void mc_conntrack_free(mc_conntrack *t) {
  if (!t) return;
  mc_conntrack_stop(t);     /* the daemon has stopped: every track was closed and freed */
  pthread_cond_destroy(&t->wake);
  pthread_mutex_destroy(&t->mu);
  free(t);
}
