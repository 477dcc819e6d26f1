"""hotich.py — Hộ tịch (civil status), commune level: births, deaths, marriages."""
from .common import *

WF = wf_xa("Công chức tư pháp - hộ tịch thẩm định, xử lý", "Chủ tịch UBND xã ký, cấp trích lục")
F = Field("ho_tich", "Hộ tịch", "commune", ["commune"], wf=WF, cam=True)
TK = lambda what: c("to_khai", "Tờ khai " + what + " theo mẫu")
CA = "department:HCM.CA"
REL = [("cha_me", "Cha, mẹ"), ("ong_ba", "Ông, bà"), ("nguoi_than", "Người thân thích khác"),
       ("uy_quyen", "Người được ủy quyền")]

add(F, "1.001193", "Đăng ký khai sinh", "sd", "full", r1500=True,
    fees=[le_phi("le_phi_qua_han", "Lệ phí đăng ký khai sinh (miễn khi đăng ký đúng hạn)", 0)],
    comps=[TK("đăng ký khai sinh"), c("giay_chung_sinh", "Giấy chứng sinh hoặc văn bản của người làm chứng"),
           CCCD, c("giay_chung_nhan_ket_hon", "Giấy chứng nhận kết hôn của cha, mẹ", False, True), UQ],
    form=applicant("Họ và tên người đi đăng ký") + [
        text("ho_ten_tre", "Họ, chữ đệm và tên của trẻ", max_len=100),
        date("ngay_sinh", "Ngày, tháng, năm sinh của trẻ"), sel("gioi_tinh", "Giới tính", SEX),
        text("noi_sinh", "Nơi sinh", max_len=300), text("ho_ten_me", "Họ và tên người mẹ", max_len=100),
        idn("so_dinh_danh_me", "Số định danh cá nhân của người mẹ"),
        text("ho_ten_cha", "Họ và tên người cha", req=False, max_len=100)], cam=False)

add(F, "1.000656", "Đăng ký khai tử", "sd", "full", r1500=True,
    fees=[le_phi("le_phi_qua_han", "Lệ phí đăng ký khai tử (miễn khi đăng ký đúng hạn)", 0)],
    comps=[TK("đăng ký khai tử"), c("giay_bao_tu", "Giấy báo tử hoặc giấy tờ thay thế giấy báo tử"), CCCD, UQ],
    form=applicant("Họ và tên người đi khai tử") + [
        text("ho_ten_nguoi_chet", "Họ và tên người đã chết", max_len=100),
        idn("so_dinh_danh_nguoi_chet", "Số định danh cá nhân của người đã chết"),
        date("ngay_chet", "Ngày chết"), text("noi_chet", "Nơi chết", max_len=300),
        sel("quan_he", "Quan hệ với người đã chết", REL)])

add(F, "1.000894", "Đăng ký kết hôn", "sd", "partial", r1500=True, elig=True,
    comps=[c("to_khai", "Tờ khai đăng ký kết hôn (hai bên nam, nữ)"),
           c("xac_nhan_hon_nhan", "Giấy xác nhận tình trạng hôn nhân (khi đăng ký ở nơi không thường trú)", False, True),
           CCCD],
    form=[text("ho_ten_nam", "Họ và tên bên nam", max_len=100), idn("so_dinh_danh_nam", "Số định danh cá nhân bên nam"),
          text("ho_ten_nu", "Họ và tên bên nữ", max_len=100), idn("so_dinh_danh_nu", "Số định danh cá nhân bên nữ"),
          phone(), date("ngay_hen", "Ngày dự kiến đến nhận Giấy chứng nhận kết hôn", req=False, past=False, future=True)])

add(F, "1.001022", "Đăng ký nhận cha, mẹ, con", 3, "partial",
    fees=[le_phi("le_phi", "Lệ phí đăng ký nhận cha, mẹ, con", 15000)],
    comps=[TK("đăng ký nhận cha, mẹ, con"),
           c("chung_cu", "Văn bản của cơ quan y tế, giám định xác nhận quan hệ cha, mẹ, con hoặc chứng cứ khác"),
           CCCD, c("trich_luc_khai_sinh", "Trích lục khai sinh của người con", False, True)],
    form=applicant("Họ và tên người yêu cầu nhận") + [
        sel("loai_yeu_cau", "Nội dung yêu cầu", [("nhan_cha", "Nhận cha"), ("nhan_me", "Nhận mẹ"), ("nhan_con", "Nhận con")]),
        text("ho_ten_nguoi_duoc_nhan", "Họ và tên người được nhận", max_len=100),
        date("ngay_sinh_nguoi_duoc_nhan", "Ngày sinh người được nhận")])

add(F, "1.000689", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", 3, "partial",
    fees=[le_phi("le_phi_nhan_cha_me_con", "Lệ phí đăng ký nhận cha, mẹ, con", 15000)],
    comps=[TK("đăng ký khai sinh và nhận cha, mẹ, con"), c("giay_chung_sinh", "Giấy chứng sinh"),
           c("chung_cu", "Chứng cứ chứng minh quan hệ cha, mẹ, con"), CCCD],
    form=applicant("Họ và tên người đi đăng ký") + [
        text("ho_ten_tre", "Họ, chữ đệm và tên của trẻ", max_len=100), date("ngay_sinh", "Ngày sinh của trẻ"),
        sel("gioi_tinh", "Giới tính", SEX), text("ho_ten_cha", "Họ và tên người nhận là cha", max_len=100)])

add(F, "1.004859", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", 3, "full",
    fees=[le_phi("le_phi", "Lệ phí thay đổi, cải chính, bổ sung thông tin hộ tịch", 15000)],
    comps=[TK("đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch"),
           c("giay_to_lien_quan", "Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung thông tin hộ tịch"),
           c("ban_chinh_giay_to", "Bản chính giấy tờ hộ tịch cần thay đổi, cải chính", True, True), CCCD],
    form=applicant() + [
        sel("loai_yeu_cau", "Loại yêu cầu", [("thay_doi", "Thay đổi"), ("cai_chinh", "Cải chính"), ("bo_sung", "Bổ sung")]),
        text("thong_tin_cu", "Thông tin đã đăng ký", max_len=300), text("thong_tin_moi", "Thông tin đề nghị ghi", max_len=300),
        area("ly_do", "Lý do", max_len=1000)])

add(F, "1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", 3, "full",
    fees=[le_phi("le_phi", "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", 5000)],
    comps=[TK("cấp Giấy xác nhận tình trạng hôn nhân"),
           c("giay_to_ly_hon", "Bản án, quyết định ly hôn hoặc giấy chứng tử của vợ/chồng (nếu có)", False, True), CCCD],
    form=applicant("Họ và tên người yêu cầu xác nhận") + [
        sel("tinh_trang", "Tình trạng hôn nhân hiện tại", [("chua_ket_hon", "Chưa đăng ký kết hôn với ai"),
            ("ly_hon", "Đã ly hôn"), ("goa", "Vợ/chồng đã chết"), ("dang_co_vo_chong", "Đang có vợ/chồng")]),
        sel("muc_dich", "Mục đích sử dụng", [("ket_hon", "Đăng ký kết hôn"), ("khac", "Mục đích khác")]),
        text("muc_dich_khac", "Mục đích khác (ghi rõ)", req=False, max_len=300)])
