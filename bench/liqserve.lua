-- bench/liqserve.lua — wrk script: each request a different bond of
-- $CUSIPS, on GET /score/{cusip} or GET /pretrade/{cusip}/{size}/B
-- ($ENDPOINT), and every answer checked: status 200 and a JSON object.
local threads = {}

function setup(thread)
   thread:set("id", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   cusips = {}
   for line in io.lines(os.getenv("CUSIPS")) do cusips[#cusips + 1] = line end
   endpoint = os.getenv("ENDPOINT") or "score"
   i = id * 1000
   bad = 0
end

function request()
   i = i + 1
   local c = cusips[(i * 7919) % #cusips + 1]
   if endpoint == "pretrade" then
      return wrk.format("GET", "/pretrade/" .. c .. "/" .. (i % 20 + 1) .. "/B")
   end
   return wrk.format("GET", "/score/" .. c)
end

function response(status, headers, body)
   if status ~= 200 or body:sub(1, 1) ~= "{" then bad = bad + 1 end
end

function done(summary, latency, requests)
   local total = 0
   for _, t in ipairs(threads) do total = total + t:get("bad") end
   io.write(string.format("bad answers: %d\n", total))
end
