/* h_dossiers.c — HTTP handlers of the dossiers module (routes added by its owner). */
#include "http/handlers.h"

const mc_route mc_routes_dossiers[] = {
  {0},
};
