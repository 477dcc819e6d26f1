/* openapi.h — the OpenAPI 3 document, generated from the route tables so the
 * two cannot drift: every route's path, parameters, body schema and roles. */
#pragma once
#include <jansson.h>

json_t *mc_openapi_document(void);
