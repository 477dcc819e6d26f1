"""noivu.py — Nội vụ (emulation and rewards, associations, funds, archives) and tôn giáo
(Luật Tín ngưỡng, tôn giáo 2016, Decree 95/2023; Sở Dân tộc và Tôn giáo since 2025)."""
from .common import *

WF_SNV = wf_so("Phòng Tổ chức phi chính phủ thẩm định hồ sơ", "Lãnh đạo Sở Nội vụ trình, ký")
F = Field("to_chuc_phi_chinh_phu", "Tổ chức phi chính phủ", "province", ["department", "province"], who="business", wf=WF_SNV)
FK = Field("thi_dua_khen_thuong", "Thi đua, khen thưởng", "commune", ["commune"], who="both",
           wf=wf_xa("Công chức văn phòng - thống kê thẩm định hồ sơ khen thưởng", "Chủ tịch UBND xã quyết định khen thưởng"))
FV = Field("van_thu_luu_tru", "Văn thư và lưu trữ nhà nước", "department", ["department"], who="both",
           wf=wf_so("Trung tâm Lưu trữ lịch sử tra tìm tài liệu", "Lãnh đạo Trung tâm Lưu trữ lịch sử duyệt", 0.6, 0.3))
FT = Field("ton_giao", "Tín ngưỡng, tôn giáo", "department", ["department"], who="both", cam=True,
           wf=wf_so("Phòng Tôn giáo thẩm định hồ sơ", "Lãnh đạo Sở Dân tộc và Tôn giáo ký"), since="2025-03-01")
WF_XA_TG = wf_xa("Công chức văn hóa - xã hội thẩm định hồ sơ tôn giáo", "Chủ tịch UBND xã ký văn bản chấp thuận")
HOI = [text("ten_hoi", "Tên hội", max_len=300), text("tru_so", "Địa chỉ trụ sở", max_len=300)]
NGUOI_DD = [text("ho_ten", "Họ và tên người đại diện", max_len=100), idn("so_dinh_danh", "Số định danh cá nhân"), phone()]
TC_TG = text("to_chuc_ton_giao", "Tên tổ chức tôn giáo", max_len=300)

add(F, "1.003822", "Thành lập hội cấp tỉnh", ("d", 30), "partial", res="paper",
    wf=wf_ubnd_tinh("Phòng Tổ chức phi chính phủ thẩm định hồ sơ", "Giám đốc Sở Nội vụ trình UBND thành phố"),
    comps=[c("don", "Đơn đề nghị thành lập hội"), c("du_thao_dieu_le", "Dự thảo điều lệ hội"),
           c("danh_sach_sang_lap", "Danh sách người trong ban vận động thành lập hội"), c("tru_so", "Văn bản xác nhận nơi dự kiến đặt trụ sở")],
    form=NGUOI_DD + HOI + [integer("so_hoi_vien", "Số hội viên đăng ký", 50, 1000000)])

add(F, "1.003827", "Phê duyệt điều lệ hội cấp tỉnh", ("d", 30), "full", res="both",
    comps=[c("don", "Đơn đề nghị phê duyệt điều lệ hội"), c("dieu_le", "Điều lệ và biên bản thông qua điều lệ tại đại hội"),
           c("nghi_quyet_dai_hoi", "Nghị quyết đại hội")],
    form=NGUOI_DD + HOI)

add(F, "1.003879", "Cấp giấy phép thành lập và công nhận điều lệ quỹ xã hội, quỹ từ thiện", ("d", 30), "none", res="paper",
    wf=wf_ubnd_tinh("Phòng Tổ chức phi chính phủ thẩm định hồ sơ", "Giám đốc Sở Nội vụ trình UBND thành phố"),
    comps=[c("don", "Đơn đề nghị thành lập quỹ"), c("du_thao_dieu_le", "Dự thảo điều lệ quỹ"),
           c("cam_ket_tai_san", "Văn bản cam kết đóng góp tài sản của sáng lập viên"), c("ly_lich", "Sơ yếu lý lịch thành viên ban sáng lập")],
    form=NGUOI_DD + [text("ten_quy", "Tên quỹ", max_len=300), num("tai_san", "Tài sản đóng góp thành lập quỹ (đồng)", 0)])

add(FK, "1.000748", "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thực hiện nhiệm vụ chính trị", 20, "partial", res="paper",
    comps=[c("to_trinh", "Tờ trình đề nghị khen thưởng"), c("bao_cao_thanh_tich", "Báo cáo thành tích của tập thể, cá nhân")],
    form=NGUOI_DD + [text("don_vi", "Đơn vị đề nghị", max_len=300), integer("so_tap_the", "Số tập thể đề nghị", 0, 500),
        integer("so_ca_nhan", "Số cá nhân đề nghị", 0, 5000)])

add(FV, "2.001830", "Phục vụ việc sử dụng tài liệu của độc giả tại phòng đọc; cấp bản sao, chứng thực tài liệu lưu trữ", "sd", "full",
    fees=[phi("phi_ban_sao", "Phí sử dụng tài liệu lưu trữ: chụp, sao tài liệu giấy (mỗi trang)", 3000),
          phi("phi_chung_thuc", "Phí chứng thực tài liệu lưu trữ (mỗi văn bản)", 20000)],
    comps=[c("phieu_yeu_cau", "Phiếu yêu cầu đọc hoặc sao tài liệu"), CCCD,
           c("gioi_thieu", "Giấy giới thiệu hoặc văn bản đề nghị (đối với tổ chức)", False)],
    form=applicant("Họ và tên độc giả") + [area("tai_lieu", "Tài liệu cần khai thác (tên phông, số hồ sơ)", max_len=1000),
        sel("hinh_thuc", "Hình thức", [("doc", "Đọc tại phòng đọc"), ("sao", "Cấp bản sao"), ("chung_thuc", "Chứng thực tài liệu")])])

add(FT, "1.001167", "Đăng ký sinh hoạt tôn giáo tập trung", ("d", 20), "partial", lvl="commune", kinds=["commune"], wf=WF_XA_TG,
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị đăng ký sinh hoạt tôn giáo tập trung (mẫu B14)"),
           c("giay_to_dia_diem", "Giấy tờ chứng minh có địa điểm hợp pháp để sinh hoạt tôn giáo"),
           c("ban_tom_tat", "Bản tóm tắt giáo lý, giáo luật, lễ nghi")],
    form=NGUOI_DD + [TC_TG, text("dia_diem", "Địa điểm sinh hoạt tôn giáo", max_len=300), integer("so_tin_do", "Số người tham gia", 1, 100000)])

add(FT, "1.001173", "Thông báo danh mục hoạt động tôn giáo đối với tổ chức có địa bàn hoạt động tôn giáo ở một tỉnh", ("d", 15), "full",
    res="electronic",
    comps=[c("van_ban_thong_bao", "Văn bản thông báo danh mục hoạt động tôn giáo (mẫu B1)"), c("danh_muc", "Danh mục hoạt động tôn giáo dự kiến trong năm")],
    form=NGUOI_DD + [TC_TG, integer("nam", "Năm thực hiện", 2024, 2100)])

add(FT, "1.001180", "Đăng ký người được phong phẩm hoặc suy cử làm chức sắc", ("d", 20), "partial",
    comps=[c("van_ban_dang_ky", "Văn bản đăng ký (mẫu B11)"), c("so_yeu_ly_lich", "Sơ yếu lý lịch của người được phong phẩm"),
           c("phieu_lltp", "Phiếu lý lịch tư pháp", True, True), CCCD],
    form=NGUOI_DD + [TC_TG, text("nguoi_duoc_phong", "Họ và tên người được phong phẩm, suy cử", max_len=100),
        text("pham_vi", "Phẩm vị, chức vị", max_len=200)])

add(FT, "1.001186", "Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo, địa điểm hợp pháp đã đăng ký có quy mô tổ chức ở một xã", ("d", 15),
    "partial", lvl="commune", kinds=["commune"], wf=WF_XA_TG,
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị tổ chức cuộc lễ (mẫu B28)"), c("chuong_trinh", "Chương trình, nội dung cuộc lễ")],
    form=NGUOI_DD + [TC_TG, text("dia_diem", "Địa điểm tổ chức", max_len=300), date("ngay_to_chuc", "Ngày tổ chức", past=False, future=True),
        integer("so_nguoi", "Số người dự kiến tham gia", 1, 100000)])
