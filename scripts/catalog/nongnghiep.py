"""nongnghiep.py — Sở Nông nghiệp và Môi trường (since 1 March 2025): environment,
water resources, plant protection, fertilisers, veterinary, irrigation, disaster relief."""
from .common import *

WF_NN = wf_so("Chi cục chuyên ngành thẩm định hồ sơ", "Lãnh đạo Sở Nông nghiệp và Môi trường ký")
F = Field("moi_truong", "Môi trường", "department", ["department"], who="business", cam=True,
          wf=wf_so("Phòng Môi trường thẩm định hồ sơ", "Lãnh đạo Sở Nông nghiệp và Môi trường ký"), since="2025-03-01")
FN = Field("tai_nguyen_nuoc", "Tài nguyên nước", "department", ["department"], who="business", wf=WF_NN, since="2025-03-01")
FT = Field("trong_trot_bvtv", "Trồng trọt và bảo vệ thực vật", "department", ["department"], who="business", cam=True, wf=WF_NN, since="2025-03-01")
FY = Field("thu_y", "Thú y", "department", ["department"], who="both", cam=True,
           wf=wf_so("Chi cục Chăn nuôi và Thú y kiểm tra, thẩm định", "Lãnh đạo Chi cục Chăn nuôi và Thú y ký"), since="2025-03-01")
FL = Field("thuy_loi", "Thủy lợi", "department", ["department"], who="business", wf=WF_NN, since="2025-03-01")
FP = Field("phong_chong_thien_tai", "Phòng, chống thiên tai", "commune", ["commune"], who="citizen",
           wf=wf_xa("Công chức nông nghiệp xã kiểm tra thiệt hại, lập danh sách", "Chủ tịch UBND xã quyết định hỗ trợ"))
DN = c("dkdn", "Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", True, True)
DD = text("dia_diem", "Địa điểm cơ sở", max_len=300)
UBND = lambda phong: wf_ubnd_tinh(phong, "Lãnh đạo Sở Nông nghiệp và Môi trường trình UBND thành phố")

add(F, "1.010727", "Cấp giấy phép môi trường (thẩm quyền của Ủy ban nhân dân cấp tỉnh)", ("d", 30), "partial", lvl="province",
    kinds=["department", "province"], wf=UBND("Phòng Môi trường thẩm định, tổ chức kiểm tra thực tế"),
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp giấy phép môi trường (dự án nhóm II)", 30000000)], pay=False,
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị cấp giấy phép môi trường"), c("bao_cao_de_xuat", "Báo cáo đề xuất cấp giấy phép môi trường"),
           c("quyet_dinh_dtm", "Quyết định phê duyệt kết quả thẩm định báo cáo đánh giá tác động môi trường (nếu có)", False, True)],
    form=company() + [text("ten_du_an", "Tên dự án, cơ sở", max_len=300), DD])

add(F, "1.010733", "Đăng ký môi trường", 5, "full", lvl="commune", kinds=["commune", "district"], who="both", res="electronic",
    wf=wf_xa("Công chức địa chính - nông nghiệp - môi trường xã tiếp nhận, kiểm tra", "Chủ tịch UBND xã xác nhận"),
    comps=[c("phieu_dang_ky", "Văn bản đăng ký môi trường (mẫu Phụ lục XLVII Nghị định 08/2022)"),
           c("quyet_dinh_dtm", "Quyết định phê duyệt đánh giá tác động môi trường (nếu có)", False, True)],
    form=company()[:1] + [text("ho_ten", "Họ và tên người đại diện", max_len=100), phone(), DD,
        text("loai_hinh", "Loại hình sản xuất, kinh doanh, dịch vụ", max_len=300)])

add(F, "1.010724", "Thẩm định báo cáo đánh giá tác động môi trường", ("d", 45), "partial", lvl="province",
    kinds=["department", "province"], wf=UBND("Phòng Môi trường tổ chức hội đồng thẩm định"),
    fees=[phi("phi_tham_dinh", "Phí thẩm định báo cáo đánh giá tác động môi trường (dự án dưới 50 tỷ đồng)", 8500000)],
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị thẩm định"), c("bao_cao_dtm", "Báo cáo đánh giá tác động môi trường"),
           c("bao_cao_nckt", "Báo cáo nghiên cứu khả thi hoặc tài liệu tương đương")],
    form=company() + [text("ten_du_an", "Tên dự án", max_len=300), num("tong_von", "Tổng vốn đầu tư (tỷ đồng)", 0)])

add(FN, "1.004232", "Cấp giấy phép khai thác nước dưới đất với quy mô dưới 3.000 m³/ngày đêm", ("d", 30), "none", res="paper",
    fees=[phi("phi_tham_dinh", "Phí thẩm định đề án khai thác nước dưới đất (dưới 200 m³/ngày đêm)", 900000)], pay=False,
    comps=[c("don", "Đơn đề nghị cấp giấy phép khai thác nước dưới đất"), c("de_an", "Đề án khai thác nước dưới đất"),
           c("ket_qua_phan_tich", "Kết quả phân tích chất lượng nguồn nước")],
    form=company() + [DD, num("luu_luong", "Lưu lượng khai thác (m³/ngày đêm)", 0, 3000)])

add(FT, "1.004363", "Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", ("d", 20), "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật", 500000)],
    comps=[c("don", "Đơn đề nghị cấp Giấy chứng nhận"), c("ban_thuyet_minh", "Bản thuyết minh điều kiện buôn bán"),
           c("chuyen_mon", "Văn bằng, giấy chứng nhận bồi dưỡng chuyên môn về thuốc bảo vệ thực vật", True, True), DN],
    form=company() + [DD])

add(FT, "1.007931", "Cấp Giấy chứng nhận đủ điều kiện buôn bán phân bón", ("d", 20), "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định điều kiện buôn bán phân bón", 500000)],
    comps=[c("don", "Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện buôn bán phân bón"), c("ban_thuyet_minh", "Bản thuyết minh điều kiện buôn bán phân bón"),
           c("chung_nhan_tap_huan", "Giấy chứng nhận bồi dưỡng chuyên môn về phân bón", True, True)],
    form=company() + [DD])

add(FY, "1.003810", "Cấp Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật trên cạn vận chuyển ra khỏi địa bàn cấp tỉnh", 1, "partial",
    elig=True, fees=[phi("phi_kiem_dich", "Phí kiểm dịch động vật, sản phẩm động vật (theo lô hàng)", 70000)],
    comps=[c("giay_dang_ky", "Giấy đăng ký kiểm dịch (mẫu 01 Thông tư 25/2016)"),
           c("giay_chung_nhan_an_toan", "Giấy chứng nhận cơ sở an toàn dịch bệnh hoặc kết quả xét nghiệm", False, True)],
    form=applicant("Họ và tên chủ hàng") + [sel("loai_hang", "Loại hàng", [("gia_suc", "Gia súc"), ("gia_cam", "Gia cầm"),
        ("san_pham", "Sản phẩm động vật")]), integer("so_luong", "Số lượng (con hoặc kg)", 1, 10000000),
        text("noi_den", "Nơi đến", max_len=300)])

add(FY, "1.003820", "Cấp chứng chỉ hành nghề thú y (tiêm phòng, chữa bệnh, phẫu thuật động vật; tư vấn, dịch vụ kỹ thuật về thú y)",
    5, "partial", who="citizen",
    fees=[le_phi("le_phi", "Lệ phí cấp chứng chỉ hành nghề thú y", 50000)],
    comps=[c("don", "Đơn đăng ký cấp chứng chỉ hành nghề thú y"), c("van_bang", "Bản sao văn bằng chuyên ngành", True, True),
           c("anh", "Ảnh chân dung 4x6")],
    form=applicant() + [sel("pham_vi", "Phạm vi hành nghề", [("chua_benh", "Tiêm phòng, chữa bệnh, phẫu thuật động vật"),
        ("tu_van", "Tư vấn, dịch vụ kỹ thuật về thú y"), ("buon_ban_thuoc", "Buôn bán thuốc thú y")])])

add(FL, "1.003347", "Cấp giấy phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi thuộc thẩm quyền của UBND tỉnh",
    ("d", 20), "none", res="paper",
    comps=[c("don", "Đơn đề nghị cấp giấy phép"), c("ban_ve", "Bản vẽ mặt bằng, mặt cắt thể hiện phạm vi hoạt động"),
           c("danh_gia_anh_huong", "Báo cáo đánh giá ảnh hưởng đến an toàn công trình thủy lợi")],
    form=company() + [text("cong_trinh_thuy_loi", "Tên công trình thủy lợi", max_len=300), area("noi_dung", "Nội dung hoạt động", max_len=2000)])

add(FP, "2.001688", "Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai, dịch bệnh", 10, "none", res="paper",
    comps=[c("don", "Đơn đề nghị hỗ trợ (mẫu Nghị định 02/2017/NĐ-CP)"), CCCD],
    form=applicant("Họ và tên chủ hộ") + [sel("loai_thiet_hai", "Loại thiệt hại", [("cay_trong", "Cây trồng"), ("vat_nuoi", "Vật nuôi"),
        ("thuy_san", "Thủy sản")]), num("dien_tich_thiet_hai", "Diện tích hoặc số lượng bị thiệt hại", 0),
        integer("ty_le_thiet_hai", "Mức độ thiệt hại (%)", 30, 100)])
