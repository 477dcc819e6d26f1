/* files.h — the attachment store: content-addressed files with a type
 * allow-list and a size limit.
 *
 * Bytes live at <data_dir>/files/ab/cd/<sha256> (ab, cd = the first two
 * pairs of hex digits of the SHA-256 of the content; directories 0750, files
 * 0640), written to a temporary file, fsync'ed and renamed into place, so a
 * reader never sees a partial file. An identical upload reuses the stored
 * bytes after comparing them (a damaged copy is rewritten); reads verify the
 * hash (files.corrupt).
 *
 * One row per upload (table files): each upload keeps its own original name
 * and time, several rows may share one content. Rows are written after the
 * bytes, so a row never points at missing content; a failed insert (or a
 * rolled-back caller transaction) may leave unreferenced content behind,
 * which is harmless and could be swept later.
 *
 * Accepted types, recognised from the content (never from the name):
 *   pdf   application/pdf      starts with "%PDF-"
 *   png   image/png            the 8-byte PNG signature
 *   jpeg  image/jpeg           FF D8 FF
 *   docx  application/vnd.openxmlformats-officedocument.wordprocessingml.document
 *   xlsx  application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
 *         a ZIP archive whose central directory lists "[Content_Types].xml"
 *         and entries under "word/" (docx) or "xl/" (xlsx).
 * The declared type (a MIME type from the upload, or one of the short names;
 * "image/jpg" and "jpg" are taken as jpeg) must agree with the content; NULL,
 * "" and "application/octet-stream" declare nothing. MIME parameters
 * ("; charset=…") are ignored.
 *
 * Errors: files.empty (0 bytes), files.too_large (MC_ETOOBIG, over the limit),
 * files.bad_type (MC_EUNSUPPORTED: content or declared type not allowed),
 * files.type_mismatch (declared type contradicts the content), files.not_found,
 * files.corrupt (stored bytes do not match their hash), files.io.
 *
 * The size limit is the setting "files.max_bytes" (table settings), default
 * MC_FILES_MAX_DEFAULT (20 MiB), never above MC_FILES_MAX_HARD.
 *
 * Original names are kept for display and downloads only, sanitised: path
 * separators, control characters and quotes become '_', leading dots and
 * spaces are dropped, the name is cut to MC_FILES_NAME_MAX bytes on a UTF-8
 * boundary, and an extension that does not fit the type is followed by the
 * type's own (".pdf"); an empty name becomes "tep.<ext>". They never become
 * paths: the store addresses content only by its hash.                     */
#pragma once
#include <stddef.h>
#include <stdint.h>
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"
#include "util/time.h"

enum {
  MC_FILES_MAX_DEFAULT = 20 * 1024 * 1024,
  MC_FILES_MAX_HARD = 100 * 1024 * 1024,
  MC_FILES_NAME_MAX = 200,   /* bytes of a sanitised original name */
  MC_SHA256_HEX = 65,        /* 64 hex digits + NUL */
};

typedef struct mc_file_meta {
  int64_t id;
  char sha256[MC_SHA256_HEX];
  int64_t size;
  const char *mime;          /* one of the MIME types above */
  const char *ext;           /* "pdf", "png", "jpeg", "docx", "xlsx" */
  const char *filename;      /* sanitised original name */
  const char *created_at;    /* "2025-07-01T08:00:00+07:00" */
} mc_file_meta;

/* Check, store and record one upload; *file_id is the new row's id. */
mc_rc mc_files_put(mc_db *db, const char *data_dir, const void *data, size_t len,
                   const char *declared_type, const char *filename, int64_t *file_id, mc_err *err);
/* The row of an upload; strings in the arena. */
mc_rc mc_files_get(mc_db *db, mc_arena *a, int64_t file_id, mc_file_meta *meta, mc_err *err);
/* Open the stored content for reading (O_RDONLY, close-on-exec); *size its
 * length. sha256 must be 64 lowercase hex digits (files.bad_hash otherwise). */
mc_rc mc_files_open(const char *data_dir, const char *sha256, int *fd, int64_t *size, mc_err *err);
/* Read the whole stored content into the arena and verify its hash. */
mc_rc mc_files_read(const char *data_dir, const char *sha256, mc_arena *a, const void **data,
                    size_t *len, mc_err *err);
/* The current size limit in bytes (setting "files.max_bytes" or the default). */
mc_rc mc_files_max_bytes(mc_db *db, size_t *max, mc_err *err);

/* Pure helpers (exposed for tests and the upload handler). */
/* Recognise an allowed type from the content: its short name, or NULL. */
const char *mc_files_sniff(const void *data, size_t len);
/* The MIME type of a short name ("pdf" → "application/pdf"), or NULL. */
const char *mc_files_mime(const char *ext);
/* Sanitise an original name for type ext into out (≥ MC_FILES_NAME_MAX + 1 bytes). */
void mc_files_sanitize_name(const char *name, const char *ext, char *out, size_t n);
/* SHA-256 of data as lowercase hex. */
mc_rc mc_sha256_hex(const void *data, size_t len, char out[MC_SHA256_HEX], mc_err *err);
