/* test_fold.c — search folding of Vietnamese text. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include "util/fold.h"

static void check(const char *in, const char *want) {
  char *f = mc_fold_dup(in);
  cr_assert_not_null(f, "fold(%s) failed", in);
  cr_assert_str_eq(f, want, "fold(%s)", in);
  free(f);
}

Test(fold, vietnamese) {
  check("Giấy phép lái xe", "giay phep lai xe");
  check("ĐĂNG KÝ KHAI SINH", "dang ky khai sinh");
  check("  Đất   đai\t", "dat dai");
  check("Thủ tục hành chính", "thu tuc hanh chinh");
  check("Ủy ban nhân dân phường Phú Cường", "uy ban nhan dan phuong phu cuong");
  check("", "");
}

Test(fold, invalid_utf8_is_refused) {
  cr_assert_null(mc_fold_dup("\xff\xfe"));
}
