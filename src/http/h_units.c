/* h_units.c — HTTP handlers of the units module (routes added by its owner). */
#include "http/handlers.h"

const mc_route mc_routes_units[] = {
  {0},
};
