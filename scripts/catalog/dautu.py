"""dautu.py — Đầu tư tại Việt Nam (investment projects; Luật Đầu tư 2020, Decree 31/2021;
handled by the Sở Tài chính since the 2025 merger with the Sở Kế hoạch và Đầu tư)."""
from .common import *

F = Field("dau_tu", "Đầu tư tại Việt Nam", "department", ["department"], who="business", cam=True,
          wf=wf_so("Phòng Quản lý đầu tư thẩm định hồ sơ, lấy ý kiến các cơ quan liên quan", "Lãnh đạo Sở Tài chính ký"), since="2025-03-01")
VB = c("van_ban_de_nghi", "Văn bản đề nghị thực hiện dự án đầu tư (mẫu A.I.1)")
DX = c("de_xuat_du_an", "Đề xuất dự án đầu tư")
NL = c("nang_luc_tai_chinh", "Tài liệu chứng minh năng lực tài chính của nhà đầu tư (báo cáo tài chính 02 năm gần nhất, cam kết hỗ trợ tài chính)")
PL = c("phap_ly_nha_dau_tu", "Bản sao giấy tờ pháp lý của nhà đầu tư", True, True)
DA = [text("ten_du_an", "Tên dự án đầu tư", max_len=300), text("dia_diem", "Địa điểm thực hiện dự án", max_len=300),
      num("von_dau_tu", "Tổng vốn đầu tư (triệu đồng)", 0)]
MA_DA = text("ma_so_du_an", "Mã số dự án", max_len=10, pattern="^[0-9]{10}$")
WF_CQ = wf(step("tham_dinh", "Phòng Quản lý đầu tư chủ trì thẩm định, lấy ý kiến các sở, ngành", "specialist", "handling", 0.45),
           step("y_kien", "Sở Nông nghiệp và Môi trường cho ý kiến về đất đai, môi trường", "specialist", "department:HCM.SNNMT", 0.15),
           step("trinh", "Lãnh đạo Sở Tài chính trình UBND thành phố", "unit_leader", "handling", 0.15),
           step("quyet_dinh", "Chủ tịch UBND thành phố chấp thuận chủ trương đầu tư", "province_leader", "kind:province", 0.15))

add(F, "1.009645", "Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh", ("d", 35), "partial", lvl="province",
    kinds=["department", "province"], res="both", wf=WF_CQ,
    comps=[VB, DX, NL, PL, c("de_xuat_nhu_cau_dat", "Đề xuất nhu cầu sử dụng đất hoặc tài liệu về quyền sử dụng địa điểm", True)],
    form=company() + DA)

add(F, "1.009646", "Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư",
    ("d", 15), "full", res="both",
    comps=[VB, DX, NL, PL],
    form=company() + DA + [sel("hinh_thuc", "Hình thức đầu tư", [("du_an_moi", "Thực hiện dự án mới"),
        ("gop_von", "Góp vốn, mua cổ phần"), ("hop_dong_bcc", "Hợp đồng BCC")])])

add(F, "1.009647", "Điều chỉnh dự án đầu tư thuộc thẩm quyền chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh",
    ("d", 25), "partial", lvl="province", kinds=["department", "province"], wf=WF_CQ,
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị điều chỉnh dự án đầu tư (mẫu A.I.11)"),
           c("bao_cao_tinh_hinh", "Báo cáo tình hình triển khai dự án đầu tư đến thời điểm điều chỉnh"),
           c("quyet_dinh_chu_truong", "Quyết định chấp thuận chủ trương đầu tư đã cấp", True, True), PL],
    form=company() + [MA_DA, area("noi_dung_dieu_chinh", "Nội dung đề nghị điều chỉnh", max_len=3000)])

add(F, "1.009648", "Điều chỉnh Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận điều chỉnh chủ trương đầu tư",
    ("d", 10), "full",
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị điều chỉnh Giấy chứng nhận đăng ký đầu tư"),
           c("bao_cao_tinh_hinh", "Báo cáo tình hình triển khai dự án đầu tư"),
           c("gcn_dang_ky_dau_tu", "Giấy chứng nhận đăng ký đầu tư đã cấp", True, True)],
    form=company() + [MA_DA, area("noi_dung_dieu_chinh", "Nội dung điều chỉnh", max_len=3000)])

add(F, "1.009654", "Chuyển nhượng dự án đầu tư", ("d", 25), "partial",
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị điều chỉnh dự án đầu tư do chuyển nhượng"),
           c("hop_dong_chuyen_nhuong", "Hợp đồng chuyển nhượng dự án đầu tư"), PL,
           c("bao_cao", "Báo cáo tình hình thực hiện dự án đến thời điểm chuyển nhượng")],
    form=company() + [MA_DA, text("ben_nhan", "Tên nhà đầu tư nhận chuyển nhượng", max_len=300)])

add(F, "1.009660", "Ngừng hoạt động của dự án đầu tư", ("d", 15), "none", res="paper",
    comps=[c("thong_bao", "Thông báo hoặc quyết định ngừng hoạt động dự án đầu tư"),
           c("gcn_dang_ky_dau_tu", "Giấy chứng nhận đăng ký đầu tư", True, True)],
    form=company() + [MA_DA, date("tu_ngay", "Ngừng hoạt động từ ngày", past=False),
        date("den_ngay", "Đến ngày", past=False)])

add(F, "1.009663", "Cấp lại hoặc hiệu đính thông tin trên Giấy chứng nhận đăng ký đầu tư", ("d", 5), "full", res="electronic",
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị cấp lại hoặc hiệu đính"),
           c("gcn_dang_ky_dau_tu", "Bản sao Giấy chứng nhận đăng ký đầu tư (trường hợp hiệu đính)", False, True)],
    form=company() + [MA_DA])
