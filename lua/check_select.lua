-- check_select: which checks a selection picks, in the spirit of nmap's
-- --script.  A selection is one or more rules (command-line arguments, or
-- parts separated by commas); a check is picked when any rule matches it.
-- A rule is a boolean expression over words:
--
--   stats                    a department, an id, a tag or a severity
--   stats/sector_sum         a full id (department/id)
--   stats/*   *jump*         a glob (* any characters, ? one) over ids
--   all                      every check
--   stats and not slow       and, or, not, parentheses; not > and > or
--   (stats, ecology) and series   a comma is "or"
--
-- Errors name the column (in characters) of the problem, so that a bad
-- expression typed on the command line is easy to fix.  A rule that picks
-- no check at all is an error too (as in nmap: a typo must not silently run
-- nothing); the message lists its words that match nothing.
local M = {}

local function T(zh, en)
  return (zb and zb.lang == "en") and en or zh
end

-- The column (1-based, in characters) of byte position pos in s.
local function column(s, pos)
  return (utf8.len(s, 1, pos - 1) or (pos - 1)) + 1
end

local KEYWORDS = {["and"] = true, ["or"] = true, ["not"] = true}

-- Splits an expression into tokens {kind = "(" | ")" | "and" | "or" |
-- "not" | "word" | "end", text =, col =}.
local function tokenize(s)
  local tokens, pos = {}, 1
  while true do
    local ws = s:match("^[ \t\r\n]*", pos)
    pos = pos + #ws
    if pos > #s then break end
    local c = s:sub(pos, pos)
    if c == "(" or c == ")" then
      tokens[#tokens + 1] = {kind = c, text = c, col = column(s, pos)}
      pos = pos + 1
    elseif c == "," then
      -- Inside parentheses a comma is "or" (at the top level it separates
      -- rules, see split_rules).
      tokens[#tokens + 1] = {kind = "or", text = c, col = column(s, pos)}
      pos = pos + 1
    else
      local word = s:match("^[^ \t\r\n(),]+", pos)
      local lower = word:lower()
      tokens[#tokens + 1] = {kind = KEYWORDS[lower] and lower or "word", text = word, col = column(s, pos)}
      pos = pos + #word
    end
  end
  tokens[#tokens + 1] = {kind = "end", text = "", col = column(s, #s + 1)}
  return tokens
end

local function describe(tok)
  if tok.kind == "end" then return T("表达式结尾", "the end of the expression") end
  return T("“", "'") .. tok.text .. T("”", "'")
end

-- Recursive descent: or < and < not < atom.  Raises {col =, msg =}.
local function parse(tokens)
  local i = 1
  local function peek() return tokens[i] end
  local function take() i = i + 1; return tokens[i - 1] end
  local function fail(tok, msg) error({col = tok.col, msg = msg}, 0) end

  local parse_or
  local function parse_atom()
    local tok = take()
    if tok.kind == "word" then
      return {op = "word", text = tok.text, col = tok.col}
    elseif tok.kind == "(" then
      local inner = parse_or()
      local close = take()
      if close.kind ~= ")" then
        fail(close, string.format(T("应为右括号“)”（第 %d 列的“(”未闭合），而不是%s",
                                    "expected ')' (the '(' at column %d is not closed), not %s"),
                                  tok.col, describe(close)))
      end
      return inner
    elseif tok.kind == "not" then
      return {op = "not", parse_atom()}
    end
    local after = tokens[i - 2]
    if tok.kind == ")" then
      fail(tok, T("多余的右括号“)”", "unexpected ')'"))
    elseif after and (after.kind == "and" or after.kind == "or" or after.kind == "not") then
      fail(tok, string.format(T("“%s”后面应为检查名、部门、标签或左括号，而不是%s",
                                "expected a check, department, tag or '(' after '%s', not %s"),
                              after.text, describe(tok)))
    else
      fail(tok, string.format(T("应为检查名、部门、标签或左括号，而不是%s",
                                "expected a check, department, tag or '(', not %s"), describe(tok)))
    end
  end
  local function parse_and()
    local left = parse_atom()
    while peek().kind == "and" do
      take()
      left = {op = "and", left, parse_atom()}
    end
    return left
  end
  function parse_or()
    local left = parse_and()
    while peek().kind == "or" do
      take()
      left = {op = "or", left, parse_and()}
    end
    return left
  end

  local tree = parse_or()
  local rest = peek()
  if rest.kind ~= "end" then
    if rest.kind == ")" then
      fail(rest, T("多余的右括号“)”", "unexpected ')'"))
    end
    fail(rest, string.format(T("应为 and、or 或表达式结尾，而不是%s", "expected and, or or the end, not %s"),
                             describe(rest)))
  end
  return tree
end

-- A glob (* and ?) as an anchored Lua pattern.
local function glob_pattern(g)
  local p = g:gsub("[%^%$%(%)%%%.%[%]%+%-]", "%%%0"):gsub("%*", ".*"):gsub("%?", ".")
  return "^" .. p .. "$"
end

local function is_glob(word) return word:find("[*?]") ~= nil end

-- Does one word match check c?  c has id, full_id, department, severity,
-- tags (a list).
function M.word_matches(word, c)
  if word == "all" then return true end
  if is_glob(word) then
    local p = glob_pattern(word)
    return c.full_id:find(p) ~= nil or c.id:find(p) ~= nil
  end
  if word == c.id or word == c.full_id or word == c.department or word == c.severity then
    return true
  end
  for _, tag in ipairs(c.tags or {}) do
    if word == tag then return true end
  end
  return false
end

local function eval(node, c)
  if node.op == "word" then return M.word_matches(node.text, c) end
  if node.op == "not" then return not eval(node[1], c) end
  if node.op == "and" then return eval(node[1], c) and eval(node[2], c) end
  return eval(node[1], c) or eval(node[2], c)
end

local function words(node, out)
  out = out or {}
  if node.op == "word" then
    out[#out + 1] = node
  else
    for _, child in ipairs(node) do words(child, out) end
  end
  return out
end

-- compile(expr) -> predicate(check) | nil, message, column
function M.compile(expr)
  if not expr:find("%S") then
    return nil, T("选择表达式为空", "the selection is empty"), 1
  end
  local ok, tree = pcall(parse, tokenize(expr))
  if not ok then
    if type(tree) == "table" then return nil, tree.msg, tree.col end
    error(tree, 0)
  end
  return function(c) return eval(tree, c) end, tree
end

-- Splits a command-line argument at top-level commas ("stats,ecology");
-- each part keeps its offset so that columns point into the argument.
local function split_rules(arg)
  local parts, depth, start = {}, 0, 1
  for pos = 1, #arg do
    local ch = arg:sub(pos, pos)
    if ch == "(" then depth = depth + 1
    elseif ch == ")" then depth = depth - 1
    elseif ch == "," and depth == 0 then
      parts[#parts + 1] = {text = arg:sub(start, pos - 1), offset = column(arg, start) - 1}
      start = pos + 1
    end
  end
  parts[#parts + 1] = {text = arg:sub(start), offset = column(arg, start) - 1}
  return parts
end

-- select(checks, args) -> picked (a list in the order of checks) | nil, err
-- args is a list of command-line arguments (none: every check).  err is
-- {arg =, col =, message =} with col the column in that argument.
function M.select(checks, args)
  if not args or #args == 0 then
    local all = {}
    for i, c in ipairs(checks) do all[i] = c end
    return all
  end
  local rules = {}
  for _, arg in ipairs(args) do
    for _, part in ipairs(split_rules(arg)) do
      local pred, tree, col = M.compile(part.text)
      if not pred then
        return nil, {arg = arg, col = part.offset + col, message = tree}
      end
      rules[#rules + 1] = {pred = pred, tree = tree, text = part.text, arg = arg, offset = part.offset}
    end
  end
  local picked, used = {}, {}
  for _, c in ipairs(checks) do
    local hit = false
    for k, rule in ipairs(rules) do
      if rule.pred(c) then
        used[k] = true
        hit = true
      end
    end
    if hit then picked[#picked + 1] = c end
  end
  for k, rule in ipairs(rules) do
    if not used[k] then
      -- Name the words that match no check: most likely the typo.
      local unknown, first
      for _, w in ipairs(words(rule.tree)) do
        local any = false
        for _, c in ipairs(checks) do
          if M.word_matches(w.text, c) then any = true; break end
        end
        if not any then
          unknown = (unknown and unknown .. T("、", ", ") or "") .. T("“", "'") .. w.text .. T("”", "'")
          first = first or w.col
        end
      end
      local msg = string.format(T("“%s”没有选中任何检查", "'%s' picks no check"), rule.text:match("^%s*(.-)%s*$"))
      if unknown then
        msg = msg .. string.format(T("：%s不是已知的检查、部门、标签或严重程度（见 zhibiao check --list）",
                                     ": %s is not a known check, department, tag or severity (see zhibiao check --list)"),
                                   unknown)
      end
      return nil, {arg = rule.arg, col = rule.offset + (first or 1), message = msg}
    end
  end
  return picked
end

return M
