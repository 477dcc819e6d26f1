"""laodong2.py — Việc làm, lao động nước ngoài, quan hệ lao động, an toàn lao động, giáo dục
nghề nghiệp (Sở Nội vụ since 1 March 2025; Decree 152/2020 as amended by 70/2023)."""
from .common import *

WF_SNV = wf_so("Phòng Lao động - Việc làm thẩm định hồ sơ", "Lãnh đạo Sở Nội vụ ký")
F = Field("viec_lam", "Việc làm", "department", ["department"], who="business", cam=True, wf=WF_SNV, since="2025-03-01")
FQ = Field("quan_he_lao_dong", "Lao động, tiền lương và quan hệ lao động", "department", ["department"], who="business", wf=WF_SNV, since="2025-03-01")
FA = Field("an_toan_lao_dong", "An toàn, vệ sinh lao động", "department", ["department"], who="business", wf=WF_SNV, since="2025-03-01")
FN = Field("giao_duc_nghe_nghiep", "Giáo dục nghề nghiệp", "department", ["department"], who="business",
           wf=wf_so("Phòng Giáo dục nghề nghiệp thẩm định", "Lãnh đạo Sở Giáo dục và Đào tạo ký"), since="2025-03-01")
NLD = [text("ho_ten_nld", "Họ và tên người lao động nước ngoài", max_len=100), text("quoc_tich", "Quốc tịch", max_len=100),
       text("so_ho_chieu", "Số hộ chiếu", max_len=20, pattern="^[A-Z0-9]{6,20}$"),
       sel("vi_tri", "Vị trí công việc", [("quan_ly", "Nhà quản lý"), ("giam_doc", "Giám đốc điều hành"),
           ("chuyen_gia", "Chuyên gia"), ("ky_thuat", "Lao động kỹ thuật")])]
HC = c("ho_chieu", "Bản sao hộ chiếu còn giá trị")

add(F, "1.000459", "Giải quyết hưởng trợ cấp thất nghiệp", 20, "full", who="citizen",
    comps=[c("de_nghi", "Đề nghị hưởng trợ cấp thất nghiệp (mẫu số 03)"),
           c("cham_dut_hdld", "Bản sao hợp đồng lao động đã hết hạn hoặc quyết định thôi việc"),
           c("so_bhxh", "Sổ bảo hiểm xã hội", True, True)],
    form=applicant() + [text("don_vi_cu", "Tên đơn vị đã làm việc", max_len=300), date("ngay_nghi_viec", "Ngày chấm dứt hợp đồng lao động"),
        integer("so_thang_dong", "Số tháng đóng bảo hiểm thất nghiệp", 12, 600)],
    wf=wf_so("Trung tâm Dịch vụ việc làm thẩm định, trình quyết định", "Lãnh đạo Sở Nội vụ ký quyết định"))

add(F, "1.000105", "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", 10, "full",
    fees=[le_phi("le_phi", "Lệ phí cấp giấy phép lao động", 600000)],
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị cấp giấy phép lao động (mẫu số 11/PLI)"), c("gksk", "Giấy chứng nhận sức khỏe"),
           c("lltp", "Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải người phạm tội"),
           c("chung_minh_chuyen_mon", "Văn bản chứng minh là nhà quản lý, chuyên gia, lao động kỹ thuật"), HC,
           c("chap_thuan_nhu_cau", "Văn bản chấp thuận nhu cầu sử dụng lao động nước ngoài", True, True)],
    form=company()[:2] + [phone()] + NLD)

add(F, "1.000106", "Cấp lại giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam", 5, "full",
    fees=[le_phi("le_phi", "Lệ phí cấp lại giấy phép lao động", 450000)],
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị cấp lại giấy phép lao động"), c("gpld_cu", "Giấy phép lao động đã cấp (trừ trường hợp bị mất)", False, True), HC],
    form=company()[:2] + [phone()] + NLD[:3] + [text("so_gpld", "Số giấy phép lao động đã cấp", max_len=30)])

add(F, "1.000107", "Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động", 5, "full",
    fees=[le_phi("le_phi", "Lệ phí xác nhận không thuộc diện cấp giấy phép lao động", 450000)],
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị xác nhận (mẫu số 09/PLI)"), c("giay_to_chung_minh", "Giấy tờ chứng minh thuộc diện không cấp giấy phép lao động"), HC],
    form=company()[:2] + [phone()] + NLD)

add(F, "1.001865", "Cấp giấy phép hoạt động dịch vụ việc làm của doanh nghiệp", 10, "partial", res="paper",
    fees=[le_phi("le_phi", "Lệ phí cấp giấy phép hoạt động dịch vụ việc làm", 1000000)], pay=False,
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị cấp giấy phép"), c("ky_quy", "Giấy chứng nhận tiền ký quỹ hoạt động dịch vụ việc làm"),
           c("dkdn", "Giấy chứng nhận đăng ký doanh nghiệp", True, True), c("tru_so", "Giấy tờ chứng minh địa điểm hoạt động")],
    form=company() + [text("dia_diem", "Địa điểm đặt trụ sở, chi nhánh", max_len=300)])

add(FQ, "1.000116", "Đăng ký nội quy lao động của doanh nghiệp", 7, "full", res="electronic",
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị đăng ký nội quy lao động"), c("noi_quy", "Nội quy lao động"),
           c("y_kien_cong_doan", "Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở (nếu có)", False)],
    form=company() + [integer("so_lao_dong", "Số lao động đang sử dụng", 10, 1000000)])

add(FA, "1.000117", "Khai báo sử dụng máy, thiết bị, vật tư có yêu cầu nghiêm ngặt về an toàn lao động", 5, "full", res="electronic",
    comps=[c("phieu_khai_bao", "Phiếu khai báo sử dụng máy, thiết bị (Phụ lục Ia Nghị định 44/2016)"),
           c("ket_qua_kiem_dinh", "Bản sao Giấy chứng nhận kết quả kiểm định")],
    form=company() + [text("ten_thiet_bi", "Tên máy, thiết bị", max_len=300),
        text("so_kiem_dinh", "Số giấy chứng nhận kết quả kiểm định", max_len=50)])

add(FN, "1.000118", "Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp đối với trung tâm giáo dục nghề nghiệp, doanh nghiệp",
    10, "partial", elig=True,
    comps=[c("van_ban_de_nghi", "Văn bản đề nghị cấp giấy chứng nhận đăng ký hoạt động"),
           c("bao_cao", "Báo cáo thực trạng cơ sở vật chất, thiết bị, chương trình, nhà giáo"),
           c("quyet_dinh_thanh_lap", "Quyết định thành lập hoặc giấy chứng nhận đăng ký doanh nghiệp", True, True)],
    form=company() + [text("nganh_nghe_dao_tao", "Ngành, nghề đào tạo", max_len=500), integer("quy_mo", "Quy mô tuyển sinh/năm", 1, 100000)])
