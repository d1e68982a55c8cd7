"""The demo district's raw material: fictional place names, Vietnamese names, titles and the
texts that fill meetings, visits, concerns and notes. Data only; `store.demo` composes it.

Everything is fictional: names are drawn at random from common Vietnamese surnames, middle
and given names; the province and district do not exist.
"""

PROVINCE = "Sơn Nam"
DISTRICT = "An Hòa"

# (surname, weight): roughly how common each is.
SURNAMES = (
    ("Nguyễn", 30),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Vũ", 4),
    ("Phan", 3),
    ("Đặng", 3),
    ("Bùi", 3),
    ("Đỗ", 3),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 2),
    ("Đào", 2),
    ("Lý", 1),
    ("Trịnh", 1),
    ("Đinh", 1),
    ("Lương", 1),
    ("Mai", 1),
    ("Tạ", 1),
    ("Cao", 1),
    ("Chu", 1),
    ("Lưu", 1),
    ("Kiều", 1),
)
MIDDLE = {
    "male": (
        "Văn",
        "Văn",
        "Văn",
        "Đức",
        "Minh",
        "Quang",
        "Hữu",
        "Công",
        "Xuân",
        "Thanh",
        "Ngọc",
        "Đình",
        "Tiến",
        "Mạnh",
        "Trọng",
        "Hồng",
        "Bá",
        "Anh",
    ),
    "female": (
        "Thị",
        "Thị",
        "Thị",
        "Thu",
        "Thanh",
        "Ngọc",
        "Minh",
        "Hồng",
        "Kim",
        "Thúy",
        "Phương",
        "Bích",
        "Mai",
        "Diệu",
        "Hải",
    ),
}
GIVEN = {
    "male": (
        "An",
        "Ấn",
        "Bình",
        "Cường",
        "Chiến",
        "Dũng",
        "Dương",
        "Đạt",
        "Điệp",
        "Đông",
        "Giang",
        "Hải",
        "Hiếu",
        "Hòa",
        "Hoàng",
        "Hùng",
        "Huy",
        "Hưng",
        "Khánh",
        "Khoa",
        "Kiên",
        "Lâm",
        "Long",
        "Lực",
        "Mạnh",
        "Minh",
        "Nam",
        "Nghĩa",
        "Phong",
        "Phúc",
        "Quân",
        "Quang",
        "Quyết",
        "Sơn",
        "Tài",
        "Thắng",
        "Thành",
        "Thịnh",
        "Toàn",
        "Trung",
        "Tuấn",
        "Tùng",
        "Việt",
        "Vinh",
        "Vượng",
    ),
    "female": (
        "Anh",
        "Bích",
        "Chi",
        "Dung",
        "Duyên",
        "Dương",
        "Đào",
        "Hà",
        "Hằng",
        "Hạnh",
        "Hiền",
        "Hoa",
        "Huệ",
        "Hương",
        "Lan",
        "Liên",
        "Linh",
        "Loan",
        "Mai",
        "Ngân",
        "Nga",
        "Nhung",
        "Oanh",
        "Phương",
        "Quyên",
        "Tâm",
        "Thảo",
        "Thủy",
        "Trang",
        "Tuyết",
        "Vân",
        "Yến",
        "Xuân",
    ),
}
# Given to the first people generated, so that diacritic-insensitive search can be tried:
# "nguyen van an" finds "Nguyễn Văn Ấn", "dao" finds "Đào", "duong" finds "Dương".
FEATURED_NAMES = (
    ("Nguyễn Văn Ấn", "male"),
    ("Đào Thị Hương", "female"),
    ("Dương Minh Đức", "male"),
    ("Lê Thị Đào", "female"),
)

# Commune names of the district (the first ones), then syllables for a province's many.
COMMUNES = (
    "Tân Tiến",
    "Đào Xá",
    "Dương Liễu",
    "Hòa Bình",
    "Đông Phong",
    "Yên Lạc",
    "Phú Thịnh",
    "Minh Đức",
    "Thanh Xuân",
    "Hưng Đạo",
    "Quang Trung",
    "Tân Lập",
)
SYLLABLES_A = (
    "Tân",
    "Phú",
    "An",
    "Hòa",
    "Đông",
    "Yên",
    "Minh",
    "Thanh",
    "Hưng",
    "Quảng",
    "Xuân",
    "Long",
    "Bình",
    "Đại",
    "Hồng",
    "Kim",
    "Nghĩa",
    "Văn",
    "Trung",
    "Cẩm",
    "Vĩnh",
    "Thịnh",
    "Phúc",
    "Đức",
    "Lạc",
    "Mỹ",
    "Quỳnh",
    "Hải",
    "Sơn",
    "Liên",
)
SYLLABLES_B = (
    "Tiến",
    "Thịnh",
    "Lạc",
    "Bình",
    "Phong",
    "Đức",
    "Xuân",
    "Đạo",
    "Trung",
    "Lập",
    "Hưng",
    "Sơn",
    "Hà",
    "Lộc",
    "Phú",
    "Mỹ",
    "Thành",
    "Tân",
    "Hòa",
    "Khánh",
    "Định",
    "Cường",
    "Nghĩa",
    "Long",
    "Thủy",
    "Lâm",
    "Hải",
    "Dương",
    "An",
    "Vinh",
)
VILLAGES = (
    "Đông",
    "Đoài",
    "Nam",
    "Bắc",
    "Thượng",
    "Hạ",
    "Trung",
    "Đình",
    "Cầu",
    "Chợ",
    "Tiền",
    "Hậu",
    "Đồng Tâm",
    "Tân Lập",
    "Phú Mỹ",
    "An Lạc",
    "Đào Viên",
    "Lạc Thịnh",
    "Yên Trung",
    "Cổ Am",
    "Hòa Mỹ",
    "Thọ Vực",
    "Vân Điềm",
    "Quan Độ",
    "Trại",
)
SUB_VILLAGES = ("xóm 1", "xóm 2", "xóm 3", "xóm 4")

# Cells of a commune's agencies: (code suffix, name, sector).
COMMUNE_AGENCIES = (
    ("CQ", "Chi bộ Cơ quan xã {place}", "admin_agency"),
    ("MN", "Chi bộ Trường Mầm non {place}", "public_service"),
    ("TH", "Chi bộ Trường Tiểu học {place}", "public_service"),
    ("CS", "Chi bộ Trường THCS {place}", "public_service"),
    ("YT", "Chi bộ Trạm Y tế xã {place}", "public_service"),
    ("CA", "Chi bộ Công an xã {place}", "armed_forces"),
    ("QS", "Chi bộ Quân sự xã {place}", "armed_forces"),
)

# The district's other grassroots organizations: (code, name, kind, sector, standing
# committee, cells, sub-committees as (code, name, cells)). `{d}` is the district name.
AGENCY_ORGS = (
    (
        "CQD",
        "Đảng bộ các cơ quan Đảng huyện {d}",
        "grassroots_committee",
        "admin_agency",
        False,
        (
            "Văn phòng Huyện ủy",
            "Ban Tổ chức Huyện ủy",
            "Ban Tuyên giáo và Dân vận Huyện ủy",
            "Ủy ban Kiểm tra Huyện ủy",
        ),
        (),
    ),
    (
        "UB",
        "Đảng bộ Cơ quan Ủy ban nhân dân huyện {d}",
        "grassroots_committee",
        "admin_agency",
        False,
        (
            "Văn phòng HĐND và UBND huyện",
            "Phòng Nội vụ",
            "Phòng Tài chính - Kế hoạch",
            "Phòng Tư pháp",
            "Phòng Nông nghiệp và Môi trường",
            "Phòng Văn hóa, Khoa học và Thông tin",
            "Phòng Giáo dục và Đào tạo",
        ),
        (),
    ),
    ("TA", "Chi bộ Tòa án nhân dân huyện {d}", "grassroots_cell", "admin_agency", False, (), ()),
    (
        "VKS",
        "Chi bộ Viện Kiểm sát nhân dân huyện {d}",
        "grassroots_cell",
        "admin_agency",
        False,
        (),
        (),
    ),
    ("THPT", "Chi bộ Trường THPT Đào Duy Từ", "grassroots_cell", "public_service", False, (), ()),
    (
        "TTYT",
        "Đảng bộ Trung tâm Y tế huyện {d}",
        "grassroots_committee",
        "public_service",
        False,
        (
            "Khoa Nội - Nhi",
            "Khoa Ngoại - Sản",
            "Khoa Kiểm soát bệnh tật",
            "Phòng Hành chính - Tổng hợp",
        ),
        (),
    ),
    ("MAY", "Chi bộ Công ty Cổ phần May {d}", "grassroots_cell", "enterprise", False, (), ()),
    (
        "TL",
        "Đảng bộ Công ty TNHH Một thành viên Khai thác công trình thủy lợi {d}",
        "grassroots_committee",
        "enterprise",
        False,
        ("Văn phòng Công ty", "Xí nghiệp Thủy lợi số 1", "Xí nghiệp Thủy lợi số 2"),
        (),
    ),
    (
        "CA",
        "Đảng bộ Công an huyện {d}",
        "grassroots_committee",
        "armed_forces",
        True,
        (
            "Đội Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
            "Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        ),
        (
            (
                "CS",
                "Đảng bộ bộ phận Khối Cảnh sát",
                (
                    "Đội Cảnh sát giao thông - trật tự",
                    "Đội Cảnh sát điều tra tội phạm về trật tự xã hội",
                    "Đội Cảnh sát điều tra tội phạm về kinh tế và ma túy",
                ),
            ),
            (
                "AN",
                "Đảng bộ bộ phận Khối An ninh - Tham mưu",
                (
                    "Đội An ninh",
                    "Đội Tham mưu - Tổng hợp",
                    "Đội Cảnh sát quản lý hành chính về trật tự xã hội",
                ),
            ),
        ),
    ),
    (
        "QS",
        "Đảng bộ Quân sự huyện {d}",
        "grassroots_committee",
        "armed_forces",
        True,
        ("Cơ quan Tham mưu", "Cơ quan Chính trị", "Cơ quan Hậu cần - Kỹ thuật"),
        (),
    ),
)

# Supervisors' titles, most senior first.
TITLES = (
    "Bí thư Huyện ủy",
    "Phó Bí thư Thường trực Huyện ủy",
    "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện",
    "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Huyện ủy",
    "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Huyện ủy",
    "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo và Dân vận Huyện ủy",
    "Ủy viên Ban Thường vụ, Chánh Văn phòng Huyện ủy",
    "Ủy viên Ban Thường vụ, Phó Chủ tịch Thường trực UBND huyện",
    "Ủy viên Ban Thường vụ, Chủ tịch Ủy ban MTTQ Việt Nam huyện",
    "Ủy viên Ban Thường vụ, Chỉ huy trưởng Ban Chỉ huy Quân sự huyện",
    "Ủy viên Ban Thường vụ, Trưởng Công an huyện",
    "Huyện ủy viên, Phó Chủ tịch UBND huyện",
    "Huyện ủy viên, Phó Trưởng Ban Tổ chức Huyện ủy",
    "Huyện ủy viên, Phó Chủ nhiệm Ủy ban Kiểm tra Huyện ủy",
    "Huyện ủy viên, Phó Chánh Văn phòng Huyện ủy",
    "Huyện ủy viên, Trưởng phòng Nội vụ",
    "Huyện ủy viên, Trưởng phòng Tài chính - Kế hoạch",
    "Huyện ủy viên, Trưởng phòng Giáo dục và Đào tạo",
    "Huyện ủy viên, Trưởng phòng Nông nghiệp và Môi trường",
    "Huyện ủy viên, Giám đốc Trung tâm Y tế huyện",
    "Huyện ủy viên, Giám đốc Trung tâm Chính trị huyện",
    "Huyện ủy viên, Chánh án Tòa án nhân dân huyện",
    "Huyện ủy viên, Viện trưởng Viện Kiểm sát nhân dân huyện",
    "Huyện ủy viên, Chủ tịch Hội Nông dân huyện",
    "Huyện ủy viên, Chủ tịch Hội Liên hiệp Phụ nữ huyện",
    "Huyện ủy viên, Chủ tịch Liên đoàn Lao động huyện",
    "Huyện ủy viên, Bí thư Huyện đoàn",
    "Huyện ủy viên, Chủ tịch Hội Cựu chiến binh huyện",
    "Huyện ủy viên, Trưởng phòng Văn hóa, Khoa học và Thông tin",
    "Huyện ủy viên, Phó Trưởng Ban Tuyên giáo và Dân vận Huyện ủy",
)

REGULAR_TOPICS = {
    "village": (
        "Thu hoạch vụ mùa, làm đất gieo trồng vụ đông",
        "Vệ sinh môi trường, xây dựng khu dân cư kiểu mẫu",
        "Vận động ủng hộ Quỹ Vì người nghèo",
        "Phòng, chống thiên tai, lụt bão",
        "Chuẩn bị Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư",
        "Kiến nghị của nhân dân về đường giao thông nội đồng",
        "Xây dựng nếp sống văn minh trong việc cưới, việc tang",
        "Tuyển chọn, gọi công dân nhập ngũ",
        "Phòng, chống dịch bệnh trên đàn gia súc, gia cầm",
        "Kiểm điểm việc thực hiện nghị quyết tháng trước",
    ),
    "agency": (
        "Đánh giá kết quả công tác chuyên môn, nhiệm vụ tháng tới",
        "Cải cách hành chính, chuyển đổi số trong cơ quan",
        "Thực hành tiết kiệm, chống lãng phí",
        "Triển khai kế hoạch kiểm tra, giám sát của chi bộ",
        "Nâng cao chất lượng phục vụ người dân và doanh nghiệp",
        "Kiểm điểm việc thực hiện nghị quyết tháng trước",
        "Thực hiện quy chế dân chủ trong cơ quan",
    ),
}
THEMATIC_TOPICS = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Phát huy vai trò tiền phong, gương mẫu của đảng viên nơi cư trú",
    "Xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
    "Phát triển đảng viên trong đoàn viên thanh niên",
    "Phòng, chống suy thoái về tư tưởng chính trị, đạo đức, lối sống",
    "Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch",
    "Chuyển đổi số trong sinh hoạt chi bộ",
    "Giữ gìn an ninh chính trị, trật tự an toàn xã hội ở cơ sở",
    "Phát triển kinh tế hộ gia đình, giảm nghèo bền vững",
    "Thực hiện dân chủ ở cơ sở",
    "Xây dựng gia đình văn hóa, khu dân cư văn hóa",
)

# A supervisor's remarks by rating, each with the meeting facts (store.rules.facts) it states:
# a remark is only written of a meeting whose facts agree with it.
OBSERVATIONS = {
    "good": (
        (
            "Chi bộ chuẩn bị chu đáo, dự thảo nghị quyết gửi trước; đảng viên phát biểu sôi "
            "nổi, nội dung sát thực tế.",
            {"resolution_adopted": True},
        ),
        (
            "Sinh hoạt đúng trình tự, thời gian từ 90 phút trở lên; bí thư điều hành tốt, kết "
            "luận rõ người, rõ việc.",
            {"minimum_duration_met": True},
        ),
        (
            "Có nội dung chính trị tư tưởng, thông tin thời sự kịp thời; tự phê bình và phê bình "
            "thẳng thắn.",
            {},
        ),
    ),
    "fair": (
        ("Sinh hoạt đúng trình tự nhưng nội dung còn dàn trải, nặng về công việc chuyên môn.", {}),
        ("Ít đảng viên tham gia phát biểu; tự phê bình và phê bình còn hạn chế.", {}),
        (
            "Đảng viên dự đông đủ, nhưng nội dung chính trị tư tưởng còn mờ nhạt.",
            {"attendance_threshold_met": True, "no_unexcused_absence": True},
        ),
    ),
    "average": (
        ("Công tác chuẩn bị sơ sài, chưa có dự thảo nghị quyết gửi trước.", {}),
        ("Chưa kiểm điểm việc thực hiện nghị quyết kỳ trước.", {}),
        ("Bí thư điều hành còn lúng túng; đảng viên ít thảo luận.", {}),
    ),
    "poor": (
        ("Sinh hoạt hình thức, nội dung nghèo nàn.", {}),
        ("Không có thông tin thời sự, không có tự phê bình và phê bình.", {}),
    ),
}
# What a supervisor notes of each fact that is false of the meeting (figures filled in).
FACT_REMARKS = {
    "attendance_threshold_met": "Tỷ lệ đảng viên dự sinh hoạt {rate}%, chưa đạt yêu cầu.",
    "no_unexcused_absence": "Còn {unexcused} đảng viên vắng không lý do.",
    "minimum_duration_met": "Thời gian sinh hoạt ngắn ({minutes} phút).",
    "minutes_kept": "Biên bản ghi chưa đầy đủ.",
    "resolution_adopted": "Không ra nghị quyết, kết luận.",
}
RECOMMENDATIONS = {
    "good": (
        ("Duy trì nền nếp; chia sẻ cách chuẩn bị nội dung sinh hoạt với các chi bộ khác.", {}),
        ("Tiếp tục đổi mới nội dung, tăng thời lượng sinh hoạt chuyên đề.", {}),
    ),
    "fair": (
        (
            "Chi ủy họp trước để chuẩn bị nội dung; đôn đốc đảng viên dự đầy đủ.",
            {"attendance_threshold_met": False},
        ),
        ("Tăng cường nội dung chính trị tư tưởng, tự phê bình và phê bình.", {}),
        ("Kết luận cụ thể, rõ người, rõ việc, rõ thời hạn.", {}),
    ),
    "average": (
        (
            "Xây dựng dự thảo nghị quyết trước kỳ sinh hoạt; ghi biên bản đầy đủ theo mẫu.",
            {"minutes_kept": False},
        ),
        (
            "Bảo đảm thời gian sinh hoạt từ 90 phút; kiểm điểm việc thực hiện nghị quyết kỳ trước.",
            {"minimum_duration_met": False},
        ),
        ("Chi ủy họp trước để chuẩn bị nội dung; phân công rõ người, rõ việc.", {}),
    ),
    "poor": (
        (
            "Đề nghị Đảng ủy cử đồng chí đảng ủy viên trực tiếp dự, hướng dẫn chi bộ sinh hoạt "
            "lại theo đúng quy định.",
            {},
        ),
        ("Kiểm điểm trách nhiệm của chi ủy; xây dựng kế hoạch khắc phục trong tháng tới.", {}),
    ),
}
GOOD_PRACTICES = (
    "Mô hình “Mỗi tháng một đảng viên trình bày chuyên đề”: đảng viên thay phiên chuẩn bị và "
    "trình bày nội dung thời sự.",
    "Gửi dự thảo nghị quyết qua nhóm Zalo của chi bộ trước 3 ngày để đảng viên nghiên cứu, góp ý.",
    "Phân công đảng viên phụ trách hộ gia đình; báo cáo tình hình nhân dân tại mỗi kỳ sinh hoạt.",
    "Sổ theo dõi thực hiện nghị quyết: mỗi việc ghi người chịu trách nhiệm và thời hạn, kiểm điểm "
    "đầu kỳ sau.",
    "Mời trưởng các chi hội đoàn thể dự phần thông tin tình hình, sinh hoạt sát dân hơn.",
)
CANCEL_NOTES = (
    "Chi bộ lùi ngày sinh hoạt do trùng lịch tiếp công dân.",
    "Đồng chí phụ trách đi công tác đột xuất; hẹn dự kỳ sau.",
    "Hoãn do mưa bão, chi bộ sinh hoạt bù vào tuần sau.",
)

CONCERNS = {
    "organization": (
        "Chi bộ chưa kiện toàn chức danh phó bí thư sau khi đồng chí phó bí thư chuyển công tác.",
        "Đề nghị hướng dẫn việc hợp nhất chi bộ sau khi sáp nhập thôn, khu dân cư.",
        "Chi ủy chưa ban hành quy chế làm việc nhiệm kỳ 2025–2030.",
    ),
    "members": (
        "Một số đảng viên cao tuổi đề nghị được miễn sinh hoạt đảng, chưa được xem xét.",
        "Đảng viên đi làm ăn xa không đăng ký sinh hoạt tạm thời, chi bộ không nắm được.",
        "Nguồn kết nạp đảng viên trong thanh niên ít, công tác phát triển đảng viên khó khăn.",
        "Một số đảng viên chậm đóng đảng phí nhiều tháng.",
    ),
    "ideology": (
        "Một bộ phận nhân dân băn khoăn về chủ trương sắp xếp đơn vị hành chính.",
        "Thông tin sai lệch trên mạng xã hội về việc thu hồi đất gây hoang mang trong nhân dân.",
    ),
    "socio_economic": (
        "Giá thu mua nông sản giảm, nhiều hộ bỏ ruộng không canh tác.",
        "Đường giao thông liên thôn xuống cấp, đề nghị hỗ trợ kinh phí sửa chữa.",
        "Kênh mương nội đồng bồi lắng, thiếu nước tưới vụ chiêm xuân.",
    ),
    "land_environment": (
        "Rác thải sinh hoạt tồn đọng tại điểm tập kết đầu thôn, chưa được thu gom kịp thời.",
        "Tranh chấp đất đai giữa hai hộ gia đình kéo dài, chưa được giải quyết dứt điểm.",
        "Cơ sở chăn nuôi gây ô nhiễm môi trường, nhân dân phản ánh nhiều lần.",
        "Chậm cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân.",
    ),
    "security": (
        "Thanh thiếu niên tụ tập, đua xe vào ban đêm trên tuyến đường liên xã.",
        "Trộm cắp vặt gia tăng trên địa bàn; đề nghị tăng cường tuần tra.",
        "Đề nghị lắp đặt camera an ninh tại các trục đường chính.",
    ),
    "policy": (
        "Chậm chi trả chế độ cho người có công, đối tượng bảo trợ xã hội.",
        "Đề nghị xem xét chế độ phụ cấp cho bí thư chi bộ kiêm trưởng thôn.",
        "Hộ cận nghèo chưa được cấp thẻ bảo hiểm y tế.",
    ),
    "other": (
        "Nhà văn hóa thôn xuống cấp, thiếu trang thiết bị phục vụ sinh hoạt.",
        "Đề nghị cấp sổ ghi biên bản và tài liệu sinh hoạt chi bộ theo mẫu mới.",
    ),
}
CONCERN_OWNERS = {
    "self": ("Chi ủy chi bộ", "Bí thư chi bộ", "Đảng ủy cơ sở"),
    "committee": (
        "Ban Tổ chức Huyện ủy",
        "Văn phòng Huyện ủy",
        "Ủy ban Kiểm tra Huyện ủy",
        "Ban Tuyên giáo và Dân vận Huyện ủy",
    ),
    "agency": (
        "Phòng Nông nghiệp và Môi trường huyện",
        "UBND huyện",
        "Công an huyện",
        "Phòng Nội vụ huyện",
        "Phòng Tài chính - Kế hoạch huyện",
    ),
}
RESOLUTIONS = {
    "resolved": (
        "Đã giải quyết dứt điểm; chi bộ báo cáo kết quả tại kỳ sinh hoạt tháng sau.",
        "Cơ quan chuyên môn đã xử lý xong, nhân dân đồng tình.",
        "Đã kiện toàn, ổn định tổ chức.",
    ),
    "answered": (
        "Đã trả lời bằng văn bản, giải thích rõ chủ trương, chính sách.",
        "Đã hướng dẫn chi bộ thực hiện theo quy định hiện hành.",
    ),
}
CONCERN_STEPS = {
    "in_progress": "Đã chuyển {owner} xử lý.",
    "escalated": "Quá hạn chưa giải quyết; báo cáo Thường trực Huyện ủy chỉ đạo.",
    "reopened": "Mở lại: nhân dân tiếp tục phản ánh, việc chưa được giải quyết dứt điểm.",
    "new": "Ghi nhận tại buổi dự sinh hoạt.",
}

NARRATIVES = {
    "flagged": (
        "Hạn chế về năng lực điều hành, sinh hoạt chi bộ nhiều kỳ chưa đạt yêu cầu; uy tín "
        "trong đảng viên và nhân dân giảm.",
        "Tuổi cao, sức khỏe hạn chế, ít nắm bắt chủ trương mới; chi bộ nhiều tháng không ra "
        "nghị quyết.",
        "Thiếu quyết liệt trong chỉ đạo, để đơn thư kéo dài ở khu dân cư; uy tín thấp.",
    ),
    "good": (
        "Nhiệt tình, trách nhiệm; nắm chắc tình hình địa bàn, điều hành sinh hoạt tốt.",
        "Có năng lực, uy tín; chuẩn bị sinh hoạt chu đáo, gắn bó với nhân dân.",
    ),
    "fair": (
        "Hoàn thành nhiệm vụ; cần đổi mới cách điều hành để đảng viên thảo luận nhiều hơn.",
        "Nắm tình hình tương đối tốt; kỹ năng xây dựng nghị quyết còn hạn chế.",
    ),
}
CANDIDATE_POSTS = {
    "deputy": "Phó Bí thư chi bộ",
    "committee_member": "Chi ủy viên",
    "young": (
        "Đảng viên, Bí thư Chi đoàn thanh niên",
        "Đảng viên, Trưởng Ban công tác Mặt trận",
        "Đảng viên, Chi hội trưởng Chi hội Phụ nữ",
    ),
}
PLAN_ACTIONS = (
    (
        "training",
        "Lớp bồi dưỡng nghiệp vụ công tác đảng cho bí thư, phó bí thư chi bộ",
        "Ban Tổ chức Huyện ủy",
    ),
    ("theory_class", "Lớp Trung cấp lý luận chính trị", "Trung tâm Chính trị huyện"),
    ("acting_deputy", "Giao điều hành một số kỳ sinh hoạt chi bộ", "Đảng ủy cơ sở"),
    ("contest", "Hội thi Bí thư chi bộ giỏi năm {year}", "Ban Tổ chức Huyện ủy"),
    ("other", "Tham gia đoàn kiểm tra, giám sát của Đảng ủy", "Đảng ủy cơ sở"),
)
END_REASONS = {
    "term": "Hết nhiệm kỳ, không tái cử",
    "retired": "Nghỉ hưu",
    "moved": "Chuyển công tác",
    "health": "Xin thôi vì lý do sức khỏe",
    "replaced": "Thay thế theo kế hoạch tạo nguồn",
    "promoted": "Được bầu làm Bí thư chi bộ",
}
THEORY_LEVELS = ("Sơ cấp", "Trung cấp", "Cao cấp")
EDUCATION = ("12/12", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ")
TRAINING = (
    "Kỹ sư nông nghiệp",
    "Cử nhân Luật",
    "Cử nhân Kinh tế",
    "Cử nhân Sư phạm",
    "Bác sĩ đa khoa",
    "Cử nhân Quản lý nhà nước",
    "Kỹ sư thủy lợi",
    "Cử nhân Xây dựng Đảng",
)
