"""tuphap.py — Sở Tư pháp: lý lịch tư pháp, công chứng, luật sư, quốc tịch, trợ giúp pháp
lý, giám định; and hòa giải ở cơ sở at the commune."""
from .common import *

WF_STP = wf_so("Phòng chuyên môn Sở Tư pháp thẩm định hồ sơ", "Giám đốc Sở Tư pháp ký")
F = Field("ly_lich_tu_phap", "Lý lịch tư pháp", "department", ["department"], cam=True, wf=WF_STP)
FCC = Field("cong_chung", "Công chứng", "department", ["department"], cam=True, wf=WF_STP)
FLS = Field("luat_su", "Luật sư", "department", ["department"], who="business", wf=WF_STP)
FQT = Field("quoc_tich", "Quốc tịch", "department", ["department"], cam=True, wf=WF_STP)
FTG = Field("tro_giup_phap_ly", "Trợ giúp pháp lý", "department", ["department"], wf=WF_STP)
FHG = Field("hoa_giai_co_so", "Hòa giải ở cơ sở", "commune", ["commune"],
            wf=wf_xa("Công chức tư pháp - hộ tịch xem xét hồ sơ", "Chủ tịch UBND xã quyết định"))
LLTP_CA = wf_lt("Phòng Quản lý lý lịch tư pháp tra cứu cơ sở dữ liệu lý lịch tư pháp", "department:HCM.CA",
                "Công an thành phố tra cứu, xác minh thông tin án tích", "Lãnh đạo Sở Tư pháp ký Phiếu lý lịch tư pháp",
                s=(0.35, 0.4, 0.15))
CHA_ME = [text("ho_ten_cha", "Họ và tên cha", req=False, max_len=100), text("ho_ten_me", "Họ và tên mẹ", req=False, max_len=100)]

add(F, "2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", 10, "full",
    wf=LLTP_CA,
    fees=[phi("phi_lltp", "Phí cung cấp thông tin lý lịch tư pháp", 200000),
          phi("phi_sinh_vien", "Phí cung cấp thông tin lý lịch tư pháp của sinh viên, người có công với cách mạng, thân nhân liệt sĩ", 100000),
          phi("phi_tu_phieu_thu_3", "Từ Phiếu lý lịch tư pháp thứ 3 trở đi (mỗi Phiếu)", 5000)],
    comps=[c("to_khai", "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (mẫu 03/2013/TT-LLTP)"), CCCD,
           c("giay_to_mien_giam", "Giấy tờ chứng minh thuộc trường hợp được miễn, giảm phí", False, True)],
    form=applicant("Họ và tên người yêu cầu") + CHA_ME + [
        sel("loai_phieu", "Loại Phiếu yêu cầu cấp", [("so_1", "Phiếu lý lịch tư pháp số 1"), ("so_2", "Phiếu lý lịch tư pháp số 2")]),
        integer("so_luong", "Số lượng Phiếu yêu cầu cấp", 1, 10),
        text("muc_dich", "Mục đích sử dụng Phiếu", max_len=300)])

add(F, "2.000505", "Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị - xã hội", 10, "full",
    who="business", res="electronic", wf=LLTP_CA,
    comps=[c("van_ban_yeu_cau", "Văn bản yêu cầu cấp Phiếu lý lịch tư pháp (mẫu 05a/2013/TT-LLTP)"),
           c("thong_tin_nguoi_duoc_cap", "Thông tin về người được cấp Phiếu")],
    form=[text("ten_co_quan", "Tên cơ quan, tổ chức yêu cầu", max_len=300), text("ho_ten", "Họ và tên người được cấp Phiếu", max_len=100),
          idn("so_dinh_danh", "Số định danh cá nhân người được cấp Phiếu"), phone(), text("muc_dich", "Mục đích yêu cầu", max_len=300)])

add(FCC, "1.001756", "Đăng ký hành nghề và cấp Thẻ công chứng viên", 10, "partial", elig=True,
    fees=[le_phi("le_phi", "Lệ phí cấp Thẻ công chứng viên", 100000)],
    comps=[c("giay_de_nghi", "Giấy đề nghị đăng ký hành nghề và cấp Thẻ công chứng viên"),
           c("quyet_dinh_bo_nhiem", "Quyết định bổ nhiệm công chứng viên", True, True),
           c("giay_to_to_chuc", "Giấy tờ chứng minh công chứng viên là thành viên hợp danh hoặc nhân viên của tổ chức hành nghề công chứng"),
           c("anh", "Ảnh chân dung 2x3")],
    form=applicant("Họ và tên công chứng viên") + [text("to_chuc_hanh_nghe", "Tên tổ chức hành nghề công chứng", max_len=300),
        text("so_quyet_dinh", "Số quyết định bổ nhiệm", max_len=50)])

add(FCC, "1.001665", "Thành lập Văn phòng công chứng", ("d", 20), "partial", lvl="province", kinds=["department", "province"],
    who="business", res="paper",
    fees=[phi("phi_tham_dinh", "Phí thẩm định tiêu chuẩn, điều kiện thành lập Văn phòng công chứng", 1000000)],
    comps=[c("don", "Đơn đề nghị thành lập Văn phòng công chứng"), c("de_an", "Đề án thành lập Văn phòng công chứng"),
           c("quyet_dinh_bo_nhiem", "Bản sao quyết định bổ nhiệm công chứng viên", True, True)],
    form=applicant("Họ và tên công chứng viên đề nghị") + [text("ten_van_phong", "Tên Văn phòng công chứng dự kiến", max_len=300),
        text("dia_chi", "Địa chỉ trụ sở dự kiến", max_len=300), integer("so_cong_chung_vien", "Số công chứng viên hợp danh", 1, 20)],
    wf=wf_ubnd_tinh("Phòng Bổ trợ tư pháp thẩm định đề án", "Giám đốc Sở Tư pháp trình UBND thành phố"))

add(FLS, "1.002010", "Đăng ký hoạt động của tổ chức hành nghề luật sư", 10, "full",
    fees=[le_phi("le_phi", "Lệ phí đăng ký hoạt động tổ chức hành nghề luật sư", 100000)],
    comps=[c("giay_de_nghi", "Giấy đề nghị đăng ký hoạt động (mẫu TP-LS-04)"), c("du_thao_dieu_le", "Dự thảo Điều lệ (công ty luật)"),
           c("chung_chi_hanh_nghe", "Bản sao Chứng chỉ hành nghề luật sư, Thẻ luật sư", True, True),
           c("tru_so", "Giấy tờ chứng minh trụ sở")],
    form=company() + [sel("hinh_thuc", "Hình thức tổ chức", [("van_phong", "Văn phòng luật sư"),
        ("cong_ty_tnhh", "Công ty luật trách nhiệm hữu hạn"), ("cong_ty_hop_danh", "Công ty luật hợp danh")])])

add(FQT, "1.001943", "Thôi quốc tịch Việt Nam ở trong nước", ("d", 20), "none", lvl="province",
    kinds=["department", "province"], res="paper",
    fees=[le_phi("le_phi", "Lệ phí giải quyết hồ sơ xin thôi quốc tịch Việt Nam", 2500000)],
    comps=[c("don", "Đơn xin thôi quốc tịch Việt Nam"), c("ban_khai_ly_lich", "Bản khai lý lịch"),
           c("phieu_lltp", "Phiếu lý lịch tư pháp", True, True),
           c("giay_to_quoc_tich_nuoc_ngoai", "Giấy tờ chứng minh đang có thủ tục nhập quốc tịch nước ngoài")],
    form=applicant("Họ và tên người xin thôi quốc tịch") + [text("quoc_tich_xin_nhap", "Quốc tịch nước ngoài xin nhập", max_len=100),
        area("ly_do", "Lý do xin thôi quốc tịch", max_len=1000)],
    wf=wf(step("tham_tra", "Phòng Hành chính tư pháp thẩm tra hồ sơ", "specialist", "handling", 0.3),
          step("xac_minh", "Công an thành phố xác minh nhân thân", "specialist", "department:HCM.CA", 0.35),
          step("de_xuat", "Sở Tư pháp trình UBND thành phố đề xuất", "unit_leader", "handling", 0.15),
          step("ubnd", "Chủ tịch UBND thành phố ký văn bản đề xuất gửi Bộ Tư pháp", "province_leader", "kind:province", 0.1)))

add(FTG, "2.000587", "Thủ tục yêu cầu trợ giúp pháp lý", 2, "full", res="both",
    comps=[c("don", "Đơn yêu cầu trợ giúp pháp lý (mẫu 01/TP-TGPL)"),
           c("giay_to_dien_tgpl", "Giấy tờ chứng minh là người được trợ giúp pháp lý", True, True),
           c("giay_to_vu_viec", "Giấy tờ, tài liệu liên quan đến vụ việc", False)],
    form=applicant("Họ và tên người yêu cầu trợ giúp") + [sel("dien", "Diện người được trợ giúp pháp lý", [
        ("ho_ngheo", "Người thuộc hộ nghèo"), ("nguoi_co_cong", "Người có công với cách mạng"),
        ("tre_em", "Trẻ em"), ("dan_toc", "Người dân tộc thiểu số cư trú ở vùng khó khăn"), ("khac", "Diện khác")]),
        area("noi_dung", "Tóm tắt vụ việc", max_len=3000)])

add(FHG, "2.000930", "Thủ tục thanh toán thù lao cho hòa giải viên", 5, "none", res="paper",
    comps=[c("giay_de_nghi", "Giấy đề nghị thanh toán thù lao cho hòa giải viên"),
           c("bien_ban_hoa_giai", "Bản sao biên bản hòa giải thành hoặc không thành")],
    form=applicant("Họ và tên hòa giải viên") + [text("to_hoa_giai", "Tổ hòa giải", max_len=200),
        integer("so_vu_viec", "Số vụ, việc đã hòa giải", 1, 100)])

add(FHG, "2.000924", "Thủ tục công nhận tổ trưởng tổ hòa giải", 3, "partial", res="paper",
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị của Trưởng ban công tác Mặt trận"), c("bien_ban_bau", "Biên bản bầu tổ trưởng tổ hòa giải")],
    form=applicant("Họ và tên người được đề nghị công nhận") + [text("to_hoa_giai", "Tổ hòa giải (thôn, khu phố)", max_len=200)])
