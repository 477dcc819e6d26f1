"""khcn.py — Khoa học và Công nghệ, with Thông tin và Truyền thông merged in on 1 March 2025:
science tasks, technology transfer, radiation, standards; websites, bulletins, printing."""
from .common import *

WF_KH = wf_so("Phòng Quản lý khoa học thẩm định hồ sơ", "Lãnh đạo Sở Khoa học và Công nghệ ký")
WF_BC = wf_so("Phòng Báo chí, xuất bản thẩm định hồ sơ", "Lãnh đạo Sở Khoa học và Công nghệ ký")
F = Field("hoat_dong_khcn", "Hoạt động khoa học và công nghệ", "department", ["department"], who="business", wf=WF_KH)
FB = Field("an_toan_buc_xa", "An toàn bức xạ và hạt nhân", "department", ["department"], who="business", cam=True,
           wf=wf_so("Phòng Quản lý công nghệ và an toàn bức xạ thẩm định", "Lãnh đạo Sở Khoa học và Công nghệ ký"))
FT = Field("tieu_chuan_do_luong", "Tiêu chuẩn, đo lường, chất lượng", "department", ["department"], who="business",
           wf=wf_so("Chi cục Tiêu chuẩn Đo lường Chất lượng thẩm định", "Lãnh đạo Chi cục ký"))
FP = Field("phat_thanh_truyen_hinh_ttdt", "Phát thanh, truyền hình và thông tin điện tử", "department", ["department"],
           who="business", cam=True, wf=WF_BC, since="2025-03-01")
FX = Field("xuat_ban_in", "Xuất bản, in và phát hành", "department", ["department"], who="business", wf=WF_BC, since="2025-03-01")
DN = c("dkdn", "Giấy chứng nhận đăng ký doanh nghiệp", True, True)

add(F, "1.000567", "Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ không sử dụng ngân sách nhà nước", 10, "full",
    res="electronic", who="both",
    comps=[c("phieu_dang_ky", "Phiếu đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ"),
           c("bao_cao_tong_hop", "Báo cáo tổng hợp kết quả thực hiện nhiệm vụ (bản giấy và bản điện tử)")],
    form=company()[:1] + [text("ho_ten", "Họ và tên chủ nhiệm nhiệm vụ", max_len=100), phone(),
        text("ten_nhiem_vu", "Tên nhiệm vụ khoa học và công nghệ", max_len=500)])

add(F, "1.000580", "Cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ", 7, "partial", elig=True,
    comps=[c("don", "Đơn đề nghị cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ"), DN,
           c("ket_qua_khcn", "Văn bản xác nhận quyền sở hữu, sử dụng hợp pháp kết quả khoa học và công nghệ"),
           c("phuong_an", "Phương án sản xuất, kinh doanh sản phẩm hình thành từ kết quả khoa học và công nghệ")],
    form=company() + [text("ket_qua_khcn", "Kết quả khoa học và công nghệ được ứng dụng", max_len=500)])

add(F, "1.000591", "Đăng ký hợp đồng chuyển giao công nghệ (trừ trường hợp thuộc thẩm quyền của Bộ Khoa học và Công nghệ)", 5, "partial",
    fees=[phi("phi_tham_dinh", "Phí thẩm định hợp đồng chuyển giao công nghệ: 0,1% giá trị hợp đồng, tối thiểu 5.000.000 đồng, tối đa 10.000.000 đồng", 5000000)],
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị đăng ký chuyển giao công nghệ"), c("hop_dong", "Hợp đồng chuyển giao công nghệ"),
           c("tu_cach_phap_ly", "Giấy tờ về tư cách pháp lý của các bên", True, True)],
    form=company() + [text("ben_nhan", "Bên nhận chuyển giao công nghệ", max_len=300), num("gia_tri", "Giá trị hợp đồng (đồng)", 0)])

add(FB, "1.000610", "Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế", ("d", 15), "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp giấy phép sử dụng thiết bị X-quang chẩn đoán y tế (mỗi thiết bị)", 2000000)],
    comps=[c("don", "Đơn đề nghị cấp giấy phép tiến hành công việc bức xạ"), c("bao_cao_danh_gia", "Báo cáo đánh giá an toàn bức xạ"),
           c("kiem_dinh", "Chứng chỉ kiểm định thiết bị X-quang", True, True),
           c("chung_chi_nhan_vien", "Chứng chỉ nhân viên bức xạ của người phụ trách an toàn", True, True)],
    form=company() + [integer("so_thiet_bi", "Số thiết bị X-quang", 1, 100), text("dia_diem", "Địa điểm đặt thiết bị", max_len=300)])

add(FT, "1.000620", "Đăng ký công bố hợp chuẩn dựa trên kết quả tự đánh giá của tổ chức, cá nhân sản xuất, kinh doanh", 5, "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định hồ sơ công bố hợp chuẩn", 150000)],
    comps=[c("ban_cong_bo", "Bản công bố hợp chuẩn (mẫu 02 Phụ lục III)"), c("bao_cao_danh_gia", "Báo cáo tự đánh giá hợp chuẩn"),
           c("tieu_chuan", "Bản sao tiêu chuẩn sử dụng làm căn cứ công bố")],
    form=company() + [text("san_pham", "Tên sản phẩm, hàng hóa", max_len=300), text("so_hieu_tieu_chuan", "Số hiệu tiêu chuẩn (TCVN)", max_len=50)])

add(FP, "1.003440", "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp", 10, "partial", elig=True,
    comps=[c("don", "Đơn đề nghị cấp giấy phép thiết lập trang thông tin điện tử tổng hợp"), DN,
           c("de_an", "Đề án hoạt động có chữ ký, dấu của người đứng đầu"),
           c("van_ban_nguon_tin", "Văn bản chấp thuận của các nguồn tin cung cấp thông tin")],
    form=company() + [text("ten_mien", "Tên miền", max_len=253, pattern="^[a-z0-9.-]+\\.[a-z]{2,}$"),
        text("nguoi_chiu_trach_nhiem", "Họ và tên người chịu trách nhiệm quản lý nội dung", max_len=100)])

add(FP, "1.003445", "Cấp giấy phép xuất bản bản tin (địa phương)", ("d", 30), "partial", res="paper",
    comps=[c("don", "Đơn đề nghị cấp giấy phép xuất bản bản tin"), c("mau_trinh_bay", "Mẫu trình bày tên gọi và bản tin"),
           c("quyet_dinh_thanh_lap", "Quyết định thành lập hoặc giấy chứng nhận đăng ký của cơ quan, tổ chức", True, True)],
    form=company() + [text("ten_ban_tin", "Tên bản tin", max_len=200),
        integer("ky_han", "Số kỳ xuất bản mỗi năm", 1, 365)])

add(FX, "1.003452", "Cấp giấy xác nhận đăng ký hoạt động cơ sở in", 7, "full", res="electronic",
    comps=[c("to_khai", "Tờ khai đăng ký hoạt động cơ sở in"), DN, c("thiet_bi", "Danh mục thiết bị in")],
    form=company() + [text("dia_diem", "Địa chỉ cơ sở in", max_len=300)])

add(FX, "1.003455", "Cấp giấy phép hoạt động in xuất bản phẩm", ("d", 15), "partial",
    comps=[c("don", "Đơn đề nghị cấp giấy phép hoạt động in"), DN, c("thiet_bi", "Giấy tờ chứng minh quyền sở hữu thiết bị in"),
           c("tru_so", "Giấy tờ chứng minh quyền sử dụng mặt bằng sản xuất")],
    form=company() + [text("dia_diem", "Địa chỉ cơ sở in", max_len=300)])

add(FX, "1.003460", "Cấp giấy phép triển lãm, hội chợ xuất bản phẩm", 8, "none", res="paper", who="both",
    comps=[c("don", "Đơn đề nghị cấp giấy phép tổ chức triển lãm, hội chợ xuất bản phẩm"), c("danh_muc", "Danh mục xuất bản phẩm")],
    form=company() + [text("dia_diem", "Địa điểm tổ chức", max_len=300), date("tu_ngay", "Thời gian từ ngày", past=False, future=True)])
