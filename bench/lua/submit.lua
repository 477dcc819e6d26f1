-- submit.lua — wrk script: durable dossier submissions at a one-stop desk (an
-- officer files in person; every request is one committed transaction).
-- Usage: wrk … -s bench/lua/submit.lua URL -- TOKEN
local body = '{"procedure": "1.004873", "applicant": {"name": "Trần Văn Bình", ' ..
  '"id_number": "074090001111", "phone": "0911222333"}, "form": {"ho_ten": "Trần Văn Bình", ' ..
  '"so_dinh_danh": "074090001111", "dien_thoai": "0911222333", "tinh_trang": "chua_ket_hon", ' ..
  '"muc_dich": "ket_hon", "cam_doan": true}}'
local headers = {}

function init(args)
  headers["Authorization"] = "Bearer " .. args[1]
  headers["Content-Type"] = "application/json"
end

function request()
  return wrk.format("POST", "/api/v1/dossiers", headers, body)
end
