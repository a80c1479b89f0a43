-- wrk script of the gateway benchmark: like post.lua, but every request's body differs. The marker NEW in the body
-- file becomes a word made of the wrk thread's number and a per-thread counter (lower-case letters), so that no
-- text of a request was seen before and a gateway cannot reuse its detection results.
--   wrk -t2 -c64 -d10s -s post-new.lua URL -- BODY_FILE 'Header: value' ...
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "post.lua")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local base_init = init
local head, tail, n = nil, nil, 0
function init(args)
  base_init(args)
  head, tail = wrk.body:match("^(.-)NEW(.*)$")
  assert(head, "the body file has no NEW marker")
end

local function letters(k)
  local s = ""
  repeat
    s = string.char(97 + k % 26) .. s
    k = math.floor(k / 26)
  until k == 0
  return s
end

function request()
  n = n + 1
  return wrk.format(nil, nil, nil, head .. letters(tid) .. "q" .. letters(n) .. tail)
end
