"""chungthuc.py — Chứng thực (certification of copies, signatures, contracts; Decree 23/2015)."""
from .common import *

F = Field("chung_thuc", "Chứng thực", "commune", ["commune"], who="both",
          wf=wf_xa("Công chức tư pháp - hộ tịch kiểm tra, chứng thực", "Chủ tịch hoặc Phó Chủ tịch UBND xã ký chứng thực"))
TRANG = [le_phi("trang_1_2", "Lệ phí chứng thực bản sao: trang thứ nhất và thứ hai (mỗi trang)", 2000),
         le_phi("trang_3", "Từ trang thứ ba trở lên: 1.000 đồng/trang, tối đa 200.000 đồng/bản", 1000)]
SO_BAN = integer("so_ban", "Số bản sao cần chứng thực", 1, 50)
SO_TRANG = integer("so_trang", "Số trang của giấy tờ", 1, 500)
HD = sel("loai_hop_dong", "Loại hợp đồng, giao dịch", [
    ("chuyen_nhuong", "Chuyển nhượng quyền sử dụng đất"), ("tang_cho", "Tặng cho quyền sử dụng đất, nhà ở"),
    ("the_chap", "Thế chấp quyền sử dụng đất, nhà ở"), ("thue", "Thuê, cho thuê"),
    ("dong_san", "Mua bán, tặng cho động sản"), ("uy_quyen", "Hợp đồng ủy quyền")])

add(F, "2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận",
    "sd", "partial", r1500=True, res="both", fees=TRANG,
    comps=[c("ban_chinh", "Bản chính giấy tờ, văn bản làm cơ sở chứng thực bản sao"),
           c("ban_sao", "Bản sao cần chứng thực (nếu người yêu cầu tự chuẩn bị)", False)],
    form=applicant("Họ và tên người yêu cầu chứng thực") + [
        text("ten_giay_to", "Tên giấy tờ, văn bản cần chứng thực", max_len=300), SO_TRANG, SO_BAN], cam=False)

add(F, "2.000908", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận",
    "sd", "partial", r1500=True, res="paper", kinds=["commune", "district"], fees=TRANG,
    comps=[c("ban_chinh", "Bản chính giấy tờ, văn bản đã được hợp pháp hóa lãnh sự (trừ trường hợp được miễn)"),
           c("ban_sao", "Bản sao cần chứng thực", False)],
    form=applicant("Họ và tên người yêu cầu chứng thực") + [
        text("ten_giay_to", "Tên giấy tờ, văn bản", max_len=300), text("quoc_gia_cap", "Quốc gia cấp", max_len=100),
        SO_TRANG, SO_BAN], cam=False)

add(F, "2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)",
    "sd", "partial", r1500=True, res="paper",
    fees=[le_phi("le_phi", "Lệ phí chứng thực chữ ký (mỗi trường hợp)", 10000)],
    comps=[CCCD, c("giay_to_ky", "Giấy tờ, văn bản mà mình sẽ ký")],
    form=applicant("Họ và tên người yêu cầu chứng thực chữ ký") + [
        text("ten_giay_to", "Tên giấy tờ, văn bản cần chứng thực chữ ký", max_len=300),
        sel("hinh_thuc", "Hình thức", [("ky", "Chứng thực chữ ký"), ("diem_chi", "Chứng thực điểm chỉ")])])

add(F, "2.000913", "Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật",
    "sd", "partial", r1500=True, res="paper", kinds=["commune", "district"],
    fees=[le_phi("le_phi", "Lệ phí chứng thực chữ ký người dịch (mỗi trường hợp)", 10000)],
    comps=[CCCD, c("ban_dich", "Bản dịch đính kèm giấy tờ, văn bản cần dịch"),
           c("bang_ngoai_ngu", "Bản sao bằng tốt nghiệp đại học ngoại ngữ hoặc chứng chỉ tương đương", True, True)],
    form=applicant("Họ và tên người dịch") + [
        text("ngon_ngu", "Ngôn ngữ dịch", max_len=100), text("ten_giay_to", "Tên giấy tờ được dịch", max_len=300)])

add(F, "2.001035", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở",
    2, "partial", res="paper",
    fees=[le_phi("le_phi", "Lệ phí chứng thực hợp đồng, giao dịch", 50000)],
    comps=[c("du_thao_hop_dong", "Dự thảo hợp đồng, giao dịch"), CCCD,
           c("gcn_quyen_su_dung", "Bản sao Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở", True, True),
           c("giay_to_tai_san", "Giấy tờ về tài sản là động sản (đối với động sản có đăng ký)", False)],
    form=applicant("Họ và tên người yêu cầu chứng thực") + [HD,
        text("ben_con_lai", "Họ và tên bên còn lại của hợp đồng", max_len=200),
        text("tai_san", "Tài sản (số thửa, tờ bản đồ hoặc mô tả tài sản)", max_len=500)])

add(F, "2.001019", "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở",
    2, "none", res="paper",
    fees=[le_phi("le_phi", "Lệ phí chứng thực văn bản thỏa thuận phân chia di sản", 50000)],
    comps=[c("du_thao_van_ban", "Dự thảo văn bản thỏa thuận phân chia di sản"), CCCD,
           c("giay_chung_tu", "Bản sao Giấy chứng tử của người để lại di sản", True, True),
           c("giay_to_quan_he", "Giấy tờ chứng minh quan hệ giữa người để lại di sản và người được hưởng"),
           c("gcn_tai_san", "Bản sao giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản", True, True)],
    form=applicant() + [text("ho_ten_nguoi_de_lai", "Họ và tên người để lại di sản", max_len=100),
        integer("so_nguoi_thua_ke", "Số người thừa kế", 1, 50), text("tai_san", "Di sản", max_len=500)])

add(F, "2.001044", "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", 2, "partial", res="paper",
    fees=[le_phi("le_phi", "Lệ phí chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch", 30000)],
    comps=[c("du_thao", "Dự thảo văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch"),
           c("hop_dong_da_chung_thuc", "Hợp đồng, giao dịch đã được chứng thực", True, True), CCCD],
    form=applicant() + [HD, sel("noi_dung", "Nội dung yêu cầu",
        [("sua_doi", "Sửa đổi"), ("bo_sung", "Bổ sung"), ("huy_bo", "Hủy bỏ")])])

add(F, "2.001050", "Sửa lỗi sai sót trong hợp đồng, giao dịch", "sd", "none", r1500=True, res="paper",
    fees=[le_phi("le_phi", "Lệ phí sửa lỗi sai sót trong hợp đồng, giao dịch", 25000)],
    comps=[c("hop_dong_da_chung_thuc", "Hợp đồng, giao dịch đã được chứng thực có sai sót", True, True), CCCD],
    form=applicant() + [area("noi_dung_sai_sot", "Nội dung sai sót cần sửa", max_len=1000)])

add(F, "2.001052", "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực",
    "sd", "full", r1500=True, res="both",
    fees=[le_phi("le_phi", "Lệ phí cấp bản sao: 2.000 đồng/trang (từ trang thứ ba 1.000 đồng/trang)", 2000)],
    comps=[c("phieu_yeu_cau", "Phiếu yêu cầu cấp bản sao"), CCCD],
    form=applicant() + [text("so_chung_thuc", "Số chứng thực của hợp đồng, giao dịch", max_len=50), SO_BAN])
