/* static.h — serving the front end's files from a folder, safely. */
#pragma once
#include "http/route.h"

/* Serve url below dir ("/" → index.html; a path without a dot → index.html of
 * the single-page app). Rejects "..", NUL and hidden files. */
mc_rc mc_static_serve(mc_req *r, const char *dir, const char *url);
