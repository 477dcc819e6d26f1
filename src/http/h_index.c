/* h_index.c — HTTP handlers of the index module (routes added by its owner). */
#include "http/handlers.h"

const mc_route mc_routes_index[] = {
  {0},
};
