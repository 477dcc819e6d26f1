/* test_files.c — the attachment store: each allowed type recognised by its
 * content, wrong/contradicting/oversized/empty uploads refused, SHA-256
 * addressing and deduplication on disk, read-back, name sanitising. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <hpdf.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "core/files.h"
#include "harness.h"
#include "util/str.h"
#include "store/db.h"

static mc_db *db;
static char *url;
static char data_dir[512];
static mc_err err;

static void setup(void) {
  umask(022);
  url = th_fresh_db_url();
  cr_assert_eq(mc_db_open(url, &db, &err), MC_OK, "%s", err.message);
  cr_assert_eq(mc_db_migrate(db, NULL, &err), MC_OK, "%s", err.message);
  const char *base = getenv("MOTCUA_TEST_DIR");
  mkdir(base ? base : "/tmp", 0755);
  snprintf(data_dir, sizeof data_dir, "%s/files-XXXXXX", base ? base : "/tmp");
  cr_assert(mkdtemp(data_dir), "mkdtemp: %s", strerror(errno));
}

static void teardown(void) {
  mc_db_close(db);
  mc_err_clear(&err);
  free(url);
}

TestSuite(files, .init = setup, .fini = teardown);

/* ---- sample contents -------------------------------------------------------- */

static const char PDF[] = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
static const unsigned char PNG[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
static const unsigned char JPEG[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};

static void put16(unsigned char *p, unsigned v) { p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8); }
static void put32(unsigned char *p, unsigned v) { put16(p, v & 0xFFFF); put16(p + 2, v >> 16); }

/* A real ZIP archive of empty stored entries with these names. */
static size_t make_zip(const char *const names[], int n, unsigned char *out, size_t cap) {
  size_t o = 0, offs[16];
  for (int i = 0; i < n; i++) {
    size_t nl = strlen(names[i]);
    cr_assert(o + 30 + nl < cap);
    offs[i] = o;
    memset(out + o, 0, 30);
    memcpy(out + o, "PK\3\4", 4);
    put16(out + o + 4, 20);
    put16(out + o + 26, (unsigned)nl);
    memcpy(out + o + 30, names[i], nl);
    o += 30 + nl;
  }
  size_t cd = o;
  for (int i = 0; i < n; i++) {
    size_t nl = strlen(names[i]);
    cr_assert(o + 46 + nl < cap);
    memset(out + o, 0, 46);
    memcpy(out + o, "PK\1\2", 4);
    put16(out + o + 4, 20);
    put16(out + o + 6, 20);
    put16(out + o + 28, (unsigned)nl);
    put32(out + o + 42, (unsigned)offs[i]);
    memcpy(out + o + 46, names[i], nl);
    o += 46 + nl;
  }
  cr_assert(o + 22 <= cap);
  memset(out + o, 0, 22);
  memcpy(out + o, "PK\5\6", 4);
  put16(out + o + 8, (unsigned)n);
  put16(out + o + 10, (unsigned)n);
  put32(out + o + 12, (unsigned)(o - cd));
  put32(out + o + 16, (unsigned)cd);
  return o + 22;
}

static const char *const DOCX_NAMES[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml"};
static const char *const XLSX_NAMES[] = {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"};
static const char *const PPTX_NAMES[] = {"[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml"};
static const char *const ZIP_NAMES[] = {"readme.txt", "word/document.xml"};

static int64_t put_ok(const void *data, size_t len, const char *declared, const char *name) {
  int64_t id = 0;
  mc_rc rc = mc_files_put(db, data_dir, data, len, declared, name, &id, &err);
  cr_assert_eq(rc, MC_OK, "put %s (%s): %s %s", name, declared ? declared : "-", err.code, err.message);
  cr_assert_gt(id, 0);
  return id;
}

static void put_fails(const void *data, size_t len, const char *declared, mc_rc rc, const char *code) {
  int64_t id = 0;
  cr_assert_eq(mc_files_put(db, data_dir, data, len, declared, "x", &id, &err), rc,
               "declared %s: expected %s, got %s", declared ? declared : "-", code, err.code);
  cr_assert_str_eq(err.code, code);
  cr_assert_eq(id, 0);
  mc_err_clear(&err);
}

static int count_files(const char *dir) {
  int n = 0;
  DIR *d = opendir(dir);
  if (!d) return 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    char sub[1024];
    snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
    struct stat st;
    if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) n += count_files(sub);
    else n++;
  }
  closedir(d);
  return n;
}

/* ---- tests -------------------------------------------------------------------- */

Test(files, sha256_known_vector) {
  char hex[MC_SHA256_HEX];
  cr_assert_eq(mc_sha256_hex("abc", 3, hex, &err), MC_OK);
  cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  cr_assert_eq(mc_sha256_hex("", 0, hex, &err), MC_OK);
  cr_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

Test(files, sniff_each_type) {
  unsigned char zip[1024];
  cr_assert_str_eq(mc_files_sniff(PDF, sizeof PDF - 1), "pdf");
  cr_assert_str_eq(mc_files_sniff(PNG, sizeof PNG), "png");
  cr_assert_str_eq(mc_files_sniff(JPEG, sizeof JPEG), "jpeg");
  size_t n = make_zip(DOCX_NAMES, 3, zip, sizeof zip);
  cr_assert_str_eq(mc_files_sniff(zip, n), "docx");
  n = make_zip(XLSX_NAMES, 4, zip, sizeof zip);
  cr_assert_str_eq(mc_files_sniff(zip, n), "xlsx");
  cr_assert_null(mc_files_sniff(zip, n - 1), "truncated archive");
  n = make_zip(PPTX_NAMES, 3, zip, sizeof zip);
  cr_assert_null(mc_files_sniff(zip, n), "pptx is not on the list");
  n = make_zip(ZIP_NAMES, 2, zip, sizeof zip);
  cr_assert_null(mc_files_sniff(zip, n), "a plain zip has no [Content_Types].xml");
  cr_assert_null(mc_files_sniff("GIF89a\1\0\1\0", 10));
  cr_assert_null(mc_files_sniff("%PDF", 4));
  cr_assert_null(mc_files_sniff("PK\3\4", 4));
  cr_assert_null(mc_files_sniff("<html></html>", 13));
  cr_assert_null(mc_files_sniff(" %PDF-1.4", 9));
  cr_assert_str_eq(mc_files_mime("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  cr_assert_null(mc_files_mime("gif"));
}

Test(files, each_type_accepted_and_read_back) {
  unsigned char docx[1024], xlsx[1024];
  size_t nd = make_zip(DOCX_NAMES, 3, docx, sizeof docx), nx = make_zip(XLSX_NAMES, 4, xlsx, sizeof xlsx);
  struct { const void *data; size_t len; const char *declared, *name, *mime, *stored_name; } c[] = {
    {PDF, sizeof PDF - 1, "application/pdf", "Đơn đề nghị.pdf", "application/pdf", "Đơn đề nghị.pdf"},
    {PNG, sizeof PNG, "image/png", "ảnh.png", "image/png", "ảnh.png"},
    {JPEG, sizeof JPEG, "image/jpeg", "cccd.JPG", "image/jpeg", "cccd.JPG"},
    {docx, nd, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "to-khai.docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "to-khai.docx"},
    {xlsx, nx, "xlsx", "bang-ke.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
     "bang-ke.xlsx"},
  };
  mc_arena *a = mc_arena_new(0);
  for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
    int64_t id = put_ok(c[i].data, c[i].len, c[i].declared, c[i].name);
    mc_file_meta m;
    cr_assert_eq(mc_files_get(db, a, id, &m, &err), MC_OK, "%s", err.message);
    cr_assert_eq(m.id, id);
    cr_assert_eq(m.size, (int64_t)c[i].len);
    cr_assert_str_eq(m.mime, c[i].mime);
    cr_assert_str_eq(m.filename, c[i].stored_name);
    cr_assert_eq(strlen(m.created_at), 25);
    char hex[MC_SHA256_HEX];
    cr_assert_eq(mc_sha256_hex(c[i].data, c[i].len, hex, &err), MC_OK);
    cr_assert_str_eq(m.sha256, hex);
    const void *back;
    size_t len;
    cr_assert_eq(mc_files_read(data_dir, m.sha256, a, &back, &len, &err), MC_OK, "%s", err.message);
    cr_assert_eq(len, c[i].len);
    cr_assert_eq(memcmp(back, c[i].data, len), 0);
  }
  /* Nothing declared is fine too: the content decides. */
  put_ok(PDF, sizeof PDF - 1, NULL, "a.pdf");
  put_ok(PDF, sizeof PDF - 1, "", "a.pdf");
  put_ok(PDF, sizeof PDF - 1, "application/octet-stream", "a.pdf");
  put_ok(PDF, sizeof PDF - 1, "Application/PDF; charset=binary", "a.pdf");
  put_ok(JPEG, sizeof JPEG, "image/jpg", "a.jpg");
  put_ok(JPEG, sizeof JPEG, "jpg", "a.jpg");
  mc_arena_free(a);
}

Test(files, stored_at_content_address) {
  int64_t id = put_ok(PDF, sizeof PDF - 1, "application/pdf", "a.pdf");
  mc_arena *a = mc_arena_new(0);
  mc_file_meta m;
  cr_assert_eq(mc_files_get(db, a, id, &m, &err), MC_OK);
  char path[1200], dir[1024];
  snprintf(dir, sizeof dir, "%s/files/%.2s/%.2s", data_dir, m.sha256, m.sha256 + 2);
  snprintf(path, sizeof path, "%s/%s", dir, m.sha256);
  /* The bytes on disk hash to their name. */
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "%s: %s", path, strerror(errno));
  unsigned char buf[256];
  size_t n = fread(buf, 1, sizeof buf, f);
  fclose(f);
  cr_assert_eq(n, sizeof PDF - 1);
  char hex[MC_SHA256_HEX];
  mc_sha256_hex(buf, n, hex, &err);
  cr_assert_str_eq(hex, m.sha256);
  struct stat st;
  cr_assert_eq(stat(path, &st), 0);
  cr_assert_eq(st.st_mode & 0777, 0640);
  cr_assert_eq(stat(dir, &st), 0);
  cr_assert_eq(st.st_mode & 0777, 0750);
  snprintf(dir, sizeof dir, "%s/files", data_dir);
  cr_assert_eq(stat(dir, &st), 0);
  cr_assert_eq(st.st_mode & 0777, 0750);
  /* mc_files_open gives the same bytes and size. */
  int fd;
  int64_t size;
  cr_assert_eq(mc_files_open(data_dir, m.sha256, &fd, &size, &err), MC_OK);
  cr_assert_eq(size, (int64_t)(sizeof PDF - 1));
  cr_assert_eq(read(fd, buf, sizeof buf), (ssize_t)(sizeof PDF - 1));
  cr_assert_eq(memcmp(buf, PDF, sizeof PDF - 1), 0);
  close(fd);
  mc_arena_free(a);
}

Test(files, duplicate_upload_reuses_content) {
  int64_t a1 = put_ok(PNG, sizeof PNG, "image/png", "mot.png");
  int64_t a2 = put_ok(PNG, sizeof PNG, "image/png", "hai.png");
  cr_assert_neq(a1, a2, "one row per upload");
  mc_arena *a = mc_arena_new(0);
  mc_file_meta m1, m2;
  cr_assert_eq(mc_files_get(db, a, a1, &m1, &err), MC_OK);
  cr_assert_eq(mc_files_get(db, a, a2, &m2, &err), MC_OK);
  cr_assert_str_eq(m1.sha256, m2.sha256);
  cr_assert_str_eq(m1.filename, "mot.png");
  cr_assert_str_eq(m2.filename, "hai.png");
  char files_dir[600];
  snprintf(files_dir, sizeof files_dir, "%s/files", data_dir);
  cr_assert_eq(count_files(files_dir), 1, "one stored copy, no temporary files left");
  put_ok(PDF, sizeof PDF - 1, NULL, "b.pdf");
  cr_assert_eq(count_files(files_dir), 2);
  /* A damaged stored copy is detected on read and replaced by the next upload. */
  char path[1024];
  snprintf(path, sizeof path, "%s/%.2s/%.2s/%s", files_dir, m1.sha256, m1.sha256 + 2, m1.sha256);
  int fd = open(path, O_WRONLY);
  cr_assert_geq(fd, 0);
  cr_assert_eq(pwrite(fd, "X", 1, 10), 1);
  close(fd);
  const void *back;
  size_t len;
  cr_assert_eq(mc_files_read(data_dir, m1.sha256, a, &back, &len, &err), MC_EIO);
  cr_assert_str_eq(err.code, "files.corrupt");
  mc_err_clear(&err);
  put_ok(PNG, sizeof PNG, "image/png", "ba.png");
  cr_assert_eq(mc_files_read(data_dir, m1.sha256, a, &back, &len, &err), MC_OK);
  cr_assert_eq(memcmp(back, PNG, sizeof PNG), 0);
  cr_assert_eq(count_files(files_dir), 2);
  mc_arena_free(a);
}

Test(files, wrong_types_refused) {
  unsigned char zip[1024];
  put_fails("GIF89a\1\0\1\0", 10, NULL, MC_EUNSUPPORTED, "files.bad_type");
  put_fails("<html><script>x</script></html>", 31, "application/pdf", MC_EUNSUPPORTED, "files.bad_type");
  put_fails("MZ\x90\0\3\0\0\0", 8, NULL, MC_EUNSUPPORTED, "files.bad_type");
  size_t n = make_zip(PPTX_NAMES, 3, zip, sizeof zip);
  put_fails(zip, n, NULL, MC_EUNSUPPORTED, "files.bad_type");
  n = make_zip(ZIP_NAMES, 2, zip, sizeof zip);
  put_fails(zip, n, "application/zip", MC_EUNSUPPORTED, "files.bad_type");
  /* An allowed content declared as a type off the list. */
  put_fails(PDF, sizeof PDF - 1, "text/html", MC_EUNSUPPORTED, "files.bad_type");
  put_fails(PNG, sizeof PNG, "image/gif", MC_EUNSUPPORTED, "files.bad_type");
}

Test(files, content_contradicting_declared_type) {
  unsigned char zip[1024];
  put_fails(PDF, sizeof PDF - 1, "image/png", MC_EINVAL, "files.type_mismatch");
  put_fails(PNG, sizeof PNG, "image/jpeg", MC_EINVAL, "files.type_mismatch");
  put_fails(JPEG, sizeof JPEG, "pdf", MC_EINVAL, "files.type_mismatch");
  size_t n = make_zip(XLSX_NAMES, 4, zip, sizeof zip);
  put_fails(zip, n, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            MC_EINVAL, "files.type_mismatch");
  char files_dir[600];
  snprintf(files_dir, sizeof files_dir, "%s/files", data_dir);
  cr_assert_eq(count_files(files_dir), 0, "nothing stored for a refused upload");
}

Test(files, empty_and_oversized) {
  put_fails(PDF, 0, "application/pdf", MC_EINVAL, "files.empty");
  size_t max;
  cr_assert_eq(mc_files_max_bytes(db, &max, &err), MC_OK);
  cr_assert_eq(max, (size_t)20 * 1024 * 1024);
  /* Over the default: refused before anything is hashed or written. */
  size_t big = 20 * 1024 * 1024 + 1;
  char *buf = calloc(1, big);
  memcpy(buf, PDF, sizeof PDF - 1);
  put_fails(buf, big, "application/pdf", MC_ETOOBIG, "files.too_large");
  /* The limit is a setting. */
  cr_assert_eq(mc_db_exec(db, "meta.setting_put", &err, "ss", "files.max_bytes", "1024"), MC_OK);
  cr_assert_eq(mc_files_max_bytes(db, &max, &err), MC_OK);
  cr_assert_eq(max, 1024);
  put_ok(buf, 1024, "application/pdf", "a.pdf");
  int64_t id = 0;
  cr_assert_eq(mc_files_put(db, data_dir, buf, 1025, "application/pdf", "a.pdf", &id, &err), MC_ETOOBIG);
  cr_assert_str_eq(err.code, "files.too_large");
  cr_assert_str_eq(err.message, "Tệp quá lớn: dung lượng tối đa là 1 KB.");
  mc_err_clear(&err);
  /* A setting that is not a size falls back to the default. */
  cr_assert_eq(mc_db_exec(db, "meta.setting_put", &err, "ss", "files.max_bytes", "lots"), MC_OK);
  cr_assert_eq(mc_files_max_bytes(db, &max, &err), MC_OK);
  cr_assert_eq(max, (size_t)MC_FILES_MAX_DEFAULT);
  free(buf);
}

Test(files, not_found_and_bad_hash) {
  mc_arena *a = mc_arena_new(0);
  mc_file_meta m;
  cr_assert_eq(mc_files_get(db, a, 999, &m, &err), MC_ENOTFOUND);
  cr_assert_str_eq(err.code, "files.not_found");
  mc_err_clear(&err);
  const void *data;
  size_t len;
  int fd;
  cr_assert_eq(mc_files_read(data_dir, "../../../etc/passwd", a, &data, &len, &err), MC_EINVAL);
  cr_assert_str_eq(err.code, "files.bad_hash");
  mc_err_clear(&err);
  cr_assert_eq(mc_files_open(data_dir, "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
                             &fd, NULL, &err), MC_EINVAL);
  mc_err_clear(&err);
  cr_assert_eq(mc_files_open(data_dir, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                             &fd, NULL, &err), MC_ENOTFOUND);
  cr_assert_str_eq(err.code, "files.not_found");
  mc_err_clear(&err);
  mc_arena_free(a);
}

static void name_is(const char *in, const char *ext, const char *want) {
  char out[MC_FILES_NAME_MAX + 1];
  mc_files_sanitize_name(in, ext, out, sizeof out);
  cr_assert_str_eq(out, want, "sanitize(%s)", in ? in : "NULL");
}

Test(files, names_are_sanitised) {
  name_is("Đơn đề nghị.pdf", "pdf", "Đơn đề nghị.pdf");
  name_is("../../etc/passwd", "pdf", "passwd.pdf");
  name_is("C:\\Users\\An\\Giấy tờ.PDF", "pdf", "Giấy tờ.PDF");
  name_is("a\x01" "b\tc.pdf", "pdf", "a_b_c.pdf");
  name_is("bao\"cao<1>:?*|.pdf", "pdf", "bao_cao_1_____.pdf");
  name_is("", "pdf", "tep.pdf");
  name_is(NULL, "jpeg", "tep.jpg");
  name_is("...", "png", "tep.png");
  name_is(".bashrc", "pdf", "bashrc.pdf");
  name_is("dir/", "pdf", "tep.pdf");
  name_is("anh.jpeg", "jpeg", "anh.jpeg");
  name_is("photo.png", "jpeg", "photo.png.jpg");
  name_is("report.exe", "pdf", "report.exe.pdf");
  name_is("so-lieu", "xlsx", "so-lieu.xlsx");
  name_is("abc\xe2\x80\xae" "fdp.exe", "pdf", "abc_fdp.exe.pdf");   /* U+202E right-to-left override */
  name_is("\xff\xfe.pdf", "pdf", "__.pdf");
  name_is("tên \xc3", "pdf", "tên _.pdf");                         /* cut UTF-8 sequence */
  /* Long names: cut to the limit on a character boundary, extension kept. */
  char in[1200], out[MC_FILES_NAME_MAX + 1];
  memset(in, 'x', 300);
  memcpy(in + 300, ".pdf", 5);
  mc_files_sanitize_name(in, "pdf", out, sizeof out);
  cr_assert_eq(strlen(out), MC_FILES_NAME_MAX);
  cr_assert_str_eq(out + MC_FILES_NAME_MAX - 4, ".pdf");
  in[0] = 0;
  for (int i = 0; i < 150; i++) memcpy(in + 2 * i, "\xc4\x90", 3);   /* Đ × 150 */
  mc_files_sanitize_name(in, "docx", out, sizeof out);
  cr_assert_leq(strlen(out), MC_FILES_NAME_MAX);
  cr_assert(mc_utf8_valid(out, strlen(out)));
  cr_assert_str_eq(out + strlen(out) - 5, ".docx");
  cr_assert_eq(strlen(out), 194 + 5, "97 whole Đ then .docx");
  /* An overlong name whose extension fits: the stem is cut. */
  for (int i = 0; i < 150; i++) memcpy(in + 2 * i, "\xc4\x90", 3);
  memcpy(in + 300, ".docx", 6);
  mc_files_sanitize_name(in, "docx", out, sizeof out);
  cr_assert_eq(strlen(out), 194 + 5);
  cr_assert(mc_utf8_valid(out, strlen(out)));
  /* A name much longer than the working buffer still ends with the type. */
  memset(in, 'y', sizeof in - 1);
  in[sizeof in - 1] = 0;
  mc_files_sanitize_name(in, "png", out, sizeof out);
  cr_assert_str_eq(out + strlen(out) - 4, ".png");
}

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "%s: %s", path, strerror(errno));
  static unsigned char buf[1 << 20];
  *len = fread(buf, 1, sizeof buf, f);
  fclose(f);
  return buf;
}

/* Files made by real writers (the PDF and XLSX libraries motcua links). */
Test(files, real_pdf_and_xlsx) {
  char path[700];
  size_t len;
  snprintf(path, sizeof path, "%s/real.xlsx", data_dir);
  lxw_workbook *wb = workbook_new(path);
  lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
  worksheet_write_string(ws, 0, 0, "Bảng kê", NULL);
  cr_assert_eq(workbook_close(wb), LXW_NO_ERROR);
  unsigned char *data = slurp(path, &len);
  cr_assert_str_eq(mc_files_sniff(data, len), "xlsx");
  put_ok(data, len, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "bang-ke.xlsx");

  snprintf(path, sizeof path, "%s/real.pdf", data_dir);
  HPDF_Doc pdf = HPDF_New(NULL, NULL);
  cr_assert_not_null(pdf);
  HPDF_AddPage(pdf);
  cr_assert_eq(HPDF_SaveToFile(pdf, path), HPDF_OK);
  HPDF_Free(pdf);
  data = slurp(path, &len);
  cr_assert_str_eq(mc_files_sniff(data, len), "pdf");
  put_fails(data, len, "image/png", MC_EINVAL, "files.type_mismatch");
  put_ok(data, len, "application/pdf", "phieu.pdf");
}
