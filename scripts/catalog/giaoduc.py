"""giaoduc.py — Giáo dục và Đào tạo: văn bằng, chứng chỉ; transfers; recognition of lower
secondary graduation (commune since 1 July 2025); private schools and centres."""
from .common import *

F = Field("giao_duc", "Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân", "department", ["department"], cam=True,
          wf=wf_so("Phòng chuyên môn Sở Giáo dục và Đào tạo xem xét hồ sơ", "Lãnh đạo Sở Giáo dục và Đào tạo ký"))
FV = Field("van_bang_chung_chi", "Văn bằng, chứng chỉ", "department", ["department"],
           wf=wf_so("Phòng Quản lý chất lượng kiểm tra sổ gốc", "Lãnh đạo Sở Giáo dục và Đào tạo ký", 0.6, 0.3))
WF_XA = wf_xa("Phòng Văn hóa - Xã hội xã thẩm định hồ sơ", "Chủ tịch UBND xã ký")
HS = [text("ho_ten_hoc_sinh", "Họ và tên học sinh", max_len=100), date("ngay_sinh_hoc_sinh", "Ngày sinh của học sinh"),
      idn("so_dinh_danh_hoc_sinh", "Số định danh cá nhân của học sinh")]
VB = sel("loai_van_bang", "Loại văn bằng, chứng chỉ", [("thpt", "Bằng tốt nghiệp trung học phổ thông"),
         ("thcs", "Bằng tốt nghiệp trung học cơ sở"), ("chung_chi", "Chứng chỉ (ngoại ngữ, tin học)")])

add(FV, "1.005092", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "sd", "full", r1500=True,
    comps=[c("don", "Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc"), CCCD, UQ],
    form=applicant("Họ và tên người được cấp văn bằng") + [VB, integer("nam_tot_nghiep", "Năm tốt nghiệp", 1975, 2100),
        text("truong", "Trường đã học", max_len=300), integer("so_ban", "Số bản sao", 1, 10)])

add(FV, "1.005093", "Chỉnh sửa nội dung văn bằng, chứng chỉ", 5, "partial", elig=True,
    comps=[c("don", "Đơn đề nghị chỉnh sửa văn bằng, chứng chỉ"), c("van_bang", "Văn bằng, chứng chỉ đề nghị chỉnh sửa", True, True),
           c("quyet_dinh_thay_doi", "Trích lục hoặc quyết định cho phép thay đổi, cải chính hộ tịch", True, True), CCCD],
    form=applicant() + [VB, text("noi_dung_sai", "Nội dung cần chỉnh sửa", max_len=300)])

add(F, "1.005094", "Công nhận tốt nghiệp trung học cơ sở", 10, "none", lvl="commune", kinds=["commune", "district"],
    res="paper", wf=WF_XA, who="both",
    comps=[c("danh_sach", "Danh sách học sinh đề nghị công nhận tốt nghiệp của nhà trường"),
           c("bien_ban_xet", "Biên bản xét công nhận tốt nghiệp của Hội đồng xét")],
    form=[text("ten_truong", "Tên trường trung học cơ sở", max_len=300), text("ho_ten", "Họ và tên Hiệu trưởng", max_len=100),
          phone(), integer("so_hoc_sinh", "Số học sinh đề nghị công nhận", 1, 2000), integer("nam_hoc", "Năm học (năm kết thúc)", 2020, 2100)])

add(F, "1.005095", "Chuyển trường đối với học sinh trung học phổ thông", 3, "full", res="electronic",
    comps=[c("don", "Đơn xin chuyển trường của cha mẹ hoặc người giám hộ"), c("hoc_ba", "Học bạ", True, True),
           c("giay_gioi_thieu", "Giấy giới thiệu chuyển trường của trường nơi đi", False)],
    form=applicant("Họ và tên cha, mẹ hoặc người giám hộ") + HS + [text("truong_di", "Trường đang học", max_len=300),
        text("truong_den", "Trường xin chuyển đến", max_len=300)])

add(F, "1.005096", "Chuyển trường đối với học sinh trung học cơ sở", 3, "full", lvl="commune", kinds=["commune", "district"],
    res="electronic", wf=WF_XA,
    comps=[c("don", "Đơn xin chuyển trường"), c("hoc_ba", "Học bạ", True, True)],
    form=applicant("Họ và tên cha, mẹ hoặc người giám hộ") + HS + [text("truong_den", "Trường xin chuyển đến", max_len=300)])

add(F, "1.005097", "Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", ("d", 20), "partial", who="business",
    comps=[c("to_trinh", "Tờ trình đề nghị cho phép hoạt động giáo dục"), c("quyet_dinh_thanh_lap", "Quyết định thành lập trung tâm", True, True),
           c("chuong_trinh", "Chương trình, tài liệu giảng dạy"), c("danh_sach_giao_vien", "Danh sách giáo viên và văn bằng")],
    form=company() + [text("ten_trung_tam", "Tên trung tâm", max_len=300), text("dia_diem", "Địa điểm hoạt động", max_len=300)])

add(F, "1.005098", "Cho phép trường mầm non, nhà trẻ tư thục hoạt động giáo dục", ("d", 20), "partial", lvl="commune",
    kinds=["commune", "district"], who="business", wf=WF_XA,
    comps=[c("to_trinh", "Tờ trình đề nghị cho phép hoạt động giáo dục"), c("quyet_dinh_thanh_lap", "Quyết định thành lập", True, True),
           c("danh_sach_can_bo", "Danh sách cán bộ quản lý, giáo viên"), c("co_so_vat_chat", "Giấy tờ về cơ sở vật chất, thiết bị")],
    form=company() + [text("ten_truong", "Tên trường", max_len=300), integer("so_tre", "Số trẻ dự kiến", 1, 2000)])

add(F, "1.005099", "Xét miễn, giảm học phí và hỗ trợ chi phí học tập", 10, "full", lvl="commune", kinds=["commune"], wf=WF_XA,
    comps=[c("don", "Đơn đề nghị miễn, giảm học phí, hỗ trợ chi phí học tập"),
           c("giay_to_doi_tuong", "Giấy tờ chứng minh thuộc đối tượng miễn, giảm (hộ nghèo, khuyết tật…)", True, True)],
    form=applicant("Họ và tên cha, mẹ hoặc người giám hộ") + HS[:1] + [text("truong", "Trường đang học", max_len=300),
        sel("doi_tuong", "Đối tượng", [("ho_ngheo", "Hộ nghèo"), ("can_ngheo", "Hộ cận nghèo"), ("khuyet_tat", "Người khuyết tật"),
            ("mo_coi", "Mồ côi"), ("nguoi_co_cong", "Con của người có công")])])

add(F, "1.005100", "Phúc khảo bài thi tốt nghiệp trung học phổ thông", ("d", 15), "partial", res="electronic",
    comps=[c("don", "Đơn đề nghị phúc khảo bài thi"), CCCD],
    form=applicant("Họ và tên thí sinh") + [text("so_bao_danh", "Số báo danh", max_len=8, pattern="^[0-9]{8}$"),
        sel("mon", "Bài thi đề nghị phúc khảo", [("toan", "Toán"), ("van", "Ngữ văn"), ("ngoai_ngu", "Ngoại ngữ"),
            ("tu_chon", "Môn tự chọn")])])

add(F, "1.005088", "Cấp giấy phép tổ chức hoạt động dạy thêm, học thêm (bãi bỏ theo Thông tư 29/2024/TT-BGDĐT)", 10, "none",
    res="paper", active=False, who="both",
    comps=[c("don", "Đơn đề nghị cấp giấy phép tổ chức dạy thêm"), c("danh_sach_giao_vien", "Danh sách người dạy thêm")],
    form=applicant("Họ và tên người tổ chức dạy thêm") + [text("dia_diem", "Địa điểm dạy thêm", max_len=300)])
