-- Drives `infrac lsp` from Neovim's own LSP client (headless): diagnostics, completion,
-- hover, go to definition (the cursor moves), rename and formatting (Neovim applies the
-- edits to the buffer). Run by nvim_test.py, which gives INFRAC and FILE in the
-- environment; prints `ok - ...`/`not ok - ...` and quits with the number of failures.
local infrac = os.getenv("INFRAC")
local file = os.getenv("FILE")
local failures = 0

local function out(s) io.stdout:write(s .. "\n") end
local function check(cond, what, detail)
  if cond then
    out("ok - " .. what)
  else
    failures = failures + 1
    out("not ok - " .. what .. (detail and (": " .. vim.inspect(detail)) or ""))
  end
end

local function finish()
  out("nvim: " .. (failures == 0 and "all passed" or (failures .. " failed")))
  vim.cmd("cquit " .. failures)
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  vim.bo.filetype = "infra"
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "infrac",
    cmd = { infrac, "lsp", "--debounce-ms", "50" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
  })
  check(client_id ~= nil, "Neovim starts infrac lsp")
  vim.lsp.buf_attach_client(buf, client_id)
  check(vim.wait(10000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized
  end), "the client initializes")

  -- Diagnostics: the program misspells `bucket_name` on purpose.
  local got = vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  local diags = vim.diagnostic.get(buf)
  check(got and #diags == 1, "one diagnostic shows in the buffer", diags)
  if #diags >= 1 then
    check(diags[1].code == "E0401" and diags[1].lnum == 12, "E0401 on line 13", diags[1])
    check(diags[1].message:find("did you mean `bucket_name`", 1, true) ~= nil, "with the suggestion", diags[1].message)
  end

  -- Fix it through the buffer: the diagnostics clear after the edit.
  vim.api.nvim_buf_set_lines(buf, 12, 13, false, { "  BucketName = bucket_name" })
  check(vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 50), "the diagnostic clears after the edit")

  local function request(method, params)
    local res = vim.lsp.buf_request_sync(buf, method, params, 10000)
    if not res or not res[client_id] then return nil end
    return res[client_id].result
  end
  local function at(line, col) -- 1-based line, 0-based column
    return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line - 1, character = col } }
  end

  -- Completion of properties on a new line of the resource body.
  vim.api.nvim_buf_set_lines(buf, 13, 13, false, { "  Vers" })
  local items = request("textDocument/completion", at(14, 6))
  local labels = {}
  for _, it in ipairs((items and (items.items or items)) or {}) do labels[it.label] = true end
  check(labels["VersioningConfiguration"], "completion offers the bucket's properties", vim.tbl_keys(labels))
  vim.api.nvim_buf_set_lines(buf, 13, 14, false, {})

  -- Hover on `prefix` in `name = prefix` (line 7).
  local hover = request("textDocument/hover", at(7, 10))
  check(hover and hover.contents and hover.contents.value:find("param prefix: string", 1, true),
        "hover shows the declaration", hover)

  -- Go to definition moves the cursor to the let (line 11).
  vim.api.nvim_win_set_cursor(0, { 13, 18 })
  vim.lsp.buf.definition()
  check(vim.wait(5000, function() return vim.api.nvim_win_get_cursor(0)[1] == 11 end, 20),
        "go to definition jumps to the declaration", vim.api.nvim_win_get_cursor(0))

  -- Rename: Neovim applies the edits.
  vim.api.nvim_win_set_cursor(0, { 11, 5 })
  vim.lsp.buf.rename("log_bucket")
  check(vim.wait(5000, function()
    local l = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
    return l[11]:find("log_bucket", 1, true) ~= nil and l[13]:find("log_bucket", 1, true) ~= nil
  end, 20), "rename edits the declaration and its use", vim.api.nvim_buf_get_lines(buf, 10, 13, false))

  -- Formatting: the misaligned `=` of the module body come back into line.
  vim.api.nvim_buf_set_lines(buf, 6, 7, false, { "  name    =     prefix" })
  vim.lsp.buf.formatting_sync(nil, 5000)
  local line7 = vim.api.nvim_buf_get_lines(buf, 6, 7, false)[1]
  check(line7 == "  name = prefix", "formatting rewrites the buffer in the canonical layout", line7)

  -- References of `prefix`: the declaration and two uses.
  local refs = request("textDocument/references", vim.tbl_extend("force", at(4, 7), { context = { includeDeclaration = true } }))
  check(refs and #refs == 3, "references of a param", refs)

  -- Document symbols.
  local syms = request("textDocument/documentSymbol", { textDocument = { uri = vim.uri_from_bufnr(buf) } })
  check(syms and #syms == 6, "document symbols", syms and vim.tbl_map(function(s) return s.name end, syms))

  vim.lsp.stop_client(client_id)
end)
if not ok then
  failures = failures + 1
  out("not ok - the script failed: " .. tostring(err))
end
finish()
