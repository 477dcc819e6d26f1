"""taichinh.py — Tài chính: budget relationship codes, public assets, prices, project
settlement (Sở Tài chính; communes for their own budget units)."""
from .common import *

WF_STC = wf_so("Phòng Quản lý ngân sách thẩm định hồ sơ", "Lãnh đạo Sở Tài chính ký")
F = Field("tai_chinh", "Quản lý ngân sách và tài sản công", "department", ["department"], who="business", wf=WF_STC)
FG = Field("quan_ly_gia", "Quản lý giá", "department", ["department"], who="business", cam=True,
           wf=wf_so("Phòng Quản lý giá và công sản thẩm định", "Lãnh đạo Sở Tài chính ký"))
DV = [text("ten_don_vi", "Tên đơn vị, tổ chức", max_len=300), text("ho_ten", "Họ và tên người đại diện", max_len=100),
      idn("so_dinh_danh", "Số định danh cá nhân người đại diện"), phone()]

add(F, "1.004882", "Đăng ký mã số đơn vị có quan hệ với ngân sách", 2, "full", res="electronic",
    comps=[c("to_khai", "Tờ khai đăng ký mã số đơn vị có quan hệ với ngân sách (mẫu 07-MSNS-BTC)"),
           c("quyet_dinh_thanh_lap", "Quyết định thành lập đơn vị", True, True)],
    form=DV + [sel("loai_don_vi", "Loại đơn vị", [("du_toan", "Đơn vị dự toán"), ("su_dung_ngan_sach", "Đơn vị sử dụng ngân sách"),
        ("du_an", "Dự án đầu tư xây dựng cơ bản")])])

add(F, "1.005430", "Thẩm tra, phê duyệt quyết toán dự án hoàn thành sử dụng vốn đầu tư công thuộc thẩm quyền cấp tỉnh", ("d", 120),
    "none", res="paper",
    fees=[phi("phi_tham_tra", "Chi phí thẩm tra, phê duyệt quyết toán (định mức theo tổng mức đầu tư)", 0)],
    comps=[c("to_trinh", "Tờ trình đề nghị phê duyệt quyết toán"), c("bao_cao_quyet_toan", "Báo cáo quyết toán dự án hoàn thành"),
           c("ho_so_phap_ly", "Các văn bản pháp lý có liên quan", True, True), c("bao_cao_kiem_toan", "Báo cáo kiểm toán độc lập (nếu có)", False)],
    form=DV + [text("ten_du_an", "Tên dự án", max_len=300), num("gia_tri_quyet_toan", "Giá trị đề nghị quyết toán (đồng)", 0)],
    wf=wf_ubnd_tinh("Phòng Tài chính đầu tư thẩm tra quyết toán", "Lãnh đạo Sở Tài chính trình UBND thành phố"))

add(F, "1.005436", "Xác lập quyền sở hữu toàn dân đối với tài sản do tổ chức, cá nhân tự nguyện chuyển giao quyền sở hữu cho Nhà nước",
    ("d", 30), "partial", who="both", res="paper",
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị chuyển giao quyền sở hữu tài sản cho Nhà nước"),
           c("giay_to_tai_san", "Giấy tờ chứng minh quyền sở hữu tài sản", True, True), CCCD],
    form=DV + [area("tai_san", "Mô tả tài sản chuyển giao", max_len=2000), num("gia_tri", "Giá trị ước tính (đồng)", 0, req=False)])

add(FG, "1.005440", "Hiệp thương giá", ("d", 15), "none", res="paper",
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị hiệp thương giá"), c("phuong_an_gia", "Phương án giá hàng hóa, dịch vụ đề nghị hiệp thương")],
    form=DV + [text("hang_hoa", "Hàng hóa, dịch vụ đề nghị hiệp thương giá", max_len=300)])

add(FG, "1.005445", "Đăng ký giá, kê khai giá hàng hóa, dịch vụ thuộc danh mục kê khai giá do UBND cấp tỉnh quy định", 5, "full",
    res="electronic",
    comps=[c("van_ban_ke_khai", "Văn bản kê khai giá (mẫu Phụ lục Nghị định 85/2024/NĐ-CP)"), c("bang_gia", "Bảng giá hàng hóa, dịch vụ kê khai")],
    form=DV + [text("hang_hoa", "Hàng hóa, dịch vụ kê khai giá", max_len=300), date("ngay_ap_dung", "Ngày áp dụng mức giá", past=False)])
