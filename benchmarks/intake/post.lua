-- wrk script for the intake benchmark: POST one resident report per request.
-- Environment: TOKEN (bearer, empty for the bare endpoint), POINTS (file of "lat lng" lines),
-- DELAY_MS (pause per request per connection, for the fixed-rate run), RUN (idempotency-key prefix).
local token = os.getenv("TOKEN") or ""
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local run = os.getenv("RUN") or "run"

local points = {}
for line in io.lines(os.getenv("POINTS")) do
  local lat, lng = line:match("([%d%.%-]+)%s+([%d%.%-]+)")
  if lat then points[#points + 1] = { lat, lng } end
end

-- Resident messages of typical length (written for this benchmark; not from the labelled data).
local texts = {
  "我家楼下的路灯已经坏了一个多星期了，晚上出门黑漆漆的，老人孩子走路很不安全，之前打过电话说会来修，到现在也没人来，麻烦尽快安排人维修一下。",
  "小区东门外的人行道上有人长期占道摆摊卖菜，早上七点到九点最严重，电动车和行人都只能走机动车道，很危险，希望城管能来管一管。",
  "楼上住户每天晚上十一点以后还在装修敲墙，声音很大，家里老人心脏不好睡不着觉，跟物业反映过几次都没有用，请社区帮忙协调一下。",
  "村口那段路上的窨井盖缺了一块，下雨天积水看不见，昨天已经有一个骑电动车的人摔倒了，请相关部门赶紧处理，先放个警示牌也好。",
  "我们小区的垃圾分类亭已经三天没有清运了，天气热味道很大，苍蝇蚊子很多，旁边就是儿童游乐场，请环卫部门尽快来清理。",
  "河边步道的护栏松动了好几段，有一段已经歪到河里去了，晚上散步的人很多，小孩子跑来跑去很容易出事，请尽快修复。",
  "附近工地晚上十点以后还在施工，渣土车进进出出噪音很大，路面上掉了很多泥土，下雨以后全是泥浆，希望有关部门查一下有没有夜间施工许可。",
  "我父亲今年八十二岁一个人住，最近腿脚不方便，想申请社区的居家养老上门服务，不知道需要准备什么材料，到哪里去办，请工作人员联系我。",
}

-- Per-thread counters are globals: wrk's thread:get() reads a thread's globals, not its locals.
counter, created, other = 0, 0, 0
local threads = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + (tid or 0) * 7919)
end

function request()
  counter = counter + 1
  local p = points[math.random(#points)]
  local body = string.format('{"description":"%s","latitude":%s,"longitude":%s}', texts[math.random(#texts)], p[1], p[2])
  local headers = { ["Content-Type"] = "application/json", ["Idempotency-Key"] = string.format("%s-%d-%d", run, tid or 0, counter) }
  if token ~= "" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

if delay_ms > 0 then
  function delay() return delay_ms end
end

function done(summary, latency, requests)
  local total_created, total_other = 0, 0
  for _, t in ipairs(threads) do
    total_created = total_created + t:get("created")
    total_other = total_other + t:get("other")
  end
  io.write(string.format("RESULT rps=%.1f created=%d other=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests / (summary.duration / 1e6), total_created, total_other,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
