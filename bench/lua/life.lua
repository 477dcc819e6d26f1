-- life.lua — wrk script for the soak test: a mixed load of readers and whole
-- dossier lives. Each request is, in turn: the next step of a dossier this
-- thread has on the go (receive, forward, forward, return the result), a new
-- submission, or a public read (catalogue search, procedure page, lookup).
-- What comes next for a dossier is read from the answer itself (a dossier's
-- detail: its code and status), so requests and answers need not pair up.
-- Counts answers that are not 2xx (printed at the end; the soak fails on any).
-- Usage: wrk … -s bench/lua/life.lua URL -- OFFICER SPECIALIST LEADER PATHS_FILE
local tok, paths, queue, next_read = {}, {}, {}, 0
errors = 0   -- global: done() reads it from every thread
local threads = {}
local submit_body = '{"procedure": "1.004873", "applicant": {"name": "Trần Văn Bình", ' ..
  '"id_number": "074090001111", "phone": "0911222333"}, "form": {"ho_ten": "Trần Văn Bình", ' ..
  '"so_dinh_danh": "074090001111", "dien_thoai": "0911222333", "tinh_trang": "chua_ket_hon", ' ..
  '"muc_dich": "ket_hon", "cam_doan": true}}'
-- The step after each national status (1 submitted, 2 received, 4 processing, 9 processed).
local after = {[1] = {"receive", 1}, [2] = {"forward", 2}, [4] = {"forward", 3}, [9] = {"return_result", 1}}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  tok = {args[1], args[2], args[3]}
  for line in io.lines(args[4]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  next_read = math.random(#paths)
end

local function hdr(t)
  return {["Authorization"] = "Bearer " .. t, ["Content-Type"] = "application/json"}
end

function request()
  local n = #queue
  if n > 0 and math.random() < 0.5 then
    local d = table.remove(queue, 1)
    return wrk.format("POST", "/api/v1/dossiers/" .. d.code .. "/actions/" .. d.step[1], hdr(tok[d.step[2]]), "{}")
  elseif n < 20 and math.random() < 0.3 then
    return wrk.format("POST", "/api/v1/dossiers", hdr(tok[1]), submit_body)
  end
  next_read = next_read % #paths + 1
  return wrk.format("GET", paths[next_read])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    errors = errors + 1
    return
  end
  -- A dossier's detail (what submissions and actions answer) names its applicant;
  -- a public lookup does not.
  if not string.find(body, '"applicant_name"', 1, true) then return end
  local code = string.match(body, '^{"code":"([^"]+)"')
  local st = tonumber(string.match(body, '"status":(%d+)'))
  local step = st and after[st]
  if code and step then table.insert(queue, {code = code, step = step}) end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + (t:get("errors") or 0) end
  io.write(string.format("life.lua: non-2xx answers: %d\n", total))
end
