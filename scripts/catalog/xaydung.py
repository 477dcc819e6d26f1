"""xaydung.py — Hoạt động xây dựng: building permits (Luật Xây dựng, Decree 175/2024), practice
certificates; nhà ở (Sở Xây dựng; commune for individual houses since 1 July 2025)."""
from .common import *

F = Field("xay_dung", "Hoạt động xây dựng", "department", ["department"], cam=True,
          wf=wf_so("Phòng Quản lý hoạt động xây dựng thẩm định hồ sơ", "Lãnh đạo Sở Xây dựng ký"), since="2024-12-27")
FN = Field("nha_o", "Nhà ở và thị trường bất động sản", "department", ["department"], who="business",
           wf=wf_so("Phòng Quản lý nhà và thị trường bất động sản thẩm định", "Lãnh đạo Sở Xây dựng ký"))
WF_XA_GPXD = wf(step("tham_dinh", "Phòng Kinh tế (Kinh tế, Hạ tầng và Đô thị) xã thẩm định, kiểm tra thực địa", "specialist", "handling", 0.6),
                step("ky_duyet", "Chủ tịch UBND xã ký giấy phép xây dựng", "unit_leader", "handling", 0.3))
NHA = [text("dia_chi", "Địa chỉ công trình", max_len=300),
       text("so_to", "Số tờ bản đồ", max_len=10, pattern="^[0-9]{1,6}$"),
       text("so_thua", "Số thửa đất", max_len=10, pattern="^[0-9]{1,6}$"),
       num("dien_tich_san", "Tổng diện tích sàn xây dựng (m²)", 1, 100000),
       integer("so_tang", "Số tầng (kể cả tầng hầm, tầng lửng)", 1, 10)]
DON = lambda what: c("don", "Đơn đề nghị " + what + " (mẫu số 01 Phụ lục II Nghị định 175/2024/NĐ-CP)")
GCN = c("gcn_dat", "Giấy tờ chứng minh quyền sử dụng đất", True, True)
BV = c("ban_ve", "Hai bộ bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng)")
LP_NHA = lambda what: [le_phi("le_phi", "Lệ phí " + what + " nhà ở riêng lẻ", 75000)]

add(F, "1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", 15, "partial", elig=True, lvl="commune",
    kinds=["commune", "district"], wf=WF_XA_GPXD, fees=LP_NHA("cấp giấy phép xây dựng"),
    comps=[DON("cấp giấy phép xây dựng"), GCN, BV,
           c("cam_ket_an_toan", "Bản cam kết bảo đảm an toàn cho công trình liền kề (công trình có tầng hầm)", False)],
    form=applicant("Họ và tên chủ đầu tư") + NHA, cam=False)

add(F, "1.009995", "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với nhà ở riêng lẻ", 15, "partial", lvl="commune",
    kinds=["commune", "district"], wf=WF_XA_GPXD, fees=LP_NHA("cấp giấy phép sửa chữa, cải tạo"),
    comps=[DON("cấp giấy phép sửa chữa, cải tạo"), GCN, c("anh_hien_trang", "Ảnh chụp hiện trạng công trình đề nghị sửa chữa"), BV],
    form=applicant("Họ và tên chủ đầu tư") + NHA[:3] + [area("noi_dung", "Nội dung sửa chữa, cải tạo", max_len=2000)])

add(F, "1.009996", "Điều chỉnh giấy phép xây dựng đối với nhà ở riêng lẻ", 15, "partial", lvl="commune",
    kinds=["commune", "district"], wf=WF_XA_GPXD, fees=LP_NHA("điều chỉnh giấy phép xây dựng"),
    comps=[DON("điều chỉnh giấy phép xây dựng"), c("gpxd_da_cap", "Bản chính giấy phép xây dựng đã cấp", True, True), BV],
    form=applicant("Họ và tên chủ đầu tư") + [text("so_gpxd", "Số giấy phép xây dựng đã cấp", max_len=30),
        area("noi_dung", "Nội dung đề nghị điều chỉnh", max_len=2000)])

add(F, "1.009997", "Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ", 5, "full", lvl="commune",
    kinds=["commune", "district"], wf=WF_XA_GPXD,
    fees=[le_phi("le_phi", "Lệ phí gia hạn giấy phép xây dựng", 15000)],
    comps=[c("don", "Đơn đề nghị gia hạn giấy phép xây dựng"), c("gpxd_da_cap", "Bản chính giấy phép xây dựng đã cấp", True, True)],
    form=applicant("Họ và tên chủ đầu tư") + [text("so_gpxd", "Số giấy phép xây dựng", max_len=30),
        area("ly_do", "Lý do chưa khởi công", max_len=1000)])

add(F, "1.009998", "Cấp lại giấy phép xây dựng đối với nhà ở riêng lẻ", 5, "full", lvl="commune",
    kinds=["commune", "district"], wf=WF_XA_GPXD,
    fees=[le_phi("le_phi", "Lệ phí cấp lại giấy phép xây dựng", 15000)],
    comps=[c("don", "Đơn đề nghị cấp lại giấy phép xây dựng"), c("gpxd_cu", "Bản chính giấy phép bị rách, nát (nếu có)", False)],
    form=applicant("Họ và tên chủ đầu tư") + [text("so_gpxd", "Số giấy phép xây dựng", max_len=30),
        sel("ly_do", "Lý do cấp lại", [("mat", "Bị mất"), ("rach", "Bị rách, nát")])])

add(F, "1.009974", "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II (công trình không theo tuyến, theo tuyến, tín ngưỡng, tôn giáo, quảng cáo)",
    20, "partial", elig=True, who="business",
    fees=[le_phi("le_phi", "Lệ phí cấp giấy phép xây dựng công trình khác", 150000)],
    comps=[DON("cấp giấy phép xây dựng"), GCN, c("quyet_dinh_dau_tu", "Quyết định phê duyệt dự án, văn bản chấp thuận đầu tư", True, True),
           c("ket_qua_tham_dinh", "Văn bản thông báo kết quả thẩm định thiết kế của cơ quan chuyên môn", True, True), BV,
           c("pccc", "Văn bản thẩm duyệt thiết kế phòng cháy, chữa cháy", False, True)],
    form=company() + [text("ten_cong_trinh", "Tên công trình", max_len=300)] + NHA[:1] + NHA[3:])

add(F, "1.009986", "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III", ("d", 20), "full",
    fees=[le_phi("le_phi", "Lệ phí cấp chứng chỉ hành nghề hoạt động xây dựng", 300000)],
    comps=[c("don", "Đơn đề nghị cấp chứng chỉ hành nghề (mẫu 01 Phụ lục IV)"), c("anh", "Ảnh chân dung màu 4x6"),
           c("van_bang", "Văn bằng đào tạo chuyên môn", True, True), c("kinh_nghiem", "Bản kê khai kinh nghiệm nghề nghiệp")],
    form=applicant() + [sel("linh_vuc", "Lĩnh vực hành nghề", [("khao_sat", "Khảo sát xây dựng"), ("thiet_ke", "Thiết kế xây dựng"),
        ("giam_sat", "Giám sát thi công xây dựng"), ("dinh_gia", "Định giá xây dựng"), ("quan_ly_du_an", "Quản lý dự án")]),
        sel("hang", "Hạng chứng chỉ", [("II", "Hạng II"), ("III", "Hạng III")])])

add(F, "1.009987", "Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III", ("d", 20), "full", who="business",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp chứng chỉ năng lực hoạt động xây dựng", 1000000)],
    comps=[c("don", "Đơn đề nghị cấp chứng chỉ năng lực (mẫu 04 Phụ lục IV)"), c("dkdn", "Giấy chứng nhận đăng ký doanh nghiệp", True, True),
           c("nhan_su", "Danh sách và văn bằng, chứng chỉ của nhân sự chủ chốt"), c("hop_dong_da_thuc_hien", "Hợp đồng, biên bản nghiệm thu công việc đã thực hiện")],
    form=company() + [sel("hang", "Hạng chứng chỉ", [("II", "Hạng II"), ("III", "Hạng III")])])

add(FN, "1.010005", "Thông báo nhà ở hình thành trong tương lai đủ điều kiện được bán, cho thuê mua", ("d", 15), "partial",
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị của chủ đầu tư"), c("gcn_dat", "Giấy chứng nhận quyền sử dụng đất của dự án", True, True),
           c("nghiem_thu_mong", "Biên bản nghiệm thu hoàn thành xây dựng phần móng"), c("bao_lanh", "Văn bản bảo lãnh của ngân hàng")],
    form=company() + [text("ten_du_an", "Tên dự án", max_len=300), integer("so_can", "Số căn nhà đủ điều kiện bán", 1, 100000)])

add(FN, "1.010006", "Công nhận chủ đầu tư dự án đầu tư xây dựng nhà ở xã hội", ("d", 30), "none", lvl="province",
    kinds=["department", "province"], res="paper",
    comps=[c("van_ban_de_nghi", "Văn bản đăng ký làm chủ đầu tư"), c("nang_luc", "Hồ sơ chứng minh năng lực tài chính, kinh nghiệm"),
           c("dkdn", "Giấy chứng nhận đăng ký doanh nghiệp", True, True)],
    form=company() + [text("ten_du_an", "Tên dự án nhà ở xã hội", max_len=300)],
    wf=wf_ubnd_tinh("Phòng Quản lý nhà thẩm định hồ sơ", "Lãnh đạo Sở Xây dựng trình UBND thành phố"))
