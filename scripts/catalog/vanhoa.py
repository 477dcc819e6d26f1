"""vanhoa.py — Văn hóa, thể thao, du lịch: karaoke and dance halls, festivals, performing
arts, travel agencies, tourist accommodation, tour guides, sport businesses."""
from .common import *

WF_VH = wf_so("Phòng Quản lý văn hóa thẩm định hồ sơ", "Lãnh đạo Sở Văn hóa và Thể thao ký")
WF_DL = wf_so("Phòng Quản lý lữ hành thẩm định hồ sơ", "Lãnh đạo Sở Du lịch ký")
F = Field("van_hoa", "Văn hóa", "department", ["department"], who="business", cam=True, wf=WF_VH)
FD = Field("du_lich", "Du lịch", "department", ["department"], who="business", cam=True, wf=WF_DL, since="2025-06-16")
FT = Field("the_duc_the_thao", "Thể dục thể thao", "department", ["department"], who="business",
           wf=wf_so("Phòng Quản lý thể dục thể thao thẩm định", "Lãnh đạo Sở Văn hóa và Thể thao ký"))
FG = Field("gia_dinh", "Gia đình", "commune", ["commune"], wf=wf_xa("Công chức văn hóa - xã hội thẩm định", "Chủ tịch UBND xã quyết định"))
WF_XA_VH = wf(step("tham_dinh", "Phòng Văn hóa - Xã hội xã thẩm định, kiểm tra thực tế", "specialist", "handling", 0.6),
              step("ky_duyet", "Chủ tịch UBND xã ký giấy phép", "unit_leader", "handling", 0.3))
DN = c("dkdn", "Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", True, True)
DD = text("dia_diem", "Địa điểm kinh doanh", max_len=300)

add(F, "1.001029", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", 5, "partial", elig=True, lvl="commune",
    kinds=["commune", "district"], who="both", wf=WF_XA_VH,
    fees=[phi("phi_den_3_phong", "Phí thẩm định cấp giấy phép kinh doanh karaoke: đến 03 phòng", 4000000),
          phi("phi_4_5_phong", "Từ 04 đến 05 phòng", 6000000), phi("phi_tu_6_phong", "Từ 06 phòng trở lên", 12000000)],
    comps=[c("don", "Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke (mẫu số 01)"), DN,
           c("pccc", "Văn bản nghiệm thu về phòng cháy và chữa cháy", True, True)],
    form=company() + [DD, integer("so_phong", "Số phòng hát", 1, 200),
        num("dien_tich_phong_nho_nhat", "Diện tích phòng nhỏ nhất (m²)", 20, 1000)])

add(F, "1.001031", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường", 5, "none", res="paper",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp giấy phép kinh doanh dịch vụ vũ trường", 15000000)], pay=False,
    comps=[c("don", "Đơn đề nghị cấp Giấy phép (mẫu số 02)"), DN, c("pccc", "Văn bản nghiệm thu về phòng cháy và chữa cháy", True, True)],
    form=company() + [DD, num("dien_tich", "Diện tích phòng khiêu vũ (m²)", 80, 10000)])

add(F, "1.001008", "Thông báo tổ chức lễ hội", 5, "partial", lvl="commune", kinds=["commune", "district"], who="both", wf=WF_XA_VH,
    comps=[c("van_ban_thong_bao", "Văn bản thông báo tổ chức lễ hội"), c("chuong_trinh", "Chương trình, kế hoạch tổ chức lễ hội")],
    form=company()[:1] + [text("ho_ten", "Họ và tên người đại diện ban tổ chức", max_len=100), phone(),
        text("ten_le_hoi", "Tên lễ hội", max_len=300), date("tu_ngay", "Thời gian tổ chức từ ngày", past=False, future=True),
        DD])

add(F, "1.009397", "Chấp thuận tổ chức biểu diễn nghệ thuật trong khuôn khổ hợp tác quốc tế, cuộc thi, liên hoan", 5, "full",
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị tổ chức biểu diễn nghệ thuật (mẫu số 01 Nghị định 144/2020)"),
           c("kich_ban", "Kịch bản, danh mục tác phẩm, bản nhạc"), c("hop_dong_dia_diem", "Văn bản thỏa thuận về địa điểm", False)],
    form=company() + [text("ten_chuong_trinh", "Tên chương trình", max_len=300), DD,
        date("ngay_bieu_dien", "Ngày biểu diễn", past=False, future=True)])

add(FD, "1.004628", "Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa", 10, "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa", 3000000)],
    comps=[c("don", "Đơn đề nghị cấp Giấy phép kinh doanh dịch vụ lữ hành"), DN,
           c("ky_quy", "Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành"),
           c("chuyen_mon", "Văn bằng chuyên ngành lữ hành của người phụ trách kinh doanh", True, True)],
    form=company() + [text("nguoi_phu_trach", "Họ và tên người phụ trách kinh doanh dịch vụ lữ hành", max_len=100)])

add(FD, "1.004594", "Công nhận hạng cơ sở lưu trú du lịch hạng 1 sao, 2 sao", ("d", 30), "partial",
    fees=[phi("phi_tham_dinh", "Phí thẩm định công nhận hạng cơ sở lưu trú du lịch 1 sao, 2 sao", 1500000)],
    comps=[c("don", "Đơn đề nghị công nhận hạng cơ sở lưu trú du lịch"), c("bao_cao", "Báo cáo tự đánh giá theo tiêu chuẩn quốc gia"),
           c("danh_sach_nhan_vien", "Danh sách người quản lý, nhân viên")],
    form=company() + [text("ten_co_so", "Tên cơ sở lưu trú", max_len=300), integer("so_buong", "Số buồng", 10, 5000),
        sel("hang", "Hạng đề nghị", [("1_sao", "1 sao"), ("2_sao", "2 sao")])],
    wf=wf_so("Phòng Quản lý cơ sở lưu trú thẩm định, kiểm tra thực tế", "Lãnh đạo Sở Du lịch ký quyết định"))

add(FD, "1.004623", "Cấp thẻ hướng dẫn viên du lịch nội địa", 10, "full", who="citizen",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp thẻ hướng dẫn viên du lịch nội địa", 650000)],
    comps=[c("don", "Đơn đề nghị cấp thẻ hướng dẫn viên du lịch"), c("van_bang", "Văn bằng hoặc chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa", True, True),
           c("gksk", "Giấy chứng nhận sức khỏe"), c("anh", "Ảnh chân dung 3x4")],
    form=applicant("Họ và tên người đề nghị") + [date("ngay_sinh", "Ngày sinh")])

add(FT, "1.001053", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", 7, "partial", elig=True,
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", 1000000)],
    comps=[c("don", "Đơn đề nghị cấp Giấy chứng nhận (mẫu số 02)"), c("ban_tom_tat", "Bản tóm tắt tình hình chuẩn bị các điều kiện kinh doanh"), DN],
    form=company() + [sel("mon", "Môn thể thao kinh doanh", [("the_hinh", "Thể dục thể hình, fitness"), ("boi", "Bơi, lặn"),
        ("vo", "Võ thuật"), ("bong_da", "Bóng đá"), ("khac", "Môn khác")]), DD])

add(FG, "1.001124", "Đăng ký hoạt động đối với cơ sở trợ giúp nạn nhân bạo lực gia đình", 10, "none", who="business", res="paper",
    comps=[c("don", "Đơn đăng ký hoạt động"), c("quy_che", "Quy chế hoạt động của cơ sở"), c("ly_lich", "Lý lịch của người đứng đầu cơ sở")],
    form=applicant("Họ và tên người đứng đầu cơ sở") + [text("ten_co_so", "Tên cơ sở", max_len=300), DD])
