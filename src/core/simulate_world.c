/* simulate_world.c — the province as the simulator sees it: random streams,
 * units and their staff, the procedure mix of each unit kind, the pools of
 * citizens and businesses, sample files, dossier code counters and the next
 * free ids (simulate_int.h). */
#include "core/simulate_int.h"
#include "core/files.h"
#include "core/unit.h"
#include "core/workflow.h"
#include "util/log.h"
#include "util/str.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random streams ----------------------------------------------------------- */

static uint64_t splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t sim_hash2(uint64_t a, uint64_t b) {
  uint64_t x = a * 0x9e3779b97f4a7c15ULL ^ (b + 0x632be59bd9b4e019ULL);
  return splitmix(&x);
}

void sim_rng_seed(sim_rng *r, uint64_t seed, uint64_t a, uint64_t b) {
  uint64_t x = sim_hash2(sim_hash2(seed, a), b);
  for (int i = 0; i < 4; i++) r->s[i] = splitmix(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t sim_next(sim_rng *r) {
  uint64_t *s = r->s;
  uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return out;
}

double sim_unit01(sim_rng *r) { return (double)(sim_next(r) >> 11) * 0x1.0p-53; }

int64_t sim_range(sim_rng *r, int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  return lo + (int64_t)(sim_next(r) % (uint64_t)(hi - lo + 1));
}

bool sim_chance(sim_rng *r, double p) { return p > 0 && sim_unit01(r) < p; }

double sim_exp(sim_rng *r, double mean) { return -mean * log(1.0 - sim_unit01(r)); }

int sim_pick(sim_rng *r, const double *cum, int n) {
  if (n <= 0) return -1;
  double x = sim_unit01(r) * cum[n - 1];
  int lo = 0, hi = n - 1;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (cum[mid] > x) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/* ---- people ----------------------------------------------------------------------- */

static const char *const family[] = {
  "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh",
  "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm"};
static const char *const middle_m[] = {"Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Gia", "Hoàng", "Trọng"};
static const char *const middle_f[] = {"Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng", "Bảo", "Phương"};
static const char *const given_m[] = {
  "An", "Bình", "Cường", "Dũng", "Duy", "Hải", "Hiếu", "Hùng", "Khang", "Khoa", "Lâm", "Long", "Lộc",
  "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quang", "Sơn", "Tài", "Thắng", "Thịnh", "Toàn", "Trung",
  "Tuấn", "Việt", "Vinh"};
static const char *const given_f[] = {
  "Anh", "Châu", "Diệp", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan",
  "Mai", "My", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thư", "Trang", "Trinh",
  "Uyên", "Vy", "Yến"};
static const char *const streets[] = {
  "Đại lộ Bình Dương", "Yersin", "Cách Mạng Tháng Tám", "Phú Lợi", "Huỳnh Văn Lũy", "Nguyễn Văn Tiết",
  "Lê Hồng Phong", "Ngô Quyền", "Nguyễn Trãi", "Trần Hưng Đạo", "Mỹ Phước Tân Vạn", "ĐT743",
  "Nguyễn Thị Minh Khai", "Hùng Vương", "Lý Thường Kiệt", "Quang Trung", "30 Tháng 4", "Phạm Ngọc Thạch"};
static const char *const places[] = {
  "phường Thủ Dầu Một", "phường Phú Lợi", "phường Bình Dương", "phường Dĩ An", "phường Thuận An",
  "phường Lái Thiêu", "phường Tân Uyên", "phường Bến Cát", "phường Chánh Hiệp", "phường Phú An",
  "xã Bàu Bàng", "xã Dầu Tiếng", "xã Phú Giáo", "xã Bắc Tân Uyên", "phường Tân Đông Hiệp", "phường Thới Hòa"};
/* Province codes of the place of birth registration (Bình Dương and its neighbours first). */
static const char *const id_provinces[] = {
  "074", "074", "074", "079", "075", "077", "070", "080", "038", "040", "052", "056",
  "060", "084", "086", "087", "089", "091", "092", "094", "095", "096"};
static const char *const mobile[] = {"090", "091", "093", "094", "096", "097", "098", "032", "033",
                                     "034", "035", "036", "037", "038", "039", "070", "076", "077",
                                     "078", "079", "081", "083", "084", "085", "086", "088", "089"};
static const char *const biz_words[] = {
  "Phát Đạt", "Thành Công", "Minh Long", "Hưng Thịnh", "Tân Phú", "Đại Phát", "An Bình", "Việt Tiến",
  "Kim Long", "Phú Mỹ", "Hoàng Gia", "Sao Mai", "Bình Minh", "Thuận Phát", "Đông Á", "Nam Việt",
  "Trường An", "Hòa Bình", "Vạn Xuân", "Thái Sơn"};
static const char *const biz_kinds[] = {"Công ty TNHH", "Công ty TNHH", "Công ty Cổ phần",
                                        "Công ty TNHH Một thành viên", "Doanh nghiệp tư nhân"};
static const char *const biz_trades[] = {"Thương mại", "Xây dựng", "Sản xuất", "Dịch vụ", "Vận tải",
                                         "Đầu tư", "Cơ khí", "Thực phẩm", "May mặc", "Gỗ"};

#define NELEM(x) ((int)(sizeof(x) / sizeof((x)[0])))
#define PICK(arr, h) (arr)[(h) % (uint64_t)NELEM(arr)]
enum { ID_SERIALS = 1000000, ID_STRIDE = 7919 };

void sim_person_of(const sim_world *w, int64_t i, sim_person *o) {
  uint64_t h = sim_hash2(w->p->seed ^ 0x5045524fULL, (uint64_t)i);
  uint64_t h2 = sim_hash2(h, 7);
  o->female = h & 1;
  snprintf(o->name, sizeof o->name, "%s %s %s", PICK(family, h >> 8),
           o->female ? PICK(middle_f, h >> 20) : PICK(middle_m, h >> 20),
           o->female ? PICK(given_f, h >> 32) : PICK(given_m, h >> 32));
  int year = 1945 + (int)((h >> 44) % 59);             /* 1945 … 2003 */
  /* Unique per person: the province code and serial encode i. */
  int np = NELEM(id_provinces);
  int64_t k = i % np, r = (i / np) % ID_SERIALS;
  int64_t serial = (r * ID_STRIDE + (int64_t)(w->p->seed % ID_SERIALS)) % ID_SERIALS;
  int cent = (year >= 2000 ? 2 : 0) + (o->female ? 1 : 0);
  snprintf(o->id_number, sizeof o->id_number, "%s%d%02d%06lld", id_provinces[k], cent, year % 100,
           (long long)serial);
  snprintf(o->phone, sizeof o->phone, "%s%07llu", PICK(mobile, h2), (unsigned long long)((h2 >> 8) % 10000000));
  snprintf(o->address, sizeof o->address, "Số %d đường %s, %s", 1 + (int)((h2 >> 40) % 450),
           PICK(streets, h2 >> 48), PICK(places, h2 >> 56));
  snprintf(o->birth, sizeof o->birth, "%04d-%02d-%02d", year, 1 + (int)((h >> 52) % 12), 1 + (int)((h >> 56) % 28));
}

void sim_business_of(const sim_world *w, int64_t i, sim_business *o) {
  uint64_t h = sim_hash2(w->p->seed ^ 0x42495aULL, (uint64_t)i);
  snprintf(o->name, sizeof o->name, "%s %s %s %s", PICK(biz_kinds, h), PICK(biz_trades, h >> 8),
           PICK(biz_words, h >> 16), PICK(biz_words, h >> 24));
  snprintf(o->tax_code, sizeof o->tax_code, "37%08lld", (long long)(i % 100000000));
  snprintf(o->phone, sizeof o->phone, "0274%07llu", (unsigned long long)((h >> 32) % 10000000));
  snprintf(o->address, sizeof o->address, "Lô %c%d, khu công nghiệp %s, %s", 'A' + (int)((h >> 40) % 8),
           1 + (int)((h >> 44) % 60), PICK(biz_words, h >> 50), PICK(places, h >> 56));
  o->owner = (int64_t)(sim_hash2(h, 3) % (uint64_t)(w->persons > 0 ? w->persons : 1));
}

/* The person whose generated number is id_number, or -1 (inverse of sim_person_of). */
static int64_t person_by_id_number(const sim_world *w, const char *id) {
  if (strlen(id) != 12) return -1;
  int np = NELEM(id_provinces);
  int64_t serial;
  if (!mc_parse_i64(id + 6, 0, ID_SERIALS - 1, &serial)) return -1;
  /* serial = (r × stride + s) mod N  ⇒  r = (serial − s) × stride⁻¹ mod N. */
  int64_t inv = 0;
  for (int64_t t = 1; t < ID_STRIDE; t++)
    if ((t * ID_SERIALS + 1) % ID_STRIDE == 0) { inv = (t * ID_SERIALS + 1) / ID_STRIDE; break; }
  int64_t s = (int64_t)(w->p->seed % ID_SERIALS);
  int64_t r = ((serial - s) % ID_SERIALS + ID_SERIALS) % ID_SERIALS * inv % ID_SERIALS;
  for (int k = 0; k < np; k++) {
    if (strncmp(id, id_provinces[k], 3) != 0) continue;
    for (int64_t i = r * np + k; i < w->persons; i += (int64_t)np * ID_SERIALS) {
      sim_person p;
      sim_person_of(w, i, &p);
      if (strcmp(p.id_number, id) == 0) return i;
    }
  }
  return -1;
}

/* ---- code counters ------------------------------------------------------------------ */

static uint64_t str_hash(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

static bool ctr_grow(sim_counters *c) {
  size_t cap = c->cap ? c->cap * 2 : 4096;
  char **sc = calloc(cap, sizeof *sc);
  int64_t *la = calloc(cap, sizeof *la);
  if (!sc || !la) { free(sc); free(la); return false; }
  for (size_t i = 0; i < c->cap; i++) {
    if (!c->scope[i]) continue;
    size_t j = str_hash(c->scope[i]) & (cap - 1);
    while (sc[j]) j = (j + 1) & (cap - 1);
    sc[j] = c->scope[i];
    la[j] = c->last[i];
  }
  free(c->scope);
  free(c->last);
  c->scope = sc;
  c->last = la;
  c->cap = cap;
  return true;
}

int64_t *sim_counters_at(sim_counters *c, const char *scope) {
  if ((c->n + 1) * 2 > c->cap && !ctr_grow(c)) return NULL;
  size_t j = str_hash(scope) & (c->cap - 1);
  while (c->scope[j] && strcmp(c->scope[j], scope) != 0) j = (j + 1) & (c->cap - 1);
  if (!c->scope[j]) {
    if (!(c->scope[j] = strdup(scope))) return NULL;
    c->last[j] = 0;
    c->n++;
  }
  return &c->last[j];
}

void sim_counters_clear(sim_counters *c) {
  for (size_t i = 0; i < c->cap; i++) { free(c->scope[i]); c->scope[i] = NULL; }
  c->n = 0;
}

void sim_counters_release(sim_counters *c) {
  sim_counters_clear(c);
  free(c->scope);
  free(c->last);
  memset(c, 0, sizeof *c);
}

/* ---- units and staff ------------------------------------------------------------------ */

static int kind_of(const char *k) {
  static const char *const names[MC_SIM_KINDS] = {"province", "department", "district", "commune", "other"};
  for (int i = 0; i < MC_SIM_KINDS; i++) if (k && strcmp(k, names[i]) == 0) return i;
  return MC_SIM_OTHER;
}

bool sim_unit_valid(const sim_unit *u, int32_t day) { return day >= u->from && day < u->to; }

int sim_unit_find_id(const sim_world *w, int64_t id) {
  int lo = 0, hi = w->nunits - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (w->units[mid].id == id) return mid;
    if (w->units[mid].id < id) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

int sim_unit_find_code(const sim_world *w, const char *code) {
  for (int i = 0; i < w->nunits; i++) if (strcmp(w->units[i].code, code) == 0) return i;
  return -1;
}

int64_t sim_staff(const sim_world *w, int unit, int role, uint64_t pick) {
  const sim_unit *u = &w->units[unit];
  return u->nstaff[role] ? u->staff[role][pick % (uint64_t)u->nstaff[role]] : 0;
}

static mc_rc load_units(sim_world *w, mc_err *err) {
  mc_stmt *st = mc_db_prep(w->db, "simulate.units", err, NULL);
  if (!st) return err->rc;
  int cap = 256, r;
  w->units = mc_arena_alloc(w->a, sizeof *w->units * (size_t)cap);
  while (w->units && (r = mc_stmt_next(st, err)) > 0) {
    if (w->nunits == cap) {
      sim_unit *more = mc_arena_alloc(w->a, sizeof *more * (size_t)cap * 2);
      if (!more) break;
      memcpy(more, w->units, sizeof *more * (size_t)cap);
      w->units = more;
      cap *= 2;
    }
    sim_unit *u = &w->units[w->nunits++];
    memset(u, 0, sizeof *u);
    u->id = mc_col_i64(st, 0);
    u->code = mc_arena_strdup(w->a, mc_col_text(st, 1));
    u->name = mc_arena_strdup(w->a, mc_col_text(st, 2));
    u->kind = kind_of(mc_col_text(st, 3));
    u->parent = mc_col_null(st, 4) ? -1 : (int)mc_col_i64(st, 4);   /* an id for now */
    u->from = INT32_MIN;
    u->to = INT32_MAX;
    if (!mc_col_null(st, 5)) mc_date_parse(mc_col_text(st, 5), &u->from);
    if (!mc_col_null(st, 6)) mc_date_parse(mc_col_text(st, 6), &u->to);
    /* Sizes: a log-normal spread (σ ≈ 0.5) fixed by the seed. */
    sim_rng rr;
    sim_rng_seed(&rr, w->p->seed, 0x554e4954, (uint64_t)u->id);
    double g = 0;
    for (int k = 0; k < 12; k++) g += sim_unit01(&rr);
    u->size = exp(0.5 * (g - 6.0));
  }
  if (!w->units) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  if (r < 0) return err->rc;
  for (int i = 0; i < w->nunits; i++)
    if (w->units[i].parent >= 0) w->units[i].parent = sim_unit_find_id(w, w->units[i].parent);
  return MC_OK;
}

static mc_rc add_staff(sim_world *w, int ui, int role, int n, mc_err *err) {
  static const char *const roles[SIM_ROLES] = {"officer", "specialist", "unit_leader", "province_leader"};
  static const char *const prefix[SIM_ROLES] = {"motcua", "chuyenvien", "lanhdao", "lanhdaotinh"};
  sim_unit *u = &w->units[ui];
  char created[32];
  mc_time_format(mc_local_instant(w->p->from, 7 * 3600), created, sizeof created);
  for (int k = 0; k < n && u->nstaff[role] < SIM_STAFF_MAX; k++) {
    char user[80], low[65];
    size_t j = 0;
    for (const char *c = u->code; *c && j + 1 < sizeof low; c++)
      low[j++] = (*c >= 'A' && *c <= 'Z') ? (char)(*c - 'A' + 'a') : *c;
    low[j] = 0;
    snprintf(user, sizeof user, "%s.%.40s.%d", prefix[role], low, k + 1);
    sim_person ps;
    sim_person_of(w, INT64_C(1000000000000) + (int64_t)ui * 16 + role * 4 + k, &ps);
    int64_t id;
    /* Staff of a simulated province log in through the province's SSO: no password. */
    mc_rc rc = mc_db_i64(w->db, "users.insert", &id, err, "ssssissss", user, "!", ps.name, roles[role],
                         u->id, NULL, NULL, NULL, created);
    if (rc) return rc;
    u->staff[role][u->nstaff[role]++] = id;
    w->st->staff++;
  }
  return MC_OK;
}

/* ---- procedures and their mix -------------------------------------------------------- */

static bool kind_listed(const char *kinds, const char *kind) {
  if (mc_str_empty(kinds)) return true;
  size_t k = strlen(kind);
  for (const char *p = kinds; *p;) {
    const char *e = strchr(p, ',');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if (n == k && strncmp(p, kind, k) == 0) return true;
    if (!e) break;
    p = e + 1;
  }
  return false;
}

static mc_rc load_procedures(sim_world *w, mc_err *err) {
  mc_stmt *st = mc_db_prep(w->db, "simulate.procedures", err, NULL);
  if (!st) return err->rc;
  int64_t ids[MC_PROC_IMPORT_ITEMS_MAX];
  int n = 0, r;
  while ((r = mc_stmt_next(st, err)) > 0)
    if (n < MC_PROC_IMPORT_ITEMS_MAX) ids[n++] = mc_col_i64(st, 0);
  if (r < 0) return err->rc;
  w->procs = mc_arena_alloc(w->a, sizeof *w->procs * (size_t)(n ? n : 1));
  if (!w->procs) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  for (int i = 0; i < n; i++) {
    sim_proc *sp = &w->procs[w->nprocs];
    memset(sp, 0, sizeof *sp);
    mc_rc rc = mc_procedure_get_id(w->db, w->a, ids[i], &sp->p, err);
    if (rc) return rc;
    const mc_procedure *p = sp->p;
    sp->id = p->id;
    sp->code = p->code;
    const json_t *wf = p->workflow && json_is_object(p->workflow) ? p->workflow : mc_workflow_default();
    sp->workflow = (json_t *)wf;
    char *text = json_dumps(wf, JSON_COMPACT);
    sp->workflow_text = text ? mc_arena_strdup(w->a, text) : NULL;
    free(text);
    sp->nsteps = (int)json_array_size(json_object_get(wf, "steps"));
    for (int k = 0; k < p->nfees; k++) sp->has_fee |= p->fees[k].amount > 0;
    sp->has_result = !mc_str_empty(p->result_type);
    sp->online = strcmp(p->online_level, "none") != 0;
    sp->integrated = p->payment_integrated;
    sp->e_result_ok = mc_str_eq(p->result_type, "electronic") || mc_str_eq(p->result_type, "both");
    sp->applicant = mc_str_eq(p->citizen_kind, "business") ? 1 : mc_str_eq(p->citizen_kind, "both") ? 2 : 0;
    for (int k = 0; k < p->ncomponents; k++) sp->from_store |= p->components[k].from_store;
    if (!sp->workflow_text || sp->nsteps < 1 || sp->nsteps > SIM_STEPS_MAX || !sim_form_prepare(w->a, sp)) {
      mc_warn("simulate: procedure %s is left out (its form or workflow cannot be simulated)", p->code);
      continue;
    }
    sp->usable = true;
    w->nprocs++;
  }
  return MC_OK;
}

static mc_rc build_mix(sim_world *w, int kind, mc_err *err) {
  static const char *const names[MC_SIM_KINDS] = {"province", "department", "district", "commune", "other"};
  sim_mix *m = &w->mix[kind];
  m->procs = mc_arena_alloc(w->a, sizeof *m->procs * (size_t)(w->nprocs + 1));
  m->cum = mc_arena_alloc(w->a, sizeof *m->cum * (size_t)(w->nprocs + 1));
  uint64_t *key = calloc((size_t)w->nprocs + 1, sizeof *key);
  if (!m->procs || !m->cum || !key) { free(key); return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory."); }
  for (int i = 0; i < w->nprocs; i++)
    if (kind_listed(w->procs[i].p->unit_kinds, names[kind])) {
      key[m->n] = sim_hash2(w->p->seed ^ (uint64_t)kind, str_hash(w->procs[i].code));
      m->procs[m->n++] = i;
    }
  /* Rank by a seeded key (which procedures are popular is part of the history). */
  for (int i = 1; i < m->n; i++)
    for (int j = i; j > 0 && key[j - 1] > key[j]; j--) {
      uint64_t tk = key[j]; key[j] = key[j - 1]; key[j - 1] = tk;
      int tp = m->procs[j]; m->procs[j] = m->procs[j - 1]; m->procs[j - 1] = tp;
    }
  free(key);
  double total = 0, online = 0, fee = 0, integ = 0;
  for (int r = 0; r < m->n; r++) {
    double wgt = 1.0 / pow((double)r + 1.0, w->p->zipf);
    const sim_proc *sp = &w->procs[m->procs[r]];
    total += wgt;
    if (sp->online) online += wgt;
    if (sp->has_fee) { fee += wgt; if (sp->integrated) integ += wgt; }
    m->cum[r] = total;
  }
  m->oprocs = mc_arena_alloc(w->a, sizeof *m->oprocs * (size_t)(m->n + 1));
  m->ocum = mc_arena_alloc(w->a, sizeof *m->ocum * (size_t)(m->n + 1));
  if (!m->oprocs || !m->ocum) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  double ototal = 0;
  for (int r = 0; r < m->n; r++)
    if (w->procs[m->procs[r]].online) {
      ototal += 1.0 / pow((double)r + 1.0, w->p->zipf);
      m->oprocs[m->on] = m->procs[r];
      m->ocum[m->on++] = ototal;
    }
  m->online_share = total > 0 ? online / total : 0;
  m->integrated_share = fee > 0 ? integ / fee : 0;
  return MC_OK;
}

/* ---- sample files --------------------------------------------------------------------- */

static const char pdf_component[] =
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] "
  "/Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
  "% motcua simulate: thanh phan ho so (to khai)\ntrailer << /Root 1 0 R >>\n%%EOF\n";
static const char pdf_scan[] =
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] "
  "/Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
  "% motcua simulate: ban quet giay to (so hoa)\ntrailer << /Root 1 0 R >>\n%%EOF\n";
static const char pdf_result[] =
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] "
  "/Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
  "% motcua simulate: ket qua giai quyet (ban dien tu)\ntrailer << /Root 1 0 R >>\n%%EOF\n";

static mc_rc load_samples(sim_world *w, mc_err *err) {
  static const struct { const char *data, *name; } src[SIM_SAMPLES] = {
    {pdf_component, "to-khai.pdf"}, {pdf_scan, "ban-quet.pdf"}, {pdf_result, "ket-qua.pdf"}};
  for (int i = 0; i < SIM_SAMPLES; i++) {
    sim_sample *s = &w->samples[i];
    s->data = (const unsigned char *)src[i].data;
    s->len = strlen(src[i].data);
    s->size = (int64_t)s->len;
    s->mime = "application/pdf";
    s->name = src[i].name;
    mc_rc rc = mc_sha256_hex(s->data, s->len, s->sha256, err);
    /* The bytes go to the store once, with a row of their own (the sample upload). */
    if (!rc) rc = mc_files_put(w->db, w->p->data_dir, s->data, s->len, s->mime, s->name, &w->sample_file_id[i], err);
    if (rc) return rc;
  }
  return MC_OK;
}

/* ---- the world ------------------------------------------------------------------------- */

static mc_rc load_counters(sim_world *w, mc_err *err) {
  mc_stmt *st = mc_db_prep(w->db, "simulate.counters", err, NULL);
  if (!st) return err->rc;
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    int64_t *v = sim_counters_at(&w->ctr, mc_col_text(st, 0));
    if (!v) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
    *v = mc_col_i64(st, 1);
  }
  return r < 0 ? err->rc : MC_OK;
}

static mc_rc load_accounts(sim_world *w, mc_err *err) {
  mc_stmt *st = mc_db_prep(w->db, "simulate.citizens", err, NULL);
  if (!st) return err->rc;
  int r;
  while ((r = mc_stmt_next(st, err)) > 0) {
    int64_t i = person_by_id_number(w, mc_col_text(st, 0));
    if (i >= 0) w->person_user[i] = mc_col_i64(st, 1);   /* the engine would find this account */
  }
  return r < 0 ? err->rc : MC_OK;
}

mc_rc sim_world_load(sim_world *w, mc_err *err) {
  mc_rc rc;
  if (!w->p->engine && ((rc = mc_db_exec(w->db, "simulate.bulk_cache", err, NULL)) ||
                        (rc = mc_db_exec(w->db, "simulate.bulk_checkpoint", err, NULL)) ||
                        (rc = mc_db_exec(w->db, "simulate.bulk_references_off", err, NULL))))
    return rc;
  rc = mc_calendar_get(w->db, &w->cal, err);
  if (rc) return rc;
  mc_dossier_setting(w->db, "dossier.code_pattern", "{unit}-{yymmdd}-{seq:4}", w->code_pattern,
                     sizeof w->code_pattern);
  w->persons = w->p->dossiers * 3 / 10 > 200 ? w->p->dossiers * 3 / 10 : 200;
  w->businesses = w->p->dossiers / 25 > 50 ? w->p->dossiers / 25 : 50;
  w->person_user = calloc((size_t)w->persons, sizeof *w->person_user);
  if (!w->person_user) return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  if ((rc = load_units(w, err)) || (rc = load_procedures(w, err))) return rc;
  if (w->nunits == 0 || w->nprocs == 0)
    return mc_fail(err, MC_EINVAL, "simulate.no_province", NULL,
                   "The database has no province to simulate (units and procedures): run `motcua demo` first.");
  for (int k = 0; k < MC_SIM_KINDS; k++)
    if ((rc = build_mix(w, k, err))) return rc;
  if ((rc = load_counters(w, err)) || (rc = load_accounts(w, err))) return rc;
  if ((rc = mc_db_begin(w->db, err))) return rc;
  for (int i = 0; i < w->nunits && !rc; i++) {
    if (w->mix[w->units[i].kind].n == 0) continue;    /* handles nothing: no staff */
    rc = add_staff(w, i, SIM_OFFICER, 2, err);
    if (!rc) rc = add_staff(w, i, SIM_SPECIALIST, 3, err);
    if (!rc) rc = add_staff(w, i, SIM_LEADER, 1, err);
    if (!rc && w->units[i].kind == MC_SIM_PROVINCE) rc = add_staff(w, i, SIM_PROVINCE_LEADER, 1, err);
  }
  /* Units named by workflow steps need staff even if they handle nothing themselves. */
  for (int i = 0; i < w->nunits && !rc; i++)
    if (w->units[i].nstaff[SIM_SPECIALIST] == 0) {
      rc = add_staff(w, i, SIM_SPECIALIST, 1, err);
      if (!rc) rc = add_staff(w, i, SIM_LEADER, 1, err);
      if (!rc) rc = add_staff(w, i, SIM_OFFICER, 1, err);
    }
  if (!rc) rc = load_samples(w, err);
  if (!rc) rc = mc_db_commit(w->db, err);
  else mc_db_rollback(w->db);
  if (rc) return rc;
  mc_stmt *st = mc_db_prep(w->db, "simulate.max_ids", err, NULL);
  if (!st || mc_stmt_next(st, err) <= 0) return err->rc ? err->rc : MC_EDB;
  w->next_dossier_id = mc_col_i64(st, 0) + 1;
  w->next_attachment_id = mc_col_i64(st, 1) + 1;
  w->next_file_id = mc_col_i64(st, 2) + 1;
  w->next_user_id = mc_col_i64(st, 3) + 1;
  while (mc_stmt_next(st, err) > 0) {}
  return MC_OK;
}

void sim_world_release(sim_world *w) {
  if (w->cal) mc_calendar_put(w->cal);
  w->cal = NULL;
  sim_counters_release(&w->ctr);
  free(w->person_user);
  w->person_user = NULL;
}
