"""common.py — building blocks for the demo procedure catalogue.

Each field module (hotich.py, datdai.py, …) declares its procedures with
add(); gen_procedures.py collects them, assigns publication dates and writes
data/demo/procedures.json in the format of src/core/procedure.h.
"""

PROCS = []   # procedure documents, in declaration order (dates added later)

# ---- dossier components (thành phần hồ sơ) ----------------------------------

def c(code, name, req=True, store=False):
    return {"code": code, "name": name, "required": req, "from_store": store}

CCCD = c("cccd", "Thẻ Căn cước hoặc Căn cước công dân của người nộp hồ sơ", True, True)
UQ = c("van_ban_uy_quyen", "Văn bản ủy quyền (trường hợp nộp thay)", False)

# ---- fee lines -----------------------------------------------------------------

def le_phi(code, name, amount):
    return {"code": code, "name": name, "amount": amount, "kind": "le_phi"}

def phi(code, name, amount):
    return {"code": code, "name": name, "amount": amount, "kind": "phi"}

# ---- e-form fields (src/core/eform.h) ------------------------------------------

def text(name, label, req=True, max_len=None, pattern=None, help=None):
    f = {"name": name, "label": label, "type": "text", "required": req}
    if max_len: f["max_length"] = max_len
    if pattern: f["pattern"] = pattern
    if help: f["help"] = help
    return f

def area(name, label, req=True, max_len=2000):
    return {"name": name, "label": label, "type": "textarea", "required": req, "max_length": max_len}

def date(name, label, req=True, past=True, future=False):
    f = {"name": name, "label": label, "type": "date", "required": req}
    if past: f["not_after"] = "today"
    if future: f["not_before"] = "today"
    return f

def idn(name, label, req=True):
    return {"name": name, "label": label, "type": "id_number", "required": req}

def phone(name="dien_thoai", label="Số điện thoại liên hệ", req=True):
    return {"name": name, "label": label, "type": "phone", "required": req}

def email(name="email", label="Thư điện tử", req=False):
    return {"name": name, "label": label, "type": "email", "required": req}

def sel(name, label, opts, req=True):
    """opts: list of (value, label) pairs."""
    return {"name": name, "label": label, "type": "select", "required": req,
            "options": [{"value": v, "label": l} for v, l in opts]}

def num(name, label, lo=0, hi=None, req=True):
    f = {"name": name, "label": label, "type": "number", "required": req, "min": lo}
    if hi is not None: f["max"] = hi
    return f

def integer(name, label, lo=0, hi=None, req=True):
    f = {"name": name, "label": label, "type": "integer", "required": req, "min": lo}
    if hi is not None: f["max"] = hi
    return f

def check(name, label, req=False):
    return {"name": name, "label": label, "type": "checkbox", "required": req}

CAM_DOAN = check("cam_doan", "Tôi cam đoan những thông tin trên là đúng sự thật.", True)

def applicant(label="Họ và tên người nộp hồ sơ"):
    """Name, personal id number and phone of the person filing."""
    return [text("ho_ten", label, max_len=100),
            idn("so_dinh_danh", "Số định danh cá nhân"),
            phone()]

def company():
    """The enterprise filing: name, enterprise code, representative's phone."""
    return [text("ten_doanh_nghiep", "Tên tổ chức, doanh nghiệp", max_len=300),
            text("ma_so_doanh_nghiep", "Mã số doanh nghiệp / mã số thuế", max_len=14,
                 pattern="^[0-9]{10}(-[0-9]{3})?$"),
            text("ho_ten", "Họ và tên người đại diện theo pháp luật", max_len=100),
            idn("so_dinh_danh", "Số định danh cá nhân của người đại diện"),
            phone()]

SEX = [("nam", "Nam"), ("nu", "Nữ")]

# ---- workflows (src/core/workflow.h) ---------------------------------------------

def step(code, name, role, unit, share):
    return {"code": code, "name": name, "role": role, "unit": unit, "share": share}

def wf(*steps):
    return {"steps": list(steps)}

def wf_xa(xl="Công chức chuyên môn thẩm định, xử lý", ky="Chủ tịch UBND xã ký duyệt"):
    return wf(step("xu_ly", xl, "specialist", "handling", 0.6),
              step("ky_duyet", ky, "unit_leader", "handling", 0.3))

def wf_so(phong, ld="Lãnh đạo Sở phê duyệt", s1=0.7, s2=0.2):
    return wf(step("tham_dinh", phong, "specialist", "handling", s1),
              step("phe_duyet", ld, "unit_leader", "handling", s2))

def wf_lt(xl, unit, lt_name, ky, s=(0.3, 0.4, 0.2), lt_role="specialist"):
    """Liên thông: handling unit, then another agency, then the handling unit's leader."""
    return wf(step("xu_ly", xl, "specialist", "handling", s[0]),
              step("lien_thong", lt_name, lt_role, unit, s[1]),
              step("ky_duyet", ky, "unit_leader", "handling", s[2]))

def wf_ubnd_tinh(phong, ld="Lãnh đạo Sở thẩm định, trình UBND thành phố"):
    return wf(step("tham_dinh", phong, "specialist", "handling", 0.5),
              step("trinh", ld, "unit_leader", "handling", 0.2),
              step("quyet_dinh", "Chủ tịch UBND thành phố quyết định", "province_leader", "kind:province", 0.2))

# ---- fields and procedures ----------------------------------------------------------

class Field:
    """A lĩnh vực with the defaults of its procedures."""
    def __init__(self, code, name, lvl, kinds, who="citizen", wf=None, cam=False, since=None):
        self.code, self.name, self.lvl, self.kinds = code, name, lvl, kinds
        self.who, self.wf, self.cam = who, wf, cam
        self.since = since   # earliest plausible announcement (legal basis or reform), YYYY-MM-DD

def _time(t):
    if t == "sd":
        return {"time_unit": "same_day"}
    if isinstance(t, int):
        return {"time_amount": t, "time_unit": "working_days"}
    unit = {"d": "days", "h": "working_hours", "wd": "working_days"}[t[0]]
    return {"time_amount": t[1], "time_unit": unit}

def add(F, code, name, t, on, comps, form, *, fees=(), lvl=None, kinds=None, res="both",
        who=None, wf=None, r1500=False, elig=None, pay=None, active=True, cam=None, since=None):
    """Declare one procedure of field F (see procedure.h for the members).
    since: the earliest date its announcement decision can carry (default F.since);
    kept in "_since" for gen_procedures.py, which removes it."""
    fees = list(fees)
    form = list(form)
    if (F.cam if cam is None else cam) and len(form) < 10:
        form.append(CAM_DOAN)
    if elig is None:
        elig = on == "full"
    if pay is None:
        pay = on != "none" and any(f["amount"] > 0 for f in fees)
    p = {"code": code, "name": name, "field_code": F.code, "field_name": F.name,
         "level": lvl or F.lvl, "unit_kinds": list(kinds or F.kinds)}
    p.update(_time(t))
    p.update({"rule_1500": r1500, "online_level": on, "full_eligible": elig,
              "result_type": res, "citizen_kind": who or F.who,
              "decided_on": None, "effective_on": None, "published_on": None,
              "payment_integrated": pay, "active": active,
              "fees": fees, "components": list(comps),
              "eform": {"fields": form}, "workflow": wf or F.wf})
    p["_since"] = since or F.since
    PROCS.append(p)
    return p
