"""dangkyxe.py — vehicle registration at the commune police and the traffic police
(Thông tư 79/2024/TT-BCA; fees of Thông tư 60/2023/TT-BTC, khu vực II)."""
from .common import *
from .giaothong import FX, BIEN, LOAI_XE

TK = c("giay_khai", "Giấy khai đăng ký xe (khai trên Cổng dịch vụ công)")
CT_NGUON = c("chung_tu_nguon_goc", "Chứng từ nguồn gốc xe (dữ liệu điện tử phiếu kiểm tra chất lượng xuất xưởng hoặc tờ khai hải quan)")
CT_TAI_CHINH = c("chung_tu_le_phi_truoc_ba", "Chứng từ lệ phí trước bạ (dữ liệu điện tử)", True, True)
SO_KHUNG = text("so_khung", "Số khung", max_len=20, pattern="^[A-Z0-9]{6,20}$")
SO_MAY = text("so_may", "Số máy", max_len=20, pattern="^[A-Z0-9]{5,20}$")
WF_CSGT = wf_so("Đội Đăng ký xe - Phòng Cảnh sát giao thông kiểm tra xe, hồ sơ", "Lãnh đạo Phòng Cảnh sát giao thông ký")

add(FX, "1.012838", "Đăng ký xe lần đầu (xe mô tô, xe gắn máy) tại Công an cấp xã", 2, "full",
    fees=[le_phi("le_phi_tren_15tr", "Lệ phí cấp chứng nhận đăng ký kèm biển số xe mô tô trị giá trên 15 đến 40 triệu đồng", 400000),
          le_phi("le_phi_den_15tr", "Lệ phí cấp chứng nhận đăng ký kèm biển số xe mô tô trị giá đến 15 triệu đồng", 200000)],
    comps=[TK, CT_NGUON, CT_TAI_CHINH, CCCD],
    form=applicant("Họ và tên chủ xe") + [LOAI_XE, SO_KHUNG, SO_MAY,
        text("nhan_hieu", "Nhãn hiệu, số loại", max_len=100)])

add(FX, "1.012839", "Đăng ký sang tên, di chuyển xe tại Công an cấp xã", 2, "partial", elig=True,
    fees=[le_phi("le_phi", "Lệ phí cấp chứng nhận đăng ký xe không kèm biển số", 50000)],
    comps=[TK, c("chung_tu_chuyen_quyen", "Chứng từ chuyển quyền sở hữu xe (hợp đồng mua bán, cho, tặng…)"),
           CT_TAI_CHINH, CCCD],
    form=applicant("Họ và tên chủ xe mới") + [BIEN, LOAI_XE, text("chu_xe_cu", "Họ và tên chủ xe cũ", max_len=100)])

add(FX, "1.012840", "Thu hồi chứng nhận đăng ký, biển số xe tại Công an cấp xã", 2, "full", res="electronic",
    comps=[c("giay_khai_thu_hoi", "Giấy khai thu hồi đăng ký, biển số xe"),
           c("chung_nhan_dang_ky", "Chứng nhận đăng ký xe và biển số xe", True, True)],
    form=applicant("Họ và tên chủ xe") + [BIEN, sel("ly_do", "Lý do thu hồi", [("ban", "Chuyển quyền sở hữu"),
        ("hong", "Xe hỏng không sử dụng được"), ("mat", "Xe bị mất cắp, chiếm đoạt"), ("khac", "Lý do khác")])])

add(FX, "1.012841", "Cấp đổi, cấp lại chứng nhận đăng ký xe, biển số xe tại Công an cấp xã", 2, "full",
    fees=[le_phi("le_phi_chung_nhan", "Lệ phí cấp đổi, cấp lại chứng nhận đăng ký xe", 50000),
          le_phi("le_phi_bien_so", "Lệ phí cấp đổi, cấp lại biển số xe mô tô", 100000)],
    comps=[TK, c("chung_nhan_dang_ky", "Chứng nhận đăng ký xe (trường hợp cấp đổi)", False, True)],
    form=applicant("Họ và tên chủ xe") + [BIEN, sel("yeu_cau", "Yêu cầu", [("doi_chung_nhan", "Đổi chứng nhận đăng ký"),
        ("lai_chung_nhan", "Cấp lại chứng nhận đăng ký bị mất"), ("doi_bien", "Đổi biển số"), ("lai_bien", "Cấp lại biển số")])])

add(FX, "1.012842", "Đăng ký xe lần đầu (xe ô tô) tại Phòng Cảnh sát giao thông Công an cấp tỉnh", 2, "partial",
    lvl="department", kinds=["department"], wf=WF_CSGT, elig=True,
    fees=[le_phi("le_phi", "Lệ phí cấp chứng nhận đăng ký kèm biển số xe ô tô", 1000000)],
    comps=[TK, CT_NGUON, CT_TAI_CHINH, CCCD],
    form=applicant("Họ và tên chủ xe") + [SO_KHUNG, SO_MAY, text("nhan_hieu", "Nhãn hiệu, số loại", max_len=100),
        integer("so_cho", "Số chỗ ngồi", 2, 60)])
