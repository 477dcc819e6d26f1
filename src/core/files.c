/* files.c — the attachment store: type sniffing, size limit, SHA-256
 * content addressing on disk and one database row per upload (files.h). */
#include "core/files.h"
#include "util/log.h"
#include "util/str.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- types ------------------------------------------------------------------ */

typedef struct ftype {
  const char *ext, *mime;
  const char *exts[4];   /* file-name extensions that fit (first = canonical) */
} ftype;

static const ftype types[] = {
  {"pdf", "application/pdf", {"pdf"}},
  {"png", "image/png", {"png"}},
  {"jpeg", "image/jpeg", {"jpg", "jpeg", "jpe"}},
  {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", {"docx"}},
  {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {"xlsx"}},
};
enum { NTYPES = sizeof types / sizeof *types };

static const ftype *type_by_ext(const char *ext) {
  for (int i = 0; ext && i < NTYPES; i++)
    if (strcmp(types[i].ext, ext) == 0) return &types[i];
  return NULL;
}

const char *mc_files_mime(const char *ext) {
  const ftype *t = type_by_ext(ext);
  return t ? t->mime : NULL;
}

static uint32_t le16(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* An OOXML package: a ZIP whose central directory lists [Content_Types].xml
 * and the main part's folder. Returns "docx", "xlsx" or NULL. */
static const char *sniff_ooxml(const unsigned char *d, size_t len) {
  enum { EOCD = 22, CDH = 46 };
  if (len < 4 + EOCD || memcmp(d, "PK\3\4", 4) != 0) return NULL;
  /* The end-of-central-directory record sits within the last 64 KiB + 22 bytes. */
  size_t lo = len > 0xFFFF + EOCD ? len - (0xFFFF + EOCD) : 0, e = len - EOCD + 1;
  bool found = false;
  while (e-- > lo)
    if (memcmp(d + e, "PK\5\6", 4) == 0) { found = true; break; }
  if (!found) return NULL;
  uint32_t count = le16(d + e + 10), cd_size = le32(d + e + 12), cd_off = le32(d + e + 16);
  if ((uint64_t)cd_off + cd_size > e) return NULL;   /* also rejects ZIP64 markers */
  bool content_types = false, word = false, xl = false;
  size_t p = cd_off, end = (size_t)cd_off + cd_size;
  for (uint32_t k = 0; k < count; k++) {
    if (p + CDH > end || memcmp(d + p, "PK\1\2", 4) != 0) return NULL;
    size_t nlen = le16(d + p + 28), xlen = le16(d + p + 30), clen = le16(d + p + 32);
    if (p + CDH + nlen + xlen + clen > end) return NULL;
    const char *name = (const char *)d + p + CDH;
    if (nlen == 19 && memcmp(name, "[Content_Types].xml", 19) == 0) content_types = true;
    if (nlen > 5 && memcmp(name, "word/", 5) == 0) word = true;
    if (nlen > 3 && memcmp(name, "xl/", 3) == 0) xl = true;
    p += CDH + nlen + xlen + clen;
  }
  if (!content_types || word == xl) return NULL;
  return word ? "docx" : "xlsx";
}

const char *mc_files_sniff(const void *data, size_t len) {
  const unsigned char *d = data;
  if (!d) return NULL;
  if (len >= 5 && memcmp(d, "%PDF-", 5) == 0) return "pdf";
  if (len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) return "png";
  if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) return "jpeg";
  return sniff_ooxml(d, len);
}

/* The short name of a declared type; "" = nothing declared; NULL = not allowed. */
static const char *declared_ext(const char *declared) {
  if (!declared) return "";
  char t[128];
  size_t n = 0;
  const char *p = declared;
  while (*p == ' ' || *p == '\t') p++;
  for (; *p && *p != ';' && *p != ' ' && *p != '\t'; p++) {
    if (n + 1 >= sizeof t) return NULL;
    t[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
  }
  t[n] = 0;
  if (n == 0 || strcmp(t, "application/octet-stream") == 0) return "";
  if (strcmp(t, "image/jpg") == 0 || strcmp(t, "image/pjpeg") == 0 || strcmp(t, "jpg") == 0)
    return "jpeg";
  for (int i = 0; i < NTYPES; i++)
    if (strcmp(t, types[i].ext) == 0 || strcmp(t, types[i].mime) == 0) return types[i].ext;
  return NULL;
}

/* ---- names ------------------------------------------------------------------ */

/* Bytes of the UTF-8 sequence at s (1…4), or 0 when it is not valid. */
static size_t utf8_seq(const unsigned char *s, uint32_t *cp) {
  size_t k = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
           : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
  if (k == 0) return 0;
  for (size_t i = 1; i < k; i++)
    if ((s[i] & 0xC0) != 0x80) return 0;
  if (!mc_utf8_valid((const char *)s, k)) return 0;
  uint32_t c = k == 1 ? s[0] : s[0] & (0x7F >> k);
  for (size_t i = 1; i < k; i++) c = c << 6 | (s[i] & 0x3F);
  *cp = c;
  return k;
}

static bool name_char_bad(uint32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||     /* controls */
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||   /* bidi overrides */
         c == 0x200E || c == 0x200F || c == 0xFEFF ||
         (c < 0x80 && strchr("/\\\"<>:|?*", (int)c));
}

static size_t utf8_cut(const char *s, size_t max) {
  size_t n = strlen(s);
  if (n <= max) return n;
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
  return max;
}

void mc_files_sanitize_name(const char *name, const char *ext, char *out, size_t n) {
  enum { WORK = 4 * MC_FILES_NAME_MAX };
  char w[WORK + 1];
  size_t o = 0;
  const char *base = name ? name : "";
  for (const char *p = base; *p; p++)
    if (*p == '/' || *p == '\\') base = p + 1;
  const unsigned char *s = (const unsigned char *)base;
  while (*s && o + 4 < WORK) {
    uint32_t c = 0;
    size_t k = utf8_seq(s, &c);
    if (k == 0 || name_char_bad(c)) { w[o++] = '_'; s += k ? k : 1; continue; }
    memcpy(w + o, s, k);
    o += k;
    s += k;
  }
  w[o] = 0;
  char *start = w;
  while (*start == '.' || *start == ' ') start++;
  size_t len = strlen(start);
  while (len > 0 && (start[len - 1] == '.' || start[len - 1] == ' ')) start[--len] = 0;

  const ftype *t = type_by_ext(ext);
  const char *canon = t ? t->exts[0] : "bin";
  char *dot = strrchr(start, '.');
  bool fits = false;
  if (dot && dot != start && t) {
    char lower[8];
    size_t el = strlen(dot + 1);
    if (el < sizeof lower) {
      for (size_t i = 0; i <= el; i++) lower[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ? dot[1 + i] + 32 : dot[1 + i]);
      for (int i = 0; i < 4 && t->exts[i] && !fits; i++) fits = strcmp(lower, t->exts[i]) == 0;
    }
  }
  size_t max = n - 1 < MC_FILES_NAME_MAX ? n - 1 : MC_FILES_NAME_MAX;
  if (len == 0) {
    snprintf(out, n, "tep.%s", canon);
    return;
  }
  if (fits) {
    /* Keep the extension; shorten the stem. */
    size_t el = strlen(dot), stem = (size_t)(dot - start);
    *dot = 0;
    size_t keep = stem + el <= max ? stem : utf8_cut(start, max - el);
    snprintf(out, n, "%.*s.%s", (int)keep, start, dot + 1);
  } else {
    size_t keep = utf8_cut(start, max - 1 - strlen(canon));
    snprintf(out, n, "%.*s.%s", (int)keep, start, canon);
  }
}

/* ---- hashing and paths ----------------------------------------------------- */

mc_rc mc_sha256_hex(const void *data, size_t len, char out[MC_SHA256_HEX], mc_err *err) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdlen = 0;
  if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
    return mc_fail(err, MC_EINTERNAL, "internal.crypto", NULL, "SHA-256 failed.");
  for (unsigned i = 0; i < 32; i++) snprintf(out + 2 * i, 3, "%02x", md[i]);
  return MC_OK;
}

static bool hex64(const char *s) {
  if (!s || strlen(s) != 64) return false;
  for (int i = 0; i < 64; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
  return true;
}

static mc_rc io_fail(mc_err *err, const char *what, const char *path) {
  int e = errno;
  mc_error("files: %s %s: %s", what, path, strerror(e));
  return mc_fail(err, MC_EIO, "files.io", NULL, "The file store could not %s a file.", what);
}

static mc_rc make_dir(const char *path, mc_err *err) {
  if (mkdir(path, 0750) == 0 || errno == EEXIST) return MC_OK;
  return io_fail(err, "create the folder of", path);
}

static mc_rc content_path(const char *data_dir, const char *sha, char *path, size_t n, mc_err *err) {
  if (mc_str_empty(data_dir))
    return mc_fail(err, MC_EINTERNAL, "files.no_data_dir", NULL, "No data directory is configured.");
  if ((size_t)snprintf(path, n, "%s/files/%.2s/%.2s/%s", data_dir, sha, sha + 2, sha) >= n)
    return mc_fail(err, MC_EINTERNAL, "files.path_too_long", NULL, "The data directory path is too long.");
  return MC_OK;
}

static mc_rc write_all(int fd, const unsigned char *p, size_t len) {
  while (len > 0) {
    ssize_t w = write(fd, p, len);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return MC_EIO;
    p += w;
    len -= (size_t)w;
  }
  return MC_OK;
}

/* Does the file at path hold exactly these bytes? (A duplicate upload reuses
 * the stored copy only then; a damaged copy is replaced.) */
static bool same_content(const char *path, const void *data, size_t len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  unsigned char chunk[65536];
  const unsigned char *p = data;
  size_t off = 0;
  bool same = true;
  while (same) {
    ssize_t r = read(fd, chunk, sizeof chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) { same = false; break; }
    if (r == 0) break;
    same = off + (size_t)r <= len && memcmp(chunk, p + off, (size_t)r) == 0;
    off += (size_t)r;
  }
  close(fd);
  return same && off == len;
}

/* Put the bytes at their content address unless they are there already. */
static mc_rc store_bytes(const char *data_dir, const char *sha, const void *data, size_t len, mc_err *err) {
  char path[PATH_MAX], dir[PATH_MAX], tmp[PATH_MAX];
  mc_rc rc = content_path(data_dir, sha, path, sizeof path, err);
  if (rc) return rc;
  struct stat st;
  if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size == len &&
      same_content(path, data, len))
    return MC_OK;
  /* Each prefix of path is shorter than path, which fit. */
  size_t base = strlen(data_dir);
  const size_t cuts[] = {base, base + 6, base + 9, base + 12};   /* "", "/files", "/ab", "/cd" */
  for (int i = 0; i < 4; i++) {
    memcpy(dir, path, cuts[i]);
    dir[cuts[i]] = 0;
    if ((rc = make_dir(dir, err))) return rc;
  }
  if ((size_t)snprintf(tmp, sizeof tmp, "%s/.tmp-XXXXXX", dir) >= sizeof tmp)
    return mc_fail(err, MC_EINTERNAL, "files.path_too_long", NULL, "The data directory path is too long.");
  int fd = mkostemp(tmp, O_CLOEXEC);
  if (fd < 0) return io_fail(err, "create", tmp);
  const char *what = NULL;
  if (fchmod(fd, 0640) != 0) what = "set the mode of";
  else if (write_all(fd, data, len)) what = "write";
  else if (fsync(fd) != 0) what = "flush";
  if (close(fd) != 0 && !what) what = "close";
  if (!what && rename(tmp, path) != 0) what = "rename";
  if (what) {
    rc = io_fail(err, what, tmp);
    unlink(tmp);
    return rc;
  }
  /* Make the new directory entry durable too. */
  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    if (fsync(dfd) != 0) mc_warn("files: fsync %s: %s", dir, strerror(errno));
    close(dfd);
  }
  return MC_OK;
}

/* ---- the store ----------------------------------------------------------- */

mc_rc mc_files_max_bytes(mc_db *db, size_t *max, mc_err *err) {
  *max = MC_FILES_MAX_DEFAULT;
  mc_stmt *st = mc_db_prep(db, "meta.setting_get", err, "s", "files.max_bytes");
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err ? err->rc : MC_EDB;
  if (r > 0) {
    int64_t v;
    const char *text = mc_col_text(st, 0);
    if (mc_parse_i64(text, 1, MC_FILES_MAX_HARD, &v)) *max = (size_t)v;
    else mc_warn("files: setting files.max_bytes = \"%s\" is not 1…%d; using %d",
                 text ? text : "", MC_FILES_MAX_HARD, MC_FILES_MAX_DEFAULT);
    while ((r = mc_stmt_next(st, err)) > 0) {}
    if (r < 0) return err ? err->rc : MC_EDB;
  }
  return MC_OK;
}

static void fmt_mib(size_t bytes, char *buf, size_t n) {
  double mib = (double)bytes / (1024.0 * 1024.0);
  if (mib >= 1 && bytes % (1024 * 1024) == 0) snprintf(buf, n, "%zu MB", bytes / (1024 * 1024));
  else if (mib >= 0.1) snprintf(buf, n, "%.1f MB", mib);
  else snprintf(buf, n, "%zu KB", (bytes + 1023) / 1024);
  for (char *p = buf; *p; p++)
    if (*p == '.') *p = ',';
}

mc_rc mc_files_put(mc_db *db, const char *data_dir, const void *data, size_t len,
                   const char *declared_type, const char *filename, int64_t *file_id, mc_err *err) {
  if (len == 0 || !data)
    return mc_fail(err, MC_EINVAL, "files.empty", "file", "Tệp tải lên không có nội dung.");
  size_t max;
  mc_rc rc = mc_files_max_bytes(db, &max, err);
  if (rc) return rc;
  if (len > max) {
    char lim[32];
    fmt_mib(max, lim, sizeof lim);
    return mc_fail(err, MC_ETOOBIG, "files.too_large", "file",
                   "Tệp quá lớn: dung lượng tối đa là %s.", lim);
  }
  const char *ext = mc_files_sniff(data, len);
  const char *decl = declared_ext(declared_type);
  if (!ext || !decl)
    return mc_fail(err, MC_EUNSUPPORTED, "files.bad_type", "file",
                   "Loại tệp không được chấp nhận: chỉ nhận PDF, PNG, JPEG, DOCX, XLSX.");
  if (*decl && strcmp(decl, ext) != 0)
    return mc_fail(err, MC_EINVAL, "files.type_mismatch", "file",
                   "Nội dung tệp không khớp với loại tệp khai báo (khai báo %s, nội dung là %s).",
                   decl, ext);
  char sha[MC_SHA256_HEX], name[MC_FILES_NAME_MAX + 1], now[32];
  if ((rc = mc_sha256_hex(data, len, sha, err))) return rc;
  if ((rc = store_bytes(data_dir, sha, data, len, err))) return rc;
  mc_files_sanitize_name(filename, ext, name, sizeof name);
  mc_time_format(mc_now(), now, sizeof now);
  return mc_db_i64(db, "files.insert", file_id, err, "sisss", sha, (int64_t)len,
                   mc_files_mime(ext), name, now);
}

mc_rc mc_files_get(mc_db *db, mc_arena *a, int64_t file_id, mc_file_meta *meta, mc_err *err) {
  mc_stmt *st = mc_db_prep(db, "files.get", err, "i", file_id);
  if (!st) return err ? err->rc : MC_EDB;
  int r = mc_stmt_next(st, err);
  if (r < 0) return err ? err->rc : MC_EDB;
  if (r == 0)
    return mc_fail(err, MC_ENOTFOUND, "files.not_found", "file_id", "Không tìm thấy tệp số %lld.",
                   (long long)file_id);
  memset(meta, 0, sizeof *meta);
  meta->id = mc_col_i64(st, 0);
  mc_strlcpy(meta->sha256, mc_col_text(st, 1) ? mc_col_text(st, 1) : "", sizeof meta->sha256);
  meta->size = mc_col_i64(st, 2);
  const char *mime = mc_col_text(st, 3);
  for (int i = 0; mime && i < NTYPES; i++)
    if (strcmp(mime, types[i].mime) == 0) { meta->mime = types[i].mime; meta->ext = types[i].ext; }
  meta->filename = mc_arena_strdup(a, mc_col_text(st, 4) ? mc_col_text(st, 4) : "");
  meta->created_at = mc_arena_strdup(a, mc_col_text(st, 5) ? mc_col_text(st, 5) : "");
  while ((r = mc_stmt_next(st, err)) > 0) {}
  if (r < 0) return err ? err->rc : MC_EDB;
  if (!meta->filename || !meta->created_at)
    return mc_fail(err, MC_ENOMEM, "internal.no_memory", NULL, "Out of memory.");
  if (!meta->mime || !hex64(meta->sha256))
    return mc_fail(err, MC_EINTERNAL, "files.bad_row", NULL, "The record of file %lld is damaged.",
                   (long long)file_id);
  return MC_OK;
}

mc_rc mc_files_open(const char *data_dir, const char *sha256, int *fd, int64_t *size, mc_err *err) {
  if (!hex64(sha256))
    return mc_fail(err, MC_EINVAL, "files.bad_hash", "sha256", "A file is named by 64 lowercase hex digits.");
  char path[PATH_MAX];
  mc_rc rc = content_path(data_dir, sha256, path, sizeof path, err);
  if (rc) return rc;
  int f = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (f < 0) {
    if (errno == ENOENT)
      return mc_fail(err, MC_ENOTFOUND, "files.not_found", "sha256", "Không tìm thấy nội dung tệp.");
    return io_fail(err, "open", path);
  }
  struct stat st;
  if (fstat(f, &st) != 0 || !S_ISREG(st.st_mode)) {
    rc = io_fail(err, "inspect", path);
    close(f);
    return rc;
  }
  *fd = f;
  if (size) *size = (int64_t)st.st_size;
  return MC_OK;
}

mc_rc mc_files_read(const char *data_dir, const char *sha256, mc_arena *a, const void **data,
                    size_t *len, mc_err *err) {
  int fd;
  int64_t size;
  mc_rc rc = mc_files_open(data_dir, sha256, &fd, &size, err);
  if (rc) return rc;
  unsigned char *buf = size <= MC_FILES_MAX_HARD ? mc_arena_alloc(a, (size_t)size + 1) : NULL;
  if (!buf) {
    close(fd);
    return mc_fail(err, MC_ETOOBIG, "files.too_large", NULL, "The file does not fit in memory here.");
  }
  size_t got = 0;
  while (got < (size_t)size) {
    ssize_t r = read(fd, buf + got, (size_t)size - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += (size_t)r;
  }
  close(fd);
  char sha[MC_SHA256_HEX];
  if (got != (size_t)size || (rc = mc_sha256_hex(buf, got, sha, err)) || strcmp(sha, sha256) != 0) {
    if (rc) return rc;
    mc_error("files: content %s is damaged (read %zu of %lld bytes)", sha256, got, (long long)size);
    return mc_fail(err, MC_EIO, "files.corrupt", NULL, "The stored file is damaged.");
  }
  *data = buf;
  *len = got;
  return MC_OK;
}
