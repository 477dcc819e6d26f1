"""cutru.py — Đăng ký, quản lý cư trú (residence; Công an cấp xã, Luật Cư trú 2020)."""
from .common import *

F = Field("cu_tru", "Đăng ký, quản lý cư trú", "commune", ["commune"], cam=True,
          wf=wf_xa("Cán bộ Công an xã kiểm tra, cập nhật Cơ sở dữ liệu về cư trú", "Trưởng Công an xã phê duyệt"))
TK = c("to_khai", "Tờ khai thay đổi thông tin cư trú (mẫu CT01)")
CHO_O = c("cho_o_hop_phap", "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", True, True)
DIA_CHI = text("dia_chi", "Địa chỉ nơi đăng ký cư trú", max_len=300)

add(F, "1.004194", "Đăng ký thường trú", 7, "full",
    fees=[le_phi("le_phi", "Lệ phí đăng ký thường trú (nộp trực tuyến: 10.000 đồng)", 20000)],
    comps=[TK, CHO_O, c("dong_y_chu_ho", "Ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở (nếu nhập vào hộ đã có)", False),
           c("quan_he_nhan_than", "Giấy tờ chứng minh quan hệ nhân thân với chủ hộ", False, True)],
    form=applicant("Họ và tên người đăng ký") + [DIA_CHI,
        sel("truong_hop", "Trường hợp đăng ký", [("cho_o_so_huu", "Chỗ ở hợp pháp thuộc quyền sở hữu của mình"),
            ("ve_o_voi_nguoi_than", "Về ở với người thân"), ("thue_muon", "Thuê, mượn, ở nhờ"),
            ("co_so_ton_giao", "Cơ sở tín ngưỡng, tôn giáo")]),
        text("chu_ho", "Họ và tên chủ hộ", req=False, max_len=100)])

add(F, "1.004222", "Đăng ký tạm trú", 3, "full",
    fees=[le_phi("le_phi", "Lệ phí đăng ký tạm trú (nộp trực tuyến: 7.000 đồng)", 15000)],
    comps=[TK, CHO_O, c("hop_dong_thue", "Hợp đồng thuê, mượn, ở nhờ chỗ ở", False)],
    form=applicant("Họ và tên người đăng ký") + [DIA_CHI,
        date("tam_tru_den", "Tạm trú đến ngày", past=False, future=True),
        text("noi_thuong_tru", "Nơi thường trú hiện nay", max_len=300)])

add(F, "1.004227", "Gia hạn tạm trú", 3, "full",
    fees=[le_phi("le_phi", "Lệ phí gia hạn tạm trú (nộp trực tuyến: 7.000 đồng)", 15000)],
    comps=[TK, CHO_O],
    form=applicant() + [DIA_CHI, date("gia_han_den", "Gia hạn đến ngày", past=False, future=True)])

add(F, "1.004203", "Xóa đăng ký thường trú", 1, "full", res="electronic",
    comps=[TK, c("giay_to_chung_minh", "Giấy tờ, tài liệu chứng minh thuộc trường hợp xóa đăng ký thường trú")],
    form=applicant() + [DIA_CHI, area("ly_do", "Lý do xóa đăng ký thường trú", max_len=1000)])

add(F, "1.004206", "Xóa đăng ký tạm trú", 1, "full", res="electronic",
    comps=[TK, c("giay_to_chung_minh", "Giấy tờ, tài liệu chứng minh thuộc trường hợp xóa đăng ký tạm trú")],
    form=applicant() + [DIA_CHI, area("ly_do", "Lý do xóa đăng ký tạm trú", max_len=1000)])

add(F, "1.004199", "Tách hộ", 5, "full",
    fees=[le_phi("le_phi", "Lệ phí tách hộ (nộp trực tuyến: 5.000 đồng)", 10000)],
    comps=[TK, c("dong_y_chu_ho", "Ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở", False)],
    form=applicant("Họ và tên người đề nghị tách hộ") + [DIA_CHI,
        integer("so_nhan_khau", "Số nhân khẩu của hộ mới", 1, 30)])

add(F, "1.004198", "Điều chỉnh thông tin về cư trú trong Cơ sở dữ liệu về cư trú", 3, "full", res="electronic",
    comps=[TK, c("giay_to_thay_doi", "Giấy tờ, tài liệu chứng minh việc điều chỉnh thông tin", True, True)],
    form=applicant() + [text("thong_tin_cu", "Thông tin đang ghi trong Cơ sở dữ liệu", max_len=300),
        text("thong_tin_moi", "Thông tin đề nghị điều chỉnh", max_len=300)])

add(F, "1.004236", "Khai báo tạm vắng", 1, "full", res="electronic",
    comps=[c("to_khai", "Tờ khai thay đổi thông tin cư trú hoặc đề nghị khai báo tạm vắng"), CCCD],
    form=applicant() + [text("noi_den", "Nơi đến", max_len=300),
        date("tu_ngay", "Tạm vắng từ ngày", past=False), date("den_ngay", "Đến ngày", past=False)])

add(F, "1.004228", "Xác nhận thông tin về cư trú", 3, "full", res="both",
    comps=[c("to_khai", "Tờ khai đề nghị xác nhận thông tin về cư trú (mẫu CT07)"), CCCD],
    form=applicant() + [sel("noi_dung", "Nội dung cần xác nhận", [("thuong_tru", "Nơi thường trú"),
        ("tam_tru", "Nơi tạm trú"), ("qua_trinh", "Quá trình cư trú")]),
        text("muc_dich", "Mục đích sử dụng", req=False, max_len=300)])

add(F, "1.004188", "Cấp sổ hộ khẩu (bãi bỏ từ ngày 01/7/2021 theo Luật Cư trú năm 2020)", 7, "none", res="paper",
    active=False, pay=False,
    fees=[le_phi("le_phi", "Lệ phí cấp sổ hộ khẩu", 15000)],
    comps=[c("phieu_bao_thay_doi", "Phiếu báo thay đổi hộ khẩu, nhân khẩu"), c("ban_khai", "Bản khai nhân khẩu"), CCCD],
    form=applicant("Họ và tên chủ hộ") + [DIA_CHI])
