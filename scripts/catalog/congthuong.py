"""congthuong.py — Công thương: alcohol and tobacco licences (Decrees 105/2017, 67/2013),
petrol stations, electricity, trade promotion, gas, industrial explosives."""
from .common import *

WF_SCT = wf_so("Phòng Quản lý thương mại thẩm định hồ sơ", "Lãnh đạo Sở Công Thương ký")
F = Field("luu_thong_hang_hoa", "Lưu thông hàng hóa trong nước", "department", ["department"], who="business", cam=True, wf=WF_SCT)
FX = Field("xuc_tien_thuong_mai", "Xúc tiến thương mại", "department", ["department"], who="business", wf=WF_SCT)
FD = Field("dien", "Điện", "department", ["department"], who="business",
           wf=wf_so("Phòng Quản lý năng lượng thẩm định hồ sơ", "Lãnh đạo Sở Công Thương ký"))
FH = Field("hoa_chat_vlncn", "Hóa chất và vật liệu nổ công nghiệp", "department", ["department"], who="business",
           wf=wf_so("Phòng Kỹ thuật an toàn - Môi trường thẩm định", "Lãnh đạo Sở Công Thương ký"))
WF_XA = wf(step("tham_dinh", "Phòng Kinh tế xã thẩm định hồ sơ, kiểm tra địa điểm", "specialist", "handling", 0.6),
           step("ky_duyet", "Chủ tịch UBND xã ký giấy phép", "unit_leader", "handling", 0.3))
DN = c("dkdn", "Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", True, True)
DD = text("dia_diem", "Địa điểm kinh doanh", max_len=300)

add(F, "2.000633", "Cấp Giấy phép bán lẻ rượu", 10, "full", lvl="commune", kinds=["commune", "district"], who="both", wf=WF_XA,
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp Giấy phép bán lẻ rượu (khu vực thành phố, thị xã)", 1200000),
          phi("phi_khac", "Phí thẩm định cấp Giấy phép bán lẻ rượu (khu vực khác)", 600000)],
    comps=[c("don", "Đơn đề nghị cấp Giấy phép bán lẻ rượu (mẫu số 01)"), DN,
           c("dia_diem_kinh_doanh", "Bản sao giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh")],
    form=company()[:2] + [text("ho_ten", "Họ và tên người đại diện", max_len=100), phone(), DD])

add(F, "2.000620", "Cấp Giấy phép bán lẻ sản phẩm thuốc lá", 10, "partial", elig=True, lvl="commune", kinds=["commune", "district"],
    who="both", wf=WF_XA,
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp Giấy phép bán lẻ sản phẩm thuốc lá (khu vực thành phố, thị xã)", 1100000),
          phi("phi_khac", "Phí thẩm định cấp Giấy phép bán lẻ sản phẩm thuốc lá (khu vực khác)", 550000)],
    comps=[c("don", "Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm thuốc lá"), DN,
           c("hop_dong_mua_ban", "Bản sao hợp đồng mua bán với thương nhân phân phối, bán buôn sản phẩm thuốc lá")],
    form=company()[:2] + [text("ho_ten", "Họ và tên người đại diện", max_len=100), phone(), DD])

add(F, "2.000629", "Cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh", 7, "none", lvl="commune",
    kinds=["commune", "district"], who="both", res="paper", wf=WF_XA,
    fees=[phi("phi_tham_dinh", "Phí thẩm định điều kiện sản xuất rượu thủ công", 600000)], pay=False,
    comps=[c("don", "Đơn đề nghị cấp Giấy phép sản xuất rượu thủ công"), DN,
           c("ban_cong_bo", "Bản công bố hợp quy hoặc tự công bố sản phẩm rượu")],
    form=applicant("Họ và tên chủ cơ sở") + [DD, num("san_luong", "Sản lượng dự kiến (lít/năm)", 0, 10000000)])

add(F, "2.000636", "Cấp Giấy phép bán buôn rượu", 10, "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp Giấy phép bán buôn rượu", 2200000)],
    comps=[c("don", "Đơn đề nghị cấp Giấy phép bán buôn rượu"), DN,
           c("hop_dong_nguyen_tac", "Hợp đồng nguyên tắc với thương nhân sản xuất, phân phối rượu"),
           c("kho_hang", "Giấy tờ chứng minh quyền sử dụng kho hàng, phương tiện vận tải")],
    form=company() + [text("dia_diem_kho", "Địa điểm kho hàng", max_len=300)])

add(F, "2.000648", "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu", ("d", 20), "partial",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp Giấy chứng nhận cửa hàng bán lẻ xăng dầu", 1200000)],
    comps=[c("don", "Đơn đề nghị cấp Giấy chứng nhận (mẫu số 10)"), DN,
           c("pccc", "Văn bản nghiệm thu về phòng cháy và chữa cháy", True, True),
           c("thiet_ke", "Bản vẽ thiết kế cửa hàng đã được thẩm định"), c("dtm", "Văn bản về bảo vệ môi trường", True, True)],
    form=company() + [DD, integer("so_cot_bom", "Số cột bơm", 1, 50)],
    wf=wf(step("tham_dinh", "Phòng Quản lý thương mại thẩm định hồ sơ", "specialist", "handling", 0.3),
          step("kiem_tra", "Đoàn kiểm tra thực tế cửa hàng", "specialist", "handling", 0.4),
          step("phe_duyet", "Lãnh đạo Sở Công Thương ký Giấy chứng nhận", "unit_leader", "handling", 0.2)))

add(FD, "2.000660", "Cấp giấy phép hoạt động bán lẻ điện đến cấp điện áp 0,4 kV", 7, "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp giấy phép hoạt động bán lẻ điện", 700000)],
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị cấp giấy phép hoạt động điện lực"), DN,
           c("danh_sach_nhan_su", "Danh sách, văn bằng của người trực tiếp quản lý kỹ thuật"),
           c("so_do", "Sơ đồ lưới điện khu vực bán lẻ")],
    form=company() + [text("khu_vuc", "Khu vực bán lẻ điện", max_len=300), integer("so_khach_hang", "Số khách hàng sử dụng điện", 1, 1000000)])

add(FX, "2.000664", "Đăng ký thực hiện khuyến mại theo hình thức mang tính may rủi trên địa bàn một tỉnh", 5, "full", res="electronic",
    comps=[c("dang_ky", "Văn bản đăng ký thực hiện khuyến mại (mẫu số 02)"), c("the_le", "Thể lệ chương trình khuyến mại"),
           c("mau_bang_chung", "Mẫu vé số dự thưởng hoặc bằng chứng trúng thưởng", False)],
    form=company() + [text("ten_chuong_trinh", "Tên chương trình khuyến mại", max_len=300),
        date("tu_ngay", "Thời gian khuyến mại từ ngày", past=False, future=True), num("tong_giai_thuong", "Tổng giá trị giải thưởng (đồng)", 0)])

add(FX, "2.000665", "Đăng ký tổ chức hội chợ, triển lãm thương mại tại Việt Nam", 5, "full", res="electronic",
    comps=[c("dang_ky", "Văn bản đăng ký tổ chức hội chợ, triển lãm thương mại (mẫu số 13)"), c("ke_hoach", "Kế hoạch tổ chức")],
    form=company() + [text("ten_hoi_cho", "Tên hội chợ, triển lãm", max_len=300), DD,
        date("ngay_khai_mac", "Ngày khai mạc", past=False, future=True)])

add(FH, "2.000670", "Cấp Giấy phép sử dụng vật liệu nổ công nghiệp", 10, "none", res="paper",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp Giấy phép sử dụng vật liệu nổ công nghiệp", 2500000)], pay=False,
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị cấp giấy phép"), c("thiet_ke_no_min", "Thiết kế hoặc phương án nổ mìn"),
           c("quyet_dinh_chi_huy", "Quyết định bổ nhiệm chỉ huy nổ mìn và danh sách thợ mìn"),
           c("pccc", "Văn bản nghiệm thu phòng cháy, chữa cháy kho vật liệu nổ", True, True)],
    form=company() + [text("cong_trinh", "Công trình, mỏ sử dụng vật liệu nổ", max_len=300)])
