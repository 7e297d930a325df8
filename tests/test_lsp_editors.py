"""The README's editor snippets, tried in real editors when they are installed: Neovim headless
(`nvim`, or the one COPYLINT_NVIM names) and Emacs in batch mode with eglot open a story with the
snippet as their whole configuration, and must attach `copylint lsp` and show its diagnostics at
the right columns (Neovim: hover and the quick fix too). Skipped when no suitable editor is on
this machine."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")

README = Path(__file__).resolve().parent.parent / "README.md"
#: "the the" after an emoji with a skin tone and a combining accent: byte column 41 (Neovim
#: negotiates UTF-8 and counts bytes)
LINE = "Officials 👍🏽 and cafe\u0301 staff said the the plan was ready on Friday."
HARNESS = r"""
local out = assert(os.getenv("COPYLINT_OUT"))
vim.api.nvim_create_autocmd("VimEnter", { callback = function()
  local found = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local result = { found = found, diagnostics = {} }
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col,
      code = d.code, source = d.source, message = d.message })
  end
  local client = vim.lsp.get_clients({ bufnr = 0 })[1]
  local first = vim.diagnostic.get(0)[1]
  if client and first then
    local position = { line = first.lnum, character = first.col }
    local params = { textDocument = vim.lsp.util.make_text_document_params(0),
      position = position }
    local hover = vim.lsp.buf_request_sync(0, "textDocument/hover", params, 10000)
    for _, answer in pairs(hover or {}) do
      result.hover = answer.result and answer.result.contents.value
    end
    local range = { start = position, ["end"] = position }
    local context = { diagnostics = vim.lsp.diagnostic.from(vim.diagnostic.get(0)) }
    local actions = vim.lsp.buf_request_sync(0, "textDocument/codeAction",
      { textDocument = params.textDocument, range = range, context = context }, 10000)
    result.actions = {}
    for _, answer in pairs(actions or {}) do
      for _, action in ipairs(answer.result or {}) do
        table.insert(result.actions, action.title)
        if action.edit and action.title:find("^Fix:") then   -- apply the quick fix as a user would
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
          result.fixed = vim.api.nvim_buf_get_lines(0, first.lnum, first.lnum + 1, false)[1]
        end
      end
    end
    result.encoding = client.offset_encoding
  end
  local file = assert(io.open(out, "w"))
  file:write(vim.json.encode(result))
  file:close()
  vim.cmd("qa!")
end })
"""


def snippet(name: str) -> str:
    """The code block after `<!-- lsp-snippet: NAME -->` in the README."""
    found = re.search(rf"<!-- lsp-snippet: {re.escape(name)} -->\s*```\w+\n(.*?)```",
                      README.read_text("utf-8"), re.DOTALL)
    assert found, f"no snippet {name} in the README"
    return found.group(1)


def neovim(minimum: tuple[int, int]) -> str:
    nvim = os.environ.get("COPYLINT_NVIM") or shutil.which("nvim")
    if not nvim:
        pytest.skip("Neovim is not installed")
    version = subprocess.run([nvim, "--version"], capture_output=True, text=True).stdout
    found = re.search(r"NVIM v(\d+)\.(\d+)", version)
    if not found or (int(found.group(1)), int(found.group(2))) < minimum:
        pytest.skip(f"needs Neovim {minimum[0]}.{minimum[1]} or newer; found "
                    f"{version.splitlines()[0] if version else 'none'}")
    return nvim


# the harness itself needs 0.10 (vim.lsp.get_clients), so the 0.8 snippet is tried on 0.10+
@pytest.mark.parametrize(("name", "minimum"), [("neovim", (0, 11)), ("neovim-0.8", (0, 10))])
def test_the_neovim_snippet_attaches_and_shows_diagnostics(tmp_path, name, minimum) -> None:
    nvim = neovim(minimum)
    (tmp_path / "init.lua").write_text(snippet(name) + HARNESS, "utf-8")
    story = tmp_path / "story.md"
    story.write_text(f"# Rescuers reach the village\n\n{LINE}\n", "utf-8")
    out = tmp_path / "result.json"
    env = dict(os.environ, COPYLINT_OUT=str(out),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    run = subprocess.run([nvim, "--headless", "-i", "NONE", "-u", str(tmp_path / "init.lua"),
                          str(story)], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.exists(), run.stderr + run.stdout
    result = json.loads(out.read_text("utf-8"))
    assert result["found"], result
    assert result["encoding"] == "utf-8"
    [doubled] = result["diagnostics"]
    assert doubled == {"lnum": 2, "col": 41, "end_col": 48, "code": "garble.doubled-word",
                       "source": "copylint",
                       "message": "Doubled word: “the the”. (suggestion: “the”)"}
    assert result["hover"].startswith("garble.doubled-word (repetition, error)")
    assert result["actions"] == ["Fix: replace with “the”",
                                 "Disable garble.doubled-word for this line",
                                 "copylint: fix all safe problems in this file"]
    assert result["fixed"] == LINE.replace("the the", "the")


EMACS_HARNESS = r"""
(setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))  ; Debian's elpa-eglot
(package-initialize)
(unless (require 'eglot nil t) (kill-emacs 3))
%s
(find-file (getenv "COPYLINT_STORY"))
(apply #'eglot (eglot--guess-contact))
(with-timeout (60 nil)
  (while (not (flymake-diagnostics)) (accept-process-output nil 0.1)))
(let ((lines (mapcar (lambda (d)
                       (let ((beg (flymake-diagnostic-beg d)))
                         (format "%%d %%d %%d %%s\n" (line-number-at-pos beg)
                                 (- beg (save-excursion (goto-char beg) (line-beginning-position)))
                                 (- (flymake-diagnostic-end d) beg) (flymake-diagnostic-text d))))
                     (flymake-diagnostics))))
  (with-temp-file (getenv "COPYLINT_OUT") (apply #'insert lines)))
(kill-emacs 0)
"""


def test_the_eglot_snippet_attaches_and_shows_diagnostics(tmp_path) -> None:
    emacs = shutil.which("emacs")
    if not emacs:
        pytest.skip("Emacs is not installed")
    (tmp_path / "test.el").write_text(EMACS_HARNESS % snippet("eglot"), "utf-8")
    story = tmp_path / "story.txt"
    story.write_text(f"KYIV, Ukraine (AP) — Officials met.\n\n{LINE}\n", "utf-8")
    out = tmp_path / "result.txt"
    env = dict(os.environ, COPYLINT_OUT=str(out), COPYLINT_STORY=str(story), HOME=str(tmp_path),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    run = subprocess.run([emacs, "--batch", "-Q", "-l", str(tmp_path / "test.el")],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    if run.returncode == 3:
        pytest.skip("eglot is not available to this Emacs")
    assert out.exists(), run.stderr + run.stdout
    # Emacs counts characters: "the the" starts 34 characters into line 3 and is 7 long
    assert out.read_text("utf-8") == ("3 34 7 copylint [garble.doubled-word]: Doubled word: "
                                      "“the the”. (suggestion: “the”)\n")
