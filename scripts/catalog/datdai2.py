"""datdai2.py — Đất đai: security interests, land information, disputes, land allocation."""
from .common import *
from .datdai import F, VP, GCN, THUA, DT

DON_BD = c("phieu_yeu_cau", "Phiếu yêu cầu đăng ký biện pháp bảo đảm")

add(F, "1.012770", "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", "sd", "full", r1500=True, who="both",
    fees=[le_phi("le_phi", "Lệ phí đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", 80000)],
    comps=[DON_BD, c("hop_dong_the_chap", "Hợp đồng thế chấp (bản chính hoặc bản sao có chứng thực)", True, True), GCN],
    form=applicant("Họ và tên bên thế chấp") + THUA[:2] + [
        text("ben_nhan_the_chap", "Tên bên nhận thế chấp (tổ chức tín dụng)", max_len=300),
        num("gia_tri_nghia_vu", "Giá trị nghĩa vụ được bảo đảm (đồng)", 0, req=False)], cam=False)

add(F, "1.012771", "Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", "sd", "full", r1500=True, who="both",
    fees=[le_phi("le_phi", "Lệ phí xóa đăng ký biện pháp bảo đảm", 20000)],
    comps=[c("phieu_yeu_cau", "Phiếu yêu cầu xóa đăng ký biện pháp bảo đảm"), GCN,
           c("van_ban_dong_y", "Văn bản đồng ý xóa đăng ký của bên nhận bảo đảm (khi người yêu cầu là bên bảo đảm)", False)],
    form=applicant("Họ và tên người yêu cầu xóa đăng ký") + THUA[:2] + [
        text("so_dang_ky_the_chap", "Số, ngày đăng ký thế chấp", max_len=100)], cam=False)

add(F, "1.012772", "Cung cấp thông tin, dữ liệu đất đai", 2, "full", who="both", res="electronic",
    fees=[phi("phi_khai_thac", "Phí khai thác, sử dụng tài liệu đất đai (mỗi thửa)", 150000)],
    comps=[c("phieu_yeu_cau", "Phiếu yêu cầu cung cấp thông tin, dữ liệu đất đai (mẫu 01/PYC)"), CCCD],
    form=applicant("Họ và tên người yêu cầu") + THUA[:2] + [
        sel("noi_dung", "Thông tin cần cung cấp", [("thua_dat", "Thông tin thửa đất"), ("lich_su", "Lịch sử biến động"),
            ("quy_hoach", "Thông tin quy hoạch sử dụng đất"), ("gia_dat", "Giá đất")]),
        email(req=True)], cam=False)

add(F, "1.012773", "Đăng ký biến động đất đai, tài sản gắn liền với đất do thay đổi thông tin về người sử dụng đất, địa chỉ, diện tích, hạn chế quyền",
    7, "full", who="both",
    fees=[le_phi("le_phi", "Lệ phí chứng nhận đăng ký biến động", 30000)],
    comps=[c("don", "Đơn đăng ký biến động đất đai (mẫu 11/ĐK)"), GCN,
           c("giay_to_thay_doi", "Giấy tờ chứng minh nội dung thay đổi", True, True)],
    form=applicant() + THUA[:2] + [area("noi_dung_bien_dong", "Nội dung biến động", max_len=1000)])

add(F, "1.012774", "Hòa giải tranh chấp đất đai tại Ủy ban nhân dân cấp xã", ("d", 30), "none",
    lvl="commune", kinds=["commune"], res="paper",
    comps=[c("don", "Đơn đề nghị hòa giải tranh chấp đất đai"),
           c("giay_to_lien_quan", "Giấy tờ, tài liệu liên quan đến thửa đất tranh chấp", False), CCCD],
    form=applicant("Họ và tên người có đơn") + THUA + [
        text("ben_tranh_chap", "Họ và tên bên tranh chấp", max_len=200),
        area("noi_dung", "Nội dung tranh chấp", max_len=3000)],
    wf=wf_xa("Hội đồng hòa giải xã thẩm tra, tổ chức hòa giải", "Chủ tịch UBND xã ký biên bản hòa giải"))

add(F, "1.012775", "Giao đất, cho thuê đất không đấu giá quyền sử dụng đất, không đấu thầu dự án có sử dụng đất đối với tổ chức",
    20, "partial", lvl="province", kinds=["department", "province"], who="business", res="both",
    fees=[phi("phi_tham_dinh", "Phí thẩm định hồ sơ giao đất, cho thuê đất", 3000000)], pay=False,
    comps=[c("don", "Đơn xin giao đất, cho thuê đất (mẫu 02a)"),
           c("van_ban_chap_thuan", "Văn bản chấp thuận chủ trương đầu tư hoặc quyết định đầu tư", True, True),
           c("trich_do", "Trích lục bản đồ địa chính hoặc trích đo địa chính thửa đất"),
           c("giay_chung_nhan_dkdn", "Giấy chứng nhận đăng ký doanh nghiệp", True, True)],
    form=company() + [text("ten_du_an", "Tên dự án", max_len=300), num("dien_tich", "Diện tích xin giao, thuê (m²)", 0),
        sel("hinh_thuc", "Hình thức", [("giao_dat", "Giao đất có thu tiền sử dụng đất"),
            ("thue_hang_nam", "Thuê đất trả tiền hằng năm"), ("thue_mot_lan", "Thuê đất trả tiền một lần")])],
    wf=wf_ubnd_tinh("Phòng Quản lý đất đai thẩm định hồ sơ, kiểm tra thực địa", "Lãnh đạo Sở Nông nghiệp và Môi trường trình UBND thành phố"))

add(F, "1.012776", "Gia hạn sử dụng đất ngoài khu công nghệ cao, khu kinh tế", 7, "partial", who="business",
    comps=[c("don", "Đơn xin gia hạn sử dụng đất (mẫu 08)"), GCN,
           c("quyet_dinh_dieu_chinh", "Quyết định điều chỉnh dự án đầu tư (nếu có)", False, True)],
    form=company() + THUA[:2] + [date("han_moi", "Đề nghị gia hạn đến ngày", past=False, future=True)])

add(F, "1.001990", "Đăng ký xác lập quyền sử dụng hạn chế thửa đất liền kề (Luật Đất đai 2013; bãi bỏ)", 10, "none",
    res="paper", active=False,
    fees=[le_phi("le_phi", "Lệ phí chứng nhận đăng ký biến động", 30000)],
    comps=[c("don", "Đơn đăng ký biến động đất đai (mẫu 09/ĐK)"), GCN,
           c("hop_dong", "Hợp đồng hoặc văn bản thỏa thuận về việc xác lập quyền sử dụng hạn chế thửa đất liền kề")],
    form=applicant() + THUA[:2] + [DT])
