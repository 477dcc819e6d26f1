"""laodong.py — Bảo trợ xã hội (commune; Decree 20/2021, 76/2024) and Người có công
(Ordinance 02/2020, Decree 131/2021; Sở Nội vụ since 1 March 2025)."""
from .common import *

F = Field("bao_tro_xa_hoi", "Bảo trợ xã hội", "commune", ["commune"], cam=True,
          wf=wf_xa("Công chức văn hóa - xã hội thẩm định, niêm yết công khai", "Chủ tịch UBND xã quyết định"))
FC = Field("nguoi_co_cong", "Người có công", "department", ["department"], cam=True,
           wf=wf_so("Phòng Người có công thẩm định hồ sơ", "Lãnh đạo Sở Nội vụ ký quyết định"), since="2025-03-01")
WF_XA_SO = wf_lt("Công chức văn hóa - xã hội xác nhận, lập danh sách đề nghị", "department:HCM.SNV",
                 "Phòng Người có công - Sở Nội vụ thẩm định, ra quyết định", "Chủ tịch UBND xã tổ chức chi trả, trả kết quả",
                 s=(0.3, 0.5, 0.1), lt_role="unit_leader")
DOI_TUONG = sel("doi_tuong", "Đối tượng", [("tre_em", "Trẻ em không có nguồn nuôi dưỡng"), ("nguoi_cao_tuoi", "Người cao tuổi"),
                ("khuyet_tat", "Người khuyết tật nặng, đặc biệt nặng"), ("don_than_ngheo", "Người đơn thân thuộc hộ nghèo nuôi con"),
                ("hiv", "Người nhiễm HIV/AIDS thuộc hộ nghèo")])

add(F, "1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng",
    15, "full",
    comps=[c("to_khai", "Tờ khai đề nghị trợ giúp xã hội (mẫu số 1a–1d Nghị định 20/2021/NĐ-CP)"),
           c("giay_xac_nhan_khuyet_tat", "Giấy xác nhận khuyết tật (đối với người khuyết tật)", False, True), CCCD],
    form=applicant("Họ và tên người đề nghị") + [DOI_TUONG, text("ho_ten_doi_tuong", "Họ và tên đối tượng hưởng trợ cấp", max_len=100),
        date("ngay_sinh_doi_tuong", "Ngày sinh của đối tượng"),
        sel("yeu_cau", "Yêu cầu", [("thuc_hien", "Thực hiện trợ cấp"), ("dieu_chinh", "Điều chỉnh mức"), ("thoi_huong", "Thôi hưởng")])])

add(F, "1.001758", "Chi trả trợ cấp xã hội hằng tháng khi đối tượng thay đổi nơi cư trú", 10, "full", res="electronic",
    comps=[c("don", "Văn bản đề nghị chi trả tại nơi cư trú mới"), c("quyet_dinh_tro_cap", "Quyết định hưởng trợ cấp xã hội", True, True)],
    form=applicant() + [text("noi_cu_tru_moi", "Nơi cư trú mới", max_len=300), DOI_TUONG])

add(F, "1.001731", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", 3, "full",
    comps=[c("to_khai", "Tờ khai đề nghị hỗ trợ chi phí mai táng (mẫu số 04)"), c("giay_chung_tu", "Giấy chứng tử hoặc trích lục khai tử", True, True), CCCD],
    form=applicant("Họ và tên người tổ chức mai táng") + [text("ho_ten_nguoi_chet", "Họ và tên đối tượng đã chết", max_len=100),
        date("ngay_chet", "Ngày chết")])

add(F, "1.001699", "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", ("d", 30), "partial", res="paper",
    comps=[c("don", "Đơn đề nghị xác định, xác định lại mức độ khuyết tật (mẫu số 01)"),
           c("ho_so_y_te", "Bản sao kết luận của Hội đồng Giám định y khoa hoặc giấy tờ y tế (nếu có)", False, True), CCCD],
    form=applicant("Họ và tên người đề nghị") + [text("ho_ten_nguoi_khuyet_tat", "Họ và tên người khuyết tật", max_len=100),
        sel("dang_tat", "Dạng khuyết tật", [("van_dong", "Khuyết tật vận động"), ("nghe_noi", "Khuyết tật nghe, nói"),
            ("nhin", "Khuyết tật nhìn"), ("than_kinh", "Khuyết tật thần kinh, tâm thần"), ("tri_tue", "Khuyết tật trí tuệ"), ("khac", "Khuyết tật khác")])],
    wf=wf(step("hoi_dong", "Hội đồng xác định mức độ khuyết tật xã tổ chức xác định", "specialist", "handling", 0.7),
          step("ky_duyet", "Chủ tịch UBND xã ký Giấy xác nhận khuyết tật", "unit_leader", "handling", 0.2)))

add(F, "1.000489", "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", 10, "partial", elig=True,
    comps=[c("giay_de_nghi", "Giấy đề nghị xét duyệt hộ nghèo, hộ cận nghèo (Phụ lục III Nghị định 07/2021/NĐ-CP)"), CCCD],
    form=applicant("Họ và tên chủ hộ") + [integer("so_nhan_khau", "Số nhân khẩu", 1, 30),
        num("thu_nhap", "Thu nhập bình quân đầu người/tháng (đồng)", 0, 100000000)])

add(FC, "1.002305", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", 12, "partial", lvl="commune", kinds=["commune"],
    comps=[c("don", "Đơn đề nghị giải quyết chế độ thờ cúng liệt sĩ (mẫu số 11)"),
           c("bang_to_quoc_ghi_cong", "Bằng Tổ quốc ghi công", True, True),
           c("van_ban_uy_quyen_tho_cung", "Văn bản ủy quyền thờ cúng liệt sĩ (nếu có)", False)],
    form=applicant("Họ và tên người thờ cúng") + [text("ho_ten_liet_si", "Họ và tên liệt sĩ", max_len=100),
        sel("quan_he", "Quan hệ với liệt sĩ", [("con", "Con"), ("vo_chong", "Vợ hoặc chồng"), ("anh_em", "Anh, chị, em"), ("khac", "Người khác được ủy quyền")])],
    wf=WF_XA_SO)

add(FC, "1.002312", "Giải quyết chế độ trợ cấp một lần khi người có công với cách mạng từ trần và trợ cấp mai táng", 12, "full",
    lvl="commune", kinds=["commune"],
    comps=[c("to_khai", "Bản khai của thân nhân (mẫu số 12)"), c("giay_chung_tu", "Trích lục khai tử", True, True), CCCD],
    form=applicant("Họ và tên thân nhân") + [text("ho_ten_nguoi_co_cong", "Họ và tên người có công đã từ trần", max_len=100),
        date("ngay_mat", "Ngày từ trần")],
    wf=WF_XA_SO)

add(FC, "1.002290", "Cấp bổ sung hoặc cấp lại giấy chứng nhận người có công", 5, "full",
    comps=[c("don", "Đơn đề nghị cấp bổ sung hoặc cấp lại giấy chứng nhận"), CCCD],
    form=applicant() + [sel("dien", "Diện người có công", [("thuong_binh", "Thương binh"), ("benh_binh", "Bệnh binh"),
        ("than_nhan_liet_si", "Thân nhân liệt sĩ"), ("chat_doc_hoa_hoc", "Người hoạt động kháng chiến bị nhiễm chất độc hóa học")])])

add(FC, "1.002280", "Di chuyển hồ sơ khi người hưởng trợ cấp ưu đãi thay đổi nơi thường trú", 5, "full", res="electronic",
    comps=[c("don", "Đơn đề nghị di chuyển hồ sơ người có công"), c("xac_nhan_cu_tru", "Thông tin về nơi thường trú mới", True, True)],
    form=applicant() + [text("noi_thuong_tru_moi", "Nơi thường trú mới", max_len=300)])
