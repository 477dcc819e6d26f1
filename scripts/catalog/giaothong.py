"""giaothong.py — Đường bộ (driving licences at the police since 1 March 2025; transport
permits at the Sở Xây dựng) and vehicle registration (Công an; Thông tư 79/2024/TT-BCA)."""
from .common import *

F = Field("duong_bo", "Đường bộ", "department", ["department"], cam=True,
          wf=wf_so("Phòng Cảnh sát giao thông kiểm tra, thẩm định hồ sơ", "Lãnh đạo Phòng Cảnh sát giao thông ký"), since="2025-02-20")
FX = Field("dang_ky_xe", "Đăng ký, quản lý phương tiện giao thông cơ giới đường bộ", "commune", ["commune"], cam=True,
           since="2024-12-20", wf=wf_xa("Cán bộ Công an xã kiểm tra xe, hồ sơ, cấp biển số", "Trưởng Công an xã ký chứng nhận đăng ký xe"))
WF_SXD = wf_so("Phòng Quản lý vận tải, phương tiện và người lái thẩm định", "Lãnh đạo Sở Xây dựng ký")
GPLX = text("so_gplx", "Số giấy phép lái xe", max_len=12, pattern="^[0-9]{12}$", help="12 chữ số in trên giấy phép lái xe")
HANG = sel("hang", "Hạng giấy phép lái xe", [("A1", "A1"), ("A", "A"), ("B1", "B1"), ("B", "B"), ("C1", "C1"),
           ("C", "C"), ("D1", "D1"), ("D2", "D2"), ("D", "D"), ("BE", "BE"), ("CE", "CE")])
LP = [le_phi("le_phi_gplx", "Lệ phí cấp giấy phép lái xe (cấp mới, cấp lại, cấp đổi)", 135000)]
GKSK = c("gksk", "Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp", True, True)
BIEN = text("bien_so", "Biển số xe", max_len=12, pattern="^[0-9]{2}[A-Z]{1,2}[0-9]?-?[0-9]{3}\\.?[0-9]{2}$")
LOAI_XE = sel("loai_xe", "Loại xe", [("xe_may", "Xe mô tô, xe gắn máy"), ("o_to", "Xe ô tô"), ("xe_dien", "Xe máy điện")])

add(F, "1.002804", "Cấp đổi giấy phép lái xe", 5, "full", fees=LP,
    comps=[c("don", "Đơn đề nghị đổi giấy phép lái xe (mẫu)"), GKSK,
           c("gplx_cu", "Bản sao giấy phép lái xe sắp hết hạn hoặc hư hỏng", False, True)],
    form=applicant() + [GPLX, HANG, date("ngay_het_han", "Ngày hết hạn của giấy phép", past=False),
        sel("nhan_ket_qua", "Hình thức nhận kết quả", [("buu_chinh", "Qua dịch vụ bưu chính"), ("truc_tiep", "Trực tiếp")])])

add(F, "1.002809", "Cấp lại giấy phép lái xe", 10, "partial", elig=True, fees=LP,
    comps=[c("don", "Đơn đề nghị cấp lại giấy phép lái xe (mẫu)"), GKSK, CCCD],
    form=applicant() + [GPLX, HANG, area("ly_do", "Lý do cấp lại (bị mất, quá hạn…)", max_len=500)])

add(F, "1.002835", "Cấp giấy phép lái xe quốc tế", 5, "full", fees=LP,
    comps=[c("don", "Đơn đề nghị cấp giấy phép lái xe quốc tế (mẫu)"), c("gplx", "Giấy phép lái xe quốc gia còn hạn", True, True),
           c("anh", "Ảnh chân dung 3x4 nền trắng hoặc ảnh chụp trực tuyến")],
    form=applicant() + [GPLX, HANG, text("so_ho_chieu", "Số hộ chiếu", max_len=9, pattern="^[A-Z][0-9]{7,8}$", req=False)])

add(F, "1.002820", "Đổi giấy phép lái xe hoặc bằng lái xe của nước ngoài cấp", 5, "partial", fees=LP,
    comps=[c("don", "Đơn đề nghị đổi giấy phép lái xe (mẫu)"), c("ban_dich", "Bản dịch giấy phép lái xe nước ngoài có chứng thực"),
           c("ho_chieu", "Hộ chiếu hoặc thẻ thường trú, tạm trú (người nước ngoài)"), GKSK],
    form=[text("ho_ten", "Họ và tên người đề nghị", max_len=100), text("quoc_tich", "Quốc tịch", max_len=100),
          text("so_ho_chieu", "Số hộ chiếu", max_len=20, pattern="^[A-Z0-9]{6,20}$"), phone(), HANG,
          text("nuoc_cap", "Quốc gia cấp giấy phép lái xe", max_len=100)])

add(F, "1.002798", "Cấp giấy phép lái xe (sát hạch lái xe)", 10, "none", res="paper",
    fees=LP + [phi("phi_ly_thuyet", "Phí sát hạch lý thuyết (ô tô)", 100000),
               phi("phi_mo_phong", "Phí sát hạch mô phỏng các tình huống giao thông", 100000),
               phi("phi_sa_hinh", "Phí sát hạch thực hành trong hình (ô tô)", 350000),
               phi("phi_duong_truong", "Phí sát hạch thực hành trên đường giao thông", 60000)],
    comps=[c("don", "Đơn đề nghị học, sát hạch để cấp giấy phép lái xe"), GKSK, CCCD,
           c("chung_chi_dao_tao", "Chứng chỉ đào tạo lái xe (đối với hạng B trở lên)", False)],
    form=applicant() + [HANG, text("co_so_dao_tao", "Cơ sở đào tạo lái xe", max_len=300)])

add(F, "1.001777", "Đổi giấy phép lái xe do Sở Giao thông vận tải cấp (chuyển giao cho Công an từ ngày 01/3/2025)", 5, "full",
    active=False, fees=LP, comps=[c("don", "Đơn đề nghị đổi giấy phép lái xe"), GKSK],
    form=applicant() + [GPLX, HANG], wf=WF_SXD)

add(F, "1.001023", "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn, xe bánh xích trên đường bộ", 2, "full",
    who="business", wf=WF_SXD,
    comps=[c("don", "Đơn đề nghị cấp giấy phép lưu hành xe"), c("dang_ky_xe", "Bản sao chứng nhận đăng ký xe", True, True),
           c("phuong_an_van_chuyen", "Phương án vận chuyển (xe quá tải, quá khổ)", False)],
    form=company() + [BIEN, text("tuyen_duong", "Tuyến đường lưu hành", max_len=500),
        num("tai_trong", "Tổng trọng lượng xe và hàng (tấn)", 0, 1000)])

add(F, "1.002861", "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô", 5, "full", who="business", wf=WF_SXD,
    fees=[le_phi("le_phi", "Lệ phí cấp giấy phép kinh doanh vận tải bằng xe ô tô", 200000)],
    comps=[c("giay_de_nghi", "Giấy đề nghị cấp Giấy phép kinh doanh vận tải (mẫu)"),
           c("bang_cap", "Bản sao văn bằng, chứng chỉ của người điều hành vận tải", True, True),
           c("phuong_an", "Phương án kinh doanh vận tải")],
    form=company() + [sel("loai_hinh", "Loại hình kinh doanh", [("tuyen_co_dinh", "Vận tải hành khách theo tuyến cố định"),
        ("taxi", "Vận tải hành khách bằng xe taxi"), ("hop_dong", "Vận tải hành khách theo hợp đồng"),
        ("hang_hoa", "Vận tải hàng hóa")]), integer("so_xe", "Số xe đăng ký kinh doanh", 1, 5000)])

add(F, "1.002856", "Cấp phù hiệu xe ô tô kinh doanh vận tải", 2, "full", who="business", wf=WF_SXD,
    comps=[c("giay_de_nghi", "Giấy đề nghị cấp phù hiệu (mẫu)"), c("dang_ky_xe", "Chứng nhận đăng ký xe", True, True)],
    form=company() + [BIEN, sel("loai_phu_hieu", "Loại phù hiệu", [("xe_hop_dong", "Xe hợp đồng"),
        ("xe_tai", "Xe tải"), ("xe_taxi", "Xe taxi"), ("xe_tuyen", "Xe chạy tuyến cố định")])])
