-- Headless Neovim as a real LSP client of markpoint-lsp. Neovim 0.7 has
-- vim.lsp.start_client and push diagnostics only; 0.8+ also has vim.lsp.start.
-- MARKPOINT_SERVER: path to the server bundle; MARKPOINT_OUT: where to write what
-- Neovim shows (diagnostics, a hover) as JSON.
local server = os.getenv('MARKPOINT_SERVER')
local out = os.getenv('MARKPOINT_OUT')

local function attach(bufnr)
  local config = {
    name = 'markpoint',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.getcwd(),
    settings = { markpoint = { debounce = 0 } },
  }
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, id)
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  callback = function(args) attach(args.buf) end,
})

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok = vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
    if not ok then
      vim.cmd('cquit! 1')
      return
    end
    local diagnostics = {}
    for _, d in ipairs(vim.diagnostic.get(0)) do
      table.insert(diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source, code = (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or d.code })
    end
    -- A hover on the first finding, through the client's own request API.
    local first = vim.diagnostic.get(0, { severity = vim.diagnostic.severity.WARN })[1]
    local hover = nil
    if first then
      local params = { textDocument = vim.lsp.util.make_text_document_params(), position = { line = first.lnum, character = first.col + 1 } }
      local responses = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 5000)
      for _, r in pairs(responses or {}) do
        if r.result and r.result.contents then hover = r.result.contents.value end
      end
    end
    local file = io.open(out, 'w')
    file:write(vim.fn.json_encode({ diagnostics = diagnostics, hover = hover }))
    file:close()
    vim.cmd('qall!')
  end,
})
