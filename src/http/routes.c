/* routes.c — the list of every module's route table (order = match priority). */
#include "http/handlers.h"

const mc_route_table mc_route_tables[] = {
  {"meta", mc_routes_meta},
  {"users", mc_routes_users},
  {"units", mc_routes_units},
  {"procedures", mc_routes_procedures},
  {"calendar", mc_routes_calendar},
  {"dossiers", mc_routes_dossiers},
  {"index", mc_routes_index},
  {"auth", mc_routes_auth},
  {"audit", mc_routes_audit},
  {"slips", mc_routes_slips},
  {NULL, NULL},
};
