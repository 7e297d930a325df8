"""The editors' page in a real headless Chromium (Debian's, driven by Selenium through
chromedriver) against a real server: paste, drop or open a story, check it, see each finding
highlighted on exactly its words, move between findings with the mouse and the keyboard."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_server_support import ServerProcess, serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)")

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

STORY = ("KYIV, Ukraine (AP) — Volodomir Zelenskyy visited kyiv on Tuesday.. The the convoy left.\n"
         "\n"
         "Officials said the aid arrived.\n")
UNICODE_STORY = ("Crowds 😀😀 cheered as the cafe\u0301 reopened in kyiv.\n\n"
                 "A flag 🇺🇦 flew; Volodomir spoke. The the crowd left.\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> ServerProcess:
    process = serve(tmp_path_factory.mktemp("serve-page"))
    yield process
    assert process.stop() == 0


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, server: ServerProcess):
    browser.get(server.url)
    WebDriverWait(browser, 20).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#house option")) >= 3)
    return browser


def set_story(page, text: str) -> None:
    """Put text into the story box as a paste does (ChromeDriver cannot type emoji)."""
    page.execute_script(
        "const box = document.getElementById('story'); box.value = arguments[0];"
        "box.dispatchEvent(new Event('input', {bubbles: true}));", text)


def check(page) -> list[dict]:
    """Press Check, wait for the answer, and return the list's entries (index, text) in order."""
    page.find_element(By.ID, "check").click()
    WebDriverWait(page, 30).until(lambda d: d.find_element(By.ID, "status").text.endswith(
        ("finding.", "findings.")) and not d.find_element(By.ID, "results").get_attribute("hidden"))
    return page.execute_script("""
        return [...document.querySelectorAll('#findings button.finding')].map((b) => ({
          index: Number(b.dataset.index), text: b.textContent}));""")


def highlighted_text(page, index: int) -> str:
    return page.execute_script(
        "return [...document.querySelectorAll(`#copy mark[data-findings~='${arguments[0]}']`)]"
        ".map((m) => m.textContent).join('')", index)


def expected_spans(server: ServerProcess, text: str) -> list[tuple[str, str]]:
    """(rule, the exact text of its span) for each finding the API reports on `text`."""
    findings = server.post_json("/v1/check", {"text": text}).json()["findings"]
    lines = text.split("\n")
    spans = []
    for f in findings:
        start = sum(len(line) + 1 for line in lines[:f["line"] - 1]) + f["column"] - 1
        end = sum(len(line) + 1 for line in lines[:f["end_line"] - 1]) + f["end_column"] - 1
        spans.append((f["rule"], text[start:end]))
    return spans


def test_typed_story_is_highlighted_on_the_right_words(page, server: ServerProcess,
                                                        tmp_path: Path) -> None:
    box = page.find_element(By.ID, "story")
    box.send_keys(STORY)
    listed = check(page)
    expected = expected_spans(server, STORY)
    assert [span for _, span in expected] == ["Volodomir", "kyiv", "..", "The the"]
    assert len(listed) == len(expected)
    for entry, (rule, span) in zip(listed, expected, strict=True):
        assert rule in entry["text"]
        assert highlighted_text(page, entry["index"]) == span
    assert page.find_element(By.ID, "status").text == "4 findings."
    assert "Suggestion: “Volodymyr”" in listed[0]["text"]
    assert page.find_element(By.ID, "copy").text == STORY.rstrip("\n")
    # the three findings with a fix offer one; the misspelled name, a safe fix, is first
    assert len(page.find_elements(By.CSS_SELECTOR, "button.apply-fix")) == 4
    page.save_screenshot(str(tmp_path / "page.png"))  # an artefact for a human, outside the repo


def test_offsets_hold_after_emoji_and_combining_marks(page, server: ServerProcess) -> None:
    set_story(page, UNICODE_STORY)
    listed = check(page)
    expected = expected_spans(server, UNICODE_STORY)
    assert [span for _, span in expected] == ["kyiv", "Volodomir", "The the"]
    for entry, (_, span) in zip(listed, expected, strict=True):
        assert highlighted_text(page, entry["index"]) == span


def test_clicking_a_finding_focuses_its_highlight(page) -> None:
    set_story(page, STORY)
    check(page)
    page.find_element(By.ID, "finding-1").click()
    active = page.switch_to.active_element
    assert active.tag_name == "mark"
    assert active.text == "kyiv"
    assert "current" in active.get_attribute("class")
    assert page.find_element(By.ID, "finding-1").get_attribute("aria-current") == "true"
    current = page.find_elements(By.CSS_SELECTOR, "#copy mark.current")
    assert [m.text for m in current] == ["kyiv"]
    page.find_element(By.ID, "finding-3").click()
    assert [m.text for m in page.find_elements(By.CSS_SELECTOR, "#copy mark.current")] == ["The the"]
    assert page.find_element(By.ID, "finding-1").get_attribute("aria-current") is None


def test_keyboard_moves_between_findings_and_into_the_copy(page) -> None:
    set_story(page, STORY)
    check(page)
    page.execute_script("document.getElementById('finding-0').focus()")

    def press(key: str) -> None:
        ActionChains(page).send_keys(key).perform()

    press(Keys.ARROW_DOWN)
    assert page.switch_to.active_element.get_attribute("id") == "finding-1"
    press(Keys.ARROW_UP)
    assert page.switch_to.active_element.get_attribute("id") == "finding-0"
    press(Keys.ENTER)
    assert page.switch_to.active_element.text == "Volodomir"
    press(Keys.ENTER)  # from the highlight back to its finding
    assert page.switch_to.active_element.get_attribute("id") == "finding-0"
    press(Keys.TAB)  # the list's buttons are in the tab order: the finding's fix, the next one
    assert page.switch_to.active_element.text == "Apply fix"
    press(Keys.TAB)
    assert page.switch_to.active_element.get_attribute("id") == "finding-1"


def test_clicking_a_highlight_selects_its_finding(page) -> None:
    set_story(page, STORY)
    check(page)
    mark = page.find_element(By.CSS_SELECTOR, "#copy mark[data-findings~='3']")
    mark.click()
    assert page.find_element(By.ID, "finding-3").get_attribute("aria-current") == "true"


def test_ctrl_enter_checks_and_house_style_is_chosen(page) -> None:
    set_story(page, "Volodymyr Zelenskyy met Recep Tayyip Erdogan on Tuesday.\n")
    Select(page.find_element(By.ID, "house")).select_by_value("reuters")
    page.find_element(By.ID, "story").send_keys(Keys.CONTROL, Keys.ENTER)
    WebDriverWait(page, 30).until(lambda d: d.find_element(By.ID, "status").text.endswith("finding."))
    assert highlighted_text(page, 0) == "Zelenskyy"
    assert "reuters.names" in page.find_element(By.ID, "finding-0").text


def test_a_dropped_file_is_read_in_its_format(page, server: ServerProcess) -> None:
    html = "<html><body>\n<h1>Aid arrives</h1>\n<p>The convoy reached kyiv at dawn.</p>\n</body></html>\n"
    page.execute_script("""
        const transfer = new DataTransfer();
        transfer.items.add(new File([arguments[0]], 'story.html', {type: 'text/html'}));
        document.getElementById('story').dispatchEvent(
          new DragEvent('drop', {dataTransfer: transfer, bubbles: true, cancelable: true}));""", html)
    WebDriverWait(page, 10).until(lambda d: d.find_element(By.ID, "story").get_attribute("value") == html)
    assert Select(page.find_element(By.ID, "format")).first_selected_option.text == "html"
    assert page.find_element(By.ID, "status").text == "Opened story.html (html). Check it when ready."
    check(page)
    assert highlighted_text(page, 0) == "kyiv"  # the highlight sits in the HTML source


def test_a_file_opened_with_the_file_input(page, tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text("# Talks in kyiv\n\nThe the talks ended.\n", encoding="utf-8")
    page.find_element(By.ID, "file").send_keys(str(story))
    WebDriverWait(page, 10).until(lambda d: d.find_element(By.ID, "story").get_attribute("value"))
    assert Select(page.find_element(By.ID, "format")).first_selected_option.text == "markdown"
    check(page)
    assert [highlighted_text(page, i) for i in range(2)] == ["kyiv", "The the"]


def test_a_5000_word_story(page, server: ServerProcess) -> None:
    paragraph = ("Officials in kyiv said the convoy of {} trucks reached the city on Tuesday after "
                 "a long night on the road, and aid workers began unloading food and medicine. ")
    # each paragraph its own (the same line again and again would be a repeated scraped line)
    text = "\n\n".join(paragraph.format(n + 10) for n in range(173)) + "\n"
    assert 5000 <= len(text.split()) <= 5100
    set_story(page, text)
    check(page)
    marks = page.execute_script("return document.querySelectorAll('#copy mark').length")
    assert marks == 173
    assert page.find_element(By.ID, "status").text == "173 findings."
    assert highlighted_text(page, 172) == "kyiv"
    page.find_element(By.ID, "finding-172").click()
    assert page.switch_to.active_element.text == "kyiv"


def test_copy_out_and_empty_story(page, server: ServerProcess) -> None:
    page.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": server.url.rstrip("/"), "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    set_story(page, "")
    page.find_element(By.ID, "check").click()
    assert page.find_element(By.ID, "status").text == "Paste or drop a story first."
    set_story(page, STORY)
    check(page)
    page.find_element(By.ID, "copy-report").click()
    WebDriverWait(page, 10).until(lambda d: d.find_element(By.ID, "status").text == "The findings copied.")
    copied = page.execute_async_script(
        "navigator.clipboard.readText().then(arguments[0], (e) => arguments[0]('error: ' + e))")
    assert copied.splitlines()[0] == ("1:22: error names.misspelled Misspelled name: “Volodomir” "
                                      "should be “Volodymyr”.")
    page.find_element(By.ID, "copy-story").click()
    WebDriverWait(page, 10).until(lambda d: d.find_element(By.ID, "status").text == "The story copied.")
    assert page.execute_async_script("navigator.clipboard.readText().then(arguments[0])") == STORY


def test_controls_are_labelled_and_the_list_is_announced(page) -> None:
    unlabelled = page.execute_script("""
        return [...document.querySelectorAll('input, select, textarea')]
          .filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id);""")
    assert unlabelled == []
    assert page.find_element(By.ID, "status").get_attribute("role") == "status"
    assert page.find_element(By.ID, "status").get_attribute("aria-live") == "polite"
    assert page.find_element(By.ID, "findings").get_attribute("aria-label")
    assert page.find_element(By.ID, "copy").get_attribute("aria-label")


def test_the_page_behind_a_token(browser, tmp_path: Path) -> None:
    """With --token the browser logs in with HTTP Basic (the token as the password) and the
    page's own requests go out with that login."""
    process = serve(tmp_path, "--token", "tok-123")
    try:
        browser.get(f"http://editor:tok-123@127.0.0.1:{process.port}/")
        WebDriverWait(browser, 20).until(
            lambda d: len(d.find_elements(By.CSS_SELECTOR, "#house option")) >= 3)
        set_story(browser, "Volodomir spoke.\n")
        check(browser)
        assert highlighted_text(browser, 0) == "Volodomir"
    finally:
        assert process.stop() == 0


def test_apply_fix_repairs_that_finding_and_shows_what_is_left(page, server: ServerProcess) -> None:
    set_story(page, STORY)
    listed = check(page)
    name = next(entry["index"] for entry in listed if "names.misspelled" in entry["text"])
    page.find_element(By.CSS_SELECTOR,
                      f"#findings li:nth-child({name + 1}) button.apply-fix").click()
    WebDriverWait(page, 30).until(
        lambda d: d.find_element(By.ID, "story").get_attribute("value").startswith(
            "KYIV, Ukraine (AP) — Volodymyr"))
    assert page.find_element(By.ID, "story").get_attribute("value") == \
        STORY.replace("Volodomir", "Volodymyr")
    WebDriverWait(page, 30).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#findings button.finding")) == 3)
    assert page.find_element(By.ID, "status").text.startswith("Fixed: Misspelled name")
    left = [s for _, s in expected_spans(server, STORY.replace("Volodomir", "Volodymyr"))]
    assert left == ["kyiv", "..", "The the"]
    assert [highlighted_text(page, index) for index in range(3)] == left
