"""yte.py — Sở Y tế: khám bệnh, chữa bệnh (Luật 2023, Decree 96/2023) and giám định y khoa."""
from .common import *

F = Field("kham_chua_benh", "Khám bệnh, chữa bệnh", "department", ["department"], cam=True,
          wf=wf_so("Phòng Nghiệp vụ Y thẩm định hồ sơ", "Giám đốc Sở Y tế ký"), since="2023-12-20")
FGD = Field("giam_dinh_y_khoa", "Giám định y khoa", "department", ["department"],
            wf=wf_so("Trung tâm Giám định y khoa tổ chức khám giám định", "Hội đồng giám định y khoa kết luận"))
CD = sel("chuc_danh", "Chức danh chuyên môn", [("bac_si", "Bác sĩ"), ("y_si", "Y sĩ"), ("dieu_duong", "Điều dưỡng"),
         ("ho_sinh", "Hộ sinh"), ("ky_thuat_y", "Kỹ thuật y"), ("dinh_duong", "Dinh dưỡng lâm sàng"),
         ("luong_y", "Lương y")])
PV = text("pham_vi", "Phạm vi hành nghề đề nghị", max_len=500)
VB = c("van_bang", "Bản sao văn bằng chuyên môn phù hợp", True, True)
GKSK = c("gksk", "Giấy chứng nhận đủ sức khỏe để hành nghề khám bệnh, chữa bệnh", True, True)
SO_GP = text("so_giay_phep", "Số giấy phép hành nghề", max_len=30)
CS = [text("ten_co_so", "Tên cơ sở khám bệnh, chữa bệnh", max_len=300), text("dia_chi_co_so", "Địa chỉ cơ sở", max_len=300)]

add(F, "1.012290", "Cấp mới giấy phép hành nghề đối với chức danh chuyên môn là bác sĩ, y sĩ, điều dưỡng, hộ sinh, kỹ thuật y, dinh dưỡng lâm sàng",
    ("d", 30), "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp giấy phép hành nghề khám bệnh, chữa bệnh", 360000)],
    comps=[c("don", "Đơn đề nghị cấp mới giấy phép hành nghề (mẫu 01 Phụ lục I)"), VB, GKSK,
           c("giay_xac_nhan_kiem_tra", "Giấy xác nhận đạt kiểm tra đánh giá năng lực hành nghề", True, True), CCCD],
    form=applicant("Họ và tên người đề nghị") + [CD, PV, text("van_bang", "Văn bằng chuyên môn", max_len=200)])

add(F, "1.012291", "Gia hạn giấy phép hành nghề khám bệnh, chữa bệnh", ("d", 30), "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định gia hạn giấy phép hành nghề", 200000)],
    comps=[c("don", "Đơn đề nghị gia hạn giấy phép hành nghề"), GKSK,
           c("cap_nhat_kien_thuc", "Giấy tờ chứng minh đã cập nhật kiến thức y khoa liên tục")],
    form=applicant() + [SO_GP, CD, date("ngay_het_han", "Ngày hết hạn giấy phép", past=False)])

add(F, "1.012292", "Cấp lại giấy phép hành nghề khám bệnh, chữa bệnh do bị mất, hư hỏng hoặc bị thu hồi", ("d", 10), "full",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp lại giấy phép hành nghề", 150000)],
    comps=[c("don", "Đơn đề nghị cấp lại giấy phép hành nghề"), c("anh", "Ảnh chân dung 4x6 nền trắng"),
           c("giay_phep_cu", "Bản gốc giấy phép hành nghề (trường hợp hư hỏng)", False, True)],
    form=applicant() + [SO_GP, sel("ly_do", "Lý do cấp lại", [("mat", "Bị mất"), ("hu_hong", "Bị hư hỏng"), ("thu_hoi", "Bị thu hồi")])])

add(F, "1.012293", "Điều chỉnh giấy phép hành nghề khám bệnh, chữa bệnh (thay đổi, bổ sung phạm vi hành nghề)", ("d", 30), "partial",
    elig=True, fees=[phi("phi_tham_dinh", "Phí thẩm định điều chỉnh giấy phép hành nghề", 150000)],
    comps=[c("don", "Đơn đề nghị điều chỉnh giấy phép hành nghề"), c("giay_to_dao_tao", "Giấy tờ chứng nhận đào tạo phù hợp phạm vi bổ sung"),
           c("giay_phep_cu", "Giấy phép hành nghề đã cấp", True, True)],
    form=applicant() + [SO_GP, PV])

add(F, "1.012300", "Cấp mới giấy phép hoạt động đối với phòng khám đa khoa", ("d", 60), "partial", who="business", res="both",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp giấy phép hoạt động phòng khám đa khoa", 5700000)],
    comps=[c("don", "Đơn đề nghị cấp mới giấy phép hoạt động"), c("danh_sach_nhan_su", "Danh sách người hành nghề, người làm việc"),
           c("ke_khai_thiet_bi", "Bản kê khai cơ sở vật chất, thiết bị y tế"), c("dkdn", "Giấy chứng nhận đăng ký doanh nghiệp", True, True)],
    form=company() + CS + [integer("so_chuyen_khoa", "Số chuyên khoa", 2, 30)],
    wf=wf(step("tham_dinh_ho_so", "Phòng Nghiệp vụ Y thẩm định hồ sơ", "specialist", "handling", 0.35),
          step("tham_dinh_thuc_te", "Đoàn thẩm định kiểm tra thực tế tại cơ sở", "specialist", "handling", 0.35),
          step("phe_duyet", "Giám đốc Sở Y tế ký giấy phép hoạt động", "unit_leader", "handling", 0.2)))

add(F, "1.012301", "Cấp mới giấy phép hoạt động đối với phòng khám chuyên khoa", ("d", 60), "partial", who="business",
    fees=[phi("phi_tham_dinh", "Phí thẩm định cấp giấy phép hoạt động phòng khám chuyên khoa", 4300000)],
    comps=[c("don", "Đơn đề nghị cấp mới giấy phép hoạt động"), c("danh_sach_nhan_su", "Danh sách người hành nghề"),
           c("ke_khai_thiet_bi", "Bản kê khai cơ sở vật chất, thiết bị y tế"), c("dkdn", "Giấy chứng nhận đăng ký doanh nghiệp", False, True)],
    form=applicant("Họ và tên người chịu trách nhiệm chuyên môn") + CS + [
        sel("chuyen_khoa", "Chuyên khoa", [("noi", "Nội"), ("ngoai", "Ngoại"), ("san", "Phụ sản"), ("nhi", "Nhi"),
            ("rhm", "Răng hàm mặt"), ("tmh", "Tai mũi họng"), ("mat", "Mắt"), ("da_lieu", "Da liễu"), ("yhct", "Y học cổ truyền")])])

add(FGD, "1.012320", "Khám giám định y khoa lần đầu", ("d", 30), "partial", res="paper",
    fees=[phi("phi_giam_dinh", "Phí giám định y khoa (tùy nội dung giám định)", 1000000)], pay=False,
    comps=[c("giay_de_nghi", "Giấy đề nghị khám giám định y khoa"), c("ho_so_benh_an", "Bản sao hồ sơ bệnh án, giấy ra viện", True, True),
           CCCD, c("bien_ban_tai_nan", "Biên bản điều tra tai nạn lao động (nếu giám định tai nạn lao động)", False)],
    form=applicant("Họ và tên người được giám định") + [sel("noi_dung", "Nội dung giám định", [("tai_nan_ld", "Tai nạn lao động"),
        ("benh_nghe_nghiep", "Bệnh nghề nghiệp"), ("huu_tri", "Nghỉ hưu trước tuổi"), ("tro_cap", "Hưởng trợ cấp"), ("khac", "Khác")]),
        date("ngay_su_kien", "Ngày xảy ra tai nạn hoặc phát hiện bệnh", req=False)])
