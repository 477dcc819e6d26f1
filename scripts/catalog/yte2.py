"""yte2.py — Sở Y tế: dược phẩm (Luật Dược 2016, Decree 54/2017) and an toàn thực phẩm
(Decree 15/2018)."""
from .common import *

FD = Field("duoc_pham", "Dược phẩm", "department", ["department"], cam=True,
           wf=wf_so("Phòng Nghiệp vụ Dược thẩm định hồ sơ", "Giám đốc Sở Y tế ký"))
FA = Field("an_toan_thuc_pham", "An toàn thực phẩm và dinh dưỡng", "department", ["department"], who="business", cam=True,
           wf=wf_so("Phòng Quản lý an toàn thực phẩm thẩm định hồ sơ", "Lãnh đạo Sở Y tế ký"))
CS = [text("ten_co_so", "Tên cơ sở", max_len=300), text("dia_chi_co_so", "Địa chỉ cơ sở", max_len=300)]
DKDN = c("dkdn", "Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", True, True)

add(FD, "1.004575", "Cấp Chứng chỉ hành nghề dược", ("d", 20), "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp Chứng chỉ hành nghề dược", 500000)],
    comps=[c("don", "Đơn đề nghị cấp Chứng chỉ hành nghề dược (mẫu 02)"), c("van_bang", "Bản sao văn bằng chuyên môn", True, True),
           c("xac_nhan_thuc_hanh", "Giấy xác nhận thời gian thực hành chuyên môn"), c("anh", "Ảnh chân dung 4x6")],
    form=applicant() + [sel("van_bang", "Văn bằng chuyên môn", [("dai_hoc", "Đại học ngành Dược"), ("cao_dang", "Cao đẳng ngành Dược"),
        ("trung_cap", "Trung cấp ngành Dược"), ("yhct", "Y học cổ truyền, dược cổ truyền")]),
        sel("vi_tri", "Vị trí hành nghề", [("nha_thuoc", "Người chịu trách nhiệm chuyên môn nhà thuốc"),
            ("quay_thuoc", "Người chịu trách nhiệm chuyên môn quầy thuốc"), ("ban_buon", "Cơ sở bán buôn thuốc")])])

add(FD, "1.004576", "Cấp lại Chứng chỉ hành nghề dược (bị mất, hư hỏng)", 5, "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp lại Chứng chỉ hành nghề dược", 500000)],
    comps=[c("don", "Đơn đề nghị cấp lại Chứng chỉ hành nghề dược"), c("anh", "Ảnh chân dung 4x6")],
    form=applicant() + [text("so_chung_chi", "Số Chứng chỉ hành nghề dược", max_len=30)])

add(FD, "1.004598", "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược đối với cơ sở bán lẻ thuốc (nhà thuốc, quầy thuốc)",
    ("d", 20), "partial", who="business", res="both",
    fees=[phi("phi_tham_dinh", "Phí thẩm định điều kiện kinh doanh thuốc đối với cơ sở bán lẻ", 1000000)],
    comps=[c("don", "Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược"),
           c("tai_lieu_ky_thuat", "Tài liệu kỹ thuật về địa điểm, khu vực bảo quản, trang thiết bị"),
           c("cchn_duoc", "Chứng chỉ hành nghề dược của người chịu trách nhiệm chuyên môn", True, True), DKDN],
    form=applicant("Họ và tên người chịu trách nhiệm chuyên môn") + CS + [
        sel("loai_hinh", "Loại hình", [("nha_thuoc", "Nhà thuốc"), ("quay_thuoc", "Quầy thuốc"), ("tu_thuoc_tram", "Tủ thuốc trạm y tế")])],
    wf=wf(step("tham_dinh_ho_so", "Phòng Nghiệp vụ Dược thẩm định hồ sơ", "specialist", "handling", 0.3),
          step("danh_gia_gpp", "Đoàn đánh giá Thực hành tốt cơ sở bán lẻ thuốc (GPP) tại cơ sở", "specialist", "handling", 0.4),
          step("phe_duyet", "Giám đốc Sở Y tế ký Giấy chứng nhận", "unit_leader", "handling", 0.2)))

add(FA, "1.001850", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống",
    20, "partial", elig=True,
    fees=[phi("phi_tren_200", "Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống phục vụ từ 200 suất ăn trở lên", 1000000),
          phi("phi_duoi_200", "Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống phục vụ dưới 200 suất ăn", 700000)],
    comps=[c("don", "Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"),
           c("thuyet_minh", "Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ"),
           c("tap_huan", "Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm"),
           c("suc_khoe", "Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp chế biến"), DKDN],
    form=company() + CS + [integer("so_suat_an", "Số suất ăn phục vụ mỗi ngày", 1, 100000)])

add(FA, "1.001851", "Đăng ký bản công bố sản phẩm dinh dưỡng y học, thực phẩm dùng cho chế độ ăn đặc biệt", 7, "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định hồ sơ đăng ký bản công bố sản phẩm", 1500000)],
    comps=[c("ban_cong_bo", "Bản công bố sản phẩm (mẫu 02 Phụ lục I)"), c("phieu_kiem_nghiem", "Phiếu kết quả kiểm nghiệm sản phẩm trong 12 tháng"),
           c("bang_chung_khoa_hoc", "Bằng chứng khoa học chứng minh công dụng (nếu có)", False), DKDN],
    form=company() + [text("ten_san_pham", "Tên sản phẩm", max_len=300), text("quy_cach", "Quy cách đóng gói", max_len=200)])

add(FA, "1.001852", "Cấp Giấy xác nhận nội dung quảng cáo thực phẩm", 10, "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định hồ sơ xác nhận nội dung quảng cáo thực phẩm", 1100000)],
    comps=[c("don", "Đơn đề nghị xác nhận nội dung quảng cáo"), c("ma_quang_cao", "Mẫu nội dung dự kiến quảng cáo (bản dựng, ma két)"),
           c("ban_cong_bo", "Bản công bố sản phẩm đã được tiếp nhận", True, True)],
    form=company() + [text("ten_san_pham", "Tên sản phẩm", max_len=300),
        sel("phuong_tien", "Phương tiện quảng cáo", [("truyen_hinh", "Truyền hình"), ("bao_in", "Báo in"),
            ("internet", "Trang thông tin điện tử, mạng xã hội"), ("bang_ron", "Bảng, biển, băng rôn")])])
