/* handlers.h — what every handler file includes, and each module's route table.
 * To add a module: write h_<module>.c exporting mc_routes_<module>[] (ended by
 * {0}), declare it here, list it in routes.c and meson.build. */
#pragma once
#include "http/route.h"

extern const mc_route mc_routes_meta[];
extern const mc_route mc_routes_users[];
extern const mc_route mc_routes_units[];
extern const mc_route mc_routes_procedures[];
extern const mc_route mc_routes_calendar[];
extern const mc_route mc_routes_dossiers[];
extern const mc_route mc_routes_index[];
extern const mc_route mc_routes_auth[];
extern const mc_route mc_routes_audit[];
extern const mc_route mc_routes_slips[];
