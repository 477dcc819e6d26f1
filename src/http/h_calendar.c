/* h_calendar.c — HTTP handlers of the calendar module (routes added by its owner). */
#include "http/handlers.h"

const mc_route mc_routes_calendar[] = {
  {0},
};
