"""doanhnghiep.py — Thành lập và hoạt động của doanh nghiệp (Phòng Đăng ký kinh doanh,
Sở Tài chính; Decree 168/2025) and của hộ kinh doanh (commune)."""
from .common import *

F = Field("thanh_lap_doanh_nghiep", "Thành lập và hoạt động của doanh nghiệp", "department", ["department"],
          who="business", cam=True,
          wf=wf_so("Phòng Đăng ký kinh doanh kiểm tra tính hợp lệ của hồ sơ", "Trưởng phòng Đăng ký kinh doanh ký", 0.6, 0.3), since="2025-03-01")
FH = Field("ho_kinh_doanh", "Thành lập và hoạt động của hộ kinh doanh", "commune", ["commune", "district"],
           who="citizen", cam=True,
           wf=wf_xa("Phòng Kinh tế xã kiểm tra hồ sơ đăng ký hộ kinh doanh", "Lãnh đạo UBND xã ký Giấy chứng nhận đăng ký hộ kinh doanh"))
LP_DN = [phi("phi_cong_bo", "Phí công bố nội dung đăng ký doanh nghiệp", 100000),
         le_phi("le_phi", "Lệ phí đăng ký doanh nghiệp (miễn khi đăng ký qua mạng điện tử)", 50000)]
GIAY_DN = lambda loai: c("giay_de_nghi", "Giấy đề nghị đăng ký " + loai)
DIEU_LE = c("dieu_le", "Điều lệ công ty")
TV = lambda what: c("danh_sach", "Danh sách " + what)
DN = [text("ten_doanh_nghiep", "Tên doanh nghiệp dự kiến", max_len=300),
      text("dia_chi_tru_so", "Địa chỉ trụ sở chính", max_len=300),
      num("von_dieu_le", "Vốn điều lệ (đồng)", 0),
      text("nganh_nghe", "Ngành, nghề kinh doanh chính (mã ngành cấp 4)", max_len=4, pattern="^[0-9]{4}$")]
MST = text("ma_so_doanh_nghiep", "Mã số doanh nghiệp", max_len=14, pattern="^[0-9]{10}(-[0-9]{3})?$")

add(F, "2.002062", "Đăng ký thành lập doanh nghiệp tư nhân", 3, "full", fees=LP_DN,
    comps=[GIAY_DN("doanh nghiệp tư nhân"), CCCD],
    form=applicant("Họ và tên chủ doanh nghiệp tư nhân") + DN)
add(F, "2.002063", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên", 3, "full", fees=LP_DN,
    comps=[GIAY_DN("doanh nghiệp"), DIEU_LE, CCCD,
           c("uy_quyen_dai_dien", "Văn bản cử người đại diện theo ủy quyền (chủ sở hữu là tổ chức)", False)],
    form=applicant("Họ và tên người đại diện theo pháp luật") + DN)
add(F, "2.002064", "Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên", 3, "full", fees=LP_DN,
    comps=[GIAY_DN("doanh nghiệp"), DIEU_LE, TV("thành viên"), CCCD],
    form=applicant("Họ và tên người đại diện theo pháp luật") + DN + [integer("so_thanh_vien", "Số thành viên", 2, 50)])
add(F, "2.002065", "Đăng ký thành lập công ty cổ phần", 3, "full", fees=LP_DN,
    comps=[GIAY_DN("doanh nghiệp"), DIEU_LE, TV("cổ đông sáng lập và cổ đông là nhà đầu tư nước ngoài"), CCCD],
    form=applicant("Họ và tên người đại diện theo pháp luật") + DN + [integer("so_co_dong", "Số cổ đông sáng lập", 1, 1000)])
add(F, "2.002070", "Đăng ký thay đổi người đại diện theo pháp luật của công ty", 3, "full",
    fees=[phi("phi_cong_bo", "Phí công bố nội dung đăng ký doanh nghiệp", 100000)],
    comps=[c("thong_bao", "Thông báo thay đổi nội dung đăng ký doanh nghiệp"),
           c("nghi_quyet", "Nghị quyết, quyết định và biên bản họp về việc thay đổi"), CCCD],
    form=company() + [text("ho_ten_moi", "Họ và tên người đại diện mới", max_len=100),
        idn("so_dinh_danh_moi", "Số định danh cá nhân người đại diện mới")])
add(F, "2.002071", "Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp", 3, "full",
    fees=[phi("phi_cong_bo", "Phí công bố nội dung đăng ký doanh nghiệp", 100000)],
    comps=[c("thong_bao", "Thông báo thay đổi địa chỉ trụ sở chính"), c("nghi_quyet", "Nghị quyết, quyết định của chủ sở hữu, hội đồng")],
    form=company() + [text("dia_chi_moi", "Địa chỉ trụ sở chính mới", max_len=300)])
add(F, "2.002080", "Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo", 3, "full", res="electronic",
    comps=[c("thong_bao", "Thông báo tạm ngừng kinh doanh hoặc tiếp tục kinh doanh"), c("nghi_quyet", "Nghị quyết, quyết định tạm ngừng", False)],
    form=company() + [date("tu_ngay", "Tạm ngừng từ ngày", past=False), date("den_ngay", "Đến ngày", past=False)])
add(F, "2.002082", "Giải thể doanh nghiệp", 5, "partial", elig=True,
    comps=[c("thong_bao", "Thông báo về giải thể doanh nghiệp"), c("bao_cao_thanh_ly", "Báo cáo thanh lý tài sản doanh nghiệp"),
           c("danh_sach_chu_no", "Danh sách chủ nợ và số nợ đã thanh toán"),
           c("xac_nhan_thue", "Văn bản xác nhận hoàn thành nghĩa vụ thuế", True, True)],
    form=company() + [date("ngay_quyet_dinh", "Ngày quyết định giải thể")])

add(FH, "2.000720", "Đăng ký thành lập hộ kinh doanh", 3, "full",
    fees=[le_phi("le_phi", "Lệ phí đăng ký hộ kinh doanh", 50000)],
    comps=[c("giay_de_nghi", "Giấy đề nghị đăng ký hộ kinh doanh"), CCCD,
           c("bien_ban_hop", "Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh", False)],
    form=applicant("Họ và tên chủ hộ kinh doanh") + [text("ten_ho_kinh_doanh", "Tên hộ kinh doanh", max_len=200),
        text("dia_diem", "Địa điểm kinh doanh", max_len=300), text("nganh_nghe", "Ngành, nghề kinh doanh", max_len=500),
        num("von_kinh_doanh", "Vốn kinh doanh (đồng)", 0)])
add(FH, "2.000575", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 3, "full",
    fees=[le_phi("le_phi", "Lệ phí đăng ký thay đổi nội dung hộ kinh doanh", 50000)],
    comps=[c("thong_bao", "Thông báo thay đổi nội dung đăng ký hộ kinh doanh"),
           c("gcn_ho_kinh_doanh", "Giấy chứng nhận đăng ký hộ kinh doanh đã cấp", True, True)],
    form=applicant("Họ và tên chủ hộ kinh doanh") + [text("ma_so_ho", "Mã số hộ kinh doanh", max_len=20),
        area("noi_dung_thay_doi", "Nội dung thay đổi", max_len=1000)])
add(FH, "2.000583", "Tạm ngừng hoạt động hộ kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo", 3, "full",
    res="electronic", comps=[c("thong_bao", "Thông báo tạm ngừng, tiếp tục kinh doanh"), CCCD],
    form=applicant("Họ và tên chủ hộ kinh doanh") + [text("ma_so_ho", "Mã số hộ kinh doanh", max_len=20),
        date("tu_ngay", "Tạm ngừng từ ngày", past=False)])
add(FH, "2.000589", "Chấm dứt hoạt động hộ kinh doanh", 3, "full",
    comps=[c("thong_bao", "Thông báo chấm dứt hoạt động hộ kinh doanh"),
           c("xac_nhan_thue", "Thông báo của cơ quan thuế về việc hoàn thành nghĩa vụ thuế", True, True)],
    form=applicant("Họ và tên chủ hộ kinh doanh") + [text("ma_so_ho", "Mã số hộ kinh doanh", max_len=20)])
