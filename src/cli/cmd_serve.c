/* cmd_serve.c — `motcua serve`: read the configuration (--config FILE, or
 * $MOTCUA_CONFIG; see core/config.h), migrate, open the connection pool,
 * listen, and run until SIGINT or SIGTERM. */
#include "cli/cli.h"
#include "core/config.h"
#include "http/server.h"
#include "util/log.h"
#include "util/str.h"
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int cmd_serve(mc_cli *c) {
  static const struct option opts[] = {
    {"port", required_argument, 0, 'p'}, {"bind", required_argument, 0, 'b'},
    {"threads", required_argument, 0, 't'}, {"web", required_argument, 0, 'w'},
    {"data", required_argument, 0, 'd'}, {"port-file", required_argument, 0, 'f'},
    {"config", required_argument, 0, 'c'}, {0, 0, 0, 0}};
  int64_t port = 8080, threads = 2;
  const char *bind = "127.0.0.1", *web = NULL, *data = "var/data", *port_file = NULL;
  const char *config = getenv("MOTCUA_CONFIG");
  int o;
  optind = 1;
  while ((o = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
    switch (o) {
    case 'p': if (!mc_parse_i64(optarg, 0, 65535, &port)) { fprintf(stderr, "motcua serve: --port takes 0–65535\n"); return 2; } break;
    case 't': if (!mc_parse_i64(optarg, 1, 64, &threads)) { fprintf(stderr, "motcua serve: --threads takes 1–64\n"); return 2; } break;
    case 'b': bind = optarg; break;
    case 'w': web = optarg; break;
    case 'd': data = optarg; break;
    case 'f': port_file = optarg; break;
    case 'c': config = optarg; break;
    default: return mc_cli_usage("serve");
    }
  }
  if (optind < c->argc) return mc_cli_usage("serve");
  struct stat st;
  if (!web && stat("web/index.html", &st) == 0) web = "web";
  mkdir("var", 0750);
  mkdir(data, 0750);

  static mc_config cfg;       /* lives as long as the server */
  mc_err err = {0};
  mc_config_defaults(&cfg);
  if ((config && *config && mc_config_load(&cfg, config, &err)) || mc_config_load_key(&cfg, data, &err)) {
    mc_config_release(&cfg);
    return mc_cli_fail("serve", &err);
  }
  mc_config_install(&cfg);

  mc_db *db = mc_cli_open_db(c, "serve");   /* applies migrations once, up front */
  if (!db) return 1;
  mc_db_close(db);

  /* Block the stop signals in every thread; the main thread waits for them. */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);

  mc_app app = {.db_url = c->db_url, .data_dir = data, .web_dir = web, .threads = (int)threads};
  if (mc_dbpool_open(c->db_url, (int)threads * 2 + 2, &app.pool, &err)) return mc_cli_fail("serve", &err);
  mc_server *srv;
  int bound;
  if (mc_server_start(&app, bind, (int)port, &bound, &srv, &err)) {
    mc_dbpool_close(app.pool);
    return mc_cli_fail("serve", &err);
  }
  mc_info("motcua serving http://%s:%d (storage %s, web %s)", bind, bound, c->db_url, web ? web : "none");
  if (port_file) {
    FILE *f = fopen(port_file, "w");
    if (f) { fprintf(f, "%d\n", bound); fclose(f); }
  }
  int sig;
  sigwait(&stop, &sig);
  mc_info("motcua stopping (signal %d)", sig);
  mc_server_stop(srv);
  mc_dbpool_close(app.pool);
  mc_config_install(NULL);
  mc_config_release(&cfg);
  return 0;
}
