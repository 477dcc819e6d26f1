"""datdai.py — Đất đai (land; Luật Đất đai 2024, Decrees 101/2024 and 151/2025): first issue,
change of use, registration of changes at the land registration office."""
from .common import *

F = Field("dat_dai", "Đất đai", "department", ["department"], cam=True,
          wf=wf_so("Văn phòng đăng ký đất đai kiểm tra, thẩm định hồ sơ", "Giám đốc Văn phòng đăng ký đất đai ký"), since="2024-07-25")
VP = "department:HCM.SNNMT"
DON_DK = c("don_dang_ky", "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (mẫu 11/ĐK)")
GCN = c("gcn", "Bản gốc Giấy chứng nhận đã cấp", True, True)
THUA = [text("so_to", "Số tờ bản đồ", max_len=10, pattern="^[0-9]{1,6}$"),
        text("so_thua", "Số thửa đất", max_len=10, pattern="^[0-9]{1,6}$"),
        text("dia_chi_thua_dat", "Địa chỉ thửa đất", max_len=300)]
DT = num("dien_tich", "Diện tích thửa đất (m²)", 0, 10000000)
WF_XA_VP = wf_lt("Công chức địa chính xã kiểm tra hồ sơ, xác nhận hiện trạng, niêm yết công khai", VP,
                 "Văn phòng đăng ký đất đai kiểm tra, cập nhật cơ sở dữ liệu, in Giấy chứng nhận",
                 "Chủ tịch UBND xã ký Giấy chứng nhận", s=(0.35, 0.4, 0.15))

add(F, "1.012760", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu",
    20, "partial", lvl="commune", kinds=["commune", "district"], who="both", res="paper",
    fees=[le_phi("le_phi_cap_gcn", "Lệ phí cấp Giấy chứng nhận (hộ gia đình, cá nhân)", 100000),
          phi("phi_tham_dinh", "Phí thẩm định hồ sơ cấp Giấy chứng nhận", 250000)],
    comps=[c("don_dang_ky", "Đơn đăng ký đất đai, tài sản gắn liền với đất (mẫu 04/ĐK)"),
           c("giay_to_nguon_goc", "Giấy tờ về quyền sử dụng đất (nếu có)", False),
           c("chung_tu_tai_chinh", "Chứng từ thực hiện nghĩa vụ tài chính (nếu có)", False),
           c("so_do_tai_san", "Sơ đồ nhà ở, công trình xây dựng (nếu có tài sản)", False), CCCD],
    form=applicant("Họ và tên người sử dụng đất") + THUA + [DT,
        sel("muc_dich", "Mục đích sử dụng đất", [("ont", "Đất ở tại nông thôn"), ("odt", "Đất ở tại đô thị"),
            ("cln", "Đất trồng cây lâu năm"), ("luc", "Đất trồng lúa"), ("khac", "Mục đích khác")])],
    wf=WF_XA_VP)

add(F, "1.012761", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển đổi, chuyển nhượng, cho thuê, tặng cho, thừa kế, góp vốn",
    8, "full", who="both",
    fees=[le_phi("le_phi", "Lệ phí chứng nhận đăng ký biến động", 30000),
          phi("phi_tham_dinh", "Phí thẩm định hồ sơ đăng ký biến động", 200000)],
    comps=[DON_DK, GCN, c("hop_dong", "Hợp đồng, văn bản về chuyển quyền đã công chứng hoặc chứng thực", True, True),
           c("to_khai_thue", "Tờ khai lệ phí trước bạ, tờ khai thuế thu nhập cá nhân"), CCCD],
    form=applicant("Họ và tên bên nhận quyền") + THUA[:2] + [
        sel("hinh_thuc", "Hình thức biến động", [("chuyen_nhuong", "Chuyển nhượng"), ("tang_cho", "Tặng cho"),
            ("thua_ke", "Thừa kế"), ("gop_von", "Góp vốn"), ("chuyen_doi", "Chuyển đổi")]),
        text("ben_chuyen_quyen", "Họ và tên bên chuyển quyền", max_len=200)])

add(F, "1.012762", "Chuyển mục đích sử dụng đất đối với hộ gia đình, cá nhân (không phải xin phép hoặc phải được cơ quan nhà nước cho phép)",
    15, "partial", lvl="commune", kinds=["commune", "district"],
    comps=[c("don", "Đơn xin chuyển mục đích sử dụng đất (mẫu 02c)"), GCN, CCCD],
    form=applicant("Họ và tên người sử dụng đất") + THUA[:2] + [
        num("dien_tich_chuyen", "Diện tích xin chuyển mục đích (m²)", 0, 100000),
        sel("muc_dich_moi", "Mục đích sử dụng sau khi chuyển", [("ont", "Đất ở tại nông thôn"),
            ("odt", "Đất ở tại đô thị"), ("tmd", "Đất thương mại, dịch vụ"), ("skc", "Đất cơ sở sản xuất phi nông nghiệp")])],
    wf=wf_lt("Phòng Kinh tế xã thẩm định nhu cầu, kiểm tra thực địa", VP,
             "Văn phòng đăng ký đất đai chỉnh lý hồ sơ địa chính, xác định nghĩa vụ tài chính",
             "Chủ tịch UBND xã ký quyết định cho phép chuyển mục đích", s=(0.4, 0.3, 0.2)))

add(F, "1.012763", "Tách thửa hoặc hợp thửa đất", 15, "full",
    fees=[le_phi("le_phi", "Lệ phí cấp Giấy chứng nhận sau khi tách, hợp thửa", 50000),
          phi("phi_do_dac", "Phí đo đạc, lập bản đồ địa chính (theo diện tích)", 0)],
    comps=[c("don", "Đơn đề nghị tách thửa, hợp thửa đất (mẫu 01/ĐK)"), GCN,
           c("ban_ve_tach_thua", "Bản vẽ tách thửa, hợp thửa đất")],
    form=applicant("Họ và tên người sử dụng đất") + THUA[:2] + [DT,
        sel("yeu_cau", "Yêu cầu", [("tach", "Tách thửa"), ("hop", "Hợp thửa")]),
        integer("so_thua_moi", "Số thửa sau khi tách hoặc hợp", 1, 50)])

add(F, "1.012764", "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", 7, "full",
    fees=[le_phi("le_phi", "Lệ phí cấp đổi Giấy chứng nhận", 50000)],
    comps=[c("don", "Đơn đăng ký biến động (mẫu 11/ĐK)"), GCN],
    form=applicant() + THUA[:2] + [area("ly_do", "Lý do cấp đổi (bị ố, nhòe, rách, hư hỏng; đo đạc lại…)", max_len=500)])

add(F, "1.012765", "Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do bị mất", 10, "partial",
    fees=[le_phi("le_phi", "Lệ phí cấp lại Giấy chứng nhận", 50000)],
    comps=[c("don", "Đơn đề nghị cấp lại Giấy chứng nhận do bị mất (mẫu 11/ĐK)"),
           c("xac_nhan_mat", "Giấy xác nhận của UBND cấp xã về việc đã niêm yết thông báo mất giấy"), CCCD],
    form=applicant() + THUA + [date("ngay_mat", "Ngày phát hiện mất Giấy chứng nhận")])

add(F, "1.012766", "Đính chính Giấy chứng nhận đã cấp", 10, "full", pay=False,
    comps=[c("don", "Đơn đề nghị đính chính Giấy chứng nhận"), GCN,
           c("giay_to_lien_quan", "Giấy tờ liên quan đến nội dung đính chính", False, True)],
    form=applicant() + THUA[:2] + [area("noi_dung_sai", "Nội dung sai sót cần đính chính", max_len=1000)])
