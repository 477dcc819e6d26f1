"""hotich2.py — Hộ tịch: copies, guardianship, re-registration, foreign elements, liên thông."""
from .common import *
from .hotich import F, WF, TK, CA, REL

add(F, "2.000635", "Cấp bản sao trích lục hộ tịch", "sd", "full", r1500=True, res="both",
    fees=[phi("phi_ban_sao", "Phí cấp bản sao trích lục hộ tịch (mỗi bản)", 8000)],
    comps=[c("to_khai", "Tờ khai cấp bản sao trích lục hộ tịch"), CCCD, UQ],
    form=applicant() + [
        sel("loai_trich_luc", "Loại trích lục", [("khai_sinh", "Khai sinh"), ("ket_hon", "Kết hôn"),
            ("khai_tu", "Khai tử"), ("nhan_cha_me_con", "Nhận cha, mẹ, con"), ("khac", "Khác")]),
        text("ho_ten_nguoi_duoc_cap", "Họ và tên người được cấp trích lục", max_len=100),
        integer("so_ban", "Số bản sao yêu cầu", 1, 20)], cam=False)

add(F, "1.004837", "Đăng ký giám hộ", 3, "partial",
    comps=[TK("đăng ký giám hộ"), c("van_ban_cu_giam_ho", "Văn bản cử người giám hộ"), CCCD],
    form=applicant("Họ và tên người giám hộ") + [
        text("ho_ten_nguoi_duoc_giam_ho", "Họ và tên người được giám hộ", max_len=100),
        date("ngay_sinh_nguoi_duoc_giam_ho", "Ngày sinh người được giám hộ"),
        sel("loai_giam_ho", "Hình thức giám hộ", [("duong_nhien", "Giám hộ đương nhiên"), ("cu", "Giám hộ được cử")])])

add(F, "1.004845", "Đăng ký chấm dứt giám hộ", 2, "partial",
    comps=[TK("đăng ký chấm dứt giám hộ"), c("giay_to_cham_dut", "Giấy tờ làm căn cứ chấm dứt giám hộ"), CCCD],
    form=applicant("Họ và tên người giám hộ") + [
        text("ho_ten_nguoi_duoc_giam_ho", "Họ và tên người được giám hộ", max_len=100),
        area("ly_do", "Lý do chấm dứt giám hộ", max_len=1000)])

add(F, "1.004884", "Đăng ký lại khai sinh", 5, "partial",
    comps=[TK("đăng ký lại khai sinh"), c("ban_sao_khai_sinh", "Bản sao Giấy khai sinh hoặc giấy tờ có nội dung khai sinh", False),
           c("giay_to_nhan_than", "Giấy tờ, tài liệu có thông tin về họ tên, ngày sinh của người đăng ký"), CCCD],
    form=applicant() + [text("ho_ten_duoc_dang_ky", "Họ và tên người được đăng ký lại khai sinh", max_len=100),
        date("ngay_sinh", "Ngày sinh"), text("noi_da_dang_ky", "Nơi đã đăng ký khai sinh trước đây", max_len=300)])

add(F, "1.005461", "Đăng ký lại kết hôn", 5, "none", res="paper",
    comps=[TK("đăng ký lại kết hôn"), c("ban_sao_gcn_ket_hon", "Bản sao Giấy chứng nhận kết hôn được cấp trước đây", False), CCCD],
    form=[text("ho_ten_nam", "Họ và tên bên chồng", max_len=100), idn("so_dinh_danh_nam", "Số định danh cá nhân bên chồng"),
          text("ho_ten_nu", "Họ và tên bên vợ", max_len=100), idn("so_dinh_danh_nu", "Số định danh cá nhân bên vợ"),
          phone(), text("noi_da_dang_ky", "Nơi đã đăng ký kết hôn trước đây", max_len=300)])

add(F, "1.005462", "Đăng ký lại khai tử", 5, "partial",
    comps=[TK("đăng ký lại khai tử"), c("ban_sao_giay_chung_tu", "Bản sao Giấy chứng tử được cấp trước đây", False), CCCD],
    form=applicant() + [text("ho_ten_nguoi_chet", "Họ và tên người đã chết", max_len=100),
        date("ngay_chet", "Ngày chết"), sel("quan_he", "Quan hệ với người đã chết", REL)])

add(F, "2.000986", "Xác nhận thông tin hộ tịch", 3, "full",
    comps=[c("to_khai", "Tờ khai xác nhận thông tin hộ tịch"), CCCD, UQ],
    form=applicant() + [area("noi_dung", "Thông tin hộ tịch cần xác nhận", max_len=1000),
        sel("muc_dich", "Mục đích sử dụng", [("trong_nuoc", "Sử dụng trong nước"), ("nuoc_ngoai", "Sử dụng ở nước ngoài")])])

add(F, "1.003583", "Đăng ký khai sinh có yếu tố nước ngoài", 3, "partial", kinds=["commune", "district"],
    fees=[le_phi("le_phi", "Lệ phí đăng ký khai sinh có yếu tố nước ngoài", 75000)],
    comps=[TK("đăng ký khai sinh"), c("giay_chung_sinh", "Giấy chứng sinh"),
           c("van_ban_chon_quoc_tich", "Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con", False),
           c("ho_chieu", "Hộ chiếu hoặc giấy tờ thay thế của cha/mẹ là người nước ngoài"), CCCD],
    form=applicant("Họ và tên người đi đăng ký") + [
        text("ho_ten_tre", "Họ, chữ đệm và tên của trẻ", max_len=100), date("ngay_sinh", "Ngày sinh của trẻ"),
        sel("gioi_tinh", "Giới tính", SEX), text("quoc_tich_cha_me", "Quốc tịch của cha hoặc mẹ là người nước ngoài", max_len=100)])

add(F, "1.000893", "Đăng ký kết hôn có yếu tố nước ngoài", 10, "partial", kinds=["commune", "district"],
    fees=[le_phi("le_phi", "Lệ phí đăng ký kết hôn có yếu tố nước ngoài", 1000000)],
    comps=[c("to_khai", "Tờ khai đăng ký kết hôn"),
           c("xac_nhan_suc_khoe", "Giấy xác nhận của tổ chức y tế về việc không mắc bệnh tâm thần"),
           c("tinh_trang_hon_nhan", "Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài"),
           c("ho_chieu", "Hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu"), CCCD],
    form=[text("ho_ten_cong_dan", "Họ và tên bên là công dân Việt Nam", max_len=100),
          idn("so_dinh_danh", "Số định danh cá nhân"), phone(),
          text("ho_ten_nguoi_nuoc_ngoai", "Họ và tên bên là người nước ngoài", max_len=100),
          text("so_ho_chieu", "Số hộ chiếu người nước ngoài", max_len=20, pattern="^[A-Z0-9]{6,20}$"),
          text("quoc_tich", "Quốc tịch", max_len=100)])

add(F, "1.000080", "Liên thông thủ tục hành chính: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
    7, "full",
    comps=[c("to_khai_lien_thong", "Tờ khai điện tử liên thông đăng ký khai sinh, thường trú, bảo hiểm y tế"),
           c("giay_chung_sinh", "Giấy chứng sinh"), CCCD,
           c("giay_to_cho_o", "Giấy tờ chứng minh chỗ ở hợp pháp (nếu chưa có trong Cơ sở dữ liệu)", False, True)],
    form=applicant("Họ và tên cha hoặc mẹ") + [
        text("ho_ten_tre", "Họ, chữ đệm và tên của trẻ", max_len=100), date("ngay_sinh", "Ngày sinh của trẻ"),
        sel("gioi_tinh", "Giới tính", SEX), text("noi_thuong_tru", "Nơi đăng ký thường trú của trẻ", max_len=300)],
    wf=wf_lt("Công chức tư pháp - hộ tịch đăng ký khai sinh", CA,
             "Cơ quan Công an đăng ký thường trú, cơ quan BHXH cấp thẻ bảo hiểm y tế",
             "Chủ tịch UBND xã ký, trả kết quả liên thông"))

add(F, "1.000419", "Liên thông thủ tục hành chính: đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, trợ cấp mai táng",
    10, "full",
    comps=[c("to_khai_lien_thong", "Tờ khai điện tử liên thông đăng ký khai tử, xóa đăng ký thường trú, mai táng phí"),
           c("giay_bao_tu", "Giấy báo tử hoặc giấy tờ thay thế giấy báo tử"), CCCD],
    form=applicant("Họ và tên người đi khai tử") + [
        text("ho_ten_nguoi_chet", "Họ và tên người đã chết", max_len=100),
        idn("so_dinh_danh_nguoi_chet", "Số định danh cá nhân của người đã chết"), date("ngay_chet", "Ngày chết")],
    wf=wf_lt("Công chức tư pháp - hộ tịch đăng ký khai tử", CA,
             "Cơ quan Công an xóa đăng ký thường trú; giải quyết chế độ tử tuất, mai táng",
             "Chủ tịch UBND xã ký, trả kết quả liên thông"))
