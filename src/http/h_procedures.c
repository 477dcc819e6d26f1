/* h_procedures.c — HTTP handlers of the procedures module (routes added by its owner). */
#include "http/handlers.h"

const mc_route mc_routes_procedures[] = {
  {0},
};
