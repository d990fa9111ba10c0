-- wrk script of `npm run bench`: every request is a push WeChat has not sent before.
--
--   plain: wrk ... -s push.lua URL -- plain <token> <msgIdPrefix>
--     builds each text push here: a fresh MsgId (prefix .. 9-digit counter), the current timestamp, a fresh nonce,
--     and the signature SHA-1(sort(token, timestamp, nonce)) computed per request (SHA-1 below, on LuaJIT's bit ops).
--   pool:  wrk ... -s push.lua URL -- pool <file>
--     sends the lines of <file> ("<path>\t<body>", encrypted pushes prepared by bench/run.ts) once each, in order;
--     past the end it sends to /pool-exhausted (a 404, counted) rather than repeat a push.
--
-- done() prints one JSON line the runner reads: requests, duration, p50/p99 (µs), errors, non-2xx, exhausted.

local bit = require('bit')
local band, bor, bxor, bnot, rol, tobit = bit.band, bit.bor, bit.bxor, bit.bnot, bit.rol, bit.tobit
local byte, char, format = string.byte, string.char, string.format

-- SHA-1 of a short string (one or more 64-byte blocks), as 40 lowercase hex digits.
local function sha1(msg)
  local h0, h1, h2, h3, h4 = tobit(0x67452301), tobit(0xEFCDAB89), tobit(0x98BADCFE), tobit(0x10325476), tobit(0xC3D2E1F0)
  local len = #msg
  local padded = msg .. '\128' .. string.rep('\0', (55 - len) % 64)
    .. char(0, 0, 0, 0, band(bit.rshift(len * 8, 24), 255), band(bit.rshift(len * 8, 16), 255),
      band(bit.rshift(len * 8, 8), 255), band(len * 8, 255))
  local w = {}
  for block = 1, #padded, 64 do
    for i = 0, 15 do
      local a, b, c, d = byte(padded, block + i * 4, block + i * 4 + 3)
      w[i] = bor(bit.lshift(a, 24), bit.lshift(b, 16), bit.lshift(c, 8), d)
    end
    for i = 16, 79 do w[i] = rol(bxor(w[i - 3], w[i - 8], w[i - 14], w[i - 16]), 1) end
    local a, b, c, d, e = h0, h1, h2, h3, h4
    for i = 0, 79 do
      local f, k
      if i < 20 then f, k = bor(band(b, c), band(bnot(b), d)), 0x5A827999
      elseif i < 40 then f, k = bxor(b, c, d), 0x6ED9EBA1
      elseif i < 60 then f, k = bor(band(b, c), band(b, d), band(c, d)), 0x8F1BBCDC
      else f, k = bxor(b, c, d), 0xCA62C1D6 end
      local t = tobit(rol(a, 5) + f + e + k + w[i])
      e, d, c, b, a = d, c, rol(b, 30), a, t
    end
    h0, h1, h2, h3, h4 = tobit(h0 + a), tobit(h1 + b), tobit(h2 + c), tobit(h3 + d), tobit(h4 + e)
  end
  return bit.tohex(h0) .. bit.tohex(h1) .. bit.tohex(h2) .. bit.tohex(h3) .. bit.tohex(h4)
end

local mode, token, prefix, pool
local counter = 0
-- Globals, so that done() (in wrk's main Lua state) can read them from each thread with thread:get().
exhausted = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end
local LINES = { '你好', 'hello', '今天天气怎么样?', 'order #%d status please', '我想查询一下我的订单 %d 的物流信息', '👍',
  'ok thanks, see you tomorrow' }

function init(args)
  mode = args[1]
  if mode == 'plain' then
    token, prefix = args[2], args[3]
    assert(sha1('abc') == 'a9993e364706816aba3e25717850c26c9cd0d89d', 'SHA-1 self-test failed')
  elseif mode == 'pool' then
    pool = assert(io.open(args[2], 'r'))
  else
    error('usage: push.lua plain <token> <msgIdPrefix> | pool <file>')
  end
end

local headers = { ['Content-Type'] = 'text/xml' }

function request()
  counter = counter + 1
  if mode == 'pool' then
    local line = pool:read('*l')
    if line == nil then
      exhausted = exhausted + 1
      return wrk.format('POST', '/pool-exhausted', headers, '')
    end
    local tab = line:find('\t', 1, true)
    return wrk.format('POST', line:sub(1, tab - 1), headers, line:sub(tab + 1))
  end
  local timestamp = tostring(os.time())
  local nonce = tostring(1000000000 + counter)
  local parts = { token, timestamp, nonce }
  table.sort(parts)
  local signature = sha1(parts[1] .. parts[2] .. parts[3])
  local fan = format('oBench%022d', counter % 97)
  local content = format(LINES[counter % #LINES + 1], 100000 + counter % 900000) .. ' (' .. counter .. ')'
  local body = '<xml><ToUserName><![CDATA[gh_bench00000001]]></ToUserName><FromUserName><![CDATA[' .. fan
    .. ']]></FromUserName><CreateTime>' .. timestamp .. '</CreateTime><MsgType><![CDATA[text]]></MsgType>'
    .. '<Content><![CDATA[' .. content .. ']]></Content><MsgId>' .. prefix .. format('%09d', counter)
    .. '</MsgId></xml>'
  local path = '/wx?signature=' .. signature .. '&timestamp=' .. timestamp .. '&nonce=' .. nonce .. '&openid=' .. fan
  return wrk.format('POST', path, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  local exhausted = 0
  for _, thread in ipairs(threads) do exhausted = exhausted + (thread:get('exhausted') or 0) end
  io.write(format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,'
      .. '"timeouts":%d,"non2xx":%d,"exhausted":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.connect, e.read, e.write,
    e.timeout, e.status, exhausted))
end
