-- paths.lua — wrk script: GET the paths listed in a file, one per line, in turn
-- (each thread starts at a different line). Usage: wrk … -s bench/lua/paths.lua URL -- FILE
local paths = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
